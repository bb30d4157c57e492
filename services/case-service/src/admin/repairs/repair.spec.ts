/**
 * Repairs on fakes: what each repair asks of the workflow and Temporal, the log entry it leaves, idempotency by key,
 * refusals kept and answered again, terminate closing the case record, and which stuck items a batch takes.
 */
import { randomUUID } from 'node:crypto';
import {
  newDisputeState,
  type OpenAction,
  type RepairInput,
  type StuckItem,
  type StuckReport,
} from '@gongzhi/contracts';
import { AppError } from '@gongzhi/errors';
import { type AuditEntry, createLogger } from '@gongzhi/http';
import { staff } from '../../testing/fake-case-service';
import { createInMemoryStaffDirectory } from '../../staff/staff-directory.fakes';
import type { AdminCaseRecord } from '../stuck-scan/stuck-scan.model';
import type { BatchRow, NewRepair, RepairRow, RepairTask } from './repair.model';
import type { RepairRepository } from './repair.repository';
import { batchTargets } from './repair-batches';
import { reissuedOf } from './repair-execution';
import { createRepairService } from './repair.service';
import type { RepairWorkflows } from '@gongzhi/dispute-client';

const CASE = '0c000000-0000-4000-8000-000000000001';
const TASK = '7a000000-0000-4000-8000-000000000001';
const GRID = '5aff0000-0000-4000-8000-000000000001';

function fakeRepository() {
  const rows = new Map<string, RepairRow & { idempotencyKey: string | null }>();
  const batches = new Map<string, BatchRow>();
  const closedCases: string[] = [];
  /** What the repairs carried over from a task to the one the workflow issued in its place. */
  const carried: { fromTaskId: string; toActionId: string }[] = [];
  const tasks = new Map<string, RepairTask>([
    [
      TASK,
      {
        id: TASK,
        caseId: CASE,
        actionId: '3-accept-transfer',
        kind: 'accept-transfer',
        agencyId: '0a9e0000-0000-4000-8000-000000000006',
        status: 'open',
        assigneeStaffId: null,
        dueAt: new Date('2026-03-01T00:00:00Z'),
      },
    ],
  ]);
  const repository: RepairRepository = {
    async claim(repair: NewRepair) {
      const existing = [...rows.values()].find(
        (r) => repair.idempotencyKey && r.actorId === repair.actorId && r.idempotencyKey === repair.idempotencyKey,
      );
      if (existing) return { row: existing, created: false };
      const row: RepairRow & { idempotencyKey: string | null } = {
        ...repair,
        id: randomUUID(),
        status: 'pending' as const,
        outcome: null,
        problem: null,
        batchId: repair.batchId ?? null,
        requestHash: repair.requestHash,
        idempotencyKey: repair.idempotencyKey,
        requestedAt: new Date(),
        finishedAt: null,
      };
      rows.set(row.id, row);
      return { row, created: true };
    },
    async byKey(actorId, key) {
      return [...rows.values()].find((r) => r.actorId === actorId && r.idempotencyKey === key) ?? null;
    },
    async lease(id) {
      const row = rows.get(id);
      if (!row || (row.status !== 'pending' && row.status !== 'failed')) return false;
      rows.set(id, { ...row, status: 'running' });
      return true;
    },
    async finish(id, outcome, at) {
      const row = rows.get(id);
      if (!row || row.status !== 'running') return null;
      const finished = {
        ...row,
        status: outcome.status,
        outcome: outcome.outcome,
        problem: outcome.problem ?? null,
        finishedAt: at,
      };
      rows.set(id, finished);
      if (outcome.closeCase && outcome.status === 'applied') closedCases.push(row.caseId);
      return finished;
    },
    async byId(id) {
      return rows.get(id) ?? null;
    },
    async forCase(caseId) {
      return [...rows.values()].filter((r) => r.caseId === caseId).reverse();
    },
    async taskOf(caseId, taskId) {
      const task = tasks.get(taskId);
      return task && task.caseId === caseId ? task : null;
    },
    async assignTask(taskId, staffId) {
      const task = tasks.get(taskId);
      if (task) task.assigneeStaffId = staffId;
    },
    async carryOver(fromTaskId, _caseId, toActionId) {
      carried.push({ fromTaskId, toActionId });
      return { holderStaffId: tasks.get(fromTaskId)?.assigneeStaffId ?? null, notes: 0 };
    },
    async createBatch(batch, items) {
      const id = randomUUID();
      const row: BatchRow = { ...batch, id, status: 'running', createdAt: new Date(), finishedAt: null };
      batches.set(id, row);
      for (const item of items)
        await repository.claim({ ...item, idempotencyKey: null, requestHash: null, batchId: id });
      return { batch: row, created: true };
    },
    async batch(id) {
      const batch = batches.get(id);
      return batch ? { batch, repairs: [...rows.values()].filter((r) => r.batchId === id) } : null;
    },
    async finishBatch(id, at) {
      const batch = batches.get(id);
      if (batch) batches.set(id, { ...batch, status: 'done', finishedAt: at });
    },
    async runningBatchIds() {
      return [...batches.values()].filter((b) => b.status === 'running').map((b) => b.id);
    },
  };
  return { repository, rows, tasks, closedCases, carried };
}

