/**
 * The whole road of an event, against the real broker and PostgreSQL: written to an outbox in the change's
 * transaction, published by a relay process (killed once between publishing and marking), consumed into the
 * projection exactly once, poison set aside, and the projection rebuilt from the topics to the same numbers.
 * case-service is not wired to its outbox yet, so the case events here are written the way it will write them.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { DEAD_LETTER_HEADERS, type EventData, type EventTypeOf, type Principal } from '@gongzhi/contracts';
import { createLogger } from '@gongzhi/http';
import { createEventFactory, ensureTopics, type IdempotentConsumer, type OutboxMessage } from '@gongzhi/outbox';
import { commitToOutbox } from '@gongzhi/outbox/testing';
import { createTestDatabase, eventually, startApp, type TestDatabase, testStack } from '@gongzhi/testing';
import { PrismaClient } from './generated/prisma/client';
import { createProjectionConsumer } from './projection/consumer';
import { PROJECTED_EVENT_TYPES } from './projection/projection';
import { rebuildProjection } from './rebuild/rebuild';
import { createStatisticsRepository } from './statistics/statistics.repository';
import { createStatisticsService } from './statistics/statistics.service';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const LOG_DIR = process.env['GONGZHI_TEST_LOG_DIR'] ?? path.join(REPO_ROOT, '.data/test/logs');
const logger = createLogger('statistics-int', 'silent');
const brokers = testStack().kafkaBrokers;
const kafka = new Kafka({ clientId: 'statistics-int', brokers, logLevel: logLevel.NOTHING });
const run = randomUUID().slice(0, 8);
const topics = {
  case: `test.${run}.case.events`,
  party: `test.${run}.party.events`,
  agency: `test.${run}.agency.events`,
};
const dlq = `test.${run}.statistics.dlq`;
const groupId = `statistics-int-${run}`;
const ADMIN: Principal = { staffId: 'admin', agencyId: 'centre', townCode: 'qingshui', roles: ['administrator'] };

let outboxDb: TestDatabase;
let statsDb: TestDatabase;
let prisma: PrismaClient;
let consumer: IdempotentConsumer | undefined;
/** The next offset to read, per `topic:partition`, as far as the live consumer got. */
const readUpTo = new Map<string, number>();

const at = (day: number, hour = 2) => new Date(Date.UTC(2026, 1, day, hour));
const V = randomUUID(); // village mediation committee
const P = randomUUID(); // police station
const J = randomUUID(); // judicial office
const C = randomUUID(); // people's tribunal
const caseIds = { a: randomUUID(), b: randomUUID(), c: randomUUID(), d: randomUUID() };

const caseFactory = createEventFactory({ owner: 'case', topic: topics.case });
function caseEvent<T extends EventTypeOf<'case'>>(type: T, data: EventData<T>, when: Date): OutboxMessage {
  return caseFactory.build(type, (data as { caseId: string }).caseId, data, when);
}
const town = { townCode: 'qingshui' };
const opened = (
  caseId: string,
  disputeType: 'neighbour' | 'contract-debt',
  day: number,
  villageCode: string | null = 'shangba',
) =>
  caseEvent(
    'gongzhi.case.opened',
    {
      caseId,
      ...town,
      villageCode,
      disputeType,
      source: 'grid-report',
      riskFlags: [],
      parties: [],
      amountInDispute: null,
    },
    at(day),
  );
const entered = (
  caseId: string,
  level: 'L1' | 'L2' | 'L3' | 'L4',
  agencyId: string,
  day: number,
  via: 'initial' | 'escalation' | 'reroute' = 'initial',
) =>
  caseEvent(
    'gongzhi.case.level-entered',
    {
      caseId,
      ...town,
      level,
      agencyId,
      previousLevel: null,
      via,
      acceptanceDueAt: at(day + 2).toISOString(),
      policyVersion: 1,
    },
    at(day),
  );
const accepted = (caseId: string, level: 'L1' | 'L2' | 'L3' | 'L4', agencyId: string, entryDay: number, when: Date) =>
  caseEvent(
    'gongzhi.case.transfer-accepted',
    {
      caseId,
      ...town,
      level,
      agencyId,
      acceptedBy: randomUUID(),
      responsibleStaffId: randomUUID(),
      acceptanceDueAt: at(entryDay + 2).toISOString(),
    },
    when,
  );
const closed = (caseId: string, level: 'L1' | 'L3' | 'L4', agencyId: string, day: number) =>
  caseEvent(
    'gongzhi.case.closed',
    { caseId, ...town, outcome: 'resolved', level, agencyId, closeReason: null },
    at(day),
  );

