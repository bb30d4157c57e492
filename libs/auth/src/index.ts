export * from './keys';
export * from './middleware';
export * from './tokens';
export * from './visibility';
export * from './route-callers';
