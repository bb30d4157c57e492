import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { makeDisputeWorkflowId, parseDomainEvent, type RecordTimelineRequest } from '@gongzhi/contracts';
import { createLogger } from '@gongzhi/http';
import { createKafkaPublisher, createOutboxRelay, createPgOutboxStore, ensureTopics } from '@gongzhi/outbox';
import { createTestDatabase, eventually, type TestDatabase, testStack } from '@gongzhi/testing';
import { createRepairRepository } from '../admin/repairs/repair.repository';
import type { NewCase } from '../cases/case.model';
import { createCasesRepository } from '../cases/cases.repository';
import { createReportsRepository } from '../reports/reports.repository';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { workflowCalls } from '../testing/workflow-calls';
import { createCaseEvents } from './case-events';

const kafka = new Kafka({ clientId: 'case-events-int', brokers: testStack().kafkaBrokers, logLevel: logLevel.NOTHING });
const PARTY = randomUUID();
const SUMMARY = '张三 11010519491231002X 13800138000 邻里纠纷';

let db: TestDatabase;
let documentsDir: string;
let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
let topic: string;

beforeAll(async () => {
  db = await createTestDatabase('case');
  documentsDir = await mkdtemp(path.join(os.tmpdir(), 'case-events-'));
});

beforeEach(async () => {
  // A topic per test: the relay reads the topic from each row, so nothing of another test can show up.
  topic = `test.case-events.${randomUUID()}`;
  await service?.prisma.$disconnect();
  service = await createPostgresCaseService(db.url, documentsDir, { events: createCaseEvents(topic) });
});

afterAll(async () => {
  await service?.prisma.$disconnect();
  await db?.drop();
  await rm(documentsDir, { recursive: true, force: true });
});

function newCase(): NewCase {
  const id = randomUUID();
  return {
    id,
    disputeType: 'neighbour',
    source: 'walk-in',
    summary: SUMMARY,
    townCode: 'qingshui',
    villageCode: 'shangba',
    reportedBy: 'grid-1',
    intakeAgencyId: '0a9e0000-0000-4000-8000-000000000006',
    agencyIds: ['0a9e0000-0000-4000-8000-000000000006'],
    amountInDispute: '1200.00',
    riskAssessment: { violenceRisk: true, groupDispute: false, keyPerson: false, notes: '李四 13900139000' },
    parties: [{ partyId: PARTY, role: 'applicant' }],
    workflowId: makeDisputeWorkflowId(id),
  };
}

interface OutboxRow {
  key: string;
  topic: string;
  event_type: string;
  event: unknown;
}

async function outbox(caseId: string): Promise<OutboxRow[]> {
  return service.prisma.$queryRaw<OutboxRow[]>`
    SELECT key, topic, event_type, event FROM outbox_events WHERE key = ${caseId} ORDER BY seq`;
}

