export * from './backoff';
export * from './consumer';
export * from './kafka';
export * from './messages';
export * from './outbox-store';
export * from './outbox-writer';
export * from './relay';
export * from './sql';
