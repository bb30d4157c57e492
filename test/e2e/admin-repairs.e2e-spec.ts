/**
 * Issue 6's end-to-end proof on the real stack (services and dispute worker as processes, the Temporal dev server):
 * four stalls are manufactured — a task nobody takes, an activity whose service is down, a workflow terminated behind
 * the case's back, and workflow tasks failing on a deliberately incompatible worker. For each, the administrator's
 * stuck scan finds it, `describe` explains it, and a repair through the admin API makes the case move again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { CaseDiagnosis, RepairRecord, StuckReport } from '@gongzhi/contracts';
import { Client as PgClient } from 'pg';
import { eventually, type Staff, TownStack } from './support/town-stack';

interface Task {
  id: string;
  kind: string;
  status: string;
  level: string | null;
  assigneeStaffId: string | null;
  dueAt: string | null;
}

const stack = new TownStack();
/** Webpack's chatter while bundling the incompatible workflow. */
const ignore = (): void => undefined;
/** A scan reads Temporal and the database: once a second is plenty, and stays within the per-user rate limit. */
const SCAN_POLL = { timeoutMs: 90_000, pollMs: 1_000 };
let grid: Staff;
let mediator: Staff;
let admin: Staff;
/** Polls the task lists, so the administrator's own requests keep their rate-limit budget. */
let coordinator: Staff;
let temporal: Client;
let scratch: string;

beforeAll(async () => {
  await stack.start(['agency-service', 'case-service', 'dispute-worker'], { party: 24031, case: 24032, agency: 24033 });
  grid = await stack.login('grid.shangba');
  mediator = await stack.login('mediator.shangba');
  admin = await stack.login('admin');
  coordinator = await stack.login('coordinator');
  temporal = new Client({ connection: stack.temporal });
  scratch = mkdtempSync(path.join(tmpdir(), 'gongzhi-repairs-'));
});

