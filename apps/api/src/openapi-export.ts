/**
 * `npm run openapi:generate`: writes openapi/openapi.json from the routes' decorators, so the
 * committed contract is always the code's (test/openapi.e2e-spec.ts fails when they drift).
 */
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './http-setup';

/** Run through ts-node from apps/api/src, so the repository root is three levels up. */
export const OPENAPI_FILE = join(__dirname, '..', '..', '..', 'openapi', 'openapi.json');

/** Keys of these maps are names, not a documented order: sorted, so moving code around is no diff. */
const SORTED_MAPS = new Set(['paths', 'schemas', 'responses', 'securitySchemes']);

function stable(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => stable(item));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  if (SORTED_MAPS.has(key)) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([name, item]) => [name, stable(item, name)]));
}

/** The exact text of openapi/openapi.json: 2-space JSON, maps sorted by name, trailing newline. */
export function renderOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(stable(document), null, 2)}\n`;
}

export function renderOpenApiFor(app: INestApplication): string {
  return renderOpenApiDocument(buildOpenApiDocument(app));
}

/**
 * Building the document only constructs the app; nothing is served. Placeholders fill whatever
 * configuration is unset: PostgreSQL connects lazily, and Redis' connection errors are ignored
 * until the app is closed a moment later.
 */
const PLACEHOLDER_CONFIG: Record<string, string> = {
  DATABASE_URL: 'postgresql://openapi@127.0.0.1:1/openapi',
  REDIS_URL: 'redis://127.0.0.1:1',
  ADMIN_API_KEYS: 'openapi-export-placeholder-admin-key-0000',
  CREDENTIALS_ENCRYPTION_KEYS: `1:${Buffer.alloc(32).toString('base64')}`,
  APP_SIGNING_SECRET: 'openapi-export-placeholder-signing-secret',
  LOG_LEVEL: 'silent',
};

async function main(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- a build tool filling placeholders before AppConfig validates them
  const env = process.env;
  for (const [name, value] of Object.entries(PLACEHOLDER_CONFIG)) env[name] ??= value;
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
    logger: ['error'],
    abortOnError: false,
  });
  try {
    const text = renderOpenApiFor(app);
    mkdirSync(dirname(OPENAPI_FILE), { recursive: true });
    writeFileSync(OPENAPI_FILE, text);
    process.stdout.write(`Wrote ${OPENAPI_FILE}\n`);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
