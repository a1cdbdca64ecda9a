import Ajv, { type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ProviderId } from '../provider-id';
import { type OpenApiDocument, readContract } from './contract-files';
import { normalizeSchemas } from './schema-normalizer';

const ROOT_ID = 'contract';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface ContractParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: AnySchema;
}

export interface ContractOperation {
  operationId: string;
  method: Uppercase<(typeof METHODS)[number]>;
  path: string;
  summary: string;
  parameters: ContractParameter[];
  requestBody: { contentType: string; required: boolean; schema: AnySchema } | null;
  responses: Record<string, { contentType: string | null; schema: AnySchema | null }>;
  security: Array<Record<string, unknown>> | null;
}

export interface ContractViolation {
  field: string;
  message: string;
}

function createAjv(document: OpenApiDocument, coerceTypes: boolean): Ajv {
  const options = { strict: false, allErrors: true, coerceTypes, validateSchema: false } as const;
  const ajv = document.openapi.startsWith('3.1') ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  for (const format of ['unix-time', 'decimal', 'binary', 'int32', 'int64', 'float', 'double']) {
    ajv.addFormat(format, true);
  }
  return ajv;
}

const toViolations = (errors: ErrorObject[] | null | undefined, prefix: string): ContractViolation[] =>
  (errors ?? []).map((error) => {
    const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const missing =
      error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : '';
    const field = [prefix, path, missing].filter(Boolean).join('.');
    return { field: field || prefix, message: error.message ?? 'is invalid' };
  });

/**
 * One provider's OpenAPI subset: its operations, and JSON Schema validation of inputs and outputs
 * against it. Used at runtime (native operations are validated before anything is sent) and by the
 * contract tests (every request an adapter sends and every fake response must conform).
 */
export class OpenApiContract {
  private static readonly loaded = new Map<ProviderId, OpenApiContract>();
  private readonly operations = new Map<string, ContractOperation>();
  /** Strict instance for JSON bodies; a coercing one for query/path/form values, which are strings on the wire. */
  private readonly ajv: Ajv;
  private readonly coercingAjv: Ajv;
  private readonly compiled = new WeakMap<
    object,
    { strict?: ValidateFunction; coercing?: ValidateFunction }
  >();

  static for(provider: ProviderId): OpenApiContract {
    let contract = OpenApiContract.loaded.get(provider);
    if (!contract) {
      contract = new OpenApiContract(readContract(provider));
      OpenApiContract.loaded.set(provider, contract);
    }
    return contract;
  }

  constructor(readonly document: OpenApiDocument) {
    const normalized = normalizeSchemas(
      document,
      ROOT_ID,
      document.openapi.startsWith('3.0'),
    ) as OpenApiDocument;
    this.ajv = createAjv(document, false);
    this.coercingAjv = createAjv(document, true);
    this.ajv.addSchema(normalized as AnySchema, ROOT_ID);
    this.coercingAjv.addSchema(normalized as AnySchema, ROOT_ID);
    for (const [path, item] of Object.entries(normalized.paths)) {
      for (const method of METHODS) {
        const raw = item[method] as Record<string, unknown> | undefined;
        if (raw) this.addOperation(path, method, raw, (item.parameters as unknown[]) ?? [], normalized);
      }
    }
  }

  get serverUrl(): string {
    return this.document.servers?.[0]?.url ?? '';
  }

  operation(operationId: string): ContractOperation {
    const operation = this.operations.get(operationId);
    if (!operation) throw new Error(`No operation "${operationId}" in the contract`);
    return operation;
  }

  allOperations(): ContractOperation[] {
    return [...this.operations.values()];
  }

