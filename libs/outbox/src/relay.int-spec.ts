import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { parseDomainEvent } from '@gongzhi/contracts';
import { createLogger } from '@gongzhi/http';
import { createTestDatabase, eventually, type TestDatabase, testStack } from '@gongzhi/testing';
import { createKafkaPublisher, ensureTopics } from './kafka';
import { createEventFactory, type OutboxMessage } from './messages';
import { createPgOutboxStore } from './outbox-store';
import { createOutboxRelay } from './relay';
import { commitToOutbox } from './testing/pg-outbox';

const logger = createLogger('outbox-int', 'silent');
const kafka = new Kafka({ clientId: 'outbox-int', brokers: testStack().kafkaBrokers, logLevel: logLevel.NOTHING });
let db: TestDatabase;

beforeAll(async () => {
  // Any service database has an outbox_events table; party's template is as good as another.
  db = await createTestDatabase('party');
});

afterAll(async () => {
  await db?.drop();
});

/** Reads a topic from the beginning until `count` messages arrived. */
async function readTopic(topic: string, count: number): Promise<{ key: string; value: string; partition: number }[]> {
  const consumer = kafka.consumer({ groupId: `outbox-int-${randomUUID()}` });
  const received: { key: string; value: string; partition: number }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      received.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', partition });
    },
  });
  await eventually(`${count} messages on ${topic}`, async () => (received.length >= count ? true : undefined));
  await consumer.disconnect();
  return received;
}

async function unsent(): Promise<number> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM outbox_events WHERE sent_at IS NULL',
    );
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

function partyEvents(topic: string, parties: string[], perParty: number): OutboxMessage[] {
  const factory = createEventFactory({ owner: 'party', topic });
  const agencyId = randomUUID();
  // Interleaved: p1 v1, p2 v1, p1 v2, p2 v2, … so order per key is not order of the whole outbox by accident.
  return Array.from({ length: perParty }, (_, i) =>
    parties.map((partyId) =>
      i === 0
        ? factory.build('gongzhi.party.registered', partyId, {
            partyId,
            kind: 'person',
            townCode: 'qingshui',
            registeringAgencyId: agencyId,
          })
        : factory.build('gongzhi.party.updated', partyId, {
            partyId,
            townCode: 'qingshui',
            version: i + 1,
            changedFields: ['phone'],
          }),
    ),
  ).flat();
}

