import { Injectable } from '@nestjs/common';
import { ErrorType, GatewayError } from '@app/errors';
import { PrismaService } from '@app/persistence';
import { PollSchedules } from '@app/queue';
import type { PollRequestedDto, PollStatusDto } from './poll.dto';

const iso = (date: Date | null | undefined): string | null => date?.toISOString() ?? null;

/** Operators' view of polling: request a poll now, see where polling of a connection stands. */
@Injectable()
export class ConnectionPolls {
  constructor(
    private readonly prisma: PrismaService,
    private readonly schedules: PollSchedules,
  ) {}

  async request(tenantId: string, connectionId: string): Promise<PollRequestedDto> {
    const connection = await this.find(tenantId, connectionId);
    const requestedAt = new Date().toISOString();
    try {
      return { jobId: await this.schedules.requestPoll(connection), connectionId, requestedAt };
    } catch (error) {
      throw new GatewayError(ErrorType.ServiceUnavailable, 'The poll queue is unavailable; retry later.', {
        extensions: { cause: error instanceof Error ? error.name : 'unknown' },
      });
    }
  }

  async status(tenantId: string, connectionId: string): Promise<PollStatusDto> {
    const connection = await this.find(tenantId, connectionId);
    const [state, scheduler] = await Promise.all([
      this.prisma.connectionPollState.findUnique({ where: { connectionId } }),
      this.schedules.get(connectionId),
    ]);
    return {
      connectionId,
      intervalSeconds: this.schedules.intervalMs(connection) / 1_000,
      scheduled: scheduler !== undefined,
      nextPollAt: scheduler?.next ? new Date(scheduler.next).toISOString() : null,
      observedAt: iso(state?.observedAt),
      attemptedAt: iso(state?.attemptedAt),
      lastError: (state?.lastError ?? null) as Record<string, unknown> | null,
      backoffUntil: iso(state?.backoffUntil),
      rateLimitedCount: state?.rateLimitedCount ?? 0,
    };
  }

  private async find(tenantId: string, connectionId: string) {
    const connection = await this.prisma.providerConnection.findFirst({
      where: { id: connectionId, tenantId },
      select: { id: true, tenantId: true, pollIntervalSeconds: true },
    });
    if (!connection) throw GatewayError.notFound('Connection', connectionId);
    return connection;
  }
}
