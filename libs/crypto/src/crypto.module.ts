import { Global, Module } from '@nestjs/common';
import { CredentialCipher } from './credential-cipher';
import { Signer } from './signer';

@Global()
@Module({ providers: [CredentialCipher, Signer], exports: [CredentialCipher, Signer] })
export class CryptoModule {}
