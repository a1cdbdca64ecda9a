import { normalizeSchemas } from '@app/providers';

export type JsonSchema = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The node a local JSON pointer (`x#/components/schemas/Name`) designates in `document`. */
export function resolvePointer(document: unknown, ref: string): unknown {
  const pointer = ref.slice(ref.indexOf('#') + 1).replace(/^\//, '');
  return pointer
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), document);
}

/**
 * Turns an OpenAPI schema into a self-contained JSON Schema for an MCP tool: a tool's input schema
 * travels alone (there is no document to resolve `$ref`s against, and several MCP clients cannot
 * resolve them anyway), so references are inlined. A reference back into a schema that is being
 * inlined (a recursive type) becomes an unconstrained `{}`: the gateway validates the real input
 * against the full schema before anything is sent, so nothing is lost but documentation.
 *
 * Also, for the JSON Schema dialect MCP uses: OpenAPI 3.0's `nullable` and boolean exclusive
 * bounds are rewritten (the providers' schema normalizer), the singular `example` becomes
 * `examples`, an `allOf` of a single schema (how Nest's swagger wraps a described `$ref`) is
 * merged into its parent, and empty `required` lists (invalid in older drafts) are dropped.
 */
export function selfContained(schema: unknown, resolve: (ref: string) => unknown): JsonSchema {
  const inline = (node: unknown, stack: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item) => inline(item, stack));
    if (!isObject(node)) return node;
    const { $ref, allOf, example, ...rest } = node;
    let out: Record<string, unknown> = {};
    if (typeof $ref === 'string') {
      out = stack.includes($ref) ? {} : (inline(resolve($ref), [...stack, $ref]) as JsonSchema);
    }
    if (Array.isArray(allOf) && allOf.length === 1) {
      out = { ...out, ...(inline(allOf[0], stack) as JsonSchema) };
    } else if (allOf !== undefined) {
      out.allOf = inline(allOf, stack);
    }
    for (const [key, value] of Object.entries(rest)) {
      if (key === 'required' && Array.isArray(value) && value.length === 0) continue;
      if (DATA_KEYWORDS.has(key)) out[key] = value;
      else if (NAME_MAPS.has(key) && isObject(value)) {
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, item]) => [name, inline(item, stack)]),
        );
      } else out[key] = inline(value, stack);
    }
    if (example !== undefined && out.examples === undefined) out.examples = [example];
    return out;
  };
  return normalizeSchemas(inline(schema, []), '', true) as JsonSchema;
}

/** Keywords whose values are data, not schemas: never rewritten. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);
/** Keywords whose values map names (which may be `example` or `$ref`) to schemas. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);

/**
 * `{type: 'object', properties, required}`, without an empty `required` (some clients reject it).
 * Closed (no other properties) unless `open`.
 */
export function objectSchema(
  properties: Record<string, unknown>,
  required: readonly string[],
  { open = false } = {},
): JsonSchema {
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required: [...required] } : {}),
    ...(open ? {} : { additionalProperties: false }),
  };
}
