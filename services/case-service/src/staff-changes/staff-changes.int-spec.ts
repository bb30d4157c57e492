/**
 * A deactivated person's tasks go back to their queues, on the real PostgreSQL and Kafka: agency-service's
 * `gongzhi.agency.staff-changed` (built by the agency owner's event factory, as its relay publishes it) goes to this
 * test's topic; case-service's consumer (as main.ts wires it, on case-service's database) releases the tasks the
 * person claimed, with the note, the timeline entry and the audit record in the transaction that records the event.
 * The tasks are opened through the workflow's internal API and claimed through the task API, as in production.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import request from 'supertest';
import type { EventData, Principal } from '@gongzhi/contracts';
import { createLogger } from '@gongzhi/http';
import { createEventFactory, ensureTopics, type IdempotentConsumer, type MessageOutcome } from '@gongzhi/outbox';
import {
  asServiceRole,
  createTestDatabase,
  eventually,
  runAuditVerify,
  TEST_AUDIT_CHAIN_KEY,
  type TestDatabase,
  testStack,
} from '@gongzhi/testing';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { openAction, workflowCalls } from '../testing/workflow-calls';
import { RELEASE_NOTE_TEXT } from './held-tasks';
import { createStaffChangesConsumer, STAFF_CHANGES_CONSUMER } from './staff-changes-consumer';

const run = randomUUID().slice(0, 8);
const agencyTopic = `test.${run}.agency.events`;
const dlq = `test.${run}.case.dlq`;
const kafka = new Kafka({
  clientId: 'case-staff-changes-int',
  brokers: testStack().kafkaBrokers,
  logLevel: logLevel.NOTHING,
});
const factory = createEventFactory({ owner: 'agency', topic: agencyTopic });

/** Ids as agency-service gives them (UUIDs: the event's contract takes nothing else). */
const committee = randomUUID();
const centre = randomUUID();
const mediator: Principal = { staffId: randomUUID(), agencyId: committee, townCode: 'qingshui', roles: ['mediator'] };
const colleague: Principal = { staffId: randomUUID(), agencyId: committee, townCode: 'qingshui', roles: ['mediator'] };
const coordinator: Principal = {
  staffId: randomUUID(),
  agencyId: centre,
  townCode: 'qingshui',
  roles: ['coordinator'],
};

let db: TestDatabase;
let documentsDir: string;
let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
let consumer: IdempotentConsumer | undefined;
let producer: Producer;
/** What the consumer did with each event, by event id, in delivery order. */
const outcomes = new Map<string, MessageOutcome[]>();

beforeAll(async () => {
  await ensureTopics(kafka, [agencyTopic, dlq]);
  db = await createTestDatabase('case');
  documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-staff-changes-'));
  service = await createPostgresCaseService(db.url, documentsDir);
  consumer = createStaffChangesConsumer({
    prisma: service.prisma,
    kafka,
    groupId: `case-staff-changes-int-${run}`,
    topics: [agencyTopic],
    deadLetterTopic: dlq,
    auditChainKey: TEST_AUDIT_CHAIN_KEY,
    logger: createLogger('case-staff-changes-int', process.env['CASE_INT_LOG'] ?? 'silent'),
    onProcessed: (message, outcome) => {
      const id = (JSON.parse(message.value?.toString('utf8') ?? '{}') as { id?: string }).id ?? 'unreadable';
      outcomes.set(id, [...(outcomes.get(id) ?? []), outcome]);
    },
  });
  await consumer.start();
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await service?.prisma.$disconnect();
  await db?.drop();
  if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
});

/** A mediate task of the committee on a new case, opened by the workflow's activity; its id. */
async function mediateTask(): Promise<string> {
  const res = await request(service.app)
    .post('/api/v1/cases')
    .set('Authorization', await service.bearer(mediator))
    .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
  expect(res.status).toBe(201);
  const worker = workflowCalls(service.app, service.engineBearer, res.body.id as string);
  const opened = await worker.openTask(openAction({ agencyId: committee, openedAt: new Date().toISOString() }));
  expect(opened.status).toBe(201);
  return opened.body.id as string;
}

async function claim(taskId: string, who: Principal): Promise<void> {
  const res = await request(service.app)
    .post(`/api/v1/tasks/${taskId}/claim`)
    .set('Authorization', await service.bearer(who));
  expect(res.status).toBe(200);
}

const taskView = async (taskId: string, who: Principal) =>
  (
    await request(service.app)
      .get(`/api/v1/tasks/${taskId}`)
      .set('Authorization', await service.bearer(who))
  ).body;

const notes = async (taskId: string, who: Principal) =>
  (
    await request(service.app)
      .get(`/api/v1/tasks/${taskId}/notes`)
      .set('Authorization', await service.bearer(who))
  ).body;

/** Publishes the event as agency-service's relay does: keyed by the staff id, the CloudEvent as the value. */
async function publish(value: unknown, key: string): Promise<void> {
  await producer.send({ topic: agencyTopic, acks: -1, messages: [{ key, value: JSON.stringify(value) }] });
}

const outcomesOf = (eventId: string, count = 1) =>
  eventually(`the consumer handled event ${eventId} ${count} time(s)`, async () => {
    const seen = outcomes.get(eventId) ?? [];
    return seen.length >= count ? seen : undefined;
  });

