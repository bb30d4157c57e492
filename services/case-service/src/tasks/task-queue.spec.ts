/**
 * The task queue on the in-memory wiring: who holds a task (claim, unclaim, assign, reassign), the views, filters,
 * sorts and counts, the liaison inbox, notes, watchers and the legal clock. task-queue.int-spec.ts runs the same
 * behaviour against PostgreSQL, with the races.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { callerRequests } from '../testing/caller-requests';
import { DISPUTE_REJECTIONS, type OpenAction, type Principal } from '@gongzhi/contracts';
import { fakeDisputeState } from '../cases/cases.fakes';
import { staffRolesOf } from '../kernel/principals';
import { createFakeCaseService, staff } from '../testing/fake-case-service';
import { openAction, timelineEvent, workflowCalls } from '../testing/workflow-calls';

const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** Staff of the demo town beyond the shared ones: a second Shangba mediator and the village committee's liaison. */
const colleague: Principal = {
  staffId: '5aff0000-0000-4000-8000-000000000003',
  agencyId: '0a9e0000-0000-4000-8000-000000000006',
  townCode: 'qingshui',
  roles: ['mediator'],
};
const shangbaLiaison: Principal = {
  staffId: 'liaison-s',
  agencyId: '0a9e0000-0000-4000-8000-000000000006',
  townCode: 'qingshui',
  roles: ['liaison', 'mediator'],
};
const xiabaLiaison: Principal = {
  staffId: 'liaison-x',
  agencyId: '0a9e0000-0000-4000-8000-000000000007',
  townCode: 'qingshui',
  roles: ['liaison', 'mediator'],
};

/** Accounts an action names: UUIDs, as agency-service makes them (an action naming anything else is refused). */
const SHANGBA_GRID_WORKER = '5aff0000-0000-4000-8000-0000000000a1';
const XIABA_MEDIATOR = '5aff0000-0000-4000-8000-000000000002';

async function setUp() {
  const fake = await createFakeCaseService({ rateLimits: { perIp: 10_000, perUser: 10_000 } });
  // agency-service's accounts, as the staff directory answers for them.
  for (const who of [staff.villageMediator, colleague, shangbaLiaison, xiabaLiaison, staff.otherVillageMediator]) {
    fake.staffDirectory.add({ id: who.staffId, agencyId: who.agencyId, roles: staffRolesOf(who) });
  }
  fake.staffDirectory.add({
    id: SHANGBA_GRID_WORKER,
    agencyId: staff.villageMediator.agencyId,
    roles: ['grid-worker'],
  });
  fake.staffDirectory.add({ id: XIABA_MEDIATOR, agencyId: xiabaLiaison.agencyId, roles: ['mediator'] });
  fake.staffDirectory.add({
    id: '5aff0000-0000-4000-8000-0000000000d0',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    roles: ['mediator'],
    active: false,
  });
  const open = async (who: Principal = staff.villageMediator, extra: object = {}) => {
    const res = await request(fake.app)
      .post('/api/v1/cases')
      .set('Authorization', await fake.bearer(who))
      .send({
        disputeType: 'neighbour',
        source: 'walk-in',
        summary: 'A leaning wall.',
        townCode: 'qingshui',
        villageCode: 'shangba',
        ...extra,
      });
    return res.body.id as string;
  };
  const caseId = await open();
  const worker = workflowCalls(fake.app, fake.engineBearer, caseId);
  const openTask = async (overrides: Partial<OpenAction> = {}, onCase = caseId) =>
    (await workflowCalls(fake.app, fake.engineBearer, onCase).openTask(openAction(overrides))).body as {
      id: string;
      actionId: string;
    };
  const { post, get } = callerRequests(() => fake);
  const claim = (who: Principal, taskId: string, key?: string) =>
    post(who, `/api/v1/tasks/${taskId}/claim`, undefined, key);
  const items = async (who: Principal, query: string) => {
    const res = await get(who, `/api/v1/tasks?${query}`);
    expect(res.status).toBe(200);
    return res.body.items as { id: string; actionId: string; priority: string; agencyId: string }[];
  };
  return { ...fake, open, caseId, worker, openTask, post, get, claim, items };
}

describe('claiming a task', () => {
  it('gives an open task nobody holds to the first who claims it; the next one learns who holds it (409)', async () => {
    const { claim, openTask, audit } = await setUp();
    const task = await openTask();
    const first = await claim(staff.villageMediator, task.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      assigneeStaffId: 'med-1',
      assignedBy: 'med-1',
      status: 'open',
      queueStatus: 'assigned',
      workflowAssigned: false,
    });
    const second = await claim(colleague, task.id);
    expect(second.status).toBe(409);
    expect(second.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(second.body).toMatchObject({ type: 'urn:gongzhi:problem:task-held', holderStaffId: 'med-1' });
    // Claiming what you hold already changes nothing.
    expect((await claim(staff.villageMediator, task.id)).status).toBe(200);
    expect(audit.entries.filter((e) => e.action === 'task.claim')).toHaveLength(1);
  });

  it('answers a retry with the same Idempotency-Key with the first answer', async () => {
    const { claim, openTask, audit } = await setUp();
    const task = await openTask();
    const first = await claim(staff.villageMediator, task.id, 'claim-key-01');
    const again = await claim(staff.villageMediator, task.id, 'claim-key-01');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(audit.entries.filter((e) => e.action === 'task.claim')).toHaveLength(1);
  });

  it('is for staff of the task’s agency with one of its roles; others are refused, strangers see nothing', async () => {
    const { claim, openTask, worker } = await setUp();
    const task = await openTask();
    expect((await claim(staff.gridWorker, task.id)).status).toBe(403);
    expect((await claim(staff.coordinator, task.id)).status).toBe(403);
    expect((await claim(staff.administrator, task.id)).status).toBe(403);
    expect((await claim(staff.otherVillageMediator, task.id)).status).toBe(404);
    expect((await claim(staff.villageMediator, randomUUID())).status).toBe(404);
    await worker.closeTask(task.actionId, { outcome: 'cancelled', closedBy: null });
    const closed = await claim(staff.villageMediator, task.id);
    expect([closed.status, closed.body.taskStatus]).toEqual([409, 'cancelled']);
  });

  it('leaves a task the workflow names someone for with them (409 naming the responsible mediator)', async () => {
    const { claim, openTask } = await setUp();
    const task = await openTask({ assigneeStaffId: 'med-1' });
    const res = await claim(colleague, task.id);
    expect([res.status, res.body.holderStaffId]).toEqual([409, 'med-1']);
  });
});

