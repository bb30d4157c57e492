export * from './envelope';
export * from './topics';
export * from './case-events';
export * from './party-events';
export * from './agency-events';
export * from './catalog';
