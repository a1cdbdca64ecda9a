import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProviderId } from '../provider-id';

const RELATIVE_DIR = join('libs', 'providers', 'contracts');

/**
 * The providers' OpenAPI subsets (copied verbatim from ../shared/providers) live in
 * libs/providers/contracts. Found by walking up from this file, so the same code works from
 * sources (tests) and from dist/ (production build, Docker image).
 */
function contractsDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, RELATIVE_DIR);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find ${RELATIVE_DIR} above ${__dirname}`);
    dir = parent;
  }
}

export function readContract(provider: ProviderId): OpenApiDocument {
  return JSON.parse(
    readFileSync(join(contractsDir(), `${provider}.openapi.json`), 'utf8'),
  ) as OpenApiDocument;
}

export interface OpenApiDocument {
  openapi: string;
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
}
