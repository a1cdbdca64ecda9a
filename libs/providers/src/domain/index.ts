export * from './capability';
export * from './models';
export * from './money';
export * from './status';