function setup(options: { blocked?: boolean; caseStatus?: string; refuse?: string } = {}) {
  const fake = fakeRepository();
  const calls: string[] = [];
  const updates: RepairInput[] = [];
  const workflows: RepairWorkflows = {
    async repair(_workflowId, input, updateId) {
      calls.push(`update ${updateId}`);
      updates.push(input);
      if (options.refuse) {
        throw new AppError(409, 'action-not-possible-now', 'The action is not possible', { detail: options.refuse });
      }
      // Like the workflow: a task issued again gets the next action id; another agency's task of the kind stays.
      const reissues = input.repair.kind === 'extend-deadline' || input.repair.kind === 'reopen-task';
      return {
        ...newDisputeState({ caseId: CASE, townCode: 'qingshui', disputeType: 'neighbour', risks: [] }),
        openActions: reissues
          ? [
              reissuedAction('9-accept-transfer', '0a9e0000-0000-4000-8000-000000000006'),
              reissuedAction('11-accept-transfer', 'agency-x'),
            ]
          : [],
      };
    },
    async retryActivities(workflowId) {
      calls.push(`reset-activities ${workflowId}`);
      return ['7'];
    },
    async terminate(workflowId, reason) {
      calls.push(`terminate ${workflowId} ${reason}`);
      return true;
    },
    async reset(workflowId, { requestId }) {
      calls.push(`reset ${workflowId} ${requestId}`);
      return { runId: 'run-2', eventId: 12 };
    },
  };
  const record: AdminCaseRecord = {
    id: CASE,
    workflowId: `dispute-${CASE}`,
    townCode: 'qingshui',
    status: options.caseStatus ?? 'open',
    currentLevel: 'L1',
    currentAgencyId: '0a9e0000-0000-4000-8000-000000000006',
    openedAt: new Date(),
    updatedAt: new Date(),
    progressSeq: 1,
    awaitedAction: null,
    nextDeadline: null,
  };
  const directory = createInMemoryStaffDirectory();
  directory.add({ id: GRID, agencyId: '0a9e0000-0000-4000-8000-000000000006', roles: ['grid-worker'] });
  directory.add({ id: 'f0000000-0000-4000-8000-000000000009', agencyId: '0a9e0000-0000-4000-8000-000000000005' });
  const audit: AuditEntry[] = [];
  const stuckItems: StuckItem[] = [];
  const service = createRepairService({
    repository: fake.repository,
    cases: { caseById: async (id) => (id === CASE ? record : null) },
    workflows,
    inspector: {
      state: async () => ({
        ...newDisputeState({ caseId: CASE, townCode: 'qingshui', disputeType: 'neighbour', risks: [] }),
        blocked: options.blocked
          ? { activity: 'planCase', type: 'AgencyMissing', message: 'no court', since: '', retryAt: '' }
          : null,
      }),
    },
    staff: directory,
    admin: {
      stuck: async (): Promise<StuckReport> => ({
        items: stuckItems,
        counts: {} as StuckReport['counts'],
        complete: true,
        nextCursor: null,
        truncated: false,
        view: null,
        warnings: [],
        scannedAt: new Date().toISOString(),
      }),
    },
    audit: { record: async (entry) => void audit.push(entry) },
    logger: createLogger('test', 'silent'),
  });
  const ctx = { principal: staff.administrator, requestId: 'req-1', authorization: 'Bearer x' };
  return { ...fake, service, calls, updates, audit, ctx, stuckItems };
}

const reason = 'agency-service back after the outage';

function reissuedAction(actionId: string, agencyId: string): OpenAction {
  return {
    actionId,
    kind: 'accept-transfer',
    level: 'L1',
    agencyId,
    roles: ['liaison'],
    assigneeStaffId: null,
    openedAt: '2026-03-02T00:00:00.000Z',
    dueAt: '2026-03-09T00:00:00.000Z',
    rule: null,
    reason: null,
  };
}

