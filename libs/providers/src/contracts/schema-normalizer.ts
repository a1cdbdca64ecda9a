/**
 * Prepares OpenAPI schemas for Ajv: OpenAPI 3.0's `nullable` becomes a JSON Schema null type and its
 * boolean exclusive bounds become numeric ones;
 * local `#/...` references are rewritten to point into the document registered under `rootId`.
 */
export function normalizeSchemas(node: unknown, rootId: string, openApi30: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => normalizeSchemas(item, rootId, openApi30));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? `${rootId}${value}`
        : normalizeSchemas(value, rootId, openApi30);
  }
  if (!openApi30) return out;
  // OpenAPI 3.0 (JSON Schema draft 4) booleans: exclusiveMaximum: true qualifies `maximum`.
  for (const [exclusive, bound] of [
    ['exclusiveMaximum', 'maximum'],
    ['exclusiveMinimum', 'minimum'],
  ] as const) {
    if (typeof out[exclusive] !== 'boolean') continue;
    if (out[exclusive] === true && typeof out[bound] === 'number') {
      out[exclusive] = out[bound];
      delete out[bound];
    } else delete out[exclusive];
  }
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}
