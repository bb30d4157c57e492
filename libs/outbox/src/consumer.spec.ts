import { randomUUID } from 'node:crypto';
import { DEAD_LETTER_HEADERS, type DomainEvent } from '@gongzhi/contracts';
import { createLogger } from '@gongzhi/http';
import { createMessageProcessor, type DeadLetter, isTransientError, type RawMessage } from './consumer';
import { createEventFactory } from './messages';

/** A "database" with transactions: the work's changes apply only if it returns. */
function fakeDatabase() {
  const db = { processed: new Set<string>(), applied: [] as string[] };
  return {
    db,
    async transaction<T>(work: (tx: typeof db) => Promise<T>): Promise<T> {
      const tx = { processed: new Set(db.processed), applied: [...db.applied] };
      const result = await work(tx);
      db.processed = tx.processed;
      db.applied = tx.applied;
      return result;
    },
  };
}

const factory = createEventFactory({ owner: 'agency', topic: 'agency.events' });
function agencyRegistered() {
  const agencyId = randomUUID();
  return factory.build('gongzhi.agency.registered', agencyId, {
    agencyId,
    townCode: 'qingshui',
    kind: 'police-station',
    areaCodes: [],
  });
}

let offset = 0;
function messageOf(value: string): RawMessage {
  return { topic: 'agency.events', partition: 0, offset: String(offset++), key: null, value: Buffer.from(value) };
}

function setup(handle: (event: DomainEvent) => Promise<void> = async () => undefined) {
  const { db, transaction } = fakeDatabase();
  const letters: DeadLetter[] = [];
  const process = createMessageProcessor({
    consumer: 'statistics',
    deadLetterTopic: 'statistics.dlq',
    transaction,
    recordProcessed: async (tx, event) => {
      if (tx.processed.has(event.id)) return false;
      tx.processed.add(event.id);
      return true;
    },
    handle: async (event) => {
      await handle(event);
      // Stands for the projection's writes; kept on the transaction's copy, like a real effect.
    },
    handles: (type) => type !== 'gongzhi.agency.policy-changed',
    sendDeadLetter: async (letter) => {
      letters.push(letter);
    },
    logger: createLogger('consumer-test', 'silent'),
  });
  return { db, letters, process };
}

describe('the idempotent message processor', () => {
  it('applies an event once, however often it is delivered', async () => {
    const applied: string[] = [];
    const { process, db } = setup(async (event) => {
      applied.push(event.id);
    });
    const message = agencyRegistered();
    const value = JSON.stringify(message.event);
    expect(await process(messageOf(value))).toBe('applied');
    expect(await process(messageOf(value))).toBe('duplicate');
    expect(applied).toEqual([message.id]);
    expect(db.processed.size).toBe(1);
  });

  it('dead-letters a value that is not JSON, with the reason in the headers, and carries on', async () => {
    const { process, letters } = setup();
    expect(await process(messageOf('{not json'))).toBe('dead-lettered');
    expect(letters[0]?.topic).toBe('statistics.dlq');
    expect(letters[0]?.headers[DEAD_LETTER_HEADERS.reason]).toBe('invalid-envelope');
    expect(await process(messageOf(JSON.stringify(agencyRegistered().event)))).toBe('applied');
  });

  it('dead-letters an event whose payload breaks its contract', async () => {
    const { process, letters } = setup();
    const event = { ...agencyRegistered().event, data: { agencyId: 'nope' } };
    expect(await process(messageOf(JSON.stringify(event)))).toBe('dead-lettered');
    expect(letters[0]?.headers[DEAD_LETTER_HEADERS.reason]).toBe('invalid-payload');
    expect(String(letters[0]?.headers[DEAD_LETTER_HEADERS.error])).toMatch(/agencyId/);
  });

  it('dead-letters an event the handler refuses for good, and records nothing for it', async () => {
    const { process, letters, db } = setup(async () => {
      throw new Error('agency kind unknown to this projection');
    });
    expect(await process(messageOf(JSON.stringify(agencyRegistered().event)))).toBe('dead-lettered');
    expect(letters[0]?.headers[DEAD_LETTER_HEADERS.reason]).toBe('handler-failed');
    expect(letters[0]?.headers[DEAD_LETTER_HEADERS.error]).toBe('Error: agency kind unknown to this projection');
    expect(db.processed.size).toBe(0);
  });

  it('throws a transient failure so the same message is retried, never dead-lettered', async () => {
    let calls = 0;
    const { process, letters } = setup(async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error("Can't reach database server"), { code: 'P1001' });
    });
    const message = messageOf(JSON.stringify(agencyRegistered().event));
    await expect(process(message)).rejects.toThrow(/reach database/);
    expect(await process(message)).toBe('applied');
    expect(letters).toHaveLength(0);
  });

  it('skips types it does not handle and types it does not know', async () => {
    const { process, letters } = setup();
    const unknown = { ...agencyRegistered().event, type: 'gongzhi.agency.renamed' };
    expect(await process(messageOf(JSON.stringify(unknown)))).toBe('ignored');
    expect(letters).toHaveLength(0);
  });
});

describe('isTransientError', () => {
  it.each([
    [{ code: 'P1001' }, true],
    [{ code: '40001' }, true],
    [new Error('connect ECONNREFUSED 127.0.0.1:5432'), true],
    [{ name: 'KafkaJSConnectionError', message: 'x' }, true],
    // A database restart, as the consumers met it: the pooled client's connection cut, then refused while starting.
    [new Error('Client has encountered a connection error and is not queryable'), true],
    [new Error('the database system is starting up'), true],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, true],
    [new Error('Cannot read properties of undefined'), false],
    ['text', false],
  ])('%p → %p', (error, transient) => {
    expect(isTransientError(error)).toBe(transient);
  });
});