  /** Finds the operation a concrete request path matches, with its path parameters. */
  match(
    method: string,
    path: string,
  ): { operation: ContractOperation; pathParams: Record<string, string> } | undefined {
    for (const operation of this.operations.values()) {
      if (operation.method !== method.toUpperCase()) continue;
      const names: string[] = [];
      const pattern = operation.path
        .replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`))
        .replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
      const found = new RegExp(`^${pattern}$`).exec(path);
      if (found) {
        const pathParams = Object.fromEntries(
          names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]),
        );
        return { operation, pathParams };
      }
    }
    return undefined;
  }

  /** Validates a value against a schema of this document; `coerce` for string-typed wire values. */
  validate(schema: AnySchema, value: unknown, field: string, coerce = false): ContractViolation[] {
    const key = schema as object;
    const entry = this.compiled.get(key) ?? {};
    const slot = coerce ? 'coercing' : 'strict';
    let validator = entry[slot];
    if (!validator) {
      validator = (coerce ? this.coercingAjv : this.ajv).compile(schema);
      entry[slot] = validator;
      this.compiled.set(key, entry);
    }
    const copy = value === undefined ? undefined : structuredClone(value);
    return validator(copy) ? [] : toViolations(validator.errors, field);
  }

  /** Path, query and body checks for one request; `formEncoded` bodies are validated with coercion. */
  validateRequest(
    operationId: string,
    request: {
      pathParams?: Record<string, string>;
      query?: Record<string, unknown>;
      body?: unknown;
      formEncoded?: boolean;
    },
  ): ContractViolation[] {
    const operation = this.operation(operationId);
    const violations: ContractViolation[] = [];
    const sources = { path: request.pathParams ?? {}, query: request.query ?? {} } as Record<
      string,
      Record<string, unknown>
    >;
    for (const parameter of operation.parameters) {
      if (parameter.in !== 'path' && parameter.in !== 'query') continue;
      const value = sources[parameter.in]![parameter.name];
      if (value === undefined) {
        if (parameter.required)
          violations.push({ field: `${parameter.in}.${parameter.name}`, message: 'is required' });
        continue;
      }
      violations.push(...this.validate(parameter.schema, value, `${parameter.in}.${parameter.name}`, true));
    }
    const known = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of Object.keys(request.query ?? {})) {
      if (!known.has(name) && !known.has(name.replace(/\[.*$/, '')))
        violations.push({ field: `query.${name}`, message: 'is not a parameter of this operation' });
    }
    if (operation.requestBody) {
      if (request.body === undefined || request.body === null) {
        if (operation.requestBody.required) violations.push({ field: 'body', message: 'is required' });
      } else {
        violations.push(
          ...this.validate(operation.requestBody.schema, request.body, 'body', request.formEncoded === true),
        );
      }
    } else if (
      request.body !== undefined &&
      request.body !== null &&
      !(typeof request.body === 'object' && Object.keys(request.body).length === 0)
    ) {
      violations.push({ field: 'body', message: 'this operation takes no body' });
    }
    return violations;
  }

  /** Checks a response body against the spec's schema for that status (or `default`). */
  validateResponse(operationId: string, status: number, body: unknown): ContractViolation[] {
    const operation = this.operation(operationId);
    const response =
      operation.responses[String(status)] ??
      operation.responses[`${String(status)[0]}XX`] ??
      operation.responses.default;
    if (!response)
      return [{ field: 'status', message: `${status} is not a documented response of ${operationId}` }];
    if (!response.schema) return [];
    return this.validate(response.schema, body, 'response');
  }

  private addOperation(
    path: string,
    method: (typeof METHODS)[number],
    raw: Record<string, unknown>,
    shared: unknown[],
    doc: OpenApiDocument,
  ): void {
    const resolve = <T>(node: unknown): T => {
      const ref = (node as { $ref?: string })?.$ref;
      if (!ref) return node as T;
      const pointer = ref.slice(`${ROOT_ID}#/`.length).split('/');
      return pointer.reduce<unknown>((acc, part) => (acc as Record<string, unknown>)[part], doc) as T;
    };
    const parameters = [...shared, ...((raw.parameters as unknown[]) ?? [])].map((p) => {
      const param = resolve<{
        name: string;
        in: ContractParameter['in'];
        required?: boolean;
        schema?: AnySchema;
      }>(p);
      return {
        name: param.name,
        in: param.in,
        required: param.required === true,
        schema: param.schema ?? {},
      };
    });
    const body = resolve<
      { required?: boolean; content?: Record<string, { schema?: AnySchema }> } | undefined
    >(raw.requestBody);
    const [contentType, media] = Object.entries(body?.content ?? {})[0] ?? [];
    const responses: ContractOperation['responses'] = {};
    for (const [status, value] of Object.entries((raw.responses as Record<string, unknown>) ?? {})) {
      const response = resolve<{ content?: Record<string, { schema?: AnySchema }> }>(value);
      const [type, content] = Object.entries(response.content ?? {})[0] ?? [];
      responses[status] = { contentType: type ?? null, schema: content?.schema ?? null };
    }
    const operationId = raw.operationId as string;
    this.operations.set(operationId, {
      operationId,
      method: method.toUpperCase() as ContractOperation['method'],
      path,
      summary: (raw.summary as string) ?? (raw.description as string)?.split('\n')[0] ?? operationId,
      parameters,
      requestBody:
        contentType && media?.schema
          ? { contentType, required: body?.required === true, schema: media.schema }
          : null,
      responses,
      security: (raw.security as ContractOperation['security']) ?? null,
    });
  }
}
