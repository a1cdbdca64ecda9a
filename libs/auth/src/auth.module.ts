import { Global, Module } from '@nestjs/common';
import { AdminGuard } from './admin.guard';
import { ClientTokenCodec } from './client-token';
import { TenantKeyService } from './tenant-key.service';
import { TenantGuard } from './tenant.guard';

@Global()
@Module({
  providers: [AdminGuard, TenantGuard, TenantKeyService, ClientTokenCodec],
  exports: [AdminGuard, TenantGuard, TenantKeyService, ClientTokenCodec],
})
export class AuthModule {}
