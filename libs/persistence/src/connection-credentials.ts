import { Injectable } from '@nestjs/common';
import { ProviderConnection } from '@prisma/client';
import { CredentialCipher, maskSecret } from '@app/crypto';

export type SealedCredentials = Pick<
  ProviderConnection,
  'credentialsCiphertext' | 'credentialsIv' | 'credentialsTag' | 'credentialsKeyVersion' | 'credentialsHint'
>;

type Credentials = { apiKey: string } & Record<string, unknown>;

/** The associated data binds a ciphertext to its connection row. */
const associatedData = (connectionId: string) => `provider-connection:${connectionId}`;

/** Encrypts connection credentials for storage and decrypts them for use; nothing else sees them. */
@Injectable()
export class ConnectionCredentials {
  constructor(private readonly cipher: CredentialCipher) {}

  get currentKeyVersion(): number {
    return this.cipher.currentKeyVersion;
  }

  seal(connectionId: string, credentials: Credentials): SealedCredentials {
    const sealed = this.cipher.encrypt(JSON.stringify(credentials), associatedData(connectionId));
    return {
      credentialsCiphertext: new Uint8Array(sealed.ciphertext),
      credentialsIv: new Uint8Array(sealed.iv),
      credentialsTag: new Uint8Array(sealed.tag),
      credentialsKeyVersion: sealed.keyVersion,
      credentialsHint: maskSecret(credentials.apiKey),
    };
  }

  open(connection: Pick<ProviderConnection, 'id'> & SealedCredentials): Credentials {
    const plaintext = this.cipher.decrypt(
      {
        ciphertext: Buffer.from(connection.credentialsCiphertext),
        iv: Buffer.from(connection.credentialsIv),
        tag: Buffer.from(connection.credentialsTag),
        keyVersion: connection.credentialsKeyVersion,
      },
      associatedData(connection.id),
    );
    return JSON.parse(plaintext) as Credentials;
  }
}