/** The changes of February 2026, each committed with its own events (one transaction per change). */
function february(): OutboxMessage[][] {
  const agencyFactory = createEventFactory({ owner: 'agency', topic: topics.agency });
  const agency = (agencyId: string, kind: 'mediation-committee' | 'police-station' | 'judicial-office' | 'court') =>
    agencyFactory.build('gongzhi.agency.registered', agencyId, { agencyId, ...town, kind, areaCodes: [] }, at(1));
  const partyFactory = createEventFactory({ owner: 'party', topic: topics.party });
  const partyId = randomUUID();
  const { a, b, c, d } = caseIds;
  return [
    [agency(V, 'mediation-committee'), agency(P, 'police-station'), agency(J, 'judicial-office'), agency(C, 'court')],
    [
      partyFactory.build(
        'gongzhi.party.registered',
        partyId,
        { partyId, kind: 'person', ...town, registeringAgencyId: V },
        at(1),
      ),
    ],
    // A: settled in the village, accepted on time.
    [opened(a, 'neighbour', 2), entered(a, 'L1', V, 2)],
    [accepted(a, 'L1', V, 2, at(2, 6))],
    [
      caseEvent(
        'gongzhi.case.agreement-recorded',
        { caseId: a, ...town, level: 'L1', agencyId: V, effectiveAt: at(6).toISOString(), jointAgencyIds: [] },
        at(6),
      ),
    ],
    [closed(a, 'L1', V, 10)],
    // B: accepted late in the village, its clock runs out, escalated to the judicial office, settled there.
    [opened(b, 'contract-debt', 3), entered(b, 'L1', V, 3)],
    [accepted(b, 'L1', V, 3, at(6))],
    [
      caseEvent(
        'gongzhi.case.deadline-missed',
        { caseId: b, ...town, level: 'L1', agencyId: V, clock: 'mediation', dueAt: at(20).toISOString() },
        at(20),
      ),
    ],
    [
      caseEvent(
        'gongzhi.case.escalation-approved',
        { caseId: b, ...town, fromLevel: 'L1', toLevel: 'L3', decidedBy: randomUUID(), trigger: 'clock-expired' },
        at(21),
      ),
      entered(b, 'L3', J, 21, 'escalation'),
    ],
    [accepted(b, 'L3', J, 21, at(22))],
    [closed(b, 'L3', J, 26)],
    // C (in xiaba): the police reject it, it goes to the village, which lets the acceptance clock run out: overdue now.
    [opened(c, 'neighbour', 5, 'xiaba'), entered(c, 'L2', P, 5)],
    [
      caseEvent(
        'gongzhi.case.transfer-rejected',
        {
          caseId: c,
          ...town,
          level: 'L2',
          agencyId: P,
          rejectedBy: randomUUID(),
          reason: 'not-our-jurisdiction',
          acceptanceDueAt: at(7).toISOString(),
        },
        at(6),
      ),
      entered(c, 'L1', V, 6, 'reroute'),
    ],
    [
      caseEvent(
        'gongzhi.case.deadline-missed',
        { caseId: c, ...town, level: 'L1', agencyId: V, clock: 'acceptance', dueAt: at(8).toISOString() },
        at(8),
      ),
    ],
    // D: reported without a village, straight to the tribunal, settled there (resolved, but not within the town).
    [opened(d, 'contract-debt', 8, null), entered(d, 'L4', C, 8)],
    [accepted(d, 'L4', C, 8, at(9))],
    [closed(d, 'L4', C, 27)],
  ];
}

const changes = february();
const allMessages = changes.flat();
const projected = allMessages.filter((m) => PROJECTED_EVENT_TYPES.has(m.event.type));

async function sql<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

async function messagesOn(topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Everything the API would answer for February, plus the projection's row counts. */
async function snapshot() {
  const service = createStatisticsService({ repository: createStatisticsRepository(prisma) });
  const query = { from: '2026-02-01', to: '2026-02-28', granularity: 'day' as const };
  const counts = await sql<Record<string, string>>(
    statsDb.url,
    `SELECT (SELECT count(*) FROM cases)::text AS cases, (SELECT count(*) FROM level_visits)::text AS visits,
            (SELECT count(*) FROM deadline_misses)::text AS misses, (SELECT count(*) FROM agencies)::text AS agencies,
            (SELECT count(*) FROM processed_events)::text AS processed,
            (SELECT events_applied FROM projection_counters WHERE consumer = 'statistics-projection')::text AS counted`,
  );
  return {
    statistics: await service.statistics(ADMIN, query),
    byAgency: await service.statistics(ADMIN, { ...query, agencyId: V, granularity: 'month' }),
    index: await service.dailyIndex(ADMIN, query),
    counts: counts[0],
  };
}

/** True once the consumer has read every partition of the topics to its current end (redeliveries do not count twice). */
async function caughtUp(): Promise<true | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of Object.values(topics)) {
      for (const { partition, high } of await admin.fetchTopicOffsets(topic)) {
        if ((readUpTo.get(`${topic}:${partition}`) ?? 0) < Number(high)) return undefined;
      }
    }
    return true;
  } finally {
    await admin.disconnect();
  }
}

