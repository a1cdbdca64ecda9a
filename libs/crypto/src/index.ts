export * from './credential-cipher';
export * from './crypto.module';
export * from './secrets';
export * from './signer';
