export * from './admin.guard';
export * from './auth.module';
export * from './authenticated-request';
export * from './client-token';
export * from './client-token-scope';
export * from './decorators';
export * from './tenant-key.service';
export * from './tenant.guard';
