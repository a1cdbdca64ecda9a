import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/persistence';
import { ConnectionResolver, NativeCatalog, type NativeOperation } from '@app/providers';
import { CredentialCheckDto, NativeCallDto, NativeCallResultDto, NativeOperationDto } from './native.dto';

@Injectable()
export class NativeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly catalog: NativeCatalog,
    private readonly resolver: ConnectionResolver,
  ) {}

  /** The operations available on the tenant's connections, each with the connections it can run on. */
  async listOperations(tenantId: string): Promise<NativeOperationDto[]> {
    const connections = await this.prisma.providerConnection.findMany({
      where: { tenantId },
      select: { id: true, provider: true },
      orderBy: { createdAt: 'asc' },
    });
    const providers = [...new Set(connections.map((connection) => connection.provider))];
    return providers.flatMap((provider) =>
      this.catalog.list(provider).map((operation) =>
        this.map(
          operation,
          connections
            .filter((connection) => connection.provider === provider)
            .map((connection) => connection.id),
        ),
      ),
    );
  }

  async call(
    tenantId: string,
    connectionId: string,
    operationId: string,
    input: NativeCallDto,
    idempotencyKey?: string,
  ): Promise<NativeCallResultDto> {
    const { adapter, call, connection } = await this.resolver.resolve(tenantId, connectionId, idempotencyKey);
    const operation = this.catalog.get(adapter.id, operationId);
    const prepared = this.catalog.prepare(operation, call, input);
    const result = await adapter.callNative(call, operation, prepared);
    return {
      provider: adapter.id,
      connectionId: connection.id,
      operationId,
      upstreamStatus: result.status,
      data: result.body ?? null,
    };
  }

  async verify(tenantId: string, connectionId: string): Promise<CredentialCheckDto> {
    const { adapter, call } = await this.resolver.resolve(tenantId, connectionId);
    const check = await adapter.verifyCredentials(call);
    return { provider: adapter.id, connectionId, ...check, checkedAt: new Date().toISOString() };
  }

  private map(operation: NativeOperation, connectionIds: string[]): NativeOperationDto {
    return {
      provider: operation.provider,
      operationId: operation.operationId,
      method: operation.method,
      path: operation.path,
      summary: operation.summary,
      hints: operation.hints,
      fixedParameters: Object.keys(operation.accountParams),
      connectionIds,
    };
  }
}
