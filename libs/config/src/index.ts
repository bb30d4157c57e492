export * from './load-config';
export * from './postgres';
