export * from './keep-alive-agents';
export * from './node-http-adapter';
export * from './retry-policy';
export * from './upstream-failure';
export * from './upstream-http';
export * from './upstream-factory';
