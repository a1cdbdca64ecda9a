import { Module } from '@nestjs/common';
import { ConnectionVerificationController } from './connection-verification.controller';
import { NativeController } from './native.controller';
import { NativeService } from './native.service';

@Module({ controllers: [NativeController, ConnectionVerificationController], providers: [NativeService] })
export class NativeModule {}