describe('releasing a task', () => {
  it('lets the holder or a supervisor give it back to the pool; a colleague learns who holds it', async () => {
    const { claim, post, openTask } = await setUp();
    const task = await openTask();
    await claim(staff.villageMediator, task.id);
    const byColleague = await post(colleague, `/api/v1/tasks/${task.id}/unclaim`);
    expect([byColleague.status, byColleague.body.holderStaffId]).toEqual([409, 'med-1']);
    expect((await post(staff.gridWorker, `/api/v1/tasks/${task.id}/unclaim`)).status).toBe(403);
    const released = await post(staff.villageMediator, `/api/v1/tasks/${task.id}/unclaim`);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ assigneeStaffId: null, assignedAt: null, queueStatus: 'open' });
    await claim(colleague, task.id);
    expect((await post(shangbaLiaison, `/api/v1/tasks/${task.id}/unclaim`)).body.assigneeStaffId).toBeNull();
    expect((await post(staff.coordinator, `/api/v1/tasks/${task.id}/unclaim`)).status).toBe(200);
  });

  it('refuses to release someone the workflow made responsible: a supervisor reassigns instead', async () => {
    const { post, openTask } = await setUp();
    const task = await openTask({ assigneeStaffId: 'med-1' });
    const res = await post(staff.villageMediator, `/api/v1/tasks/${task.id}/unclaim`);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('urn:gongzhi:problem:assignee-named-by-workflow');
  });
});

describe('assigning a task', () => {
  it('lets a supervisor give an open task to a colleague with its role in its agency', async () => {
    const { post, openTask, staffDirectory } = await setUp();
    const task = await openTask();
    const res = await post(shangbaLiaison, `/api/v1/tasks/${task.id}/assign`, {
      staffId: '5aff0000-0000-4000-8000-000000000003',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      assigneeStaffId: '5aff0000-0000-4000-8000-000000000003',
      assignedBy: 'liaison-s',
      queueStatus: 'assigned',
    });
    expect(staffDirectory.lookups).toEqual(['5aff0000-0000-4000-8000-000000000003']);
  });

  it.each([
    ['someone of another agency', XIABA_MEDIATOR],
    ['someone without the task’s role', SHANGBA_GRID_WORKER],
    ['an inactive account', '5aff0000-0000-4000-8000-0000000000d0'],
    ['someone agency-service does not know', 'med-404'],
  ])('refuses %s (422)', async (_who, staffId) => {
    const { post, openTask, coordinatorView } = await setUpWithCoordinator();
    const task = await openTask();
    const res = await post(staff.coordinator, `/api/v1/tasks/${task.id}/assign`, { staffId });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: 'urn:gongzhi:problem:assignee-not-eligible', staffId });
    expect((await coordinatorView(task.id)).assigneeStaffId).toBeNull();
  });

  it('is for supervisors; a task someone holds is reassigned, not assigned', async () => {
    const { post, openTask, claim } = await setUp();
    const task = await openTask();
    expect(
      (await post(colleague, `/api/v1/tasks/${task.id}/assign`, { staffId: '5aff0000-0000-4000-8000-000000000003' }))
        .status,
    ).toBe(403);
    await claim(staff.villageMediator, task.id);
    const held = await post(shangbaLiaison, `/api/v1/tasks/${task.id}/assign`, {
      staffId: '5aff0000-0000-4000-8000-000000000003',
    });
    expect([held.status, held.body.holderStaffId]).toEqual([409, 'med-1']);
  });

  it('answers 503 while agency-service is unreachable, and changes nothing', async () => {
    const { post, openTask, staffDirectory, tasks } = await setUp();
    const task = await openTask();
    staffDirectory.down = true;
    const res = await post(shangbaLiaison, `/api/v1/tasks/${task.id}/assign`, {
      staffId: '5aff0000-0000-4000-8000-000000000003',
    });
    expect(res.status).toBe(503);
    expect(res.body.type).toBe('urn:gongzhi:problem:dependency-unavailable');
    expect((await tasks.findById(task.id))?.assigneeStaffId).toBeNull();
  });
});

async function setUpWithCoordinator() {
  const setup = await setUp();
  const coordinatorView = async (taskId: string) =>
    (await setup.get(staff.coordinator, `/api/v1/tasks/${taskId}`)).body as { assigneeStaffId: string | null };
  return { ...setup, coordinatorView };
}

