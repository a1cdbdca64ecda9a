import { Global, Module } from '@nestjs/common';
import { ConnectionCredentials } from './connection-credentials';
import { PrismaService } from './prisma.service';

@Global()
@Module({
  providers: [PrismaService, ConnectionCredentials],
  exports: [PrismaService, ConnectionCredentials],
})
export class PersistenceModule {}
