export * from './databases';
export * from './stack';
export * from './time-skipping';
export * from './app-process';
export * from './apps';
export * from './test-server-location';
export * from './authorization-matrix';
export * from './local-secrets';
