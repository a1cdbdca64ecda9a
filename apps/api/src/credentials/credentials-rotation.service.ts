import { Injectable, Logger } from '@nestjs/common';
import { ConnectionCredentials, PrismaService } from '@app/persistence';

export interface RotationResult {
  keyVersion: number;
  rotated: number;
}

/**
 * Re-encrypts every stored credential with the current key, in batches, while the gateway keeps
 * serving: readers decrypt with any configured key, and each row is rewritten only if it did not
 * change since it was read (optimistic check on updatedAt), so a concurrent admin rotation wins.
 */
@Injectable()
export class CredentialsRotationService {
  private readonly logger = new Logger(CredentialsRotationService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly credentials: ConnectionCredentials,
  ) {}

  async rotateAll(batchSize = 100): Promise<RotationResult> {
    const keyVersion = this.credentials.currentKeyVersion;
    let rotated = 0;
    for (;;) {
      const batch = await this.prisma.providerConnection.findMany({
        where: { credentialsKeyVersion: { not: keyVersion } },
        orderBy: { id: 'asc' },
        take: batchSize,
      });
      if (batch.length === 0) break;
      for (const row of batch) {
        const sealed = this.credentials.seal(row.id, this.credentials.open(row));
        const { count } = await this.prisma.providerConnection.updateMany({
          where: { id: row.id, updatedAt: row.updatedAt },
          data: { ...sealed, updatedAt: row.updatedAt },
        });
        rotated += count;
      }
      this.logger.log({ rotated, keyVersion }, 'Credentials batch re-encrypted');
    }
    return { keyVersion, rotated };
  }
}
