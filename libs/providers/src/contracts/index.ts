export * from './contract-files';
export * from './openapi-contract';
export { normalizeSchemas } from './schema-normalizer';