describe('reassigning a task', () => {
  it('hands a claimed task to a colleague (a supervisor’s call, Idempotency-Key required)', async () => {
    const { post, openTask, claim, workflows } = await setUp();
    const task = await openTask();
    await claim(staff.villageMediator, task.id);
    const path = `/api/v1/tasks/${task.id}/reassign`;
    expect((await post(shangbaLiaison, path, { staffId: '5aff0000-0000-4000-8000-000000000003' })).status).toBe(400);
    expect(
      (await post(colleague, path, { staffId: '5aff0000-0000-4000-8000-000000000003' }, 'reassign-01')).status,
    ).toBe(403);
    const res = await post(shangbaLiaison, path, { staffId: '5aff0000-0000-4000-8000-000000000003' }, 'reassign-02');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      assigneeStaffId: '5aff0000-0000-4000-8000-000000000003',
      assignedBy: 'liaison-s',
      workflowAssigned: false,
    });
    // A task the workflow does not name anyone for changes here alone.
    expect(workflows.reassignments).toEqual([]);
  });

  it('refuses a task nobody holds (409): it is assigned or claimed instead', async () => {
    const { post, openTask } = await setUp();
    const task = await openTask();
    const res = await post(
      shangbaLiaison,
      `/api/v1/tasks/${task.id}/reassign`,
      { staffId: '5aff0000-0000-4000-8000-000000000003' },
      'reassign-03',
    );
    expect([res.status, res.body.type]).toEqual([409, 'urn:gongzhi:problem:task-not-held']);
  });

  it('changes the responsible mediator through the workflow first, then the task; the sick mediator keeps watching', async () => {
    const { post, openTask, workflows, caseId, get, repository } = await setUp();
    const task = await openTask({ assigneeStaffId: 'med-1' });
    workflows.states.set(
      `dispute-case-${caseId}`,
      fakeDisputeState(caseId, {
        responsibleStaffId: 'med-1',
        openActions: [{ ...openAction({ assigneeStaffId: 'med-1' }) }],
      }),
    );
    const send = () =>
      post(
        staff.coordinator,
        `/api/v1/tasks/${task.id}/reassign`,
        { staffId: '5aff0000-0000-4000-8000-000000000003' },
        'reassign-sick-01',
      );
    const res = await send();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      assigneeStaffId: '5aff0000-0000-4000-8000-000000000003',
      workflowAssigned: true,
      assignedBy: null,
    });
    expect(workflows.reassignments).toEqual([
      {
        workflowId: `dispute-case-${caseId}`,
        updateId: `reassign:${task.id}:coord-1:reassign-sick-01`,
        input: {
          actor: { staffId: 'coord-1', agencyId: '0a9e0000-0000-4000-8000-000000000001', roles: ['coordinator'] },
          actionId: task.actionId,
          toStaffId: '5aff0000-0000-4000-8000-000000000003',
        },
      },
    ]);
    // The same request again: the first answer, and no second Update.
    const again = await send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(workflows.reassignments).toHaveLength(1);
    expect(await repository.isWatcher(caseId, 'med-1')).toBe(true);
    expect((await get(staff.villageMediator, `/api/v1/tasks/${task.id}`)).body.assigneeStaffId).toBe(
      '5aff0000-0000-4000-8000-000000000003',
    );
  });

  it('leaves the task as it was when the workflow refuses, with the workflow’s reason', async () => {
    const { post, openTask, workflows, tasks } = await setUp();
    const task = await openTask({ assigneeStaffId: 'med-1' });
    workflows.rejectNext = { type: DISPUTE_REJECTIONS.notAllowed, message: 'Only liaisons or coordinators.' };
    const res = await post(
      shangbaLiaison,
      `/api/v1/tasks/${task.id}/reassign`,
      { staffId: '5aff0000-0000-4000-8000-000000000003' },
      'reassign-04',
    );
    expect([res.status, res.body.detail]).toEqual([403, 'Only liaisons or coordinators.']);
    expect((await tasks.findById(task.id))?.assigneeStaffId).toBe('med-1');
  });

  it('catches up with a reassignment the workflow made when an earlier request timed out', async () => {
    const { post, openTask, workflows, caseId } = await setUp();
    const task = await openTask({ assigneeStaffId: 'med-1' });
    // The workflow already names med-3 (a first request reached it, then timed out); it refuses a second change.
    workflows.states.set(
      `dispute-case-${caseId}`,
      fakeDisputeState(caseId, {
        openActions: [openAction({ assigneeStaffId: '5aff0000-0000-4000-8000-000000000003' })],
      }),
    );
    workflows.rejectNext = {
      type: DISPUTE_REJECTIONS.illegalAction,
      message: 'The task already belongs to that person.',
    };
    const res = await post(
      shangbaLiaison,
      `/api/v1/tasks/${task.id}/reassign`,
      { staffId: '5aff0000-0000-4000-8000-000000000003' },
      'reassign-05',
    );
    expect([res.status, res.body.assigneeStaffId]).toEqual([200, '5aff0000-0000-4000-8000-000000000003']);
  });
});

