export * from './definitions';
export * from './actions';
export * from './vocabulary';
export * from './search-attribute-keys';
export * from './activities';
export * from './route-plan';
export * from './next-deadline';
export * from './timeline';
