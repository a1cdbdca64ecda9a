export * from './admin.guard';
export * from './auth.module';
export * from './authenticated-request';
export * from './decorators';
export * from './tenant-key.service';
export * from './tenant.guard';
