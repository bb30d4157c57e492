export * from './definitions';
export * from './vocabulary';
export * from './search-attribute-keys';