describe('one repair', () => {
  it('retries a blocked workflow through its repair Update, and an activity Temporal retries through Temporal', async () => {
    const blocked = setup({ blocked: true });
    const first = await blocked.service.repair(blocked.ctx, CASE, { kind: 'retry-activity', reason }, 'key-00000001');
    expect(first.record).toMatchObject({ status: 'applied', actorId: 'admin-1', reason });
    expect(blocked.calls).toEqual([`update repair:${first.record.id}`]);
    expect(blocked.updates[0]).toEqual({
      actorId: 'admin-1',
      repairId: first.record.id,
      repair: { kind: 'retry-now' },
    });

    const retrying = setup();
    const second = await retrying.service.repair(
      retrying.ctx,
      CASE,
      { kind: 'retry-activity', reason },
      'key-00000002',
    );
    expect(retrying.calls).toEqual([`reset-activities dispute-${CASE}`]);
    expect(second.record.outcome).toMatch(/scheduled again now: activity 7/);
  });

  it('does a repair once per key, answers the same refusal again, and refuses a reused key with another body', async () => {
    const s = setup();
    const request = { kind: 'reopen-task' as const, reason, taskId: TASK };
    const first = await s.service.repair(s.ctx, CASE, request, 'key-00000003');
    const again = await s.service.repair(s.ctx, CASE, request, 'key-00000003');
    expect(again).toEqual({ record: first.record, replayed: true });
    expect(s.calls).toHaveLength(1);
    expect(s.audit.map((a) => a.action)).toEqual(['case.admin.repair.reopen-task']);
    await expect(
      s.service.repair(s.ctx, CASE, { ...request, reason: 'another reason here' }, 'key-00000003'),
    ).rejects.toMatchObject({ status: 422 });

    const refusing = setup({ refuse: 'Only an overdue transfer can be urged again.' });
    const urge = { kind: 'resend-urging' as const, reason };
    await expect(refusing.service.repair(refusing.ctx, CASE, urge, 'key-00000004')).rejects.toMatchObject({
      status: 409,
      message: 'Only an overdue transfer can be urged again.',
    });
    await expect(refusing.service.repair(refusing.ctx, CASE, urge, 'key-00000004')).rejects.toMatchObject({
      status: 409,
    });
    expect(refusing.calls).toHaveLength(1);
    expect([...refusing.rows.values()][0]).toMatchObject({ status: 'refused' });
  });

  it('hands the task the workflow issues again (extend-deadline, reopen-task) its holder and notes', async () => {
    const s = setup();
    const task = s.tasks.get(TASK);
    if (task) task.assigneeStaffId = GRID;
    const extended = await s.service.repair(
      s.ctx,
      CASE,
      { kind: 'extend-deadline', reason, taskId: TASK, amount: 2, unit: 'working-days' },
      'key-00000021',
    );
    expect(extended.record.outcome).toMatch(/due 2026-03-09T00:00:00.000Z .*; still held by 5aff0000/);
    await s.service.repair(s.ctx, CASE, { kind: 'reopen-task', reason, taskId: TASK }, 'key-00000022');
    // The reissued task is the newest of the kind for the task's own agency, not another agency's.
    expect(s.carried).toEqual([
      { fromTaskId: TASK, toActionId: '9-accept-transfer' },
      { fromTaskId: TASK, toActionId: '9-accept-transfer' },
    ]);
  });

  it('carries a repair out once when the same key arrives while it runs: the second hears it is in progress', async () => {
    const s = setup();
    const request = { kind: 'resend-urging' as const, reason };
    const results = await Promise.allSettled([
      s.service.repair(s.ctx, CASE, request, 'key-00000011'),
      s.service.repair(s.ctx, CASE, request, 'key-00000011'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { status: 409, type: 'repair-in-progress' },
    });
    expect(s.calls).toHaveLength(1);
    const third = await s.service.repair(s.ctx, CASE, request, 'key-00000011');
    expect(third.replayed).toBe(true);
    expect(s.calls).toHaveLength(1);
  });

  it('hands a task only to an active member of its agency, and the task row follows', async () => {
    const s = setup();
    await expect(
      s.service.repair(
        s.ctx,
        CASE,
        { kind: 'reassign-task', reason, taskId: TASK, toStaffId: 'f0000000-0000-4000-8000-000000000009' },
        'key-00000005',
      ),
    ).rejects.toMatchObject({ status: 400 });
    expect(s.rows.size).toBe(0);
    await s.service.repair(
      s.ctx,
      CASE,
      { kind: 'reassign-task', reason, taskId: TASK, toStaffId: GRID },
      'key-00000006',
    );
    expect(s.updates[0]?.repair).toEqual({ kind: 'reassign-task', actionId: '3-accept-transfer', toStaffId: GRID });
    expect(s.tasks.get(TASK)?.assigneeStaffId).toBe(GRID);
  });

  it('terminates with the repair id as the reason, closing the case record; never twice, never a closed case', async () => {
    const s = setup();
    const done = await s.service.repair(
      s.ctx,
      CASE,
      { kind: 'terminate', reason: 'filed twice by mistake' },
      'key-00000007',
    );
    expect(s.calls).toEqual([`terminate dispute-${CASE} administrator repair ${done.record.id}`]);
    expect(s.closedCases).toEqual([CASE]);

    const closed = setup({ caseStatus: 'closed' });
    await expect(
      closed.service.repair(closed.ctx, CASE, { kind: 'reset', reason: 'bring it back please' }, 'key-00000008'),
    ).rejects.toMatchObject({ status: 409 });
    expect(closed.calls).toEqual([]);
  });

  it('is for administrators, needs an Idempotency-Key, and 404s an unknown case', async () => {
    const s = setup();
    await expect(
      s.service.repair({ ...s.ctx, principal: staff.coordinator }, CASE, { kind: 'terminate', reason }, 'key-00000009'),
    ).rejects.toMatchObject({ status: 403 });
    await expect(s.service.repair(s.ctx, CASE, { kind: 'terminate', reason }, undefined)).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      s.service.repair(s.ctx, randomUUID(), { kind: 'terminate', reason }, 'key-00000010'),
    ).rejects.toMatchObject({ status: 404 });
  });
});

