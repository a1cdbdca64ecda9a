/**
 * Paths pino replaces with "[REDACTED]" in every log line. Headers carry bearer keys; bodies and
 * errors may carry provider credentials or card data if anything ever logs them.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.Authorization',
  'headers["X-Api-Key"]',
  'headers["x-api-key"]',
  'config.headers.Authorization',
  'config.headers.authorization',
  'config.headers["X-Api-Key"]',
  '*.apiKey',
  '*.secret',
  '*.password',
  '*.credentials',
  '*.cvv',
  '*.number',
  'credentials',
  'apiKey',
  'secret',
];
