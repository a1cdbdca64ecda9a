import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { JobQueues } from '@app/queue';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Queue depth in the logs: one line per queue every QUEUE_METRICS_INTERVAL_MS (0 = off). */
@Injectable()
export class QueueMetrics implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QueueMetrics.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queues: JobQueues,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.QUEUE_METRICS_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => void this.report(), this.config.QUEUE_METRICS_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async report(): Promise<void> {
    try {
      for (const queue of this.queues.all()) {
        this.logger.log({ queue: queue.name, counts: await queue.getJobCounts(...STATES) }, 'Queue depth');
      }
    } catch (err) {
      this.logger.warn({ err }, 'Could not read queue depth');
    }
  }
}
