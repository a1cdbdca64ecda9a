import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CredentialDecryptionError } from '@app/crypto';
import { ConnectionCredentials } from '@app/persistence';
import { CredentialsRotationService } from '../../apps/api/src/credentials/credentials-rotation.service';
import { adminAuth, createTestApp, TestApp } from '../support/app';
import { createScratchDatabase, ScratchDatabase } from '../support/database';
import { TEST_KEY_V1, TEST_KEY_V2 } from '../support/e2e-env';
import { CONNECTION_EXAMPLES, createConnection, createTenantWithKey } from '../support/fixtures';

const TEST_KEY_V3 = Buffer.alloc(32, 3).toString('base64');
const ROOT = join(__dirname, '../..');

/**
 * Rotation rewrites every stored credential, so it runs in a database of its own: it must not
 * touch rows of other suites, nor a developer's database when DATABASE_URL points at one.
 */
describe('credentials key rotation', () => {
  let db: ScratchDatabase;
  /** apiKey of every connection created, by connection id. */
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    db = await createScratchDatabase('rotation');
  });
  afterAll(() => db.drop());

  const appWithKeys = (keys: string) =>
    createTestApp({ DATABASE_URL: db.url, CREDENTIALS_ENCRYPTION_KEYS: keys });

  async function connect(test: TestApp, count: number): Promise<void> {
    const { tenantId } = await createTenantWithKey(test);
    for (let index = 0; index < count; index++) {
      const apiKey = `sk_test_rotation${secrets.size}_${Math.random().toString(36).slice(2)}`;
      secrets.set(
        await createConnection(test, tenantId, { ...CONNECTION_EXAMPLES.stripe, credentials: { apiKey } }),
        apiKey,
      );
    }
  }

  /** Asserts every row is at `version` and that `test` (configured with some keys) reads it back. */
  async function expectAllReadable(test: TestApp, version: number): Promise<void> {
    const rows = await test.prisma.providerConnection.findMany();
    expect(rows).toHaveLength(secrets.size);
    const credentials = test.app.get(ConnectionCredentials);
    for (const row of rows) {
      expect({ id: row.id, version: row.credentialsKeyVersion }).toEqual({ id: row.id, version });
      expect(credentials.open(row)).toEqual({ apiKey: secrets.get(row.id) });
    }
  }

  it('re-encrypts every credential with the newest key, in process', async () => {
    const v1 = await appWithKeys(`1:${TEST_KEY_V1}`);
    await connect(v1, 3);
    // A credential rotated through the API before the key rotation is still version 1.
    const [first] = [...secrets.keys()];
    const tenantId = (await v1.prisma.providerConnection.findUniqueOrThrow({ where: { id: first! } }))
      .tenantId;
    await v1.http
      .patch(`/admin/tenants/${tenantId}/connections/${first}`)
      .set(adminAuth)
      .send({ credentials: { apiKey: 'sk_test_patchedBeforeRotation' } })
      .expect(200);
    secrets.set(first!, 'sk_test_patchedBeforeRotation');
    await v1.close();

    const both = await appWithKeys(`2:${TEST_KEY_V2},1:${TEST_KEY_V1}`);
    try {
      await connect(both, 1); // written with version 2 already: nothing to do for it
      const before = await both.prisma.providerConnection.findMany({ orderBy: { id: 'asc' } });
      expect(before.map((row) => row.credentialsKeyVersion).sort()).toEqual([1, 1, 1, 2]);

      const rotation = new CredentialsRotationService(both.prisma, both.app.get(ConnectionCredentials));
      expect(await rotation.rotateAll(2)).toEqual({ keyVersion: 2, rotated: 3 }); // batches of 2
      expect(await rotation.rotateAll()).toEqual({ keyVersion: 2, rotated: 0 }); // idempotent
      await expectAllReadable(both, 2);

      // A key rotation is not an edit: updatedAt is kept.
      const after = await both.prisma.providerConnection.findMany({ orderBy: { id: 'asc' } });
      expect(after.map((row) => row.updatedAt)).toEqual(before.map((row) => row.updatedAt));
    } finally {
      await both.close();
    }

    // Key 1 can now be retired: an app with only key 2 reads everything, one with only key 1 nothing.
    const v2 = await appWithKeys(`2:${TEST_KEY_V2}`);
    const v1Only = await appWithKeys(`1:${TEST_KEY_V1}`);
    try {
      await expectAllReadable(v2, 2);
      const row = await v1Only.prisma.providerConnection.findFirstOrThrow();
      expect(() => v1Only.app.get(ConnectionCredentials).open(row)).toThrow(CredentialDecryptionError);
    } finally {
      await Promise.all([v2.close(), v1Only.close()]);
    }
  });

  it('re-encrypts through the real CLI (rotate-credentials)', async () => {
    const v1 = await appWithKeys(`1:${TEST_KEY_V1}`);
    await connect(v1, 2); // rows at version 1 beside the version 2 rows of the previous test
    await v1.close();

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        require.resolve('ts-node/dist/bin'),
        '-r',
        'tsconfig-paths/register',
        '--transpile-only',
        'apps/api/src/cli.ts',
        'rotate-credentials',
      ],
      {
        cwd: ROOT,
        timeout: 60_000,
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          CREDENTIALS_ENCRYPTION_KEYS: `3:${TEST_KEY_V3},2:${TEST_KEY_V2},1:${TEST_KEY_V1}`,
        },
      },
    );
    expect(stdout).toContain(`Re-encrypted ${secrets.size} credential(s) with key version 3.`);

    const v3 = await appWithKeys(`3:${TEST_KEY_V3}`);
    try {
      await expectAllReadable(v3, 3);
    } finally {
      await v3.close();
    }
  }, 90_000);
});
