export * from './api-routes';
export * from './create-app';
export * from './logger';
export * from './problem-middleware';
export * from './request-context';
export * from './run-service';
export * from './validation';
