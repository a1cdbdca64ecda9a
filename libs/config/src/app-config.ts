import { plainToInstance, Transform } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const splitList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;
const UPSTREAM_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value !== '' ? Number(value) : value;

const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/**
 * Every setting of the gateway, read from the environment once at start-up and validated here.
 * Nothing else reads process.env: inject AppConfig instead. Each variable is documented in
 * .env.example.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgresql:// URL' })
  DATABASE_URL: string;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL: string;

  /** Admin bearer keys; several so they can be rotated without downtime. */
  @Transform(splitList)
  @IsArray()
  @MinLength(32, { each: true, message: 'each ADMIN_API_KEYS entry must be at least 32 characters' })
  ADMIN_API_KEYS: string[];

  /** `version:base64key` pairs, newest first; the first encrypts, all decrypt. */
  @Transform(splitList)
  @IsArray()
  @Matches(/^\d+:[A-Za-z0-9+/=_-]+$/, {
    each: true,
    message: 'CREDENTIALS_ENCRYPTION_KEYS entries must look like <version>:<base64 32-byte key>',
  })
  CREDENTIALS_ENCRYPTION_KEYS: string[];

  /** Secret for HMAC-signed values the gateway hands out (pagination cursors, client tokens). */
  @IsString()
  @MinLength(32)
  APP_SIGNING_SECRET: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Largest accepted request body; larger bodies get 413. */
  @Matches(/^\d+(b|kb|mb)$/i)
  BODY_LIMIT = '100kb';

  /** BODY_LIMIT in bytes (1kb = 1024 bytes), as the HTTP server takes it. */
  get bodyLimitBytes(): number {
    const [, amount, unit] = /^(\d+)(b|kb|mb)$/i.exec(this.BODY_LIMIT)!;
    return Number(amount) * UNIT_BYTES[unit!.toLowerCase()]!;
  }

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string;

  // Provider upstreams: spec paths are appended to these; tests point them at fake servers.
  @IsUrl(UPSTREAM_URL)
  STRIPE_API_BASE_URL = 'https://api.stripe.com';

  /** Stripe-Version sent on every Stripe call: the API version of the contract we are tested against. */
  @Matches(/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/)
  STRIPE_API_VERSION = '2023-08-16';

  @IsUrl(UPSTREAM_URL)
  QOVERY_API_BASE_URL = 'https://api.qovery.com';

  @IsUrl(UPSTREAM_URL)
  PREFECT_API_BASE_URL = 'https://api.prefect.cloud';

  @IsUrl(UPSTREAM_URL)
  AMPERSAND_API_BASE_URL = 'https://api.withampersand.com/v1';

  /** Time allowed to open a TCP connection to a provider. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  UPSTREAM_CONNECT_TIMEOUT_MS = 3_000;

  /** Time allowed for one whole upstream call (each attempt). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  UPSTREAM_TIMEOUT_MS = 10_000;

  /** Retries after the first attempt, for calls that are safe to repeat. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5)
  UPSTREAM_MAX_RETRIES = 2;

  // --- Worker and asynchronous jobs (apps/worker, libs/queue) ---------------------------------

  /** Prefix of every BullMQ key in Redis: separates deployments (or test runs) sharing one Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1-40 letters, digits, _ or -' })
  QUEUE_PREFIX = 'bgw';

  /** HTTP port of the worker (health probes only). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_PORT = 3001;

  /** Jobs one worker process runs at once, per queue. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  WORKER_CONCURRENCY = 4;

  /**
   * How long a worker's claim on a running job lasts without renewal (it renews at half of it).
   * A worker that dies is noticed after at most this plus WORKER_STALLED_INTERVAL_MS.
   */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  WORKER_LOCK_DURATION_MS = 30_000;

  /** How often workers look for jobs whose worker died (stalled jobs) and requeue them. */
  @Transform(toInt)
  @IsInt()
  @Min(200)
  WORKER_STALLED_INTERVAL_MS = 30_000;

  /**
   * On SIGTERM/SIGINT the worker lets running jobs finish; past this it exits anyway (a drain that
   * cannot end, e.g. with Redis unreachable, must not keep it alive). A job cut short is requeued by
   * the stalled-job check.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  WORKER_SHUTDOWN_TIMEOUT_MS = 60_000;

  /** Attempts per job when failures are retryable (network, 429, 5xx, timeouts); at least 1. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  JOB_ATTEMPTS = 5;

  /** First retry delay; each further retry doubles it. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  JOB_BACKOFF_MS = 5_000;

  /** Interval of the worker's queue-depth log line; 0 turns it off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  QUEUE_METRICS_INTERVAL_MS = 60_000;

  /** Directory of job artifacts (downloaded PDFs, ZIPs, reports); api and workers must share it. */
  @IsString()
  @MinLength(1)
  ARTIFACT_DIR = '.local/artifacts';

  /** Time allowed for one whole file download from a provider (headers and body). */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  DOWNLOAD_TIMEOUT_MS = 120_000;

  /** Largest file accepted from a provider, in bytes; larger downloads fail. */
  @Transform(toInt)
  @IsInt()
  @Min(1_024)
  DOWNLOAD_MAX_BYTES = 100 * 1024 * 1024;

  /** Invoice PDFs a bulk export downloads at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(32)
  EXPORT_CONCURRENCY = 4;

  /** Most invoices one bulk export takes (when exporting every invoice). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  EXPORT_MAX_INVOICES = 2_000;

  /** Longest period one usage report may cover, in days. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  USAGE_REPORT_MAX_DAYS = 366;

  /** Lifetime requested for a provider's usage-report URL; the worker fetches it at once. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  USAGE_REPORT_URL_TTL_S = 900;

  // --- Polling and the change feed (apps/worker/src/polling, GET /v1/events) ---------------------

  /** Default time between two polls of a connection; a connection's pollIntervalSeconds overrides it. */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  POLL_INTERVAL_MS = 15 * 60_000;

  /** Polls one worker process runs at once (they mostly wait on providers). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  POLL_CONCURRENCY = 16;

  /** Most recent invoices a poll reads (and diffs) per connection. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000)
  POLL_INVOICE_LIMIT = 100;

  /** Back-off after a provider's 429, doubled for each further 429 in a row; Retry-After wins if longer. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  POLL_BACKOFF_MS = 5 * 60_000;

  /** Longest back-off after repeated 429s. */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  POLL_BACKOFF_MAX_MS = 6 * 3_600_000;

  /** How often workers re-check that every connection has exactly one poll schedule (0: start-up only). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  POLL_RECONCILE_INTERVAL_MS = 3_600_000;
}

/**
 * The validated configuration of this process' environment, for what must be known before Nest's
 * modules exist (the HTTP server's options).
 */
export function loadAppConfig(): AppConfig {
  return validateConfig(process.env);
}

/** Used by ConfigModule.forRoot({ validate }): fails start-up with every problem listed at once. */
export function validateConfig(env: Record<string, unknown>): AppConfig {
  const config = plainToInstance(AppConfig, env, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (error) => `  - ${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`,
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