describe('a mediator deactivated in agency-service gives their claimed tasks back', () => {
  let theirs: string;
  let colleagues: string;
  let deactivation: ReturnType<typeof factory.build>;

  beforeAll(async () => {
    theirs = await mediateTask();
    colleagues = await mediateTask();
    await claim(theirs, mediator);
    await claim(colleagues, colleague);
    const data: EventData<'gongzhi.agency.staff-changed'> = {
      staffId: mediator.staffId,
      agencyId: committee,
      townCode: 'qingshui',
      roles: ['mediator'],
      active: false,
      version: 2,
      changedFields: ['active'],
      changedBy: coordinator.staffId,
    };
    deactivation = factory.build('gongzhi.agency.staff-changed', mediator.staffId, data);
  });

  it('puts the mediator’s claimed task back in the queue, with the note, timeline entry and audit record', async () => {
    await publish(deactivation.event, mediator.staffId);
    expect(await outcomesOf(deactivation.id)).toEqual(['applied']);

    expect(await taskView(theirs, colleague)).toMatchObject({
      status: 'open',
      queueStatus: 'open',
      assigneeStaffId: null,
      assignedAt: null,
      assignedBy: null,
    });
    expect(await notes(theirs, colleague)).toEqual({
      items: [
        expect.objectContaining({
          authorStaffId: coordinator.staffId,
          text: RELEASE_NOTE_TEXT['assignee-deactivated'],
          assignment: null,
        }),
      ],
    });
    const caseId = (await taskView(theirs, colleague)).caseId as string;
    expect(
      await service.prisma.caseEvent.findMany({
        where: { caseId, type: 'task.released' },
        select: { actor: true, details: true },
      }),
    ).toEqual([
      {
        actor: coordinator.staffId,
        details: expect.objectContaining({
          taskId: theirs,
          fromStaffId: mediator.staffId,
          reason: 'assignee-deactivated',
        }),
      },
    ]);
    expect(
      await service.prisma.auditRecord.findMany({
        where: { objectId: theirs, action: 'task.unclaim.assignee-deactivated' },
        select: { actor: true, requestId: true },
      }),
    ).toEqual([{ actor: coordinator.staffId, requestId: deactivation.id }]);
    // The mediator who worked the level keeps following the case, as when they hand it over themselves.
    expect(await service.prisma.caseWatcher.count({ where: { caseId, staffId: mediator.staffId } })).toBe(1);
    expect(
      await service.prisma.processedEvent.findMany({ where: { eventId: deactivation.id }, select: { consumer: true } }),
    ).toEqual([{ consumer: STAFF_CHANGES_CONSUMER }]);

    // Back in the queue: a colleague claims it.
    await claim(theirs, colleague);
  });

  it('leaves another person’s task as it was', async () => {
    expect(await taskView(colleagues, colleague)).toMatchObject({
      queueStatus: 'assigned',
      assigneeStaffId: colleague.staffId,
    });
    expect(await notes(colleagues, colleague)).toEqual({ items: [] });
    expect(await service.prisma.caseEvent.count({ where: { type: 'task.released' } })).toBe(1);
  });

  it('does nothing when the event comes again', async () => {
    const before = await service.prisma.taskNote.count({ where: { taskId: theirs } });
    await publish(deactivation.event, mediator.staffId);
    expect(await outcomesOf(deactivation.id, 2)).toEqual(['applied', 'duplicate']);
    expect(await service.prisma.taskNote.count({ where: { taskId: theirs } })).toBe(before);
    expect(await service.prisma.caseEvent.count({ where: { type: 'task.released' } })).toBe(1);
    expect(await service.prisma.auditRecord.count({ where: { action: { startsWith: 'task.unclaim.' } } })).toBe(1);
    // The colleague who claimed it since keeps it.
    expect(await taskView(theirs, colleague)).toMatchObject({ assigneeStaffId: colleague.staffId });
  });

  it('never takes back a task given after a newer change when a copy of an older one comes late', async () => {
    const base = { staffId: mediator.staffId, agencyId: committee, townCode: 'qingshui', roles: ['mediator' as const] };
    const late = factory.build(
      'gongzhi.agency.staff-changed',
      mediator.staffId,
      { ...base, active: false, version: 2, changedFields: ['active'], changedBy: coordinator.staffId },
      new Date(Date.now() - 60_000),
    );
    const reactivated = factory.build(
      'gongzhi.agency.staff-changed',
      mediator.staffId,
      { ...base, active: true, version: 3, changedFields: ['active'], changedBy: coordinator.staffId },
      new Date(Date.now() - 30_000),
    );
    await publish(reactivated.event, mediator.staffId);
    expect(await outcomesOf(reactivated.id)).toEqual(['applied']);
    const fresh = await mediateTask();
    await claim(fresh, mediator);

    await publish(late.event, mediator.staffId);
    expect(await outcomesOf(late.id)).toEqual(['applied']);
    expect(await taskView(fresh, mediator)).toMatchObject({
      queueStatus: 'assigned',
      assigneeStaffId: mediator.staffId,
    });
    expect(await notes(fresh, mediator)).toEqual({ items: [] });
  });

  it('keeps the audit chain intact across the consumer’s rows and the requests’ own', async () => {
    const verified = await runAuditVerify(asServiceRole(db.url, 'case'), 'case');
    expect(verified).toEqual({ code: 0, output: expect.stringContaining('intact') });
  });
});
