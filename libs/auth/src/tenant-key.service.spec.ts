import type { PrismaService } from '@app/persistence';
import type { CacheInvalidation, InvalidationScope } from '@app/redis';
import { sha256Hex } from '@app/crypto';
import { TenantKeyService } from './tenant-key.service';

const tenant = { id: 'tenant-1', slug: 'acme', allowedReturnOrigins: ['https://app.example.com'] };

function setup() {
  const row = {
    id: 'key-1',
    tenantId: tenant.id,
    secretHash: sha256Hex('bgw_secret'),
    revokedAt: null as Date | null,
    lastUsedAt: null as Date | null,
    tenant,
  };
  const prisma = {
    tenantApiKey: {
      findUnique: jest.fn(async ({ where }: { where: { secretHash: string } }) =>
        where.secretHash === row.secretHash ? { ...row } : null,
      ),
      findFirst: jest.fn(async () => (row.revokedAt ? null : { ...row })),
      updateMany: jest.fn(async () => ({ count: 1 })),
    },
  };
  const listeners: Array<(scope: InvalidationScope) => void> = [];
  const invalidation = {
    active: true,
    onInvalidate: (listener: (scope: InvalidationScope) => void) => {
      listeners.push(listener);
      return () => undefined;
    },
  };
  const service = new TenantKeyService(
    prisma as unknown as PrismaService,
    invalidation as unknown as CacheInvalidation,
  );
  const changed = (scope: InvalidationScope) => listeners.forEach((listener) => listener(scope));
  return { row, prisma, service, changed };
}

describe('TenantKeyService', () => {
  it('looks a key up once, then serves it from memory', async () => {
    const { prisma, service } = setup();
    const principal = {
      tenantId: tenant.id,
      slug: 'acme',
      allowedReturnOrigins: tenant.allowedReturnOrigins,
      apiKeyId: 'key-1',
    };
    expect(await service.resolve('bgw_secret')).toEqual(principal);
    expect(await service.resolve('bgw_secret')).toEqual(principal);
    expect(prisma.tenantApiKey.findUnique).toHaveBeenCalledTimes(1);
    expect(await service.resolve('bgw_other')).toBeUndefined();
  });

  it('refuses a revoked key as soon as its tenant is invalidated', async () => {
    const { row, service, changed } = setup();
    expect(await service.resolve('bgw_secret')).toBeDefined();
    row.revokedAt = new Date();
    changed({ tenantId: tenant.id });
    expect(await service.resolve('bgw_secret')).toBeUndefined();
  });

  it('writes lastUsedAt at most once a minute, cached or not', async () => {
    const { prisma, service } = setup();
    await service.resolve('bgw_secret');
    await service.resolve('bgw_secret');
    expect(prisma.tenantApiKey.updateMany).toHaveBeenCalledTimes(1);
  });

  it('hands out copies: a caller changing its principal does not change the cache', async () => {
    const { service } = setup();
    const first = await service.resolve('bgw_secret');
    first!.clientTokenScope = 'portal-session';
    expect((await service.resolve('bgw_secret'))!.clientTokenScope).toBeUndefined();
  });

  it('checks the tenant of a cached issuing key for client tokens', async () => {
    const { prisma, service } = setup();
    expect(await service.resolveIssuer('key-1', tenant.id)).toBeDefined();
    expect(await service.resolveIssuer('key-1', 'tenant-2')).toBeUndefined();
    expect(prisma.tenantApiKey.findFirst).toHaveBeenCalledTimes(1);
  });
});
