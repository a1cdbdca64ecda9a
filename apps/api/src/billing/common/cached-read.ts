import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '@app/config';
import { ErrorType, GatewayError } from '@app/errors';
import type { Capability, ResolvedConnection } from '@app/providers';
import { type ResourceType, type SnapshotPage, type SnapshotQuery, SnapshotReader } from '@app/queue';
import { BillingGateway } from './billing-gateway';
import { ConnectionQueryDto } from './connection-selector.dto';

export const SNAPSHOT_AGE_HEADER = 'X-Snapshot-Age';

/** For @ApiOkResponse({headers}) of routes with `?cached=true`. */
export const SNAPSHOT_AGE_DOC = {
  [SNAPSHOT_AGE_HEADER]: {
    description: 'Only with `cached=true`: seconds since the poll that last confirmed the snapshot.',
    schema: { type: 'integer', minimum: 0 },
  },
};

/** `cached` as a query string ('true'/'false') or, from MCP tool calls, as a boolean. */
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class CachedQueryDto extends ConnectionQueryDto {
  @ApiPropertyOptional({
    description:
      "true: answer from the latest snapshot of the connection's background polling, without calling the " +
      'provider; `X-Snapshot-Age` says how old it is. 409 until the connection has been polled once.',
    default: false,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'cached must be true or false' })
  cached?: boolean;
}

/** Sets X-Snapshot-Age on the response from when the snapshot was last confirmed. */
export const snapshotAge =
  (response: Pick<FastifyReply, 'header'>) =>
  (observedAt: Date): void => {
    response.header(
      SNAPSHOT_AGE_HEADER,
      String(Math.max(0, Math.floor((Date.now() - observedAt.getTime()) / 1_000))),
    );
  };

/**
 * `?cached=true` reads: the same connection resolution and capability check as a live read (404,
 * 501), then the snapshot instead of the provider. Until the first successful poll there is no
 * snapshot: 409, saying when one will exist.
 */
@Injectable()
export class CachedReads {
  constructor(
    private readonly gateway: BillingGateway,
    private readonly snapshots: SnapshotReader,
    private readonly config: AppConfig,
  ) {}

  async read<T>(
    tenantId: string,
    connectionId: string | undefined,
    capability: Capability,
    type: ResourceType,
    onAge: (observedAt: Date) => void,
  ): Promise<T[]> {
    const resolved = await this.gateway.connect(tenantId, connectionId, [capability]);
    return (await this.page<T>(resolved, type, onAge)).data;
  }

  /** For listings whose query depends on the resolved connection (cursors bound to it). */
  async page<T>(
    resolved: ResolvedConnection,
    type: ResourceType,
    onAge: (observedAt: Date) => void,
    query?: SnapshotQuery,
  ): Promise<SnapshotPage<T>> {
    const page = await this.snapshots.read<T>(resolved.connection.id, type, query);
    if (!page) throw this.notPolledYet(resolved, type);
    onAge(page.observedAt);
    return page;
  }

  private notPolledYet({ connection }: ResolvedConnection, type: ResourceType): GatewayError {
    const minutes = Math.ceil((connection.pollIntervalSeconds ?? this.config.POLL_INTERVAL_MS / 1_000) / 60);
    return new GatewayError(
      ErrorType.Conflict,
      `No snapshot of ${type} for connection ${connection.id} yet: it has not been polled successfully ` +
        `since it was created (polls run every ${minutes} minute(s)). Retry later, or read without cached=true.`,
      { extensions: { connectionId: connection.id, resourceType: type } },
    );
  }
}
