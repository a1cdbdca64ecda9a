import { readFileSync } from 'node:fs';
import type {
  OpenAPIObject,
  OperationObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { OPENAPI_FILE, renderOpenApiFor } from '../apps/api/src/openapi-export';
import { createTestApp, TestApp } from './support/app';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** Routes anyone may call: probes for orchestrators. */
const PUBLIC_PATHS = /^\/health\//;

describe('OpenAPI document', () => {
  let test: TestApp;
  let generated: string;
  let document: OpenAPIObject;
  const operations: Array<{ name: string; path: string; operation: OperationObject }> = [];

  beforeAll(async () => {
    test = await createTestApp();
    generated = renderOpenApiFor(test.app);
    document = JSON.parse(generated) as OpenAPIObject;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation) operations.push({ name: `${method.toUpperCase()} ${path}`, path, operation });
      }
    }
  });
  afterAll(() => test.close());

  it('matches the committed openapi/openapi.json', () => {
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    if (committed !== generated) {
      throw new Error(
        'openapi/openapi.json is out of date with the code: run `npm run openapi:generate` and commit the result.',
      );
    }
  });

  it('serves the same document at /docs-json', async () => {
    const served = await test.http.get('/docs-json').expect(200);
    expect(served.body).toEqual(document);
  });

  it('documents the admin and tenant surfaces', () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(['admin', 'tenant']);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/admin/tenants', '/v1/tenant', '/health/ready']),
    );
  });

  it('gives every operation a unique operationId, a summary and tags', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    const incomplete = operations
      .filter(({ operation }) => !operation.summary?.trim() || !operation.tags?.length)
      .map(({ name }) => name);
    expect(incomplete).toEqual([]);
  });

  it('declares security on every operation except health probes', () => {
    const unsecured = operations
      .filter(({ path, operation }) => !PUBLIC_PATHS.test(path) && !operation.security?.length)
      .map(({ name }) => name);
    expect(unsecured).toEqual([]);
    for (const { path, operation } of operations) {
      if (path.startsWith('/admin/')) expect(operation.security).toEqual([{ admin: [] }]);
      if (path.startsWith('/v1/')) expect(operation.security).toEqual([{ tenant: [] }]);
      if (PUBLIC_PATHS.test(path)) expect(operation.security ?? []).toEqual([]);
    }
  });

  it('documents error responses as application/problem+json only, and 401 on secured routes', () => {
    const wrong: string[] = [];
    for (const { name, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const types = Object.keys((response as ResponseObject).content ?? {});
        if (types.join() !== 'application/problem+json')
          wrong.push(`${name} ${status}: ${types.join() || 'none'}`);
      }
      if (operation.security?.length && !operation.responses['401']) wrong.push(`${name}: no 401`);
    }
    expect(wrong).toEqual([]);
    expect(document.components?.schemas?.ProblemDto).toBeDefined();
  });
});
