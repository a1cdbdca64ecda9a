export * from './contract-files';
export * from './openapi-contract';
