/**
 * The staff-changes consumer's decisions without Kafka or a database: the real message processor (dedupe, dead
 * letters, retries) around the real handler, on case-service's in-memory fakes (fake-case-service.ts), whose task API
 * claims and assigns the tasks and shows what the release left.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { EventData, Principal, StaffRole } from '@gongzhi/contracts';
import { createLogger } from '@gongzhi/http';
import { createEventFactory, createMessageProcessor, type DeadLetter, type RawMessage } from '@gongzhi/outbox';
import { createFakeCaseService } from '../testing/fake-case-service';
import { openAction, workflowCalls } from '../testing/workflow-calls';
import { RELEASE_NOTE_TEXT, TASK_RELEASED_EVENT } from './held-tasks';
import {
  isStaffChangesTransient,
  planRelease,
  releaseAuditAction,
  STAFF_CHANGES_CONSUMER,
  staffChangesHandling,
} from './staff-changes-consumer';

const TOWN = 'qingshui';
/** Agency-service's ids are UUIDs, and staff-changed events carry nothing else. */
const committee = randomUUID();
const centre = randomUUID();

function person(roles: StaffRole[], agencyId = committee, townCode = TOWN): Principal {
  return { staffId: randomUUID(), agencyId, townCode, roles };
}

const factory = createEventFactory({ owner: 'agency', topic: 'agency.events' });
let version = 1;

/** agency-service's event for a change of the person's account, made by `by`, at `at` (now by default). */
function staffChanged(
  who: Principal,
  by: Principal,
  overrides: Partial<EventData<'gongzhi.agency.staff-changed'>> = {},
  at?: Date,
) {
  version += 1;
  return factory.build(
    'gongzhi.agency.staff-changed',
    who.staffId,
    {
      staffId: who.staffId,
      agencyId: who.agencyId,
      townCode: who.townCode,
      roles: who.roles.filter((role): role is StaffRole => role !== 'workflow-engine'),
      active: false,
      version,
      changedFields: ['active'],
      changedBy: by.staffId,
      ...overrides,
    },
    at,
  );
}

let offset = 0;
function messageOf(value: unknown): RawMessage {
  return {
    topic: 'agency.events',
    partition: 0,
    offset: String(offset++),
    key: null,
    value: Buffer.from(JSON.stringify(value)),
  };
}

