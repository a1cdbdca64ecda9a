import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule } from '@app/config';
import { CryptoModule } from '@app/crypto';
import { PersistenceModule } from '@app/persistence';
import { CredentialsRotationService } from './credentials/credentials-rotation.service';

/** Operational commands that run beside a live gateway: `node cli.js rotate-credentials`. */
@Module({
  imports: [AppConfigModule, PersistenceModule, CryptoModule],
  providers: [CredentialsRotationService],
})
class CliModule {}

async function main(command: string | undefined): Promise<void> {
  if (command !== 'rotate-credentials') {
    process.stderr.write('usage: cli.js rotate-credentials\n');
    process.exitCode = 2;
    return;
  }
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const result = await app.get(CredentialsRotationService).rotateAll();
    process.stdout.write(
      `Re-encrypted ${result.rotated} credential(s) with key version ${result.keyVersion}.\n`,
    );
  } finally {
    await app.close();
  }
}

void main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
