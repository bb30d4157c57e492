/** Writing to an outbox table through plain `pg`, as a service's Prisma transaction would, for the library's tests. */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { EventData } from '@gongzhi/contracts';
import { createEventFactory, type OutboxMessage } from '../messages';
import { writeOutbox } from '../outbox-writer';

/** Commits `messages` to the outbox of the database at `url`, in one transaction. */
export async function commitToOutbox(url: string, messages: OutboxMessage[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await writeOutbox({ $executeRawUnsafe: async (q, ...v) => (await client.query(q, v)).rowCount ?? 0 }, messages);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** A case's story as events (case-service is not wired yet: these are the events it will write). */
export function caseStory(topic: string, at: (day: number, hour?: number) => Date) {
  const factory = createEventFactory({ owner: 'case', topic });
  const event = <T extends Parameters<typeof factory.build>[0]>(type: T, data: EventData<T>, when: Date) =>
    factory.build(type, (data as { caseId: string }).caseId, data, when);
  return { factory, event, newCaseId: () => randomUUID(), at };
}
