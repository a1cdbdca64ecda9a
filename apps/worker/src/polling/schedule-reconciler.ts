import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/persistence';
import { PollSchedules } from '@app/queue';

/** Redis round trips in flight at once while reconciling thousands of connections. */
const PARALLEL = 32;

export interface Reconciliation {
  connections: number;
  created: number;
  updated: number;
  removed: number;
}

/**
 * Makes the poll schedules match the connections: one per connection at its interval, none for a
 * deleted connection. Runs at start-up and every POLL_RECONCILE_INTERVAL_MS, so a schedule hook
 * that did not run (Redis down during an admin change, a tenant deleted with its connections)
 * heals on its own. Idempotent, so several workers may run it at the same time.
 */
@Injectable()
export class ScheduleReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ScheduleReconciler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly prisma: PrismaService,
    private readonly schedules: PollSchedules,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: readiness must not wait for thousands of schedules.
    void this.runLogged();
    if (this.config.POLL_RECONCILE_INTERVAL_MS > 0) {
      this.timer = setInterval(() => void this.runLogged(), this.config.POLL_RECONCILE_INTERVAL_MS);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async reconcile(): Promise<Reconciliation> {
    // Schedules are read before connections: a connection created in between then has both (and
    // its upsert is a no-op); the reverse order could remove the schedule of such a connection.
    const schedulers = await this.schedules.all();
    const connections = await this.prisma.providerConnection.findMany({
      select: { id: true, tenantId: true, pollIntervalSeconds: true },
    });
    const result: Reconciliation = { connections: connections.length, created: 0, updated: 0, removed: 0 };
    const work: Array<() => Promise<unknown>> = [];
    for (const connection of connections) {
      const scheduler = schedulers.get(connection.id);
      schedulers.delete(connection.id);
      if (scheduler && this.schedules.isCurrent(scheduler, connection)) continue;
      result[scheduler ? 'updated' : 'created']++;
      work.push(() => this.schedules.upsert(connection));
    }
    for (const connectionId of schedulers.keys()) {
      result.removed++;
      work.push(() => this.schedules.remove(connectionId));
    }
    for (let i = 0; i < work.length; i += PARALLEL)
      await Promise.all(work.slice(i, i + PARALLEL).map((run) => run()));
    return result;
  }

  private async runLogged(): Promise<void> {
    try {
      this.logger.log(await this.reconcile(), 'Poll schedules reconciled');
    } catch (err) {
      this.logger.error({ err }, 'Could not reconcile poll schedules; will try again');
    }
  }
}
