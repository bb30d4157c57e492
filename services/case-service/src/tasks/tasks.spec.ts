import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DISPUTE_REJECTIONS, type Principal } from '@gongzhi/contracts';
import { fakeDisputeState } from '../cases/cases.fakes';
import { createFakeCaseService, staff } from '../testing/fake-case-service';
import { openAction, workflowCalls } from '../testing/workflow-calls';

const session = { action: { kind: 'record-session', heldAt: '2026-03-04T02:00:00.000Z' } };

async function setUp() {
  const fake = await createFakeCaseService({ rateLimits: { perIp: 10_000, perUser: 10_000 } });
  const open = async (who: Principal) => {
    const res = await request(fake.app)
      .post('/api/v1/cases')
      .set('Authorization', await fake.bearer(who))
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
    return res.body.id as string;
  };
  const caseId = await open(staff.villageMediator);
  const worker = workflowCalls(fake.app, fake.engineBearer, caseId);
  // What the workflow's activities would do while the Update runs: close the task it completes.
  fake.workflows.onAct = async (_workflowId, input) => {
    if (input.actionId && input.action.kind !== 'record-session') {
      await worker.closeTask(input.actionId, { closedBy: input.actor.staffId });
    }
  };
  const as = async (who: Principal) => fake.bearer(who);
  const mediateTask = async () => (await worker.openTask(openAction())).body.id as string;
  const complete = async (taskId: string, who: Principal, body: object = session, key = `key-${randomUUID()}`) =>
    request(fake.app)
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set('Authorization', await as(who))
      .set('Idempotency-Key', key)
      .send(body);
  return { ...fake, open, caseId, worker, as, mediateTask, complete };
}

