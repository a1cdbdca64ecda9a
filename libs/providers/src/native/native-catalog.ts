import { Injectable } from '@nestjs/common';
import { GatewayError } from '@app/errors';
import type { BillingProvider } from '../billing-provider';
import { OpenApiContract } from '../contracts/openapi-contract';
import type { ProviderCall } from '../provider-call';
import type { ProviderId } from '../provider-id';
import { ProviderRegistry } from '../provider-registry';
import type {
  NativeHints,
  NativeInput,
  NativeOperation,
  NativeOperationDeclaration,
} from './native-operation';

const DEFAULT_HINTS: Record<NativeOperation['method'], NativeHints> = {
  GET: { readOnly: true, destructive: false, idempotent: true },
  PUT: { readOnly: false, destructive: false, idempotent: true },
  PATCH: { readOnly: false, destructive: false, idempotent: false },
  POST: { readOnly: false, destructive: false, idempotent: false },
  DELETE: { readOnly: false, destructive: true, idempotent: true },
};

/**
 * Every catalogued provider operation, resolved against the provider's OpenAPI contract at
 * start-up (an operationId missing from the spec fails start-up). Input is validated against the
 * spec before anything is sent, and the parameters that identify the tenant's account are filled
 * from the connection: a caller can neither override them nor call anything not catalogued.
 */
@Injectable()
export class NativeCatalog {
  private readonly operations = new Map<ProviderId, Map<string, NativeOperation>>();

  constructor(registry: ProviderRegistry) {
    for (const adapter of registry.all()) {
      const contract = OpenApiContract.for(adapter.id);
      const byId = new Map<string, NativeOperation>();
      for (const declaration of adapter.nativeOperations) {
        if (byId.has(declaration.operationId))
          throw new Error(`${adapter.id}: ${declaration.operationId} is catalogued twice`);
        byId.set(declaration.operationId, this.resolve(adapter, contract, declaration));
      }
      this.operations.set(adapter.id, byId);
    }
  }

  list(provider: ProviderId): NativeOperation[] {
    return [...(this.operations.get(provider)?.values() ?? [])];
  }

  get(provider: ProviderId, operationId: string): NativeOperation {
    const operation = this.operations.get(provider)?.get(operationId);
    if (!operation) throw GatewayError.notFound(`Native operation ${operationId} of ${provider}`);
    return operation;
  }

  /** Validates caller input and returns it with the account parameters fixed by the connection. */
  prepare(operation: NativeOperation, call: ProviderCall, input: NativeInput): Required<NativeInput> {
    const account = call.account as Record<string, unknown>;
    const path = { ...(input.path ?? {}) };
    const fixed: Array<{ field: string; message: string }> = [];
    for (const [param, accountField] of Object.entries(operation.accountParams)) {
      if (path[param] !== undefined && path[param] !== account[accountField]) {
        fixed.push({
          field: `path.${param}`,
          message: `${param} is fixed by the connection and cannot be overridden`,
        });
      }
      path[param] = String(account[accountField] ?? '');
    }
    let body = input.body;
    if (Object.keys(operation.accountBodyFields).length > 0) {
      const given = (body ?? {}) as Record<string, unknown>;
      for (const [field, accountField] of Object.entries(operation.accountBodyFields)) {
        if (given[field] !== undefined && given[field] !== account[accountField]) {
          fixed.push({
            field: `body.${field}`,
            message: `${field} is fixed by the connection and cannot be overridden`,
          });
        }
      }
      body = {
        ...given,
        ...Object.fromEntries(Object.entries(operation.accountBodyFields).map(([f, a]) => [f, account[a]])),
      };
    }
    const known = new Set(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name));
    for (const name of Object.keys(path)) {
      if (!known.has(name))
        fixed.push({ field: `path.${name}`, message: 'is not a path parameter of this operation' });
    }
    const violations = [
      ...fixed,
      ...OpenApiContract.for(operation.provider).validateRequest(operation.operationId, {
        pathParams: path,
        query: input.query,
        body,
        formEncoded: operation.requestBody?.contentType === 'application/x-www-form-urlencoded',
      }),
    ];
    if (violations.length > 0) {
      throw GatewayError.validation(
        violations,
        `The input does not match ${operation.operationId} in the ${operation.provider} contract.`,
      );
    }
    return { path, query: input.query ?? {}, body };
  }

  private resolve(
    adapter: BillingProvider,
    contract: OpenApiContract,
    declaration: NativeOperationDeclaration,
  ): NativeOperation {
    const spec = contract.operation(declaration.operationId);
    return {
      provider: adapter.id,
      operationId: spec.operationId,
      method: spec.method,
      path: spec.path,
      summary: spec.summary,
      hints: { ...DEFAULT_HINTS[spec.method], ...declaration.hints },
      accountParams: declaration.accountParams ?? {},
      accountBodyFields: declaration.accountBodyFields ?? {},
      parameters: spec.parameters.filter(
        (p): p is typeof p & { in: 'path' | 'query' | 'header' } => p.in !== 'cookie',
      ),
      requestBody: spec.requestBody,
    };
  }
}
