import { OpenApiContract } from '../contracts/openapi-contract';
import type { OpenApiDocument } from '../contracts/contract-files';
import { ProviderId } from '../provider-id';
import { authHeaders, authSchemeFor } from './ampersand.auth';

describe('authSchemeFor', () => {
  it('reads the real contract: X-Api-Key for portal sessions, Bearer for the Bearer-only read', () => {
    const contract = OpenApiContract.for(ProviderId.ampersand);
    expect(authSchemeFor(contract, 'createBillingAccountSession')).toBe('api-key');
    expect(authSchemeFor(contract, 'getOrgBillingAccount')).toBe('bearer');
  });

  const documentWith = (operationSecurity: unknown, globalSecurity?: unknown) =>
    new OpenApiContract({
      openapi: '3.0.1',
      ...(globalSecurity ? { security: globalSecurity } : {}),
      paths: {
        '/x': {
          get: {
            operationId: 'op',
            responses: {},
            ...(operationSecurity ? { security: operationSecurity } : {}),
          },
        },
      },
      components: {
        securitySchemes: {
          Key: { type: 'apiKey', name: 'X-Api-Key', in: 'header' },
          Jwt: { type: 'http', scheme: 'bearer' },
          Basic: { type: 'http', scheme: 'basic' },
        },
      },
    } as OpenApiDocument);

  it('uses Bearer only when every alternative is a bearer scheme', () => {
    expect(authSchemeFor(documentWith([{ Jwt: [] }]), 'op')).toBe('bearer');
    expect(authSchemeFor(documentWith(undefined, [{ Jwt: [] }]), 'op')).toBe('bearer');
  });

  it('uses X-Api-Key whenever the API key is allowed or nothing is declared', () => {
    expect(authSchemeFor(documentWith([{ Key: [] }, { Jwt: [] }]), 'op')).toBe('api-key');
    expect(authSchemeFor(documentWith([{ Jwt: [], Basic: [] }]), 'op')).toBe('api-key');
    expect(authSchemeFor(documentWith(undefined), 'op')).toBe('api-key');
    expect(authSchemeFor(documentWith(undefined, [{ Key: [] }]), 'op')).toBe('api-key');
  });
});

describe('authHeaders', () => {
  it('presents the key as the scheme wants', () => {
    expect(authHeaders('bearer', 'k1')).toEqual({ Authorization: 'Bearer k1' });
    expect(authHeaders('api-key', 'k1')).toEqual({ 'X-Api-Key': 'k1' });
  });
});
