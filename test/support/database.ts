import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

const MIGRATIONS_DIR = join(__dirname, '../../prisma/migrations');

export interface ScratchDatabase {
  /** DATABASE_URL of the new database, for createTestApp({ DATABASE_URL: url }). */
  url: string;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database on the test server with the migrations applied, for tests whose effects are
 * global (e.g. re-encrypting every stored credential) and must not touch rows of other tests, or
 * of a developer's database when DATABASE_URL points at one. Needs the CREATEDB privilege.
 */
export async function createScratchDatabase(prefix = 'scratch'): Promise<ScratchDatabase> {
  const base = process.env.DATABASE_URL!;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(base, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  // Each migration is sent as one simple query (several statements), exactly as written.
  const migrations = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  await withClient(url.toString(), async (client) => {
    for (const migration of migrations) {
      await client.query(readFileSync(join(MIGRATIONS_DIR, migration, 'migration.sql'), 'utf8'));
    }
  });
  return {
    url: url.toString(),
    drop: () =>
      withClient(base, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
