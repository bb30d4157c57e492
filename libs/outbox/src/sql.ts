/**
 * The two tables this library reads and writes, by name: each service declares them in its own Prisma schema (the
 * models are in docs/reference/events.md) and owns their migrations.
 */

/** The smallest part of a Prisma transaction client (or a `pg` client adapter) the writers need. */
export interface SqlTransaction {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

export const OUTBOX_TABLE = 'outbox_events';
export const PROCESSED_EVENTS_TABLE = 'processed_events';

/**
 * The PostgreSQL channel an outbox write notifies (delivered when its transaction commits), so a relay listening on the
 * service's database publishes at once instead of at its next poll.
 */
export const OUTBOX_CHANNEL = 'gongzhi_outbox';