describe('the reason for a hand-over', () => {
  const SICK = '王调解员住院两周，由同组李调解员接手。';

  it('is the supervisor’s note on the task, marked with who the task went from and to', async () => {
    const { post, get, openTask, claim } = await setUp();
    const task = await openTask();
    await claim(staff.villageMediator, task.id);
    const res = await post(
      shangbaLiaison,
      `/api/v1/tasks/${task.id}/reassign`,
      { staffId: '5aff0000-0000-4000-8000-000000000003', reason: `  ${SICK} ` },
      'reason-01',
    );
    expect(res.status).toBe(200);
    const notes = await get(colleague, `/api/v1/tasks/${task.id}/notes`);
    expect(notes.body.items).toEqual([
      expect.objectContaining({
        authorStaffId: 'liaison-s',
        authorAgencyId: '0a9e0000-0000-4000-8000-000000000006',
        text: SICK,
        assignment: { fromStaffId: 'med-1', toStaffId: '5aff0000-0000-4000-8000-000000000003' },
      }),
    ]);
    // A working note carries no assignment.
    await post(colleague, `/api/v1/tasks/${task.id}/notes`, { text: 'Called the respondent.' });
    const after = (await get(colleague, `/api/v1/tasks/${task.id}/notes`)).body.items as { assignment: unknown }[];
    expect(after.map((note) => note.assignment)).toEqual([
      { fromStaffId: 'med-1', toStaffId: '5aff0000-0000-4000-8000-000000000003' },
      null,
    ]);
  });

  it('explains an assignment too, from nobody', async () => {
    const { post, get, openTask } = await setUp();
    const task = await openTask();
    const res = await post(shangbaLiaison, `/api/v1/tasks/${task.id}/assign`, {
      staffId: '5aff0000-0000-4000-8000-000000000003',
      reason: 'Knows both families well.',
    });
    expect(res.status).toBe(200);
    const notes = (await get(colleague, `/api/v1/tasks/${task.id}/notes`)).body.items;
    expect(notes).toEqual([
      expect.objectContaining({
        text: 'Knows both families well.',
        assignment: { fromStaffId: null, toStaffId: '5aff0000-0000-4000-8000-000000000003' },
      }),
    ]);
  });

  it('stays optional: a reassignment without one writes no note', async () => {
    const { post, get, openTask, claim } = await setUp();
    const task = await openTask();
    await claim(staff.villageMediator, task.id);
    expect(
      (
        await post(
          shangbaLiaison,
          `/api/v1/tasks/${task.id}/reassign`,
          { staffId: '5aff0000-0000-4000-8000-000000000003' },
          'reason-06',
        )
      ).status,
    ).toBe(200);
    expect((await get(colleague, `/api/v1/tasks/${task.id}/notes`)).body.items).toEqual([]);
  });

  it('is 5–500 characters once trimmed; a refused one changes nothing', async () => {
    const { post, get, openTask, claim, tasks } = await setUp();
    const task = await openTask();
    await claim(staff.villageMediator, task.id);
    const path = `/api/v1/tasks/${task.id}/reassign`;
    for (const [reason, key] of [
      ['  sick   ', 'reason-short'],
      ['x'.repeat(501), 'reason-long'],
    ] as const) {
      const res = await post(shangbaLiaison, path, { staffId: '5aff0000-0000-4000-8000-000000000003', reason }, key);
      expect([res.status, res.body.errors?.[0]?.path]).toEqual([400, 'reason']);
    }
    expect((await tasks.findById(task.id))?.assigneeStaffId).toBe('med-1');
    expect((await get(colleague, `/api/v1/tasks/${task.id}/notes`)).body.items).toEqual([]);
    expect(
      (
        await post(
          shangbaLiaison,
          path,
          { staffId: '5aff0000-0000-4000-8000-000000000003', reason: 'x'.repeat(500) },
          'reason-max',
        )
      ).status,
    ).toBe(200);
  });

  it('never reaches the workflow or the audit trail, and is written once however often the request is retried', async () => {
    const { post, get, openTask, workflows, caseId, audit } = await setUp();
    const task = await openTask({ assigneeStaffId: 'med-1' });
    workflows.states.set(
      `dispute-case-${caseId}`,
      fakeDisputeState(caseId, {
        responsibleStaffId: 'med-1',
        openActions: [{ ...openAction({ assigneeStaffId: 'med-1' }) }],
      }),
    );
    const send = () =>
      post(
        staff.coordinator,
        `/api/v1/tasks/${task.id}/reassign`,
        { staffId: '5aff0000-0000-4000-8000-000000000003', reason: SICK },
        'reason-wf-1',
      );
    expect((await send()).status).toBe(200);
    expect((await send()).headers['idempotent-replayed']).toBe('true');
    expect(workflows.reassignments).toHaveLength(1);
    expect(JSON.stringify(workflows.reassignments)).not.toContain('住院');
    expect(JSON.stringify(audit.entries)).not.toContain('住院');
    const notes = (await get(staff.villageMediator, `/api/v1/tasks/${task.id}/notes`)).body.items;
    expect(notes).toEqual([
      expect.objectContaining({
        authorStaffId: 'coord-1',
        text: SICK,
        assignment: { fromStaffId: 'med-1', toStaffId: '5aff0000-0000-4000-8000-000000000003' },
      }),
    ]);
  });

  it('is not written when the hand-over is refused', async () => {
    const { post, get, openTask, workflows } = await setUp();
    const task = await openTask({ assigneeStaffId: 'med-1' });
    workflows.rejectNext = { type: DISPUTE_REJECTIONS.notAllowed, message: 'Only liaisons or coordinators.' };
    const res = await post(
      shangbaLiaison,
      `/api/v1/tasks/${task.id}/reassign`,
      { staffId: '5aff0000-0000-4000-8000-000000000003', reason: SICK },
      'reason-07',
    );
    expect(res.status).toBe(403);
    const ineligible = await post(
      shangbaLiaison,
      `/api/v1/tasks/${task.id}/reassign`,
      { staffId: '5aff0000-0000-4000-8000-0000000000d0', reason: SICK },
      'reason-08',
    );
    expect(ineligible.status).toBe(422);
    expect((await get(colleague, `/api/v1/tasks/${task.id}/notes`)).body.items).toEqual([]);
  });
});

describe('completing a task someone holds', () => {
  it('is the holder’s to do: a colleague learns who holds it (409) and nothing reaches the workflow', async () => {
    const { post, openTask, claim, workflows } = await setUp();
    const task = await openTask();
    await claim(staff.villageMediator, task.id);
    const res = await post(
      colleague,
      `/api/v1/tasks/${task.id}/complete`,
      { action: { kind: 'record-session', heldAt: new Date().toISOString() } },
      'complete-held-1',
    );
    expect([res.status, res.body.holderStaffId]).toEqual([409, 'med-1']);
    expect(workflows.updates).toEqual([]);
  });

  it('accepts a transfer only for a mediator of the receiving agency as responsible (checked with agency-service)', async () => {
    const { post, openTask, workflows } = await setUp();
    const task = await openTask({
      actionId: '1-accept-transfer',
      kind: 'accept-transfer',
      roles: ['liaison', 'mediator'],
    });
    const accept = (responsibleStaffId: string, key: string) =>
      post(
        shangbaLiaison,
        `/api/v1/tasks/${task.id}/complete`,
        { action: { kind: 'accept-transfer', responsibleStaffId } },
        key,
      );
    expect((await accept(XIABA_MEDIATOR, 'accept-key-1')).status).toBe(422);
    expect((await accept(SHANGBA_GRID_WORKER, 'accept-key-2')).status).toBe(422);
    expect(workflows.updates).toEqual([]);
    expect((await accept('5aff0000-0000-4000-8000-000000000003', 'accept-key-3')).status).toBe(200);
    expect(workflows.updates).toHaveLength(1);
  });
});