function startConsumer(): IdempotentConsumer {
  const started = createProjectionConsumer({
    prisma,
    kafka,
    groupId,
    topics: Object.values(topics),
    deadLetterTopic: dlq,
    logger,
    onProcessed: (message) => {
      const key = `${message.topic}:${message.partition}`;
      readUpTo.set(key, Math.max(readUpTo.get(key) ?? 0, Number(message.offset) + 1));
    },
  });
  return started;
}

beforeAll(async () => {
  [outboxDb, statsDb] = await Promise.all([createTestDatabase('party'), createTestDatabase('statistics')]);
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: statsDb.url }) });
  await ensureTopics(kafka, [...Object.values(topics), dlq]);
});

afterAll(async () => {
  await consumer?.stop();
  await prisma?.$disconnect();
  await Promise.all([outboxDb?.drop(), statsDb?.drop()]);
});

describe('domain events from the outbox to the statistics', () => {
  it('loses nothing when the relay dies between publishing and marking: the batch is sent again, applied once', async () => {
    for (const change of changes) await commitToOutbox(outboxDb.url, change);
    const relayEnv = { DATABASE_URL: outboxDb.url, KAFKA_BROKERS: brokers.join(',') };
    const doomed = await startApp(
      {
        name: 'outbox-relay-crash',
        entry: 'libs/outbox/src/testing/relay-process.ts',
        env: { ...relayEnv, OUTBOX_TEST_HANG_AFTER_PUBLISH: '1' },
        readyLine: /published to kafka/,
      },
      LOG_DIR,
    );
    await doomed.kill9();
    // Published, never marked: PostgreSQL rolled the claim back when the process died.
    const unsent = async () =>
      Number(
        (
          await sql<{ n: string }>(outboxDb.url, 'SELECT count(*)::text AS n FROM outbox_events WHERE sent_at IS NULL')
        )[0]?.n,
      );
    expect(await unsent()).toBe(allMessages.length);
    expect(await messagesOn(topics.case)).toBeGreaterThan(0);

    const relay = await startApp(
      {
        name: 'outbox-relay',
        entry: 'libs/outbox/src/testing/relay-process.ts',
        env: relayEnv,
        readyLine: /outbox relay started/,
      },
      LOG_DIR,
    );
    await eventually('every outbox row marked sent', async () => ((await unsent()) === 0 ? true : undefined));
    await relay.stop();
    const onTopics = (await Promise.all(Object.values(topics).map(messagesOn))).reduce((a, b) => a + b, 0);
    expect(onTopics).toBe(2 * allMessages.length);

    consumer = startConsumer();
    await consumer.start();
    await eventually('both copies of every event read', caughtUp);
    const { statistics, counts } = await snapshot();
    expect(counts).toEqual({
      cases: '4',
      visits: '6',
      misses: '2',
      agencies: '4',
      processed: String(projected.length),
      // Raised once per event applied, not for the second copy of each.
      counted: String(projected.length),
    });
    expect(statistics.totals).toMatchObject({
      opened: 4,
      closed: 3,
      resolved: 3,
      resolvedWithinTown: 2,
      transfersAccepted: 4,
      transfersAcceptedOnTime: 3,
      transfersRejected: 1,
      missedDeadlines: 2,
      casesWithMissedDeadlines: 2,
      overdueNow: 1,
    });
    expect(statistics.resolutionRate).toBe(1);
    expect(statistics.resolvedWithinTownShare).toBeCloseTo(2 / 3);
    expect(statistics.onTimeAcceptanceRate).toBe(0.75);
    expect(statistics.eventsApplied).toBe(projected.length);
    // By the village the opening event named.
    expect(statistics.villages).toEqual([
      {
        townCode: 'qingshui',
        villageCode: 'shangba',
        opened: 2,
        closed: 2,
        resolved: 2,
        resolutionRate: 1,
        overdueNow: 0,
      },
      {
        townCode: 'qingshui',
        villageCode: 'xiaba',
        opened: 1,
        closed: 0,
        resolved: 0,
        resolutionRate: null,
        overdueNow: 1,
      },
      { townCode: 'qingshui', villageCode: null, opened: 1, closed: 1, resolved: 1, resolutionRate: 1, overdueNow: 0 },
    ]);
  });

  it('changes nothing when every event is delivered once more', async () => {
    const before = await snapshot();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (const message of allMessages) {
      await producer.send({
        topic: message.topic,
        acks: -1,
        messages: [{ key: message.key, value: JSON.stringify(message.event) }],
      });
    }
    await producer.disconnect();
    await eventually('the duplicates read', caughtUp);
    expect(await snapshot()).toEqual(before);
  });

  it('sets a malformed message and a broken payload aside on the dead-letter topic, and carries on', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const caseId = randomUUID();
    const broken = { ...opened(caseId, 'neighbour', 28).event, data: { caseId, summary: '张三 13800138000' } };
    await producer.send({
      topic: topics.case,
      messages: [
        { key: 'garbage', value: '{"this is": not json' },
        { key: caseId, value: JSON.stringify(broken) },
        { key: caseId, value: JSON.stringify(opened(caseId, 'neighbour', 28).event) },
      ],
    });
    await producer.disconnect();
    await eventually('the event after the poison applied', async () =>
      (await prisma.caseFact.findUnique({ where: { id: caseId } })) ? true : undefined,
    );

    const letters: { key: string; headers: Record<string, string> }[] = [];
    const reader = kafka.consumer({ groupId: `dlq-reader-${run}` });
    await reader.connect();
    await reader.subscribe({ topic: dlq, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        letters.push({
          key: message.key?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? ''])),
        });
      },
    });
    await eventually('two dead letters', async () => (letters.length >= 2 ? true : undefined));
    await reader.disconnect();
    // Keyed by their aggregates, the two letters may sit on different partitions: no order between them.
    expect(letters.map((l) => [l.key, l.headers[DEAD_LETTER_HEADERS.reason]])).toEqual(
      expect.arrayContaining([
        ['garbage', 'invalid-envelope'],
        [caseId, 'invalid-payload'],
      ]),
    );
    const brokenLetter = letters.find((l) => l.key === caseId);
    expect(brokenLetter?.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.topic]: topics.case,
      [DEAD_LETTER_HEADERS.consumer]: 'statistics-projection',
    });
    expect(brokenLetter?.headers[DEAD_LETTER_HEADERS.error]).toMatch(/summary/);
    expect(letters.map((l) => l.headers[DEAD_LETTER_HEADERS.error]).join(' ')).not.toContain('13800138000');
  });

  it('rebuilds the projection from the beginning of the topics to the same numbers', async () => {
    const before = await snapshot();
    await consumer?.stop();
    consumer = undefined;
    const result = await rebuildProjection({
      prisma,
      kafka,
      groupId,
      topics: Object.values(topics),
      deadLetterTopic: dlq,
      logger,
    });
    expect(result.eventsApplied).toBe(projected.length + 1);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to rebuild while the live consumer runs', async () => {
    consumer = startConsumer();
    await consumer.start();
    await eventually('the consumer joined its group', async () => {
      const admin = kafka.admin();
      await admin.connect();
      const { groups } = await admin.describeGroups([groupId]);
      await admin.disconnect();
      return (groups[0]?.members.length ?? 0) > 0 ? true : undefined;
    });
    await expect(
      rebuildProjection({ prisma, kafka, groupId, topics: Object.values(topics), deadLetterTopic: dlq, logger }),
    ).rejects.toThrow(/active member/);
  });

  it("answers February's figures the same, from the same rows, however many cases stay open from earlier", async () => {
    const before = await snapshot();
    const repository = createStatisticsRepository(prisma);
    const february = {
      town: null,
      agencyId: null,
      start: new Date('2026-01-31T16:00:00Z'),
      end: new Date('2026-02-28T16:00:00Z'),
    };
    const rowsBefore = await repository.loadFacts({ ...february, withBacklog: false });
    // A backlog opened the year before, untouched since: open through all of February, nothing happening in it.
    const backlog = 500;
    await prisma.caseFact.createMany({
      data: Array.from({ length: backlog }, () => ({
        id: randomUUID(),
        townCode: 'qingshui',
        disputeType: 'neighbour',
        source: 'grid-report',
        openedAt: new Date('2025-06-01T02:00:00Z'),
        status: 'open',
      })),
    });
    const after = await snapshot();
    expect(after.statistics).toEqual(before.statistics);
    expect(after.byAgency).toEqual(before.byAgency);
    // The period figures leave the backlog in the database: the rows the read brings into Node do not grow.
    const rowsAfter = await repository.loadFacts({ ...february, withBacklog: false });
    expect(rowsAfter.cases.length).toBe(rowsBefore.cases.length);
    expect(rowsAfter.visits.length).toBe(rowsBefore.visits.length);
    // The daily index does count the backlog as active cases, every one of them, on every day, as counts made in the
    // database (dailyActivity): its rows (one per day) do not grow either.
    after.index.days.forEach((day, i) => {
      const earlier = before.index.days[i];
      expect(day.activeCases).toBe((earlier?.activeCases ?? 0) + backlog);
      expect(day.resolutionRate).toBe(earlier?.resolutionRate);
      expect(day.onTimeAcceptanceRate).toBe(earlier?.onTimeAcceptanceRate);
    });
    expect(await repository.dailyActivity(february)).toHaveLength(28);
  });
});
