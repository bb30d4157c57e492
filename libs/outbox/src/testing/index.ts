export * from './fakes';
export * from './pg-outbox';
