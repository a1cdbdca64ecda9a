export * from './cache-invalidation';
export * from './redis-client';
export * from './redis.module';
export * from './tenant-scoped-cache';