/** `Omit` of each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What the dispute workflow writes for a case it routes to L1, sees accepted late, escalates and closes at L2. */
function workflowStory(caseId: string): [string, RecordTimelineRequest][] {
  const event = (n: number, e: DistributiveOmit<RecordTimelineRequest, 'at'>): [string, RecordTimelineRequest] => [
    `${caseId}:wf:${n}`,
    { ...e, at: new Date(Date.parse('2026-03-01T01:00:00.000Z') + n * 3_600_000).toISOString() },
  ];
  return [
    event(1, {
      type: 'route-planned',
      actor: 'workflow',
      agencyId: null,
      details: { policyVersion: 3, route: ['L1', 'L2'], routingRules: [] },
    }),
    event(2, {
      type: 'transfer-requested',
      actor: 'workflow',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      details: {
        level: 'L1',
        toAgencyId: '0a9e0000-0000-4000-8000-000000000006',
        fromAgencyId: null,
        reason: 'intake',
        acceptBy: '2026-03-01T02:30:00.000Z',
        penaltyTrack: false,
        previousLevel: null,
        policyVersion: 3,
      },
    }),
    event(3, {
      type: 'transfer-overdue',
      actor: 'workflow',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      details: { level: 'L1', acceptBy: '2026-03-01T02:30:00.000Z' },
    }),
    event(4, {
      type: 'transfer-accepted',
      actor: 'staff-liaison-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      details: {
        level: 'L1',
        responsibleStaffId: 'staff-med-1',
        mediateBy: '2026-03-31T15:59:59.999Z',
        firstSessionBy: null,
        onTime: false,
        acceptBy: '2026-03-01T02:30:00.000Z',
      },
    }),
    // No published event of its own: the session is work at a level, not a step of the ladder.
    event(5, {
      type: 'session-recorded',
      actor: 'staff-med-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      details: { level: 'L1', heldAt: '2026-03-01T05:00:00.000Z', n: 1 },
    }),
    event(6, {
      type: 'escalated',
      actor: 'staff-coord-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      details: { fromLevel: 'L1', toLevel: 'L2', reason: 'failure' },
    }),
    event(7, {
      type: 'transfer-requested',
      actor: 'workflow',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
      details: {
        level: 'L2',
        toAgencyId: '0a9e0000-0000-4000-8000-000000000005',
        fromAgencyId: '0a9e0000-0000-4000-8000-000000000006',
        reason: 'failure',
        acceptBy: '2026-03-01T09:00:00.000Z',
        penaltyTrack: false,
        previousLevel: 'L1',
        policyVersion: 3,
      },
    }),
    event(8, {
      type: 'decision-made',
      actor: 'staff-coord-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
      details: { level: 'L2', decision: 'close', reason: 'refusal', closeReason: 'party-refused-mediation' },
    }),
    event(9, {
      type: 'case-closed',
      actor: 'staff-coord-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
      // A free-text detail (a court filing reference, say) must never leave; only a close-reason code does.
      details: { outcome: 'closed-unresolved', detail: '（2026）川0104民初13800138000号', level: 'L2' },
    }),
  ];
}

