/**
 * An administrator's repair that makes the workflow issue a task again (extend-deadline moves its due date, reopen-task
 * re-creates a lost row) must not take the work away from the person doing it: the reissued task keeps whoever had
 * claimed it, and the working notes follow it. case-service on PostgreSQL, with a stand-in for the dispute workflow's
 * `repair` Update that does what the workflow does (cancel the task, open it again under the next action id, through
 * the worker's /internal/v1 routes, before answering).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { newDisputeState, type OpenAction, type TaskView } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { staff } from '../../testing/fake-case-service';
import { createPostgresCaseService } from '../../testing/postgres-case-service';
import { openAction, workflowCalls } from '../../testing/workflow-calls';
import type { RepairWorkflows } from '@gongzhi/dispute-client';
import { noWorkflows } from '../../testing/no-workflows';

const DAY_MS = 86_400_000;

describe('a repair that reissues a task keeps its claimant and its notes', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  /** The stand-in workflow's open actions, per case. */
  const openActions = new Map<string, OpenAction[]>();
  let nextAction = 10;

  /** The dispute workflow's reissue, as its `repair` Update does it: cancel, open again, then answer the state. */
  const workflow: RepairWorkflows = {
    async repair(workflowId, input) {
      const caseId = workflowId.replace(/^dispute-case-/, '');
      const actions = openActions.get(caseId) ?? [];
      const repair = input.repair;
      if (repair.kind !== 'extend-deadline' && repair.kind !== 'reopen-task') throw new Error('not in this suite');
      const task = actions.find((a) => a.actionId === repair.actionId);
      if (!task) throw new Error(`no open action ${repair.actionId}`);
      const calls = workflowCalls(service.app, service.engineBearer, caseId);
      const now = new Date();
      expect(
        (await calls.closeTask(task.actionId, { outcome: 'cancelled', closedBy: null, closedAt: now.toISOString() }))
          .status,
      ).toBe(200);
      const dueAt =
        repair.kind === 'extend-deadline'
          ? new Date(now.getTime() + repair.clock.amount * DAY_MS).toISOString()
          : task.dueAt;
      nextAction += 1;
      const reissued: OpenAction = {
        ...task,
        actionId: `${nextAction}-${task.kind}`,
        openedAt: now.toISOString(),
        dueAt,
      };
      expect((await calls.openTask(reissued)).status).toBe(201);
      const remaining = [...actions.filter((a) => a !== task), reissued];
      openActions.set(caseId, remaining);
      return {
        ...newDisputeState({ caseId, townCode: 'qingshui', disputeType: 'neighbour', risks: [] }),
        openActions: remaining,
      };
    },
    retryActivities: () => Promise.reject(new Error('not in this suite')),
    terminate: () => Promise.reject(new Error('not in this suite')),
    reset: () => Promise.reject(new Error('not in this suite')),
  };

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-repair-claim-'));
    service = await createPostgresCaseService(db.url, documentsDir, {
      inspector: noWorkflows,
      repairWorkflows: workflow,
    });
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  /** A case whose mediate task, three days overdue, the village mediator claimed and wrote a note on. */
  async function claimedOverdueTask(): Promise<{ caseId: string; task: TaskView }> {
    const mediator = await service.bearer(staff.villageMediator);
    const opened = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', mediator)
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
    const caseId = opened.body.id as string;
    const action = openAction({
      kind: 'mediate',
      actionId: '3-mediate',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      openedAt: new Date(Date.now() - 20 * DAY_MS).toISOString(),
      dueAt: new Date(Date.now() - 3 * DAY_MS).toISOString(),
    });
    openActions.set(caseId, [action]);
    const task = (await workflowCalls(service.app, service.engineBearer, caseId).openTask(action)).body as TaskView;
    const claimed = await request(service.app).post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', mediator);
    expect(claimed.body).toMatchObject({ assigneeStaffId: staff.villageMediator.staffId, queueStatus: 'assigned' });
    const noted = await request(service.app)
      .post(`/api/v1/tasks/${task.id}/notes`)
      .set('Authorization', mediator)
      .send({ text: 'Both families agreed to meet on Friday at the committee office.' });
    expect(noted.status).toBe(201);
    return { caseId, task };
  }

  async function repair(caseId: string, body: object, key: string) {
    return request(service.app)
      .post(`/api/v1/admin/cases/${caseId}/repairs`)
      .set('Authorization', await service.bearer(staff.administrator))
      .set('Idempotency-Key', key)
      .send(body);
  }

  async function tasksOf(caseId: string): Promise<TaskView[]> {
    const res = await request(service.app)
      .get(`/api/v1/cases/${caseId}/tasks`)
      .set('Authorization', await service.bearer(staff.villageMediator));
    return res.body.items as TaskView[];
  }

  async function notesOf(taskId: string): Promise<string[]> {
    const res = await request(service.app)
      .get(`/api/v1/tasks/${taskId}/notes`)
      .set('Authorization', await service.bearer(staff.villageMediator));
    return (res.body.items as { text: string }[]).map((note) => note.text);
  }

  it.each([
    ['extend-deadline', { kind: 'extend-deadline', amount: 5, unit: 'calendar-days' }],
    ['reopen-task', { kind: 'reopen-task' }],
  ])('%s: the reissued task is still the mediator’s, with the notes written so far', async (kind, change) => {
    const { caseId, task } = await claimedOverdueTask();
    const body = { ...change, taskId: task.id, reason: 'the committee was short-staffed this week' };
    const repaired = await repair(caseId, body, `keep-claim-${kind}-0001`);
    expect(repaired.status).toBe(201);
    expect(repaired.body).toMatchObject({ status: 'applied' });
    expect(repaired.body.outcome).toContain(`still held by ${staff.villageMediator.staffId}`);

    const tasks = await tasksOf(caseId);
    const renewed = tasks.find((t) => t.status === 'open');
    expect(tasks.find((t) => t.id === task.id)).toMatchObject({ status: 'cancelled' });
    expect(renewed).toMatchObject({
      kind: 'mediate',
      assigneeStaffId: staff.villageMediator.staffId,
      queueStatus: 'assigned',
    });
    expect(await notesOf(renewed?.id ?? '')).toEqual([
      'Both families agreed to meet on Friday at the committee office.',
    ]);

    // It is in the mediator's own queue, not back in the village's pool for anyone to take.
    const mine = await request(service.app)
      .get('/api/v1/tasks?view=mine&limit=100')
      .set('Authorization', await service.bearer(staff.villageMediator));
    expect((mine.body.items as TaskView[]).map((t) => t.id)).toContain(renewed?.id);

    // The same repair again (a retried request) changes nothing more.
    const again = await repair(caseId, body, `keep-claim-${kind}-0001`);
    expect([again.status, again.body.id]).toEqual([200, repaired.body.id]);
    expect(await notesOf(renewed?.id ?? '')).toHaveLength(1);
  });
});
