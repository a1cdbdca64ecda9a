import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import Redis from 'ioredis';

/** The process' general-purpose Redis connection (BullMQ opens its own). */
@Injectable()
export class RedisClient extends Redis implements OnModuleDestroy {
  constructor(@Inject(AppConfig) config: AppConfig) {
    // No offline queue: when Redis is down, commands fail fast instead of piling up, so
    // readiness checks report it at once.
    super(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    this.on('error', () => undefined); // reconnects on its own; readiness reports the outage
  }

  async onModuleDestroy(): Promise<void> {
    this.disconnect();
  }
}
