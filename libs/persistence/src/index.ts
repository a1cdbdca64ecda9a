export * from './persistence.module';
export * from './prisma-errors';
export * from './prisma.service';
export * from './connection-credentials';
