import type { OutboxMessage } from './messages';
import { OUTBOX_TABLE, type SqlTransaction } from './sql';

/**
 * Writes events to the service's outbox inside the caller's transaction, so they exist exactly when the change does.
 * Call it after the statement that changed (and so locked) the aggregate's row: then two transactions on one aggregate
 * take outbox sequence numbers in commit order, and the relay publishes them in that order.
 */
export async function writeOutbox(tx: SqlTransaction, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const values: unknown[] = [];
  const rows = messages.map((message) => {
    const at = values.length;
    values.push(message.id, message.topic, message.key, message.event.type, JSON.stringify(message.event));
    return `($${at + 1}::uuid, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}::jsonb)`;
  });
  await tx.$executeRawUnsafe(
    `INSERT INTO ${OUTBOX_TABLE} (id, topic, key, event_type, event) VALUES ${rows.join(', ')}`,
    ...values,
  );
}