describe('the outbox relay against PostgreSQL and Kafka', () => {
  it("delivers each aggregate's events in order, keyed by the aggregate, with the CloudEvents envelope", async () => {
    const topic = `test.outbox.${randomUUID()}`;
    await ensureTopics(kafka, [topic]);
    const parties = [randomUUID(), randomUUID(), randomUUID()];
    const messages = partyEvents(topic, parties, 5);
    // Each "change" commits its own event, as the services do.
    for (const message of messages) await commitToOutbox(db.url, [message]);

    const relay = createOutboxRelay({
      store: createPgOutboxStore({ connectionString: db.url }),
      publisher: createKafkaPublisher(kafka),
      logger,
      batchSize: 4,
    });
    expect(await relay.drain()).toBe(messages.length);
    await relay.stop();
    expect(await unsent()).toBe(0);

    const received = await readTopic(topic, messages.length);
    for (const partyId of parties) {
      const mine = received.filter((m) => m.key === partyId);
      expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
      const events = mine.map((m) => parseDomainEvent(JSON.parse(m.value)));
      expect(events.every((e) => e.ok)).toBe(true);
      expect(events.map((e) => (e.ok ? e.event.id : ''))).toEqual(
        messages.filter((m) => m.key === partyId).map((m) => m.id),
      );
      expect(events[0]).toMatchObject({
        event: {
          specversion: '1.0',
          source: '/gongzhi/party-service',
          subject: `party/${partyId}`,
          partitionkey: partyId,
        },
      });
    }
  });

  it('lets two relays share one outbox: every event once, each aggregate still in order', async () => {
    const topic = `test.outbox.${randomUUID()}`;
    await ensureTopics(kafka, [topic]);
    const parties = Array.from({ length: 6 }, () => randomUUID());
    const messages = partyEvents(topic, parties, 10);
    await commitToOutbox(db.url, messages);
    const relays = [1, 2].map(() =>
      createOutboxRelay({
        store: createPgOutboxStore({ connectionString: db.url }),
        publisher: createKafkaPublisher(kafka),
        logger,
        batchSize: 5,
        pollIntervalMs: 20,
      }),
    );
    for (const relay of relays) relay.start();
    await eventually('the outbox emptied', async () => ((await unsent()) === 0 ? true : undefined));
    await Promise.all(relays.map((relay) => relay.stop()));

    const received = await readTopic(topic, messages.length);
    const ids = received.map((m) => (JSON.parse(m.value) as { id: string }).id);
    expect(ids).toHaveLength(messages.length);
    expect(new Set(ids).size).toBe(messages.length);
    for (const partyId of parties) {
      const order = received.filter((m) => m.key === partyId).map((m) => (JSON.parse(m.value) as { id: string }).id);
      expect(order).toEqual(messages.filter((m) => m.key === partyId).map((m) => m.id));
    }
  });

  it('publishes a committed write soon after it, woken by its notification rather than by its next poll', async () => {
    const topic = `test.outbox.${randomUUID()}`;
    await ensureTopics(kafka, [topic]);
    const relay = createOutboxRelay({
      store: createPgOutboxStore({ connectionString: db.url }),
      publisher: createKafkaPublisher(kafka),
      logger,
      // Polling alone would not look again within the test's time.
      pollIntervalMs: 3_600_000,
    });
    relay.start();
    try {
      await eventually('the relay idle on an empty outbox', async () => ((await unsent()) === 0 ? true : undefined));
      const [first, second] = partyEvents(topic, [randomUUID(), randomUUID()], 1);
      await commitToOutbox(db.url, [first as OutboxMessage]);
      await eventually('the first write published', async () => ((await unsent()) === 0 ? true : undefined), {
        timeoutMs: 20_000,
      });
      // And again: each commit wakes the relay, not only the first.
      await commitToOutbox(db.url, [second as OutboxMessage]);
      await eventually('the second write published', async () => ((await unsent()) === 0 ? true : undefined), {
        timeoutMs: 20_000,
      });
    } finally {
      await relay.stop();
    }
    expect((await readTopic(topic, 2)).map((m) => (JSON.parse(m.value) as { id: string }).id)).toHaveLength(2);
  });

  it('keeps events in the outbox while Kafka cannot be reached', async () => {
    const topic = `test.outbox.${randomUUID()}`;
    await commitToOutbox(db.url, partyEvents(topic, [randomUUID()], 1));
    const nowhere = new Kafka({
      clientId: 'outbox-int-down',
      brokers: ['127.0.0.1:1'],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 200,
    });
    const relay = createOutboxRelay({
      store: createPgOutboxStore({ connectionString: db.url }),
      publisher: createKafkaPublisher(nowhere),
      logger,
    });
    await expect(relay.drain()).rejects.toThrow();
    await relay.stop();
    expect(await unsent()).toBe(1);
    // A relay that can reach Kafka sends it.
    const working = createOutboxRelay({
      store: createPgOutboxStore({ connectionString: db.url }),
      publisher: createKafkaPublisher(kafka),
      logger,
    });
    expect(await working.drain()).toBe(1);
    await working.stop();
  });

  it('survives the database dropping its connection while a batch is being published, and sends the batch again', async () => {
    const topic = `test.outbox.${randomUUID()}`;
    await commitToOutbox(db.url, partyEvents(topic, [randomUUID()], 1));
    const store = createPgOutboxStore({ connectionString: db.url });
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    const others = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;
    try {
      // As a restart would: every other session of the database ends while the relay waits on Kafka.
      const publishing = store.publishBatch(10, async () => {
        await admin.query(`SELECT pg_terminate_backend(pid) FROM (${others}) AS sessions`);
        await eventually('the relay session gone', async () =>
          (await admin.query(others)).rowCount === 0 ? true : undefined,
        );
      });
      await expect(publishing).rejects.toThrow();
      expect(await unsent()).toBe(1);
      // The service is still there, and its next batch goes out.
      const relay = createOutboxRelay({ store, publisher: createKafkaPublisher(kafka), logger });
      expect(await relay.drain()).toBe(1);
      await relay.stop();
      expect(await unsent()).toBe(0);
    } finally {
      await admin.end();
    }
  });
});