afterAll(async () => {
  await stack.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function openCase(run: string): Promise<{ caseId: string }> {
  const opened = await stack.call<{ id: string }>(grid, 'POST', '/api/v1/cases', {
    key: `${run}-open`,
    body: {
      disputeType: 'neighbour',
      source: 'grid-report',
      summary: 'A shared wall between two courtyards is leaning after the rains.',
      townCode: 'qingshui',
      villageCode: 'shangba',
    },
  });
  expect(opened.status).toBe(201);
  return { caseId: opened.body.id };
}

async function tasksOf(caseId: string): Promise<Task[]> {
  const res = await stack.call<{ items: Task[] }>(coordinator, 'GET', `/api/v1/cases/${caseId}/tasks`);
  expect(res.status).toBe(200);
  return res.body.items;
}

function openTask(caseId: string, kind: string, not?: string): Promise<Task> {
  return eventually(
    `an open ${kind} task`,
    async () => (await tasksOf(caseId)).find((t) => t.kind === kind && t.status === 'open' && t.id !== not),
    { pollMs: 250 },
  );
}

async function stuck(query: string): Promise<StuckReport> {
  const res = await stack.call<StuckReport>(admin, 'GET', `/api/v1/admin/stuck?${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function describeCase(caseId: string): Promise<CaseDiagnosis> {
  const res = await stack.call<CaseDiagnosis>(admin, 'GET', `/api/v1/admin/cases/${caseId}/describe`);
  expect(res.status).toBe(200);
  return res.body;
}

async function repair(caseId: string, body: Record<string, unknown>, key = randomUUID()) {
  return stack.call<RepairRecord & { type?: string; detail?: string }>(
    admin,
    'POST',
    `/api/v1/admin/cases/${caseId}/repairs`,
    { body, key },
  );
}

/** Accepts the transfer with the village mediator responsible for the case. */
async function accept(as: Staff, task: Task, key: string) {
  return stack.call<{ state: { phase: string; level: string } }>(as, 'POST', `/api/v1/tasks/${task.id}/complete`, {
    body: { action: { kind: 'accept-transfer', responsibleStaffId: mediator.staffId } },
    key,
  });
}

async function workflowIdOf(caseId: string): Promise<string> {
  const described = await describeCase(caseId);
  return described.workflowId;
}

it('a task nobody takes: found overdue, its deadline extended and handed to a person, who accepts it', async () => {
  const run = `e2e-rep-task-${Date.now()}`;
  const { caseId } = await openCase(run);
  const task = await openTask(caseId, 'accept-transfer');

  // Nobody took it for three days: the clock is moved back in the task row (what three days would have done to it).
  const url = stack.env.databaseUrls.case;
  const db = new PgClient({ connectionString: url });
  await db.connect();
  try {
    await db.query(`UPDATE tasks SET due_at = now() - interval '3 days' WHERE id = $1`, [task.id]);
  } finally {
    await db.end();
  }
  // The village mediator had taken the transfer and written down where it stands.
  const claimed = await stack.call<Task>(mediator, 'POST', `/api/v1/tasks/${task.id}/claim`);
  expect(claimed.body.assigneeStaffId).toBe(mediator.staffId);
  const note = 'Waiting for the committee chair to come back before accepting.';
  expect((await stack.call(mediator, 'POST', `/api/v1/tasks/${task.id}/notes`, { body: { text: note } })).status).toBe(
    201,
  );
  const found = await stuck('');
  const item = found.items.find((i) => i.taskId === task.id);
  expect(item).toMatchObject({ caseId, kind: 'overdue-acceptance', subject: 'accept-transfer' });
  expect(item?.stuckForMs).toBeGreaterThan(2 * 86_400_000);
  expect((await describeCase(caseId)).diagnosis).toMatch(/past due for accept-transfer/);

  // The repair: five more working days, and the task handed to the grid worker who knows the families.
  const extended = await repair(caseId, {
    kind: 'extend-deadline',
    reason: 'committee short-staffed this week',
    taskId: task.id,
    amount: 5,
    unit: 'working-days',
  });
  expect(extended.status).toBe(201);
  expect(extended.body).toMatchObject({ status: 'applied', kind: 'extend-deadline', actorId: admin.staffId });
  const renewed = await openTask(caseId, 'accept-transfer', task.id);
  expect(Date.parse(renewed.dueAt ?? '')).toBeGreaterThan(Date.now());
  // The task issued again is still the mediator's, with the notes written so far.
  expect(renewed.assigneeStaffId).toBe(mediator.staffId);
  const notes = await stack.call<{ items: { text: string }[] }>(mediator, 'GET', `/api/v1/tasks/${renewed.id}/notes`);
  expect(notes.body.items.map((n) => n.text)).toEqual([note]);
  expect((await stuck('')).items.some((i) => i.caseId === caseId)).toBe(false);

  const handed = await repair(caseId, {
    kind: 'reassign-task',
    reason: 'grid worker knows both families',
    taskId: renewed.id,
    toStaffId: grid.staffId,
  });
  expect(handed.body).toMatchObject({ status: 'applied' });
  const accepted = await accept(grid, renewed, `${run}-accept`);
  expect(accepted.status).toBe(200);
  expect(accepted.body.state).toMatchObject({ phase: 'mediation', level: 'L1' });

  // The log says who did what and why; the timeline links each repair.
  const log = await stack.call<{ items: RepairRecord[] }>(admin, 'GET', `/api/v1/admin/cases/${caseId}/repairs`);
  expect(log.body.items.map((r) => [r.kind, r.status, r.reason])).toEqual([
    ['reassign-task', 'applied', 'grid worker knows both families'],
    ['extend-deadline', 'applied', 'committee short-staffed this week'],
  ]);
});

it('a read whose service is down: the case found blocked on it, explained, retried now once the service is back', async () => {
  const run = `e2e-rep-down-${Date.now()}`;
  const { caseId } = await openCase(run);
  expect((await accept(mediator, await openTask(caseId, 'accept-transfer'), `${run}-accept`)).status).toBe(200);
  const mediate = await openTask(caseId, 'mediate');

  // agency-service goes down as the mediator asks to escalate: the coordinators' decision is due by its calendar.
  await stack.app('agency-service').stop();
  try {
    const asking = stack.call(mediator, 'POST', `/api/v1/tasks/${mediate.id}/complete`, {
      body: { action: { kind: 'request-escalation' } },
      key: `${run}-escalation`,
    });
    // The read is a local activity: after its own few retries (~15 s) the workflow marks itself blocked on it.
    const found = await eventually(
      'the case blocked on computeDeadline',
      async () => (await stuck('kind=blocked')).items.find((i) => i.caseId === caseId),
      SCAN_POLL,
    );
    expect(found).toMatchObject({ subject: 'computeDeadline' });
    expect((await describeCase(caseId)).diagnosis).toMatch(/blocked: computeDeadline/);
    // The mediator was told the workflow did not answer in time, and to retry with the same key.
    expect((await asking).status).toBe(503);
  } finally {
    await stack.startApp('agency-service');
  }
  const retried = await repair(caseId, { kind: 'retry-activity', reason: 'agency-service restarted after outage' });
  expect(retried.status).toBe(201);
  expect(retried.body.outcome).toMatch(/retried computeDeadline now; it went through/);
  await eventually(
    'the escalation request going through',
    async () => (await tasksOf(caseId)).find((t) => t.kind === 'decide-escalation' && t.status === 'open'),
    { pollMs: 250 },
  );
  // The mediator's own retry, with the same key, returns the one request.
  const again = await stack.call(mediator, 'POST', `/api/v1/tasks/${mediate.id}/complete`, {
    body: { action: { kind: 'request-escalation' } },
    key: `${run}-escalation`,
  });
  expect(again.status).toBe(200);
  expect((await tasksOf(caseId)).filter((t) => t.kind === 'decide-escalation')).toHaveLength(1);
});

it('a workflow terminated behind the case’s back: found by reconciliation, reset, and the case carries on', async () => {
  const run = `e2e-rep-term-${Date.now()}`;
  const { caseId } = await openCase(run);
  const task = await openTask(caseId, 'accept-transfer');
  const workflowId = await workflowIdOf(caseId);
  await temporal.workflow.getHandle(workflowId).terminate('someone ran temporal workflow terminate');

  const found = await eventually(
    'the reconciliation finding',
    async () => (await stuck('kind=reconciliation')).items.find((i) => i.caseId === caseId),
    SCAN_POLL,
  );
  expect(found.diagnosis).toMatch(/case open but workflow TERMINATED/);
  expect((await describeCase(caseId)).diagnosis).toMatch(/case open but workflow TERMINATED/);

  const reset = await repair(caseId, { kind: 'reset', reason: 'terminated by mistake during maintenance' });
  expect(reset.status).toBe(201);
  expect(reset.body.outcome).toMatch(/workflow reset to event \d+; new run/);
  expect((await describeCase(caseId)).workflowStatus).toBe('RUNNING');
  expect((await stuck('kind=reconciliation')).items.some((i) => i.caseId === caseId)).toBe(false);

  const accepted = await accept(mediator, task, `${run}-accept`);
  expect(accepted.status).toBe(200);
  expect(accepted.body.state.phase).toBe('mediation');
});

it('workflow tasks failing on an incompatible worker: found, explained, and reset once the right worker is back', async () => {
  const run = `e2e-rep-nde-${Date.now()}`;
  const { caseId } = await openCase(run);
  const task = await openTask(caseId, 'accept-transfer');
  const workflowId = await workflowIdOf(caseId);

  // A bad deploy: the worker now runs a workflow changed without patched(), which cannot replay this case.
  const { code } = await bundleWorkflowCode({
    // The replay gate's own deliberately incompatible fixture (read as a file: it is bundled, not imported).
    workflowsPath: path.resolve(__dirname, '../../workflows/dispute/test/fixtures/unpatched-change.workflow.ts'),
    logger: { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: console.error, log: ignore },
  });
  const badBundle = path.join(scratch, 'incompatible.bundle.js');
  writeFileSync(badBundle, code);
  await stack.app('dispute-worker').stop();
  await stack.startApp('dispute-worker', { WORKFLOW_BUNDLE_PATH: badBundle });

  // A signal gives the workflow something to do: the bad worker replays the history and fails on it.
  await temporal.workflow.getHandle(workflowId).signal('caseMergedIntoThis', { mergedCaseId: randomUUID() });
  const found = await eventually(
    'the failing workflow task',
    async () =>
      (await stuck('kind=workflow-task-failing')).items.find((i) => i.caseId === caseId && (i.attempt ?? 0) >= 2),
    SCAN_POLL,
  );
  expect(found.message ?? found.diagnosis).toMatch(/[Nn]ondeterminism|TMPRL1100|determinism/);
  expect((await describeCase(caseId)).diagnosis).toMatch(/workflow task/i);

  // The fix: the right worker back, and the case reset to its last good point so it runs now.
  await stack.app('dispute-worker').stop();
  await stack.startApp('dispute-worker');
  const reset = await repair(caseId, { kind: 'reset', reason: 'rolled back the 1.4.2 deploy' });
  expect(reset.status).toBe(201);
  await eventually('the case merged-in notice applied', async () => {
    const described = await describeCase(caseId);
    return described.workflowStatus === 'RUNNING' && described.state ? described : undefined;
  });
  const accepted = await accept(mediator, task, `${run}-accept`);
  expect(accepted.status).toBe(200);
  expect(accepted.body.state.phase).toBe('mediation');
});

it('repairs are idempotent by key, refused when they do not fit, and administrators-only', async () => {
  const run = `e2e-rep-keys-${Date.now()}`;
  const { caseId } = await openCase(run);
  const task = await openTask(caseId, 'accept-transfer');
  const key = randomUUID();
  const body = { kind: 'reopen-task', reason: 'task row lost in a restore', taskId: task.id };
  const first = await repair(caseId, body, key);
  expect(first.status).toBe(201);
  const second = await repair(caseId, body, key);
  expect(second.status).toBe(200);
  expect(second.body.id).toBe(first.body.id);
  expect((await tasksOf(caseId)).filter((t) => t.kind === 'accept-transfer' && t.status === 'open')).toHaveLength(1);
  expect((await repair(caseId, { ...body, reason: 'something else entirely' }, key)).status).toBe(422);

  const refused = await repair(caseId, { kind: 'resend-urging', reason: 'chasing the committee' });
  expect(refused.status).toBe(409);
  expect(refused.body.detail).toMatch(/Only an overdue transfer can be urged again/);

  const noKey = await stack.call(admin, 'POST', `/api/v1/admin/cases/${caseId}/repairs`, {
    body: { kind: 'terminate', reason: 'duplicate of another case' },
  });
  expect(noKey.status).toBe(400);
  const notAdmin = await stack.call(mediator, 'POST', `/api/v1/admin/cases/${caseId}/repairs`, {
    body: { kind: 'terminate', reason: 'duplicate of another case' },
    key: randomUUID(),
  });
  expect(notAdmin.status).toBe(403);

  // Terminate: the case record follows — closed as terminated, its open tasks cancelled.
  const terminated = await repair(caseId, { kind: 'terminate', reason: 'duplicate of case filed twice' });
  expect(terminated.body).toMatchObject({ status: 'applied' });
  const record = await stack.call<{ status: string; progress: { outcome: string } }>(
    admin,
    'GET',
    `/api/v1/cases/${caseId}`,
  );
  expect(record.body.status).toBe('closed');
  expect((await tasksOf(caseId)).filter((t) => t.status === 'open')).toHaveLength(0);
});

it('a batch over the stuck scan: a dry run lists what it would do, the run reports each case', async () => {
  const run = `e2e-rep-batch-${Date.now()}`;
  const cases = [await openCase(`${run}-a`), await openCase(`${run}-b`)];
  const tasks = await Promise.all(cases.map(({ caseId }) => openTask(caseId, 'accept-transfer')));
  const db = new PgClient({ connectionString: stack.env.databaseUrls.case });
  await db.connect();
  try {
    await db.query(`UPDATE tasks SET due_at = now() - interval '2 days' WHERE id = ANY($1::uuid[])`, [
      tasks.map((t) => t.id),
    ]);
  } finally {
    await db.end();
  }
  const request = {
    filters: { kind: 'overdue-acceptance' },
    repair: { kind: 'extend-deadline', amount: 2, unit: 'working-days' },
    reason: 'holiday week: give every late acceptance two more days',
  };
  const plan = await stack.call<{ status: string; total: number; items: { caseId: string; status: string }[] }>(
    admin,
    'POST',
    '/api/v1/admin/repair-batches',
    { body: { ...request, dryRun: true } },
  );
  expect(plan.status).toBe(200);
  expect(plan.body.status).toBe('dry-run');
  expect(plan.body.items.filter((i) => cases.some((c) => c.caseId === i.caseId))).toHaveLength(2);
  expect(
    (await stuck('kind=overdue-acceptance')).items.filter((i) => cases.some((c) => c.caseId === i.caseId)),
  ).toHaveLength(2);

  const started = await stack.call<{ id: string; status: string }>(admin, 'POST', '/api/v1/admin/repair-batches', {
    body: request,
    key: `${run}-batch`,
  });
  expect(started.status).toBe(202);
  const done = await eventually('the batch finishing', async () => {
    const res = await stack.call<{
      status: string;
      counts: Record<string, number>;
      items: { caseId: string; status: string }[];
    }>(admin, 'GET', `/api/v1/admin/repair-batches/${started.body.id}`);
    return res.body.status === 'done' ? res.body : undefined;
  });
  expect(done.items.filter((i) => cases.some((c) => c.caseId === i.caseId)).map((i) => i.status)).toEqual([
    'applied',
    'applied',
  ]);
  expect((await stuck('kind=overdue-acceptance')).items.some((i) => cases.some((c) => c.caseId === i.caseId))).toBe(
    false,
  );
});
