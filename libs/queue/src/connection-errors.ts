import type { Logger } from '@nestjs/common';

const QUIET_PERIOD_MS = 60_000;

/**
 * An 'error' listener for BullMQ queues and workers. They reconnect on their own and would report
 * every failed reconnect (about once a second while Redis is down); one log line per queue per
 * minute says the same. Without a listener at all BullMQ prints raw stack traces to stderr.
 */
export function connectionErrorLogger(logger: Logger, queue: string): (err: Error) => void {
  let lastLoggedAt = 0;
  return (err) => {
    if (Date.now() - lastLoggedAt < QUIET_PERIOD_MS) return;
    lastLoggedAt = Date.now();
    logger.error({ err, queue }, 'Queue connection error (retrying; further errors muted for a minute)');
  };
}
