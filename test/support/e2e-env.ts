// Loaded before every e2e test file (jest setupFiles). DATABASE_URL and REDIS_URL come from
// scripts/test.sh, which starts throwaway PostgreSQL and Redis unless they are given.
for (const name of ['DATABASE_URL', 'REDIS_URL']) {
  if (!process.env[name]) throw new Error(`${name} is not set: run the e2e tests through "npm test"`);
}

export const TEST_ADMIN_KEY = 'adm_test_0123456789abcdef0123456789abcdef';
export const TEST_ADMIN_KEY_2 = 'adm_test_second_key_fedcba9876543210fedcba';
// Two key versions, newest first, so rotation can be tested: version 2 encrypts, both decrypt.
export const TEST_KEY_V1 = Buffer.alloc(32, 1).toString('base64');
export const TEST_KEY_V2 = Buffer.alloc(32, 2).toString('base64');

Object.assign(process.env, {
  NODE_ENV: 'test',
  ADMIN_API_KEYS: `${TEST_ADMIN_KEY},${TEST_ADMIN_KEY_2}`,
  CREDENTIALS_ENCRYPTION_KEYS: process.env.CREDENTIALS_ENCRYPTION_KEYS ?? `1:${TEST_KEY_V1}`,
  APP_SIGNING_SECRET: 'test_signing_secret_0123456789abcdef0123456789',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
});