function stuckItem(overrides: Partial<StuckItem>): StuckItem {
  return {
    kind: 'overdue-task',
    caseId: CASE,
    workflowId: `dispute-${CASE}`,
    townCode: 'qingshui',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    level: 'L1',
    since: new Date().toISOString(),
    stuckForMs: 1,
    subject: 'accept-transfer',
    taskId: TASK,
    assigneeStaffId: null,
    attempt: null,
    message: null,
    diagnosis: 'waiting',
    ...overrides,
  };
}

describe('batches', () => {
  it('takes each task once for task repairs, each case once otherwise, and only failures for retries', () => {
    const other = '0c000000-0000-4000-8000-000000000002';
    const items = [
      stuckItem({}),
      stuckItem({ taskId: 'task-2', subject: 'urge-acceptance' }),
      stuckItem({ kind: 'failing-activity', taskId: null, subject: 'computeDeadline' }),
      stuckItem({ caseId: other, kind: 'reconciliation', taskId: null, subject: 'case open but no workflow exists' }),
      stuckItem({ caseId: null }),
    ];
    expect(batchTargets(items, 'extend-deadline').map((t) => t.taskId)).toEqual([TASK, 'task-2']);
    expect(batchTargets(items, 'retry-activity').map((t) => t.caseId)).toEqual([CASE]);
    expect(batchTargets(items, 'reset').map((t) => t.caseId)).toEqual([CASE, other]);
    expect(batchTargets(items, 'resend-urging').map((t) => t.caseId)).toEqual([CASE]);
  });

  it('plans without changing anything on a dry run, then runs each item and reports', async () => {
    const s = setup();
    s.stuckItems.push(stuckItem({}));
    const request = {
      filters: {},
      repair: { kind: 'extend-deadline' as const, amount: 2, unit: 'working-days' as const },
      reason,
      dryRun: true,
    };
    const plan = await s.service.startBatch(s.ctx, request, undefined);
    expect(plan).toMatchObject({
      status: 'dry-run',
      total: 1,
      items: [{ caseId: CASE, taskId: TASK, status: 'planned' }],
    });
    expect(s.calls).toEqual([]);
    expect(s.rows.size).toBe(0);

    const started = await s.service.startBatch(s.ctx, { ...request, dryRun: false }, 'batch-key-1');
    expect(started.status).toBe('running');
    await s.service.idle();
    const report = await s.service.batch(s.ctx, started.id ?? '');
    expect(report).toMatchObject({ status: 'done', counts: { applied: 1, pending: 0 } });
    expect(s.updates[0]?.repair).toEqual({
      kind: 'extend-deadline',
      actionId: '3-accept-transfer',
      clock: { amount: 2, unit: 'working-days' },
    });
  });
});

describe('the task issued in place of another', () => {
  it('is the newest open one of the kind for the same agency', () => {
    const joint = (actionId: string, agencyId: string) => ({
      ...reissuedAction(actionId, agencyId),
      kind: 'joint-sign-off' as const,
    });
    const state = {
      openActions: [
        joint('4-joint-sign-off', '0a9e0000-0000-4000-8000-000000000005'),
        joint('12-joint-sign-off', '0a9e0000-0000-4000-8000-000000000004'),
        joint('9-joint-sign-off', '0a9e0000-0000-4000-8000-000000000005'),
      ],
    };
    const task = {
      actionId: '4-joint-sign-off',
      kind: 'joint-sign-off',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
    };
    expect(reissuedOf(state, task)?.actionId).toBe('9-joint-sign-off');
    expect(reissuedOf({ openActions: [] }, task)).toBeUndefined();
  });
});
