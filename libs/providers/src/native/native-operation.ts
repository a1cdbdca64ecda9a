import type { AnySchema } from 'ajv';
import type { ProviderId } from '../provider-id';

/** MCP-style behaviour hints of an operation. */
export interface NativeHints {
  readOnly: boolean;
  destructive: boolean;
  idempotent: boolean;
}

/** What an adapter writes per operation; method, path and schemas come from the spec file. */
export interface NativeOperationDeclaration {
  /** The spec's operationId, verbatim. */
  operationId: string;
  /** Overrides of the hints derived from the HTTP method (GET: read-only; DELETE: destructive). */
  hints?: Partial<NativeHints>;
  /**
   * Path parameters that identify the tenant's account, filled from the connection's `account`
   * (parameter name → account field) and never from the caller.
   */
  accountParams?: Record<string, string>;
  /** Body fields filled from the connection's account (Stripe `customer`), likewise not overridable. */
  accountBodyFields?: Record<string, string>;
}

export interface NativeParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: AnySchema;
}

/** A declaration resolved against the provider's spec. */
export interface NativeOperation {
  provider: ProviderId;
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  hints: NativeHints;
  accountParams: Record<string, string>;
  accountBodyFields: Record<string, string>;
  parameters: NativeParameter[];
  requestBody: { contentType: string; required: boolean; schema: AnySchema } | null;
}

export interface NativeInput {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export interface NativeResult {
  status: number;
  body: unknown;
}
