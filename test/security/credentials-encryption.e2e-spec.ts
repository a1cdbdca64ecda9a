import { CredentialDecryptionError } from '@app/crypto';
import { ConnectionCredentials } from '@app/persistence';
import { adminAuth, createTestApp, TestApp } from '../support/app';
import { CONNECTION_EXAMPLES, createConnection, createTenantWithKey } from '../support/fixtures';

const SECRET = 'sk_test_encryptionCanary0123456789';

describe('credentials encryption at rest', () => {
  let test: TestApp;
  let credentials: ConnectionCredentials;
  let tenantId: string;
  beforeAll(async () => {
    test = await createTestApp();
    credentials = test.app.get(ConnectionCredentials);
    tenantId = (await createTenantWithKey(test)).tenantId;
  });
  afterAll(() => test.close());

  const newConnection = () =>
    createConnection(test, tenantId, { ...CONNECTION_EXAMPLES.stripe, credentials: { apiKey: SECRET } });
  const row = (id: string) => test.prisma.providerConnection.findUniqueOrThrow({ where: { id } });
  /** Flips one bit of a bytea column, as an attacker or a corrupted backup would. */
  const flipBit = (id: string, column: string) =>
    test.prisma.$executeRawUnsafe(
      `UPDATE provider_connections SET ${column} = set_byte(${column}, 0, get_byte(${column}, 0) # 1) WHERE id = $1::uuid`,
      id,
    );

  it('stores ciphertext, never the plaintext, and decrypts it back', async () => {
    const id = await newConnection();
    const [stored] = await test.prisma.$queryRawUnsafe<
      Array<{ ciphertext: Buffer; iv: Buffer; tag: Buffer; version: number; hint: string }>
    >(
      `SELECT credentials_ciphertext AS ciphertext, credentials_iv AS iv, credentials_tag AS tag,
              credentials_key_version AS version, credentials_hint AS hint
         FROM provider_connections WHERE id = $1::uuid`,
      id,
    );
    const bytes = Buffer.from(stored!.ciphertext);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.toString('latin1')).not.toContain(SECRET);
    expect(bytes.toString('latin1')).not.toContain('apiKey');
    expect(Buffer.from(stored!.iv)).toHaveLength(12);
    expect(Buffer.from(stored!.tag)).toHaveLength(16);
    expect(stored!.version).toBe(1);
    expect(stored!.hint).toBe(`••••${SECRET.slice(-4)}`);
    // No other column holds it either.
    const [text] = await test.prisma.$queryRawUnsafe<Array<{ text: string }>>(
      'SELECT row_to_json(c)::text AS text FROM provider_connections c WHERE id = $1::uuid',
      id,
    );
    expect(text!.text).not.toContain(SECRET);

    expect(credentials.open(await row(id))).toEqual({ apiKey: SECRET });
  });

  it('uses a fresh IV for every value, even the same secret', async () => {
    const [a, b] = [await row(await newConnection()), await row(await newConnection())];
    expect(Buffer.from(a.credentialsIv).equals(Buffer.from(b.credentialsIv))).toBe(false);
    expect(Buffer.from(a.credentialsCiphertext).equals(Buffer.from(b.credentialsCiphertext))).toBe(false);
  });

  it.each(['credentials_ciphertext', 'credentials_iv', 'credentials_tag'])(
    'detects tampering with %s: reading fails cleanly',
    async (column) => {
      const id = await newConnection();
      await flipBit(id, column);
      const tampered = await row(id);
      expect(() => credentials.open(tampered)).toThrow(CredentialDecryptionError);
      expect(() => credentials.open(tampered)).toThrow(
        /^Stored credentials could not be decrypted: authentication failed$/,
      );
      // The API keeps serving the connection's non-secret data.
      const response = await test.http
        .get(`/admin/tenants/${tenantId}/connections/${id}`)
        .set(adminAuth)
        .expect(200);
      expect(response.body.credentials.apiKey).toBe(`••••${SECRET.slice(-4)}`);
    },
  );

  it('refuses a truncated authentication tag', async () => {
    const id = await newConnection();
    await test.prisma.$executeRawUnsafe(
      'UPDATE provider_connections SET credentials_tag = substring(credentials_tag from 1 for 4) WHERE id = $1::uuid',
      id,
    );
    const truncated = await row(id);
    expect(() => credentials.open(truncated)).toThrow(CredentialDecryptionError);
  });

  it('binds a ciphertext to its row: copied onto another connection it does not decrypt', async () => {
    const source = await newConnection();
    const target = await newConnection();
    await test.prisma.$executeRawUnsafe(
      `UPDATE provider_connections t
          SET credentials_ciphertext = s.credentials_ciphertext, credentials_iv = s.credentials_iv,
              credentials_tag = s.credentials_tag
         FROM provider_connections s WHERE s.id = $1::uuid AND t.id = $2::uuid`,
      source,
      target,
    );
    await expect(row(target).then((copied) => credentials.open(copied))).rejects.toThrow(
      CredentialDecryptionError,
    );
    expect(credentials.open(await row(source))).toEqual({ apiKey: SECRET });
  });

  it('refuses a key version that is not configured', async () => {
    const id = await newConnection();
    await test.prisma.$executeRawUnsafe(
      'UPDATE provider_connections SET credentials_key_version = 99 WHERE id = $1::uuid',
      id,
    );
    const unknownVersion = await row(id);
    expect(() => credentials.open(unknownVersion)).toThrow(/key version 99 is not configured/);
  });
});
