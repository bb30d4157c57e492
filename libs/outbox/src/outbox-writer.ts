import type { OutboxMessage } from './messages';
import { OUTBOX_CHANNEL, OUTBOX_TABLE, type SqlTransaction } from './sql';

/**
 * Writes events to the service's outbox inside the caller's transaction, so they exist exactly when the change does.
 * Call it after the statement that changed (and so locked) the aggregate's row: then two transactions on one aggregate
 * take outbox sequence numbers in commit order, and the relay publishes them in that order.
 *
 * The same statement notifies OUTBOX_CHANNEL (PostgreSQL delivers it at commit, once per transaction however often it
 * is raised, and never for a rolled-back one), which wakes the relays listening on the database.
 */
export async function writeOutbox(tx: SqlTransaction, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const values: unknown[] = [];
  const rows = messages.map((message, position) => {
    const at = values.length;
    values.push(message.id, message.topic, message.key, message.event.type, JSON.stringify(message.event));
    return `($${at + 1}::uuid, $${at + 2}::text, $${at + 3}::text, $${at + 4}::text, $${at + 5}::jsonb, ${position})`;
  });
  // One statement, no extra round trip: the rows, in the order given, joined to the notification.
  await tx.$executeRawUnsafe(
    `INSERT INTO ${OUTBOX_TABLE} (id, topic, key, event_type, event)
     SELECT v.id, v.topic, v.key, v.event_type, v.event
       FROM (VALUES ${rows.join(', ')}) AS v(id, topic, key, event_type, event, position)
       CROSS JOIN (SELECT pg_notify('${OUTBOX_CHANNEL}', '')) AS notified
      ORDER BY v.position`,
    ...values,
  );
}