async function setup() {
  const fake = await createFakeCaseService({ rateLimits: { perIp: 10_000, perUser: 10_000 } });
  const processed = new Set<string>();
  const letters: DeadLetter[] = [];
  const { tasks } = fake;
  const process = createMessageProcessor<{ processed: Set<string> }>({
    ...staffChangesHandling({
      // As the SQL reads them: the person's open tasks of the town.
      heldTasks: async (_tx, staffId, townCode) =>
        tasks.rows.filter((t) => t.assigneeStaffId === staffId && t.status === 'open' && t.townCode === townCode),
      // As the SQL writes it: an unclaim of a task still held since before the change, with its note and timeline.
      release: async (_tx, task, release) => {
        const row = tasks.rows.find((t) => t.id === task.id);
        if (!row || row.workflowAssigned || (row.assignedAt?.getTime() ?? Infinity) > release.changedAt.getTime()) {
          return false;
        }
        const write = await tasks.changeAssignee(task.id, {
          from: release.fromStaffId,
          to: null,
          by: release.by,
          at: release.at,
          viaWorkflow: false,
        });
        if (!write.changed) return false;
        tasks.notes.push({
          id: release.noteId,
          taskId: task.id,
          caseId: task.caseId,
          authorStaffId: release.by,
          authorAgencyId: release.authorAgencyId,
          text: RELEASE_NOTE_TEXT[release.reason],
          createdAt: release.at,
          assignedFrom: null,
          assignedTo: null,
        });
        fake.repository.events.push({
          caseId: task.caseId,
          type: TASK_RELEASED_EVENT,
          actor: release.by,
          agencyId: null,
          details: { taskId: task.id, fromStaffId: release.fromStaffId, reason: release.reason },
        });
        return true;
      },
      audit: async (_tx, entries) => {
        for (const entry of entries) await fake.audit.record(entry);
      },
      logger: createLogger('staff-changes-test', 'silent'),
    }),
    deadLetterTopic: 'case.dlq',
    // The processed record commits only when the work returns, like the database transaction.
    transaction: async (work) => {
      const tx = { processed: new Set(processed) };
      const result = await work(tx);
      for (const id of tx.processed) processed.add(id);
      return result;
    },
    recordProcessed: async (tx, event) => {
      if (tx.processed.has(event.id)) return false;
      tx.processed.add(event.id);
      return true;
    },
    sendDeadLetter: async (letter) => {
      letters.push(letter);
    },
    logger: createLogger('staff-changes-test', 'silent'),
  });

  const opener = person(['mediator']);
  const open = async (townCode = TOWN) => {
    const res = await request(fake.app)
      .post('/api/v1/cases')
      .set('Authorization', await fake.bearer(opener))
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode });
    expect(res.status).toBe(201);
    return workflowCalls(fake.app, fake.engineBearer, res.body.id as string);
  };
  let actions = 0;
  /** Opens a task of a new case (the committee's, for mediators unless told otherwise), and returns its id. */
  const task = async (overrides: Parameters<typeof openAction>[0] = {}) => {
    const worker = await open();
    actions += 1;
    const res = await worker.openTask(
      openAction({
        actionId: `${actions}-mediate`,
        agencyId: committee,
        openedAt: new Date().toISOString(),
        ...overrides,
      }),
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const post = async (path: string, who: Principal, body: object = {}) =>
    request(fake.app)
      .post(path)
      .set('Authorization', await fake.bearer(who))
      .send(body);
  const claim = async (taskId: string, who: Principal) => {
    expect((await post(`/api/v1/tasks/${taskId}/claim`, who)).status).toBe(200);
  };
  const get = async (taskId: string, who: Principal) =>
    request(fake.app)
      .get(`/api/v1/tasks/${taskId}`)
      .set('Authorization', await fake.bearer(who));
  const holderOf = (taskId: string) => tasks.rows.find((t) => t.id === taskId)?.assigneeStaffId;
  const notesOf = (taskId: string) => tasks.notes.filter((n) => n.taskId === taskId);
  return { ...fake, processed, letters, process, task, post, claim, get, holderOf, notesOf };
}

const coordinator = person(['coordinator'], centre);

describe('a deactivated person’s tasks go back to their queues', () => {
  it('releases every open task of the town the person claimed or was assigned, with a note, a timeline entry and an audit record by whoever deactivated them', async () => {
    const { process, task, claim, post, get, holderOf, notesOf, audit, repository, staffDirectory } = await setup();
    const mediator = person(['mediator']);
    const liaison = person(['liaison']);
    staffDirectory.add({ id: mediator.staffId, agencyId: committee });
    const claimed = await task();
    const assigned = await task({ kind: 'follow-up-visit', actionId: 'visit' });
    await claim(claimed, mediator);
    expect((await post(`/api/v1/tasks/${assigned}/assign`, liaison, { staffId: mediator.staffId })).status).toBe(200);
    expect(holderOf(assigned)).toBe(mediator.staffId);

    const message = staffChanged(mediator, coordinator);
    expect(await process(messageOf(message.event))).toBe('applied');

    for (const id of [claimed, assigned]) {
      expect(holderOf(id)).toBeNull();
      const view = await get(id, liaison);
      expect(view.body).toMatchObject({ status: 'open', queueStatus: 'open', assigneeStaffId: null, assignedAt: null });
      expect(notesOf(id)).toEqual([
        expect.objectContaining({
          authorStaffId: coordinator.staffId,
          text: RELEASE_NOTE_TEXT['assignee-deactivated'],
          assignedFrom: null,
          assignedTo: null,
        }),
      ]);
      expect(audit.entries).toContainEqual(
        expect.objectContaining({
          actor: coordinator.staffId,
          action: 'task.unclaim.assignee-deactivated',
          objectType: 'task',
          objectId: id,
          requestId: message.id,
        }),
      );
      expect(repository.events).toContainEqual(
        expect.objectContaining({
          type: 'task.released',
          actor: coordinator.staffId,
          details: expect.objectContaining({ taskId: id, reason: 'assignee-deactivated' }),
        }),
      );
    }
    // The mediator who worked the level keeps following the case, as when they hand it over themselves.
    const mediateCase = (await get(claimed, liaison)).body.caseId as string;
    expect(repository.watchers).toContainEqual(
      expect.objectContaining({ caseId: mediateCase, staffId: mediator.staffId }),
    );
    // Back in the queue: a colleague claims it.
    const colleague = person(['mediator']);
    await claim(claimed, colleague);
    expect(holderOf(claimed)).toBe(colleague.staffId);
  });

  it('leaves other people’s tasks, another town’s, closed ones and those the workflow names the person for', async () => {
    const { process, task, claim, holderOf, notesOf, tasks, audit } = await setup();
    const mediator = person(['mediator']);
    const colleague = person(['mediator']);
    const theirs = await task();
    const colleagues = await task();
    const elsewhere = await task();
    const named = await task({ assigneeStaffId: mediator.staffId });
    const done = await task();
    await claim(theirs, mediator);
    await claim(colleagues, colleague);
    await claim(elsewhere, mediator);
    await claim(done, mediator);
    // A task the database holds for another town (tasks copy the case's town when they open).
    const row = tasks.rows.find((t) => t.id === elsewhere);
    if (row) row.townCode = 'hekou';
    const closed = tasks.rows.find((t) => t.id === done);
    if (closed) closed.status = 'completed';

    expect(await process(messageOf(staffChanged(mediator, coordinator).event))).toBe('applied');

    expect(holderOf(theirs)).toBeNull();
    expect(holderOf(colleagues)).toBe(colleague.staffId);
    expect(holderOf(elsewhere)).toBe(mediator.staffId);
    expect(holderOf(named)).toBe(mediator.staffId);
    expect(holderOf(done)).toBe(mediator.staffId);
    for (const untouched of [colleagues, elsewhere, named, done]) expect(notesOf(untouched)).toEqual([]);
    expect(audit.entries.filter((e) => e.action.startsWith('task.unclaim.')).map((e) => e.objectId)).toEqual([theirs]);
  });

  it('changes nothing more when the same event comes again', async () => {
    const { process, task, claim, holderOf, notesOf, audit } = await setup();
    const mediator = person(['mediator']);
    const taskId = await task();
    await claim(taskId, mediator);
    const value = staffChanged(mediator, coordinator).event;
    expect(await process(messageOf(value))).toBe('applied');
    const audited = audit.entries.length;
    expect(await process(messageOf(value))).toBe('duplicate');
    expect(holderOf(taskId)).toBeNull();
    expect(notesOf(taskId)).toHaveLength(1);
    expect(audit.entries).toHaveLength(audited);
  });

  it('never takes back a task given after a newer change, whatever older change comes late', async () => {
    const { process, task, claim, holderOf, notesOf } = await setup();
    const mediator = person(['mediator']);
    // Deactivated a minute ago (this copy of the event arrives late), then reactivated; they claimed a task since.
    const late = staffChanged(mediator, coordinator, {}, new Date(Date.now() - 60_000));
    const reactivated = staffChanged(mediator, coordinator, { active: true }, new Date(Date.now() - 30_000));
    expect(await process(messageOf(reactivated.event))).toBe('applied');
    const taskId = await task();
    await claim(taskId, mediator);

    expect(await process(messageOf(late.event))).toBe('applied');
    expect(holderOf(taskId)).toBe(mediator.staffId);
    expect(notesOf(taskId)).toEqual([]);
  });

  it('does nothing on a reactivation or a new name', async () => {
    const { process, task, claim, holderOf, notesOf } = await setup();
    const mediator = person(['mediator']);
    const taskId = await task();
    await claim(taskId, mediator);
    for (const overrides of [
      { active: true },
      { active: true, changedFields: ['displayName' as const] },
      { active: true, changedFields: ['roles' as const, 'active' as const] },
    ]) {
      expect(await process(messageOf(staffChanged(mediator, coordinator, overrides).event))).toBe('applied');
    }
    expect(holderOf(taskId)).toBe(mediator.staffId);
    expect(notesOf(taskId)).toEqual([]);
  });

  it('skips the agency’s other events', async () => {
    const { process } = await setup();
    const registered = factory.build('gongzhi.agency.registered', committee, {
      agencyId: committee,
      townCode: TOWN,
      kind: 'mediation-committee',
      areaCodes: ['shangba'],
    });
    expect(await process(messageOf(registered.event))).toBe('ignored');
  });
});

describe('a person who loses every role a task needs gives it back', () => {
  it('releases the tasks none of their roles may work, and keeps the others', async () => {
    const { process, task, claim, holderOf, notesOf, audit } = await setup();
    const both = person(['mediator', 'liaison']);
    const mediate = await task();
    const transfer = await task({ kind: 'accept-transfer', actionId: 'accept', roles: ['liaison'] });
    const either = await task({ actionId: 'either', roles: ['mediator', 'liaison'] });
    for (const id of [mediate, transfer, either]) await claim(id, both);

    const message = staffChanged(both, coordinator, { active: true, roles: ['liaison'], changedFields: ['roles'] });
    expect(await process(messageOf(message.event))).toBe('applied');

    expect(holderOf(mediate)).toBeNull();
    expect(notesOf(mediate)).toEqual([
      expect.objectContaining({ text: RELEASE_NOTE_TEXT['assignee-role-removed'], authorStaffId: coordinator.staffId }),
    ]);
    expect(holderOf(transfer)).toBe(both.staffId);
    expect(holderOf(either)).toBe(both.staffId);
    expect(audit.entries.filter((e) => e.action === releaseAuditAction('assignee-role-removed'))).toEqual([
      expect.objectContaining({ objectId: mediate, actor: coordinator.staffId }),
    ]);
  });
});

describe('what the plan keeps', () => {
  const now = new Date('2026-03-10T02:00:00.000Z');
  const held = (overrides: Partial<Parameters<typeof planRelease>[2][number]> = {}) => ({
    id: randomUUID(),
    caseId: randomUUID(),
    townCode: TOWN,
    actionId: '1-mediate',
    kind: 'mediate' as const,
    level: 'L1' as const,
    agencyId: committee,
    roles: ['mediator'] as StaffRole[],
    assigneeStaffId: 'someone',
    assignedAt: new Date('2026-03-09T02:00:00.000Z'),
    workflowAssigned: false,
    ...overrides,
  });
  const change = { staffId: 'someone', townCode: TOWN, roles: ['mediator'] as StaffRole[] };

  it('names why a task stays', () => {
    const named = held({ workflowAssigned: true });
    const later = held({ assignedAt: new Date('2026-03-11T02:00:00.000Z') });
    const released = held();
    const plan = planRelease({ ...change, active: false, changedFields: ['active'] }, now, [named, later, released]);
    expect(plan).toEqual({
      reason: 'assignee-deactivated',
      release: [released],
      kept: [
        { taskId: named.id, why: 'workflow-named' },
        { taskId: later.id, why: 'held-after-the-change' },
      ],
    });
  });

  it('releases nothing for roles that still fit', () => {
    expect(planRelease({ ...change, active: true, changedFields: ['roles'] }, now, [held()])).toEqual({
      reason: 'assignee-role-removed',
      release: [],
      kept: [],
    });
  });
});

describe('which failures are retried', () => {
  it.each([
    ['the database unreachable', Object.assign(new Error('db'), { code: 'P1001' })],
    ['a transaction that outlived its timeout', Object.assign(new Error('expired'), { code: 'P2028' })],
    ['a deadlock', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
  ])('retries %s', (_what, error) => {
    expect(isStaffChangesTransient(error)).toBe(true);
  });

  it('dead-letters a bug instead of retrying it forever', () => {
    expect(isStaffChangesTransient(new TypeError('x is undefined'))).toBe(false);
    expect(STAFF_CHANGES_CONSUMER).toBe('case-staff-changes');
  });
});
