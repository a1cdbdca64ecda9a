import { validateConfig } from './app-config';

const KEY = Buffer.alloc(32, 9).toString('base64');
const REQUIRED = {
  DATABASE_URL: 'postgresql://gateway@127.0.0.1:5432/gateway',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ADMIN_API_KEYS: 'adm_0123456789abcdef0123456789abcdef',
  CREDENTIALS_ENCRYPTION_KEYS: `1:${KEY}`,
  APP_SIGNING_SECRET: 'signing-secret-0123456789abcdef0123456789',
};

/** The validation message of an invalid environment. */
function problems(env: Record<string, unknown>): string {
  try {
    validateConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('validateConfig', () => {
  it('applies defaults for everything optional', () => {
    expect(validateConfig({ ...REQUIRED })).toMatchObject({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: 3000,
      LOG_LEVEL: 'info',
      BODY_LIMIT: '100kb',
      PUBLIC_BASE_URL: undefined,
    });
  });

  it('parses numbers and comma-separated lists', () => {
    const config = validateConfig({
      ...REQUIRED,
      PORT: '8080',
      ADMIN_API_KEYS: ' adm_0123456789abcdef0123456789abcdef , adm_fedcba9876543210fedcba9876543210 ,',
      CREDENTIALS_ENCRYPTION_KEYS: `2:${KEY},1:${KEY}`,
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: 'https://billing.example.com',
    });
    expect(config.PORT).toBe(8080);
    expect(config.ADMIN_API_KEYS).toEqual([
      'adm_0123456789abcdef0123456789abcdef',
      'adm_fedcba9876543210fedcba9876543210',
    ]);
    expect(config.CREDENTIALS_ENCRYPTION_KEYS).toEqual([`2:${KEY}`, `1:${KEY}`]);
    expect(config.NODE_ENV).toBe('production');
  });

  it('lists every missing required setting at once', () => {
    const message = problems({});
    expect(message).toMatch(/^Invalid configuration:\n/);
    for (const name of Object.keys(REQUIRED)) expect(message).toContain(`  - ${name}: `);
  });

  it('lists every invalid value at once, with a reason', () => {
    const message = problems({
      ...REQUIRED,
      DATABASE_URL: 'mysql://db/x',
      REDIS_URL: 'http://cache',
      PORT: '70000',
      LOG_LEVEL: 'loud',
      NODE_ENV: 'staging',
      BODY_LIMIT: 'huge',
      ADMIN_API_KEYS: 'short',
      CREDENTIALS_ENCRYPTION_KEYS: 'no-version',
      APP_SIGNING_SECRET: 'too-short',
      PUBLIC_BASE_URL: 'ftp://example.com',
    });
    const lines = message.split('\n').slice(1);
    expect(lines.map((line) => line.replace(/^ {2}- (\w+): .*$/, '$1')).sort()).toEqual(
      [
        'ADMIN_API_KEYS',
        'APP_SIGNING_SECRET',
        'BODY_LIMIT',
        'CREDENTIALS_ENCRYPTION_KEYS',
        'DATABASE_URL',
        'LOG_LEVEL',
        'NODE_ENV',
        'PORT',
        'PUBLIC_BASE_URL',
        'REDIS_URL',
      ].sort(),
    );
    expect(message).toContain('DATABASE_URL: DATABASE_URL must be a postgresql:// URL');
    expect(message).toContain('each ADMIN_API_KEYS entry must be at least 32 characters');
    expect(message).toContain(
      'CREDENTIALS_ENCRYPTION_KEYS entries must look like <version>:<base64 32-byte key>',
    );
  });

  it('does not echo secret values in its errors', () => {
    const message = problems({
      ...REQUIRED,
      ADMIN_API_KEYS: 'adm_short_secret',
      APP_SIGNING_SECRET: 'tiny-secret',
    });
    expect(message).not.toContain('adm_short_secret');
    expect(message).not.toContain('tiny-secret');
  });

  it('accepts postgres:// and rediss:// URLs', () => {
    const config = validateConfig({
      ...REQUIRED,
      DATABASE_URL: 'postgres://u@h/d',
      REDIS_URL: 'rediss://h:6380',
    });
    expect(config).toMatchObject({ DATABASE_URL: 'postgres://u@h/d', REDIS_URL: 'rediss://h:6380' });
  });
});
