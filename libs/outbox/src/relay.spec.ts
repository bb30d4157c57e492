import { randomUUID } from 'node:crypto';
import { createLogger } from '@gongzhi/http';
import { backoffDelay } from './backoff';
import { createEventFactory } from './messages';
import { createOutboxRelay } from './relay';
import { createFakeOutboxStore, createFakePublisher } from './testing/fakes';

const logger = createLogger('outbox-test', 'silent');
const events = createEventFactory({ owner: 'party', topic: 'party.events.test' });
const registered = (partyId: string) =>
  events.build('gongzhi.party.registered', partyId, {
    partyId,
    kind: 'person',
    townCode: 'qingshui',
    registeringAgencyId: randomUUID(),
  });

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/** The fake outbox with commit notifications the test sends itself, counting the relay's claims. */
function createNotifyingStore() {
  const store = createFakeOutboxStore();
  const listeners = new Set<() => void>();
  const counted = {
    ...store,
    claims: 0,
    publishBatch: (limit: number, publish: Parameters<typeof store.publishBatch>[1]) => {
      counted.claims += 1;
      return store.publishBatch(limit, publish);
    },
    listen(onWrite: () => void) {
      listeners.add(onWrite);
      return async () => {
        listeners.delete(onWrite);
      };
    },
    /** A write committed: every listener hears of it. */
    notify() {
      for (const onWrite of listeners) onWrite();
    },
  };
  return counted;
}

describe('the event factory', () => {
  it('wraps the payload in a CloudEvent keyed by the aggregate', () => {
    const partyId = randomUUID();
    const message = registered(partyId);
    expect(message).toMatchObject({ topic: 'party.events.test', key: partyId, id: message.event.id });
    expect(message.event).toMatchObject({
      specversion: '1.0',
      source: '/gongzhi/party-service',
      type: 'gongzhi.party.registered',
      subject: `party/${partyId}`,
      partitionkey: partyId,
      schemaversion: 1,
      datacontenttype: 'application/json',
    });
  });

  it('refuses a payload the contract refuses, before anything is stored', () => {
    const partyId = randomUUID();
    expect(() =>
      events.build('gongzhi.party.registered', partyId, {
        partyId,
        kind: 'person',
        townCode: 'qingshui',
        registeringAgencyId: randomUUID(),
        // @ts-expect-error: personal data has no place in an event
        name: '张三',
      }),
    ).toThrow();
  });

  it("refuses another owner's event type", () => {
    const other = createEventFactory({ owner: 'agency', topic: 'agency.events' });
    // @ts-expect-error: a party event built by agency-service's factory
    expect(() => other.build('gongzhi.party.registered', 'x', {})).toThrow(/not a agency event/);
  });
});

describe('the outbox relay', () => {
  it('publishes everything in outbox order and marks it sent', async () => {
    const store = createFakeOutboxStore();
    const publisher = createFakePublisher();
    const messages = Array.from({ length: 7 }, () => registered(randomUUID()));
    store.append(messages);
    const relay = createOutboxRelay({ store, publisher, logger, batchSize: 3 });
    expect(await relay.drain()).toBe(7);
    expect(publisher.sent.map((e) => e.id)).toEqual(messages.map((m) => m.id));
    expect(await store.backlog()).toBe(0);
  });

  it('keeps rows unsent while Kafka is down, backs off, and sends them once it is back', async () => {
    const store = createFakeOutboxStore();
    const publisher = createFakePublisher();
    publisher.failNext(3);
    store.append([registered(randomUUID()), registered(randomUUID())]);
    const relay = createOutboxRelay({
      store,
      publisher,
      logger,
      pollIntervalMs: 1,
      backoff: { initialMs: 1, maxMs: 4 },
    });
    relay.start();
    await until(() => publisher.sent.length === 2);
    await relay.stop();
    expect(store.rows.every((row) => row.sentAt !== null)).toBe(true);
    expect(publisher.closed).toBe(true);
  });

  it('sends a batch again when the process died after publishing and before marking (consumers dedupe)', async () => {
    const store = createFakeOutboxStore();
    const publisher = createFakePublisher();
    store.append([registered(randomUUID())]);
    const crashing = createOutboxRelay({
      store,
      publisher,
      logger,
      afterPublish: () => Promise.reject(new Error('killed')),
    });
    await expect(crashing.drain()).rejects.toThrow('killed');
    expect(await store.backlog()).toBe(1);
    await createOutboxRelay({ store, publisher, logger }).drain();
    expect(publisher.sent).toHaveLength(2);
    expect(publisher.sent[0]?.id).toBe(publisher.sent[1]?.id);
  });

  it('stops at once even while waiting out a long backoff', async () => {
    const store = createFakeOutboxStore();
    const publisher = createFakePublisher();
    publisher.failNext(1);
    store.append([registered(randomUUID())]);
    const relay = createOutboxRelay({ store, publisher, logger, backoff: { initialMs: 60_000, maxMs: 60_000 } });
    relay.start();
    await until(() => publisher.attempts === 1);
    const started = Date.now();
    await relay.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('the outbox relay, woken by notifications', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('looks once for a burst of notifications, notifiedDelayMs after the first', async () => {
    const store = createNotifyingStore();
    const publisher = createFakePublisher();
    const relay = createOutboxRelay({ store, publisher, logger, pollIntervalMs: 60_000, notifiedDelayMs: 25 });
    relay.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(store.claims).toBe(1);

    store.append([registered(randomUUID())]);
    store.notify();
    await jest.advanceTimersByTimeAsync(10);
    store.append([registered(randomUUID())]);
    store.notify();
    store.notify();
    await jest.advanceTimersByTimeAsync(14);
    expect(store.claims).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(store.claims).toBe(2);
    expect(publisher.sent).toHaveLength(2);

    // Well before the next poll: a second look would have come from the later notifications.
    await jest.advanceTimersByTimeAsync(1_000);
    expect(store.claims).toBe(2);

    // Once that look is done, the next notification schedules a look of its own.
    store.notify();
    await jest.advanceTimersByTimeAsync(25);
    expect(store.claims).toBe(3);
    await relay.stop();
  });

  it('leaves no look pending once stopped', async () => {
    const store = createNotifyingStore();
    const relay = createOutboxRelay({
      store,
      publisher: createFakePublisher(),
      logger,
      pollIntervalMs: 60_000,
      notifiedDelayMs: 25,
    });
    relay.start();
    await jest.advanceTimersByTimeAsync(0);
    store.notify();
    await relay.stop();
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('backoff', () => {
  it('doubles up to the cap, with jitter in the upper half', () => {
    const policy = { initialMs: 500, maxMs: 30_000 };
    expect(backoffDelay(policy, 1, () => 0)).toBe(250);
    expect(backoffDelay(policy, 1, () => 1)).toBe(500);
    expect(backoffDelay(policy, 3, () => 1)).toBe(2_000);
    expect(backoffDelay(policy, 20, () => 1)).toBe(30_000);
  });
});