describe('task lists', () => {
  it('lists a case’s tasks open first (soonest due first), then the closed ones', async () => {
    const { app, worker, caseId, as } = await setUp();
    await worker.openTask(openAction({ actionId: '1-accept-transfer', kind: 'accept-transfer', roles: ['liaison'] }));
    await worker.openTask(openAction({ actionId: '2-mediate', dueAt: '2026-06-01T00:00:00.000Z' }));
    await worker.openTask(
      openAction({ actionId: '3-follow-up-visit', kind: 'follow-up-visit', dueAt: '2026-04-01T00:00:00.000Z' }),
    );
    await worker.closeTask('1-accept-transfer');
    const res = await request(app)
      .get(`/api/v1/cases/${caseId}/tasks`)
      .set('Authorization', await as(staff.villageMediator));
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { actionId: string }) => t.actionId)).toEqual([
      '3-follow-up-visit',
      '2-mediate',
      '1-accept-transfer',
    ]);
  });

  it('gives each caller their queue: a mediator of agency A never sees agency B’s tasks', async () => {
    const { app, open, as, engineBearer } = await setUp();
    const shangbaCase = await open(staff.villageMediator);
    const xiabaCase = await open(staff.otherVillageMediator);
    await workflowCalls(app, engineBearer, shangbaCase).openTask(openAction());
    await workflowCalls(app, engineBearer, xiabaCase).openTask(
      openAction({ agencyId: '0a9e0000-0000-4000-8000-000000000007' }),
    );
    const queue = async (who: Principal, query = '') =>
      (
        await request(app)
          .get(`/api/v1/tasks${query}`)
          .set('Authorization', await as(who))
      ).body.items.map((t: { agencyId: string }) => t.agencyId);
    expect(await queue(staff.villageMediator)).toEqual(['0a9e0000-0000-4000-8000-000000000006']);
    expect(await queue(staff.otherVillageMediator)).toEqual(['0a9e0000-0000-4000-8000-000000000007']);
    // Naming another agency narrows the queue; it never widens it.
    expect(await queue(staff.villageMediator, '?agencyId=0a9e0000-0000-4000-8000-000000000007')).toEqual([]);
    expect((await queue(staff.coordinator)).sort()).toEqual([
      '0a9e0000-0000-4000-8000-000000000006',
      '0a9e0000-0000-4000-8000-000000000007',
    ]);
    expect(await queue(staff.otherTownCoordinator)).toEqual([]);
    expect((await queue(staff.administrator)).length).toBe(2);
    const foreignTask = (
      await request(app)
        .get('/api/v1/tasks')
        .set('Authorization', await as(staff.otherVillageMediator))
    ).body.items[0].id as string;
    const read = await request(app)
      .get(`/api/v1/tasks/${foreignTask}`)
      .set('Authorization', await as(staff.villageMediator));
    expect(read.status).toBe(404);
  });

  it('shows a task assigned by name in the assignee’s queue, whatever agency holds it', async () => {
    const { app, worker, as } = await setUp();
    await worker.openTask(openAction({ agencyId: 'agency-judicial', assigneeStaffId: staff.policeLiaison.staffId }));
    const res = await request(app)
      .get('/api/v1/tasks')
      .set('Authorization', await as(staff.policeLiaison));
    expect(res.body.items).toHaveLength(1);
  });

  it('filters by status, case and kind, and pages with a cursor, soonest due first and undated last', async () => {
    const { app, worker, caseId, as } = await setUp();
    for (let i = 1; i <= 5; i += 1) {
      await worker.openTask(
        openAction({ actionId: `${i}-mediate`, dueAt: i === 3 ? null : `2026-04-0${i}T00:00:00.000Z` }),
      );
    }
    await worker.closeTask('5-mediate');
    const auth = await as(staff.villageMediator);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { actionId: string }[]; nextCursor: string | null } } = await request(app)
        .get(`/api/v1/tasks?limit=2&caseId=${caseId}&kind=mediate${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', auth);
      seen.push(...page.body.items.map((t) => t.actionId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['1-mediate', '2-mediate', '4-mediate', '3-mediate']);
    const done = await request(app).get('/api/v1/tasks?status=completed').set('Authorization', auth);
    expect(done.body.items.map((t: { actionId: string }) => t.actionId)).toEqual(['5-mediate']);
    const bad = await request(app).get('/api/v1/tasks?cursor=nonsense').set('Authorization', auth);
    expect(bad.status).toBe(400);
  });
});

describe('completing a task', () => {
  it('sends the action as the workflow Update, as the caller, and answers with the task and the new state', async () => {
    const { workflows, complete, mediateTask, caseId } = await setUp();
    const taskId = await mediateTask();
    workflows.states.set(
      `dispute-case-${caseId}`,
      fakeDisputeState(caseId, { responsibleStaffId: 'med-1', phase: 'mediation' }),
    );
    const res = await complete(taskId, staff.villageMediator, session, 'session-0001');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      task: expect.objectContaining({ id: taskId, status: 'open' }),
      state: {
        level: 'L1',
        phase: 'mediation',
        agencyId: '0a9e0000-0000-4000-8000-000000000006',
        responsibleStaffId: 'med-1',
        openActions: [],
      },
      caseTasks: [expect.objectContaining({ id: taskId, status: 'open' })],
    });
    expect(workflows.updates).toEqual([
      {
        workflowId: `dispute-case-${caseId}`,
        updateId: `complete:${taskId}:med-1:session-0001`,
        input: {
          actor: { staffId: 'med-1', agencyId: '0a9e0000-0000-4000-8000-000000000006', roles: ['mediator'] },
          actionId: '1-mediate',
          action: session.action,
        },
      },
    ]);
  });

  it('shows the task as the workflow’s activities left it (closed before the Update returned)', async () => {
    const { complete, mediateTask } = await setUp();
    const taskId = await mediateTask();
    const res = await complete(taskId, staff.villageMediator, { action: { kind: 'record-agreement' } });
    expect(res.body.task).toMatchObject({ status: 'completed', closedBy: 'med-1' });
  });

  it('answers a retry with the same Idempotency-Key with the first answer, and acts once', async () => {
    const { complete, mediateTask, workflows } = await setUp();
    const taskId = await mediateTask();
    const first = await complete(taskId, staff.villageMediator, session, 'retry-key-01');
    const again = await complete(taskId, staff.villageMediator, session, 'retry-key-01');
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(workflows.updates).toHaveLength(1);
    const otherBody = await complete(
      taskId,
      staff.villageMediator,
      { action: { kind: 'request-extension' } },
      'retry-key-01',
    );
    expect(otherBody.status).toBe(422);
  });

  it('requires an Idempotency-Key (400)', async () => {
    const { app, mediateTask, as } = await setUp();
    const taskId = await mediateTask();
    const res = await request(app)
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set('Authorization', await as(staff.villageMediator))
      .send(session);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
  });

  it('refuses an action that is not one (400): unknown kinds and extra fields never reach the workflow', async () => {
    const { complete, mediateTask, workflows } = await setUp();
    const taskId = await mediateTask();
    expect((await complete(taskId, staff.villageMediator, { action: { kind: 'celebrate' } })).status).toBe(400);
    const extra = await complete(taskId, staff.villageMediator, { action: { kind: 'withdraw', partyName: 'Wang' } });
    expect(extra.status).toBe(400);
    expect(workflows.updates).toEqual([]);
  });

  it('refuses a closed task (409), someone who does not hold it (403), and administrators (403)', async () => {
    const { complete, mediateTask, worker, workflows } = await setUp();
    const taskId = await mediateTask();
    expect((await complete(taskId, staff.gridWorker)).status).toBe(403);
    expect((await complete(taskId, staff.coordinator)).status).toBe(403);
    const admin = await complete(taskId, {
      ...staff.administrator,
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      roles: ['administrator'],
    });
    expect(admin.status).toBe(403);
    expect(admin.body.detail).toMatch(/Administrators do not act on cases/);
    await worker.closeTask('1-mediate', { closedBy: 'another-mediator' });
    const closed = await complete(taskId, staff.villageMediator);
    expect(closed.status).toBe(409);
    expect(closed.body.taskStatus).toBe('completed');
    expect(workflows.updates).toEqual([]);
  });

  it('sends a completed task to the workflow again when the caller who completed it retries (its Update id answers)', async () => {
    const { complete, mediateTask, worker, workflows } = await setUp();
    const taskId = await mediateTask();
    await worker.closeTask('1-mediate', { closedBy: staff.villageMediator.staffId });
    // The first request timed out (503) after the workflow had applied it: the retry reaches the same Update.
    const retried = await complete(taskId, staff.villageMediator);
    expect(retried.status).toBe(200);
    expect(workflows.updates).toHaveLength(1);
  });

  it('lets the named assignee complete a task of another agency', async () => {
    const { worker, complete } = await setUp();
    const task = await worker.openTask(
      openAction({ agencyId: 'agency-judicial', assigneeStaffId: staff.policeLiaison.staffId }),
    );
    expect((await complete(task.body.id, staff.policeLiaison)).status).toBe(200);
  });

  it('answers with the case’s tasks as the action left them, the next one included, as the case’s task list shows them', async () => {
    const { app, caseId, as, complete, mediateTask, worker, workflows } = await setUp();
    const taskId = await mediateTask();
    workflows.onAct = async (_workflowId, input) => {
      await worker.closeTask(input.actionId ?? '', { closedBy: input.actor.staffId });
      await worker.openTask(openAction({ actionId: '2-follow-up-visit', kind: 'follow-up-visit' }));
    };
    const res = await complete(taskId, staff.villageMediator, { action: { kind: 'withdraw' } });
    expect(res.status).toBe(200);
    expect(res.body.task).toMatchObject({ id: taskId, status: 'completed' });
    expect(res.body.caseTasks.map((t: { kind: string; status: string }) => [t.kind, t.status])).toEqual([
      ['follow-up-visit', 'open'],
      ['mediate', 'completed'],
    ]);
    const listed = await request(app)
      .get(`/api/v1/cases/${caseId}/tasks`)
      .set('Authorization', await as(staff.villageMediator));
    // The same rows, in the same order (a clock's remaining time moves on between the two reads).
    const shown = (tasks: { id: string; status: string }[]) => tasks.map((t) => [t.id, t.status]);
    expect(shown(res.body.caseTasks)).toEqual(shown(listed.body.items));
  });

  it('leaves the case’s tasks out of the answer when the caller may not read the case (as its task list would refuse)', async () => {
    const { app, caseId, as, worker, complete } = await setUp();
    const task = await worker.openTask(
      openAction({ agencyId: 'agency-judicial', assigneeStaffId: staff.policeLiaison.staffId }),
    );
    const res = await complete(task.body.id, staff.policeLiaison);
    expect(res.status).toBe(200);
    expect(res.body.task.id).toBe(task.body.id);
    expect(res.body).not.toHaveProperty('caseTasks');
    const listed = await request(app)
      .get(`/api/v1/cases/${caseId}/tasks`)
      .set('Authorization', await as(staff.policeLiaison));
    expect(listed.status).toBe(404);
  });

  it('hides a task of a case the caller cannot see (404)', async () => {
    const { complete, mediateTask } = await setUp();
    const taskId = await mediateTask();
    expect((await complete(taskId, staff.otherVillageMediator)).status).toBe(404);
    expect((await complete(randomUUID(), staff.villageMediator)).status).toBe(404);
  });

  it.each([
    [DISPUTE_REJECTIONS.illegalAction, 409, 'urn:gongzhi:problem:action-not-possible-now'],
    [DISPUTE_REJECTIONS.staleTask, 409, 'urn:gongzhi:problem:stale-task'],
    [DISPUTE_REJECTIONS.closed, 409, 'urn:gongzhi:problem:case-closed'],
    [DISPUTE_REJECTIONS.notAllowed, 403, 'urn:gongzhi:problem:forbidden'],
    [DISPUTE_REJECTIONS.invalidInput, 422, 'urn:gongzhi:problem:invalid-action'],
  ])('maps the workflow’s %s rejection to %i, with its message as the detail', async (type, status, problem) => {
    const { complete, mediateTask, workflows } = await setUp();
    const taskId = await mediateTask();
    workflows.rejectNext = { type, message: 'Reload the case to see what is due now.' };
    const res = await complete(taskId, staff.villageMediator);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: problem,
      detail: 'Reload the case to see what is due now.',
      rejection: type,
    });
  });

  it('answers 409 when the case’s workflow is not running, and remembers nothing for the key', async () => {
    const { complete, mediateTask, workflows } = await setUp();
    const taskId = await mediateTask();
    workflows.notRunning = true;
    const res = await complete(taskId, staff.villageMediator, session, 'not-running-1');
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('urn:gongzhi:problem:workflow-not-running');
    workflows.notRunning = false;
    // A failed request frees its key: the same key works once the workflow runs.
    expect((await complete(taskId, staff.villageMediator, session, 'not-running-1')).status).toBe(200);
  });

  it('answers 503 while Temporal is unreachable', async () => {
    const { complete, mediateTask, workflows } = await setUp();
    const taskId = await mediateTask();
    workflows.onAct = async () => {
      throw Object.assign(new Error('14 UNAVAILABLE: connection refused'), { name: 'ServiceError' });
    };
    expect((await complete(taskId, staff.villageMediator)).status).toBe(503);
  });
});

describe('actions on a case', () => {
  it('sends an action not bound to a held task, with the task named where it needs one', async () => {
    const { app, caseId, as, workflows } = await setUp();
    const res = await request(app)
      .post(`/api/v1/cases/${caseId}/actions`)
      .set('Authorization', await as(staff.coordinator))
      .set('Idempotency-Key', 'joint-0001')
      .send({
        action: { kind: 'add-joint-agencies', agencyIds: ['0a9e0000-0000-4000-8000-000000000005'] },
        actionId: '4-mediate',
      });
    expect(res.status).toBe(200);
    expect(res.body.state).toMatchObject({ level: 'L1', phase: 'mediation' });
    expect(workflows.updates[0]).toEqual({
      workflowId: `dispute-case-${caseId}`,
      updateId: `act:${caseId}:coord-1:joint-0001`,
      input: {
        actor: { staffId: 'coord-1', agencyId: '0a9e0000-0000-4000-8000-000000000001', roles: ['coordinator'] },
        actionId: '4-mediate',
        action: { kind: 'add-joint-agencies', agencyIds: ['0a9e0000-0000-4000-8000-000000000005'] },
      },
    });
  });

  it('hides cases the caller cannot see (404), refuses administrators (403) and needs an Idempotency-Key', async () => {
    const { app, caseId, as } = await setUp();
    const send = async (who: Principal, key?: string) => {
      const req = request(app)
        .post(`/api/v1/cases/${caseId}/actions`)
        .set('Authorization', await as(who));
      if (key) req.set('Idempotency-Key', key);
      return req.send({ action: { kind: 'withdraw' } });
    };
    expect((await send(staff.otherVillageMediator, 'k-00000001')).status).toBe(404);
    expect((await send(staff.administrator, 'k-00000002')).status).toBe(403);
    expect((await send(staff.villageMediator)).status).toBe(400);
  });

  it('maps the workflow’s rejection like completing a task does', async () => {
    const { app, caseId, as, workflows } = await setUp();
    workflows.rejectNext = {
      type: DISPUTE_REJECTIONS.illegalAction,
      message: 'Agencies join a level while it is being mediated.',
    };
    const res = await request(app)
      .post(`/api/v1/cases/${caseId}/actions`)
      .set('Authorization', await as(staff.coordinator))
      .set('Idempotency-Key', 'joint-0002')
      .send({ action: { kind: 'add-joint-agencies', agencyIds: ['0a9e0000-0000-4000-8000-000000000005'] } });
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe('Agencies join a level while it is being mediated.');
  });
});
