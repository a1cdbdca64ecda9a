import type { InvalidationScope } from '@app/redis';

/**
 * The two members of CacheInvalidation a per-process cache uses, for the caches' unit tests;
 * `emit` stands for a message received over Redis pub/sub (the e2e tests use the real one).
 */
export function invalidationBus(active = true) {
  const listeners: Array<(scope: InvalidationScope) => void> = [];
  return {
    active,
    onInvalidate: (listener: (scope: InvalidationScope) => void) => {
      listeners.push(listener);
      return () => undefined;
    },
    emit: (scope: InvalidationScope) => listeners.forEach((listener) => listener(scope)),
  };
}
