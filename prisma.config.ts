// Prisma CLI configuration. Prisma 6.19 runs migrations offline only with the WASM schema engine
// (`engine: 'js'` + a driver adapter), which has a few defects; each workaround below is scoped to
// the CLI process and explained in ../shared/notes/toolchain.md.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { defineConfig } from 'prisma/config';

const TEXT_OID = 25;
const CHAR_OID = 18; // "char"
const NAME_OID = 19; // name

// prisma/orm#27403: introspection returns "char"/name columns the adapter cannot deserialize.
type FieldDescriptions = Array<{ dataTypeID: number }>;
const resultPrototype = pg.Result.prototype as unknown as { addFields(fields: FieldDescriptions): void };
const addFields = resultPrototype.addFields;
resultPrototype.addFields = function (fields: FieldDescriptions) {
  for (const field of fields) {
    if (field.dataTypeID === CHAR_OID || field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
  }
  return addFields.call(this, fields);
};

// The WASM engine arms long timers it never clears, so every command would linger for up to a
// minute after finishing. Long timers must not keep this short-lived process alive. (Idle pool
// sockets are the other half: see allowExitOnIdle below.)
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => {
  const timer = setTimeoutOriginal(handler, delay, ...args);
  if ((delay ?? 0) >= 5_000) timer.unref();
  return timer;
}) as typeof setTimeout;

function poolConfig(): pg.PoolConfig {
  const url = new URL(process.env.DATABASE_URL ?? 'postgresql://unused@127.0.0.1:5432/unused');
  // Discrete fields rather than a connection string: with a connection string the adapter's
  // shadow-database pool would silently point at the main database.
  return {
    host: decodeURIComponent(url.hostname),
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    // Idle pooled connections would otherwise hold the CLI open for pg's 10 s idle timeout after
    // the command is done (measured: `migrate deploy` 10.9 s -> 0.7 s).
    allowExitOnIdle: true,
  };
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg(poolConfig()),
});
