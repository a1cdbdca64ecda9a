import { Global, Module } from '@nestjs/common';
import { AdminGuard } from './admin.guard';
import { TenantKeyService } from './tenant-key.service';
import { TenantGuard } from './tenant.guard';

@Global()
@Module({
  providers: [AdminGuard, TenantGuard, TenantKeyService],
  exports: [AdminGuard, TenantGuard, TenantKeyService],
})
export class AuthModule {}