describe("case-service's outbox on PostgreSQL, relayed to Kafka", () => {
  it('writes each event in the transaction of its change, once per timeline event, with ids and codes only', async () => {
    const events = createCaseEvents(topic);
    const cases = createCasesRepository(service.prisma, events);
    const reports = createReportsRepository(service.prisma, events);
    const opened = newCase();
    expect((await cases.create(opened)).kind).toBe('created');
    // The place links a report only at a grid cell with a party in common: the case's report was made at this one.
    await service.prisma.report.updateMany({ where: { caseId: opened.id }, data: { gridCode: 'shangba-01' } });
    const linked = await reports.file(
      {
        id: randomUUID(),
        source: 'hotline-12345',
        disputeType: 'neighbour',
        summary: SUMMARY,
        townCode: 'qingshui',
        villageCode: 'shangba',
        gridCode: 'shangba-01',
        reporterPartyId: PARTY,
        eventRef: null,
        reportedBy: 'grid-2',
        agencyId: '0a9e0000-0000-4000-8000-000000000001',
      },
      newCase(),
      new Date(),
    );
    expect(linked).toMatchObject({ kind: 'linked', case: { id: opened.id } });

    const calls = workflowCalls(service.app, service.engineBearer, opened.id);
    for (const [key, event] of workflowStory(opened.id)) {
      const first = await calls.recordTimeline(key, event);
      expect(first.status).toBe(201);
    }
    // The worker retries a PUT whose answer it never saw: the event exists, so nothing is published twice.
    const [retriedKey, retried] = workflowStory(opened.id)[8] as [string, RecordTimelineRequest];
    expect((await calls.recordTimeline(retriedKey, retried)).status).toBe(200);

    const rows = await outbox(opened.id);
    expect(rows.map((row) => row.event_type)).toEqual([
      'gongzhi.case.opened',
      'gongzhi.case.report-linked',
      'gongzhi.case.level-entered',
      'gongzhi.case.deadline-missed',
      'gongzhi.case.transfer-accepted',
      'gongzhi.case.parties-shared',
      'gongzhi.case.escalation-approved',
      'gongzhi.case.level-entered',
      'gongzhi.case.escalation-refused',
      'gongzhi.case.closed',
    ]);
    expect(new Set(rows.map((row) => row.topic))).toEqual(new Set([topic]));
    for (const row of rows) expect(parseDomainEvent(row.event).ok).toBe(true);
    const data = rows.map((row) => (row.event as { data: Record<string, unknown> }).data);
    expect(data[0]).toMatchObject({ riskFlags: ['violence-risk'], parties: [{ partyId: PARTY, role: 'applicant' }] });
    expect(data[2]).toMatchObject({ level: 'L1', via: 'initial', previousLevel: null, policyVersion: 3 });
    expect(data[3]).toMatchObject({ clock: 'acceptance', dueAt: '2026-03-01T02:30:00.000Z' });
    expect(data[4]).toMatchObject({ acceptedBy: 'staff-liaison-1', acceptanceDueAt: '2026-03-01T02:30:00.000Z' });
    expect(data[5]).toEqual({
      caseId: opened.id,
      townCode: 'qingshui',
      agencyIds: ['0a9e0000-0000-4000-8000-000000000006'],
      partyIds: [PARTY],
      reason: 'transfer-accepted',
    });
    expect(data[7]).toMatchObject({
      level: 'L2',
      via: 'escalation',
      previousLevel: 'L1',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
    });
    expect(data[9]).toMatchObject({ outcome: 'closed-unresolved', level: 'L2', closeReason: null });
    const text = JSON.stringify(rows);
    for (const secret of ['张三', '李四', '11010519491231002X', '13800138000', '13900139000', '邻里纠纷']) {
      expect(text).not.toContain(secret);
    }
  });

  it('shares the parties with each agency that comes to hold the case, and parties added later with every holder', async () => {
    const events = createCaseEvents(topic);
    const cases = createCasesRepository(service.prisma, events);
    const shared = async (caseId: string) =>
      (await outbox(caseId))
        .filter((row) => row.event_type === 'gongzhi.case.parties-shared')
        .map((row) => (row.event as { data: Record<string, unknown> }).data);
    const actor = { staffId: 'staff-med-1', agencyId: '0a9e0000-0000-4000-8000-000000000006' };
    const [witness, other] = [randomUUID(), randomUUID()];

    // Nobody holds a case before its first acceptance: a party added then waits for the acceptance to be shared.
    const opened = newCase();
    await cases.create(opened);
    const early = await cases.update(
      opened.id,
      1,
      { parties: [...opened.parties, { partyId: witness, role: 'other' }] },
      actor,
    );
    expect(early).not.toBe('stale');
    expect(await shared(opened.id)).toEqual([]);

    const calls = workflowCalls(service.app, service.engineBearer, opened.id);
    const story = workflowStory(opened.id);
    for (const index of [0, 1, 3]) {
      const [key, event] = story[index] as [string, RecordTimelineRequest];
      expect((await calls.recordTimeline(key, event)).status).toBe(201);
    }
    const joint: RecordTimelineRequest = {
      type: 'joint-agencies-added',
      actor: 'staff-coord-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      at: '2026-03-01T09:00:00.000Z',
      details: { level: 'L1', agencyIds: ['agency-judicial', 'agency-court'] },
    };
    expect((await calls.recordTimeline(`${opened.id}:wf:10`, joint)).status).toBe(201);
    expect((await calls.recordTimeline(`${opened.id}:wf:10`, joint)).status).toBe(200);
    const base = { caseId: opened.id, townCode: 'qingshui' };
    expect(await shared(opened.id)).toEqual([
      {
        ...base,
        agencyIds: ['0a9e0000-0000-4000-8000-000000000006'],
        partyIds: [PARTY, witness],
        reason: 'transfer-accepted',
      },
      { ...base, agencyIds: ['agency-judicial', 'agency-court'], partyIds: [PARTY, witness], reason: 'joint-agency' },
    ]);

    // A correction that adds a party shares that party (only) with every holder; one that adds none shares nothing.
    const current = await cases.findById(opened.id);
    const corrected = await cases.update(
      opened.id,
      current?.version ?? 0,
      { parties: [...(current?.parties ?? []), { partyId: other, role: 'respondent' }] },
      actor,
    );
    expect(corrected).not.toBe('stale');
    await cases.update(opened.id, (current?.version ?? 0) + 1, { summary: '另一次更正：邻里纠纷' }, actor);
    // A merged case's parties join the surviving case: its holders get them too.
    const source = {
      ...newCase(),
      parties: [
        { partyId: PARTY, role: 'applicant' as const },
        { partyId: randomUUID(), role: 'other' as const },
      ],
    };
    await cases.create(source);
    expect(await cases.merge(source.id, opened.id, '同一纠纷', actor)).toHaveProperty('target');
    const holders = ['0a9e0000-0000-4000-8000-000000000006', 'agency-judicial', 'agency-court'];
    expect((await shared(opened.id)).slice(2)).toEqual([
      { ...base, agencyIds: holders, partyIds: [other], reason: 'party-added' },
      { ...base, agencyIds: holders, partyIds: [source.parties[1]?.partyId], reason: 'party-added' },
    ]);
    for (const row of await outbox(opened.id)) expect(parseDomainEvent(row.event).ok).toBe(true);
  });

  it('writes nothing when the transaction fails, and the event once when the retried PUT succeeds', async () => {
    const cases = createCasesRepository(service.prisma, createCaseEvents(topic));
    // An intake whose facts break the event contract fails as a whole: no case, no report, no event.
    const broken = { ...newCase(), townCode: 'Not A Town Code' };
    await expect(cases.create(broken)).rejects.toThrow();
    expect(await service.prisma.case.count({ where: { id: broken.id } })).toBe(0);
    expect(await outbox(broken.id)).toEqual([]);

    const opened = newCase();
    await cases.create(opened);
    const calls = workflowCalls(service.app, service.engineBearer, opened.id);
    const [routeKey, route] = workflowStory(opened.id)[0] as [string, RecordTimelineRequest];
    const [key, requested] = workflowStory(opened.id)[1] as [string, RecordTimelineRequest];
    expect((await calls.recordTimeline(routeKey, route)).status).toBe(201);
    // The outbox insert fails after the timeline insert: both roll back, and the worker's retry writes both once.
    await service.prisma.$executeRawUnsafe(`
      CREATE FUNCTION fail_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$;
      CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox_events FOR EACH ROW EXECUTE FUNCTION fail_outbox();
    `);
    try {
      expect((await calls.recordTimeline(key, requested)).status).toBe(500);
    } finally {
      await service.prisma.$executeRawUnsafe('DROP TRIGGER fail_outbox ON outbox_events; DROP FUNCTION fail_outbox();');
    }
    expect(await service.prisma.caseEvent.count({ where: { eventKey: key } })).toBe(0);
    expect((await outbox(opened.id)).map((row) => row.event_type)).toEqual(['gongzhi.case.opened']);

    expect((await calls.recordTimeline(key, requested)).status).toBe(201);
    expect((await calls.recordTimeline(key, requested)).status).toBe(200);
    expect((await outbox(opened.id)).map((row) => row.event_type)).toEqual([
      'gongzhi.case.opened',
      'gongzhi.case.level-entered',
    ]);
  });

  it("publishes a merge as merged, and an administrator's terminate as closed with outcome terminated", async () => {
    const events = createCaseEvents(topic);
    const cases = createCasesRepository(service.prisma, events);
    const [source, target] = [newCase(), newCase()];
    await cases.create(source);
    await cases.create(target);
    const actor = { staffId: 'staff-coord-1', agencyId: '0a9e0000-0000-4000-8000-000000000001' };
    expect(await cases.merge(source.id, target.id, '同一纠纷 13800138000', actor)).toHaveProperty('source');
    const merged = await outbox(source.id);
    expect(merged.map((row) => row.event_type)).toEqual(['gongzhi.case.opened', 'gongzhi.case.merged']);
    expect(merged[1]?.event).toMatchObject({ data: { caseId: source.id, intoCaseId: target.id } });
    expect(JSON.stringify(merged)).not.toContain('13800138000');

    await service.prisma.case.update({
      where: { id: target.id },
      data: { currentLevel: 'L2', currentAgencyId: '0a9e0000-0000-4000-8000-000000000005', status: 'open' },
      select: { id: true },
    });
    const repairs = createRepairRepository(service.prisma, events);
    const { row } = await repairs.claim({
      caseId: target.id,
      kind: 'terminate',
      actorId: 'staff-admin-1',
      reason: '重复立案 李四',
      params: {},
      idempotencyKey: null,
      requestHash: null,
    });
    // Only the holder of a repair's lease finishes it.
    expect(await repairs.lease(row.id, new Date(Date.now() + 60_000), new Date())).toBe(true);
    await repairs.finish(row.id, { status: 'applied', outcome: 'terminated', closeCase: true }, new Date());
    // A second finish (a lease that ran out, another replica) writes nothing twice.
    expect(
      await repairs.finish(row.id, { status: 'applied', outcome: 'terminated', closeCase: true }, new Date()),
    ).toBeNull();
    const closed = await outbox(target.id);
    expect(closed.map((row) => row.event_type)).toEqual(['gongzhi.case.opened', 'gongzhi.case.closed']);
    expect(parseDomainEvent(closed[1]?.event).ok).toBe(true);
    expect(closed[1]?.event).toMatchObject({
      data: { outcome: 'terminated', level: 'L2', agencyId: '0a9e0000-0000-4000-8000-000000000005', closeReason: null },
    });
    expect(JSON.stringify(closed)).not.toContain('李四');
  });

  it("relays a case's events to its topic in order, keyed by the case, in the CloudEvents envelope", async () => {
    await ensureTopics(kafka, [topic]);
    const cases = createCasesRepository(service.prisma, createCaseEvents(topic));
    const opened = newCase();
    await cases.create(opened);
    const calls = workflowCalls(service.app, service.engineBearer, opened.id);
    for (const [key, event] of workflowStory(opened.id)) await calls.recordTimeline(key, event);
    const expected = await outbox(opened.id);

    const relay = createOutboxRelay({
      store: createPgOutboxStore({ connectionString: db.url }),
      publisher: createKafkaPublisher(kafka),
      logger: createLogger('case-events-int', 'silent'),
      batchSize: 3,
    });
    try {
      await relay.drain();
    } finally {
      await relay.stop();
    }

    const consumer = kafka.consumer({ groupId: `case-events-int-${randomUUID()}` });
    const received: { key: string; partition: number; value: string }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          received.push({ key: message.key?.toString() ?? '', partition, value: message.value?.toString() ?? '' });
        },
      });
      await eventually(`${expected.length} events on ${topic}`, async () =>
        received.length >= expected.length ? true : undefined,
      );
    } finally {
      await consumer.disconnect();
    }
    expect(received.every((m) => m.key === opened.id)).toBe(true);
    expect(new Set(received.map((m) => m.partition)).size).toBe(1);
    const parsed = received.map((m) => parseDomainEvent(JSON.parse(m.value)));
    expect(parsed.map((p) => (p.ok ? p.event.type : 'invalid'))).toEqual(expected.map((row) => row.event_type));
    expect(parsed[0]).toMatchObject({
      ok: true,
      event: {
        specversion: '1.0',
        source: '/gongzhi/case-service',
        subject: `case/${opened.id}`,
        partitionkey: opened.id,
        schemaversion: 1,
      },
    });
    const sent = await service.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM outbox_events WHERE key = ${opened.id} AND sent_at IS NULL`;
    expect(Number(sent[0]?.n)).toBe(0);
  });
});