describe('a task-bound action sent to the case (POST /cases/:id/actions naming the task)', () => {
  const act = (actionId: string | undefined, action: object) => ({ action, ...(actionId ? { actionId } : {}) });

  it('is the task’s completion: a colleague cannot complete a task someone holds (409) and nothing reaches the workflow', async () => {
    const { post, openTask, claim, caseId, workflows } = await setUp();
    const task = await openTask();
    await claim(staff.villageMediator, task.id);
    const agreement = act(task.actionId, { kind: 'record-agreement' });
    const res = await post(colleague, `/api/v1/cases/${caseId}/actions`, agreement, 'case-held-1');
    expect([res.status, res.body.type, res.body.holderStaffId]).toEqual([
      409,
      'urn:gongzhi:problem:task-held',
      'med-1',
    ]);
    // Someone outside the task's agency and roles is refused as on the task route.
    const grid = await post(staff.gridWorker, `/api/v1/cases/${caseId}/actions`, agreement, 'case-held-2');
    expect(grid.status).toBe(403);
    expect(workflows.updates).toEqual([]);

    const own = await post(staff.villageMediator, `/api/v1/cases/${caseId}/actions`, agreement, 'case-held-3');
    expect(own.status).toBe(200);
    expect(workflows.updates).toEqual([
      expect.objectContaining({
        updateId: `act:${caseId}:med-1:case-held-3`,
        input: expect.objectContaining({ actionId: task.actionId, action: { kind: 'record-agreement' } }),
      }),
    ]);
  });

  it('accepts a transfer only for a mediator of the receiving agency as responsible, as the task route does (422)', async () => {
    const { post, openTask, caseId, workflows } = await setUp();
    const task = await openTask({
      actionId: '1-accept-transfer',
      kind: 'accept-transfer',
      roles: ['liaison', 'mediator'],
    });
    const accept = (responsibleStaffId: string, key: string) =>
      post(
        shangbaLiaison,
        `/api/v1/cases/${caseId}/actions`,
        act(task.actionId, { kind: 'accept-transfer', responsibleStaffId }),
        key,
      );
    for (const [who, key] of [
      [XIABA_MEDIATOR, 'case-accept-1'], // a mediator of another committee
      ['3f1d0c52-8e1b-4f7a-9d55-0a1b2c3d4e5f', 'case-accept-2'], // nobody
      ['5aff0000-0000-4000-8000-0000000000d0', 'case-accept-3'], // an inactive account
    ]) {
      const res = await accept(who ?? '', key ?? '');
      expect([who, res.status, res.body.type]).toEqual([who, 422, 'urn:gongzhi:problem:assignee-not-eligible']);
    }
    expect(workflows.updates).toEqual([]);
    expect((await accept('5aff0000-0000-4000-8000-000000000003', 'case-accept-4')).status).toBe(200);
    expect(workflows.updates).toHaveLength(1);
  });

  it('names its task (400 without it) and a task of this case (404 otherwise)', async () => {
    const { post, open, openTask, caseId, workflows } = await setUp();
    await openTask();
    const missing = await post(
      staff.villageMediator,
      `/api/v1/cases/${caseId}/actions`,
      act(undefined, { kind: 'record-agreement' }),
      'case-task-1',
    );
    expect([missing.status, missing.body.errors?.[0]?.path]).toEqual([400, 'actionId']);
    // Another case's task, named on this case: this case has no such task.
    const elsewhere = await openTask({ actionId: '9-mediate' }, await open());
    const unknown = await post(
      staff.villageMediator,
      `/api/v1/cases/${caseId}/actions`,
      act(elsewhere.actionId, { kind: 'record-agreement' }),
      'case-task-2',
    );
    expect(unknown.status).toBe(404);
    expect(workflows.updates).toEqual([]);
  });
});

describe('where a case is sent', () => {
  const centreTask = {
    actionId: '3-handle-rejection',
    kind: 'handle-rejection' as const,
    agencyId: '0a9e0000-0000-4000-8000-000000000001',
    roles: ['mediator' as const, 'liaison' as const, 'coordinator' as const],
  };

  it('adds joint agencies of the case’s town only (422 for another town’s or a made-up one), and for coordinators only (403)', async () => {
    const { post, caseId, workflows } = await setUp();
    const add = (who: Principal, agencyIds: string[], key: string) =>
      post(who, `/api/v1/cases/${caseId}/actions`, { action: { kind: 'add-joint-agencies', agencyIds } }, key);
    for (const [agencyIds, key] of [
      [['0a9e0000-0000-4000-8000-000000000003'], 'joint-agencies-1'],
      [['3f1d0c52-8e1b-4f7a-9d55-0a1b2c3d4e5f'], 'joint-agencies-2'],
      [['0a9e0000-0000-4000-8000-000000000005', '0a9e0000-0000-4000-8000-000000000003'], 'joint-agencies-3'],
    ] as const) {
      const res = await add(staff.coordinator, [...agencyIds], key);
      expect([res.status, res.body.type]).toEqual([422, 'urn:gongzhi:problem:agency-not-in-town']);
      expect(res.body.agencyIds).not.toContain('0a9e0000-0000-4000-8000-000000000005');
    }
    // Another town's coordinator does not even see the case.
    expect(
      (await add(staff.otherTownCoordinator, ['0a9e0000-0000-4000-8000-000000000003'], 'joint-agencies-4')).status,
    ).toBe(404);
    expect(
      (await add(staff.villageMediator, ['0a9e0000-0000-4000-8000-000000000005'], 'joint-agencies-5')).status,
    ).toBe(403);
    expect(workflows.updates).toEqual([]);
    expect(
      (
        await add(
          staff.coordinator,
          ['0a9e0000-0000-4000-8000-000000000005', '0a9e0000-0000-4000-8000-000000000004'],
          'joint-agencies-6',
        )
      ).status,
    ).toBe(200);
    expect(workflows.updates).toHaveLength(1);
  });

  it.each([
    ['the task route', 'task'],
    ['the case route', 'case'],
  ])('re-routes only to an agency of the case’s town, by %s (422)', async (_route, via) => {
    const { post, openTask, caseId, workflows } = await setUp();
    const task = await openTask(centreTask);
    const reroute = (agencyId: string, key: string) => {
      const action = { kind: 'reroute', toLevel: 'L1', agencyId };
      return via === 'task'
        ? post(staff.coordinator, `/api/v1/tasks/${task.id}/complete`, { action }, key)
        : post(staff.coordinator, `/api/v1/cases/${caseId}/actions`, { action, actionId: task.actionId }, key);
    };
    for (const [agencyId, key] of [
      ['0a9e0000-0000-4000-8000-000000000003', `${via}-reroute-1`],
      ['3f1d0c52-8e1b-4f7a-9d55-0a1b2c3d4e5f', `${via}-reroute-2`],
    ]) {
      const res = await reroute(agencyId ?? '', key ?? '');
      expect([res.status, res.body.type]).toEqual([422, 'urn:gongzhi:problem:agency-not-in-town']);
    }
    expect(workflows.updates).toEqual([]);
    expect((await reroute('0a9e0000-0000-4000-8000-000000000007', `${via}-reroute-3`)).status).toBe(200);
  });
});

