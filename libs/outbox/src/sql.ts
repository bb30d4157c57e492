/**
 * The two tables this library reads and writes, by name: each service declares them in its own Prisma schema (the
 * models are in this library's README section of the root README) and owns their migrations.
 */

/** The smallest part of a Prisma transaction client (or a `pg` client adapter) the writers need. */
export interface SqlTransaction {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

export const OUTBOX_TABLE = 'outbox_events';
export const PROCESSED_EVENTS_TABLE = 'processed_events';
