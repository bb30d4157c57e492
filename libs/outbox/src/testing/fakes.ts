/** In-memory stand-ins for the outbox table and Kafka, with the real ones' semantics where tests depend on them. */
import type { EventPublisher } from '../kafka';
import type { OutboxMessage } from '../messages';
import type { ClaimedEvent, OutboxStore } from '../outbox-store';

export interface FakeOutboxRow extends ClaimedEvent {
  sentAt: Date | null;
}

/** The outbox as an array: claims oldest unsent first; a failed publish leaves the batch unsent (a rollback). */
export function createFakeOutboxStore(): OutboxStore & {
  rows: FakeOutboxRow[];
  append(messages: OutboxMessage[]): void;
} {
  const rows: FakeOutboxRow[] = [];
  let seq = 0;
  return {
    rows,
    append(messages) {
      for (const m of messages) {
        rows.push({
          seq: String(++seq),
          id: m.id,
          topic: m.topic,
          key: m.key,
          value: JSON.stringify(m.event),
          sentAt: null,
        });
      }
    },
    async publishBatch(limit, publish) {
      const batch = rows.filter((row) => row.sentAt === null).slice(0, limit);
      if (batch.length === 0) return 0;
      await publish(batch.map(({ sentAt: _sent, ...event }) => event));
      const at = new Date();
      for (const row of batch) row.sentAt = at;
      return batch.length;
    },
    async backlog() {
      return rows.filter((row) => row.sentAt === null).length;
    },
    async close() {
      // nothing to release
    },
  };
}

/** Kafka as a list of sent messages; `failNext(n)` makes the next n publishes throw like a broker that is down. */
export function createFakePublisher(): EventPublisher & {
  sent: ClaimedEvent[];
  failNext(times: number): void;
  closed: boolean;
  attempts: number;
} {
  let failures = 0;
  const fake = {
    sent: [] as ClaimedEvent[],
    closed: false,
    attempts: 0,
    failNext(times: number) {
      failures = times;
    },
    async publish(events: readonly ClaimedEvent[]) {
      fake.attempts += 1;
      if (failures > 0) {
        failures -= 1;
        throw Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), {
          name: 'KafkaJSConnectionError',
        });
      }
      fake.sent.push(...events);
    },
    async close() {
      fake.closed = true;
    },
  };
  return fake;
}
