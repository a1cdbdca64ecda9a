import { Global, Module } from '@nestjs/common';
import { CacheInvalidation } from './cache-invalidation';
import { RedisClient } from './redis-client';

@Global()
@Module({ providers: [RedisClient, CacheInvalidation], exports: [RedisClient, CacheInvalidation] })
export class RedisModule {}
