import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '@app/auth';
import { AppConfigModule } from '@app/config';
import { CryptoModule } from '@app/crypto';
import { ProblemFilter } from '@app/errors';
import { LoggingModule } from '@app/observability';
import { PersistenceModule } from '@app/persistence';
import { ProvidersModule } from '@app/providers';
import { RedisModule } from '@app/redis';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { BillingModule } from './billing/billing.module';
import { ConnectionsController } from './connections/connections.controller';
import { ConnectionsService } from './connections/connections.service';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { McpModule } from './mcp/mcp.module';
import { NativeModule } from './native/native.module';
import { TenantSelfController } from './tenant-self/tenant-self.controller';
import { TenantsController } from './tenants/tenants.controller';
import { TenantsService } from './tenants/tenants.service';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    PersistenceModule,
    RedisModule,
    CryptoModule,
    AuthModule,
    ProvidersModule,
    HealthModule,
    NativeModule,
    BillingModule,
    JobsModule,
    McpModule,
  ],
  controllers: [
    TenantsController,
    ApiKeysController,
    ConnectionsController,
    AuditController,
    TenantSelfController,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemFilter },
    TenantsService,
    ApiKeysService,
    ConnectionsService,
    AuditService,
  ],
})
export class AppModule {}