describe('the views of the queue', () => {
  it('shows each person available, mine, team, all and watching as the issue describes', async () => {
    const { openTask, claim, items, open, worker, get } = await setUp();
    const free = await openTask({ actionId: '1-mediate' });
    const taken = await openTask({ actionId: '2-mediate' });
    const liaisons = await openTask({ actionId: '3-joint-sign-off', kind: 'joint-sign-off', roles: ['liaison'] });
    const xiabaCase = await open(staff.otherVillageMediator);
    const xiaba = await openTask(
      { actionId: '1-mediate', agencyId: '0a9e0000-0000-4000-8000-000000000007' },
      xiabaCase,
    );
    await claim(colleague, taken.id);
    const ids = async (who: Principal, view: string) => (await items(who, `view=${view}`)).map((t) => t.id).sort();

    expect(await ids(staff.villageMediator, 'available')).toEqual([free.id]);
    expect(await ids(colleague, 'mine')).toEqual([taken.id]);
    expect(await ids(shangbaLiaison, 'available')).toEqual([free.id, liaisons.id].sort());
    expect(await ids(shangbaLiaison, 'team')).toEqual([free.id, taken.id, liaisons.id].sort());
    expect(await ids(xiabaLiaison, 'team')).toEqual([xiaba.id]);
    expect(await ids(staff.coordinator, 'all')).toEqual([free.id, taken.id, liaisons.id, xiaba.id].sort());
    expect(await ids(staff.administrator, 'all')).toHaveLength(4);
    expect(await ids(staff.otherTownCoordinator, 'all')).toEqual([]);
    expect((await get(staff.villageMediator, '/api/v1/tasks?view=team')).status).toBe(403);
    expect((await get(shangbaLiaison, '/api/v1/tasks?view=all')).status).toBe(403);

    // The mediator of a level keeps following the case: the later tasks show in their watching view.
    await worker.openTask(openAction({ actionId: '4-mediate', assigneeStaffId: 'med-9' }));
    await worker.closeTask('4-mediate', { closedBy: 'med-9' });
    const later = await openTask({
      actionId: '5-accept-transfer',
      kind: 'accept-transfer',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
    });
    const watcher: Principal = { ...staff.villageMediator, staffId: 'med-9' };
    expect(await ids(watcher, 'watching')).toEqual([free.id, taken.id, liaisons.id, later.id].sort());
  });

  it('filters by level, village, dispute type, priority, due dates, overdue and due soon', async () => {
    const { openTask, items, open } = await setUp();
    const overdue = await openTask({ actionId: '1-mediate', dueAt: inHours(-3) });
    const soon = await openTask({ actionId: '2-mediate', dueAt: inHours(20), level: 'L2' });
    const later = await openTask({ actionId: '3-mediate', dueAt: inHours(24 * 20) });
    const undated = await openTask({ actionId: '4-mediate', dueAt: null });
    const riskyCase = await open(staff.villageMediator, {
      villageCode: 'dongkou',
      disputeType: 'land-forest',
      riskAssessment: { violenceRisk: true, groupDispute: false, keyPerson: false },
    });
    const risky = await openTask({ actionId: '1-mediate', dueAt: inHours(24 * 20) }, riskyCase);
    const ids = async (query: string) => (await items(staff.villageMediator, query)).map((t) => t.id).sort();
    const sorted = (...tasks: { id: string }[]) => tasks.map((t) => t.id).sort();

    expect(await ids('level=L2')).toEqual(sorted(soon));
    expect(await ids('villageCode=dongkou')).toEqual(sorted(risky));
    expect(await ids('disputeType=land-forest')).toEqual(sorted(risky));
    expect(await ids('priority=urgent')).toEqual(sorted(overdue));
    expect(await ids('priority=high')).toEqual(sorted(soon, risky));
    expect(await ids('priority=normal')).toEqual(sorted(later));
    expect(await ids('priority=low')).toEqual(sorted(undated));
    expect(await ids('overdue=true')).toEqual(sorted(overdue));
    expect(await ids('overdue=false')).toEqual(sorted(soon, later, undated, risky));
    expect(await ids('dueSoon=true')).toEqual(sorted(soon));
    expect(await ids(`dueBefore=${inHours(24)}`)).toEqual(sorted(overdue, soon));
    expect(await ids(`dueAfter=${inHours(24)}`)).toEqual(sorted(later, risky));
    expect((await items(staff.villageMediator, 'status=assigned')).length).toBe(0);
  });

  it('sorts by due date, priority or creation, paging each with its own cursor', async () => {
    const { openTask, get } = await setUp();
    const opened = (minutes: number) => new Date(Date.parse('2026-03-01T00:00:00.000Z') + minutes * 60_000);
    const a = await openTask({ actionId: '1-mediate', dueAt: inHours(24 * 20), openedAt: opened(1).toISOString() });
    const b = await openTask({ actionId: '2-mediate', dueAt: inHours(-1), openedAt: opened(3).toISOString() });
    const c = await openTask({ actionId: '3-mediate', dueAt: null, openedAt: opened(2).toISOString() });
    const d = await openTask({ actionId: '4-mediate', dueAt: inHours(10), openedAt: opened(4).toISOString() });
    const walk = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(
          staff.villageMediator,
          `/api/v1/tasks?sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        seen.push(...(res.body.items as { id: string }[]).map((t) => t.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await walk('due')).toEqual([b.id, d.id, a.id, c.id]);
    expect(await walk('priority')).toEqual([b.id, d.id, a.id, c.id]);
    expect(await walk('created')).toEqual([a.id, c.id, b.id, d.id]);
    const first = await get(staff.villageMediator, '/api/v1/tasks?sort=created&limit=1');
    const mixed = await get(staff.villageMediator, `/api/v1/tasks?sort=due&cursor=${first.body.nextCursor}`);
    expect(mixed.status).toBe(400);
    expect((await get(staff.villageMediator, '/api/v1/tasks?overdue=maybe')).status).toBe(400);
  });

  it('shows every task’s legal clock and priority, computed when read', async () => {
    const { openTask, get } = await setUp();
    const task = await openTask({ dueAt: inHours(-2), rule: '人民调解：一般在一个月内调结' });
    const res = await get(staff.villageMediator, `/api/v1/tasks/${task.id}`);
    expect(res.body.priority).toBe('urgent');
    expect(res.body.clock).toMatchObject({ overdue: true, rule: '人民调解：一般在一个月内调结' });
    expect(res.body.clock.remainingMs).toBeLessThan(-2 * HOUR + 60_000);
    expect(res.body.clock.remainingMs).toBeGreaterThan(-2 * HOUR - 60_000);
  });

  it('counts each view’s open and overdue tasks for the badges; views a role lacks have none', async () => {
    const { openTask, claim, get } = await setUp();
    await openTask({ actionId: '1-mediate', dueAt: inHours(-1) });
    const mine = await openTask({ actionId: '2-mediate', dueAt: inHours(100) });
    await openTask({
      actionId: '3-accept-transfer',
      kind: 'accept-transfer',
      roles: ['liaison', 'mediator'],
      dueAt: inHours(30),
    });
    await claim(staff.villageMediator, mine.id);
    const counts = (await get(staff.villageMediator, '/api/v1/tasks/counts')).body;
    expect(counts).toMatchObject({
      available: { total: 2, overdue: 1 },
      mine: { total: 1, overdue: 0 },
      team: null,
      all: null,
      watching: { total: 0, overdue: 0 },
      inbox: { total: 1, overdue: 0 },
    });
    const town = (await get(staff.coordinator, '/api/v1/tasks/counts')).body;
    expect(town.all).toEqual({ total: 3, overdue: 1 });
    expect(town.team).toEqual({ total: 0, overdue: 0 });
  });
});

describe('the liaison inbox', () => {
  it('shows each transfer with the case, where it comes from and why, and the acceptance deadline', async () => {
    const { app, engineBearer, open, openTask, get, audit } = await setUp();
    const caseId = await open(staff.villageMediator, {
      amountInDispute: '86000.00',
      riskAssessment: { violenceRisk: false, groupDispute: true, keyPerson: false },
    });
    const worker = workflowCalls(app, engineBearer, caseId);
    const acceptBy = inHours(40);
    // The workflow writes the request on the timeline, then opens the task (as dispute-case.ts does).
    await worker.recordTimeline(
      `${caseId}:wf:1`,
      timelineEvent({
        at: new Date(Date.now() - 60_000).toISOString(),
        details: {
          level: 'L2',
          toAgencyId: '0a9e0000-0000-4000-8000-000000000005',
          fromAgencyId: '0a9e0000-0000-4000-8000-000000000006',
          reason: 'escalated',
          acceptBy,
          penaltyTrack: false,
        },
      }),
    );
    const task = await openTask(
      {
        actionId: '7-accept-transfer',
        kind: 'accept-transfer',
        level: 'L2',
        agencyId: '0a9e0000-0000-4000-8000-000000000005',
        roles: ['liaison'],
        dueAt: acceptBy,
        reason: 'escalated',
        openedAt: new Date().toISOString(),
      },
      caseId,
    );
    const res = await get(staff.policeLiaison, '/api/v1/inbox');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        task: expect.objectContaining({ id: task.id, kind: 'accept-transfer', level: 'L2' }),
        case: {
          id: caseId,
          disputeType: 'neighbour',
          summary: 'A leaning wall.',
          villageCode: 'shangba',
          amountInDispute: '86000.00',
          risks: ['group-dispute'],
          status: 'open',
          openedAt: expect.any(String),
        },
        transfer: {
          fromAgencyId: '0a9e0000-0000-4000-8000-000000000006',
          reason: 'escalated',
          requestedAt: expect.any(String),
          penaltyTrack: false,
          earlierRejections: [],
        },
        acceptBy,
      },
    ]);
    // Showing the summary is a read of the case.
    expect(audit.entries).toContainEqual(
      expect.objectContaining({ action: 'case.inbox.read', objectId: 'list', objectIds: [caseId] }),
    );
    // Another agency's liaison sees none of it; a coordinator sees the town's.
    expect((await get(xiabaLiaison, '/api/v1/inbox')).body.items).toEqual([]);
    expect((await get(staff.coordinator, '/api/v1/inbox')).body.items).toHaveLength(1);
    expect(
      (await get(staff.coordinator, '/api/v1/inbox?agencyId=0a9e0000-0000-4000-8000-000000000007')).body.items,
    ).toEqual([]);
  });

  it('says a case straight from intake comes from nowhere, for the reason the task gives', async () => {
    const { openTask, get } = await setUp();
    await openTask({
      actionId: '1-accept-transfer',
      kind: 'accept-transfer',
      roles: ['liaison', 'mediator'],
      reason: 'intake',
    });
    const [item] = (await get(staff.villageMediator, '/api/v1/inbox')).body.items;
    expect(item.transfer).toEqual({
      fromAgencyId: null,
      reason: 'intake',
      requestedAt: null,
      penaltyTrack: false,
      earlierRejections: [],
    });
  });
});

describe('watchers', () => {
  it('keep reading the case, its timeline and tasks after their part ended, and list the cases they watch', async () => {
    const { app, bearer, worker, caseId, get, openTask } = await setUp();
    // A judicial-office mediator mediates this case at L3, then moves to the court (a new token, a new agency).
    const judicial: Principal = {
      staffId: 'med-j',
      agencyId: 'agency-judicial',
      townCode: 'qingshui',
      roles: ['mediator'],
    };
    const mediate = await openTask({
      actionId: '5-mediate',
      level: 'L3',
      agencyId: 'agency-judicial',
      assigneeStaffId: 'med-j',
    });
    // Their colleague sees the case through the agency; they themselves, once at the court, no longer do.
    const colleagueAtJudicial: Principal = { ...judicial, staffId: 'med-k' };
    expect((await get(colleagueAtJudicial, `/api/v1/cases/${caseId}`)).status).toBe(200);
    const movedOn: Principal = { ...judicial, agencyId: 'agency-court' };
    expect((await get(movedOn, `/api/v1/cases/${caseId}`)).status).toBe(404);
    await worker.closeTask('5-mediate', { outcome: 'cancelled', closedBy: null });
    expect((await get(movedOn, `/api/v1/cases/${caseId}`)).status).toBe(200);
    expect((await get(movedOn, `/api/v1/cases/${caseId}/timeline`)).status).toBe(200);
    expect((await get(movedOn, `/api/v1/cases/${caseId}/tasks`)).status).toBe(200);
    expect((await get(movedOn, `/api/v1/tasks/${mediate.id}`)).status).toBe(200);
    expect((await get(movedOn, `/api/v1/tasks/${mediate.id}/notes`)).status).toBe(200);
    // Watching grants reading the case's progress, not acting on it nor its documents.
    expect((await get(movedOn, `/api/v1/cases/${caseId}/documents`)).status).toBe(404);
    // The case's next task, at another agency: theirs to read, not to write on.
    const next = await openTask({
      actionId: '6-accept-transfer',
      kind: 'accept-transfer',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
    });
    expect((await get(movedOn, `/api/v1/tasks/${next.id}`)).status).toBe(200);
    const note = await request(app)
      .post(`/api/v1/tasks/${next.id}/notes`)
      .set('Authorization', await bearer(movedOn))
      .send({ text: 'Still following this one.' });
    expect(note.status).toBe(404);
    const watched = await get(movedOn, '/api/v1/watching');
    expect(watched.body.items).toEqual([
      { case: expect.objectContaining({ id: caseId }), since: expect.any(String), level: 'L3' },
    ]);
    expect((await get(colleagueAtJudicial, '/api/v1/watching')).body.items).toEqual([]);
  });
});

describe('notes', () => {
  it('lets anyone who sees the task add a note and read them, oldest first; administrators only read', async () => {
    const { post, get, openTask } = await setUp();
    const task = await openTask();
    const note = await post(staff.villageMediator, `/api/v1/tasks/${task.id}/notes`, {
      text: 'Visited both families.',
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ taskId: task.id, authorStaffId: 'med-1', text: 'Visited both families.' });
    await post(staff.coordinator, `/api/v1/tasks/${task.id}/notes`, { text: 'Please hold a session this week.' });
    expect((await post(staff.administrator, `/api/v1/tasks/${task.id}/notes`, { text: 'x' })).status).toBe(403);
    expect((await post(staff.villageMediator, `/api/v1/tasks/${task.id}/notes`, { text: '   ' })).status).toBe(400);
    const notes = await get(staff.administrator, `/api/v1/tasks/${task.id}/notes`);
    expect(notes.body.items.map((n: { text: string }) => n.text)).toEqual([
      'Visited both families.',
      'Please hold a session this week.',
    ]);
    expect((await get(staff.otherVillageMediator, `/api/v1/tasks/${task.id}/notes`)).status).toBe(404);
  });
});

describe('a correction of the case', () => {
  it('reaches its tasks’ copies of the village and the risk flags, so the filters stay true', async () => {
    const { app, caseId, openTask, get, bearer } = await setUp();
    const task = await openTask({ dueAt: inHours(24 * 10) });
    const read = await get(staff.villageMediator, `/api/v1/cases/${caseId}`);
    const res = await request(app)
      .patch(`/api/v1/cases/${caseId}`)
      .set('Authorization', await bearer(staff.villageMediator))
      .set('If-Match', read.headers['etag'] as string)
      .send({ villageCode: 'xiaba', riskAssessment: { violenceRisk: true, groupDispute: false, keyPerson: false } });
    expect(res.status).toBe(200);
    const after = (await get(staff.villageMediator, `/api/v1/tasks/${task.id}`)).body;
    expect(after).toMatchObject({ villageCode: 'xiaba', risks: ['violence-risk'], priority: 'high' });
  });
});
