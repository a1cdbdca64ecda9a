export * from './api-problems.decorator';
export * from './error-types';
export * from './gateway-error';
export * from './problem';
export * from './problem.filter';
export * from './validation';
