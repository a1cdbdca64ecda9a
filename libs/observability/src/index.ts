export * from './access-log';
export * from './logging.module';
export * from './redaction';
export * from './request-id';
export * from './health/health.controller';
export * from './health/health.module';
