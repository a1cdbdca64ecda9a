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
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value !== '' ? Number(value) : value;

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

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string;
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
