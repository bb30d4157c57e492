/**
 * Issue 4's end-to-end proof: a case opened over HTTP climbs from the village committee to the police by people
 * completing their tasks over HTTP, each logged in with their own demo account. The dispute worker is killed with
 * SIGKILL while it is applying the coordinator's escalation and started again; the case still finishes, and its
 * timeline and tasks show every step exactly once.
 */
import { Client } from '@temporalio/client';
import { eventually, type Staff, TownStack } from './support/town-stack';

interface Task {
  id: string;
  kind: string;
  status: string;
  level: string | null;
  agencyId: string;
  closedBy: string | null;
}
interface TimelineItem {
  type: string;
  actor: string;
  agencyId: string | null;
}

const stack = new TownStack();
let grid: Staff;
let villageMediator: Staff;
let police: Staff;
let coordinator: Staff;

beforeAll(async () => {
  await stack.start(['agency-service', 'case-service', 'dispute-worker'], { party: 24011, case: 24012, agency: 24013 });
  grid = await stack.login('grid.shangba');
  villageMediator = await stack.login('mediator.shangba');
  police = await stack.login('liaison.police');
  coordinator = await stack.login('coordinator');
});

afterAll(async () => {
  await stack.stop();
});

async function tasksOf(caseId: string): Promise<Task[]> {
  const res = await stack.call<{ items: Task[] }>(coordinator, 'GET', `/api/v1/cases/${caseId}/tasks`);
  return res.body.items;
}

function openTask(caseId: string, kind: string, level?: string): Promise<Task> {
  return eventually(`an open ${kind} task${level ? ` at ${level}` : ''}`, async () =>
    (await tasksOf(caseId)).find((t) => t.kind === kind && t.status === 'open' && (!level || t.level === level)),
  );
}

async function complete(as: Staff, task: Task, action: Record<string, unknown>, key: string) {
  const res = await stack.call<{ task: Task; state: Record<string, unknown> }>(
    as,
    'POST',
    `/api/v1/tasks/${task.id}/complete`,
    {
      body: { action },
      key,
    },
  );
  expect({ kind: action['kind'], status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({
    kind: action['kind'],
    status: 200,
    body: 'ok',
  });
  return res.body;
}

it('takes a case from the village to the police through tasks over HTTP, surviving a kill -9 of the worker', async () => {
  const run = `e2e-esc-${Date.now()}`;
  const opened = await stack.call<{ id: string }>(grid, 'POST', '/api/v1/cases', {
    key: `${run}-open`,
    body: {
      disputeType: 'neighbour',
      source: 'grid-report',
      summary: 'Two households quarrel over a drainage ditch that floods one courtyard.',
      townCode: 'qingshui',
      villageCode: 'shangba',
    },
  });
  expect(opened.status).toBe(201);
  const caseId = opened.body.id;

  // L1: the village committee accepts (its mediators answer for it) and mediates; the mediator asks to escalate.
  const acceptL1 = await openTask(caseId, 'accept-transfer', 'L1');
  expect(acceptL1.agencyId).toBe(villageMediator.agencyId);
  await complete(
    villageMediator,
    acceptL1,
    { kind: 'accept-transfer', responsibleStaffId: villageMediator.staffId },
    `${run}-1`,
  );
  const mediateL1 = await openTask(caseId, 'mediate', 'L1');
  await complete(villageMediator, mediateL1, { kind: 'record-session', heldAt: new Date().toISOString() }, `${run}-2`);
  await complete(villageMediator, mediateL1, { kind: 'request-escalation' }, `${run}-3`);

  // The coordinator approves. While the workflow is applying it, the worker dies without a chance to clean up.
  const decide = await openTask(caseId, 'decide-escalation');
  const approving = stack.call(coordinator, 'POST', `/api/v1/tasks/${decide.id}/complete`, {
    body: { action: { kind: 'decide', decision: 'escalate' } },
    key: `${run}-4`,
  });
  await eventually(
    'the decision task closing',
    async () => ((await tasksOf(caseId)).find((t) => t.id === decide.id)?.status === 'completed' ? true : undefined),
    { timeoutMs: 20_000 },
  );
  await stack.app('dispute-worker').kill9();
  const first = await approving;
  await stack.startApp('dispute-worker');

  // Whatever the first answer was (the Update may have outlived the request), the same request again returns the
  // outcome of the one escalation: the case is at the police, not escalated twice.
  const again = await stack.call<{ state: { level: string; phase: string } }>(
    coordinator,
    'POST',
    `/api/v1/tasks/${decide.id}/complete`,
    { body: { action: { kind: 'decide', decision: 'escalate' } }, key: `${run}-4` },
  );
  expect([200, 503]).toContain(first.status);
  expect(again.status).toBe(200);
  expect(again.body.state).toMatchObject({ level: 'L2' });

  // L2: the police liaison accepts and takes the case; a party refuses mediation; the coordinator closes it.
  const acceptL2 = await openTask(caseId, 'accept-transfer', 'L2');
  expect(acceptL2.agencyId).toBe(police.agencyId);
  await complete(police, acceptL2, { kind: 'accept-transfer', responsibleStaffId: police.staffId }, `${run}-5`);
  const mediateL2 = await openTask(caseId, 'mediate', 'L2');
  // The stock Temporal tools find the case by its situation, without our code (visibility is eventually consistent).
  const client = new Client({ connection: stack.temporal });
  const query = `WorkflowId = 'dispute-case-${caseId}' AND GongzhiLevel = 'L2' AND GongzhiPhase = 'mediation' AND GongzhiAwaitedAction = 'mediate'`;
  await eventually('the case in a visibility query', async () => {
    for await (const found of client.workflow.list({ query })) return found.workflowId;
    return undefined;
  });
  await complete(police, mediateL2, { kind: 'record-session', heldAt: new Date().toISOString() }, `${run}-6`);
  await complete(police, mediateL2, { kind: 'record-refusal', party: 'respondent' }, `${run}-7`);
  const closeIt = await openTask(caseId, 'decide-escalation', 'L2');
  await complete(
    coordinator,
    closeIt,
    { kind: 'decide', decision: 'close', closeReason: 'party-refused-mediation' },
    `${run}-8`,
  );

  // The case record follows the workflow to the end.
  const closed = await eventually('the closed case', async () => {
    const res = await stack.call<{ status: string; progress: Record<string, unknown> }>(
      coordinator,
      'GET',
      `/api/v1/cases/${caseId}`,
    );
    return res.body.status === 'closed' ? res.body : undefined;
  });
  expect(closed.progress).toMatchObject({ phase: 'closed', outcome: 'closed-unresolved', level: 'L2' });
  const workflow = await new Client({ connection: stack.temporal }).workflow
    .getHandle(`dispute-case-${caseId}`)
    .describe();
  expect(workflow.status.name).toBe('COMPLETED');

  // Nothing lost, nothing doubled: the timeline holds each step once, in order.
  const timeline = await stack.call<{ items: TimelineItem[] }>(coordinator, 'GET', `/api/v1/cases/${caseId}/timeline`);
  const workflowSteps = timeline.body.items.map((e) => e.type).filter((type) => type !== 'case.opened');
  expect(workflowSteps).toEqual([
    'route-planned',
    'transfer-requested',
    'transfer-accepted',
    'session-recorded',
    'escalation-requested',
    'decision-made',
    'escalated',
    'transfer-requested',
    'transfer-accepted',
    'session-recorded',
    'mediation-refused',
    'decision-made',
    'case-closed',
  ]);
  const tasks = await tasksOf(caseId);
  expect(tasks.filter((t) => t.status === 'open')).toEqual([]);
  expect(tasks.map((t) => `${t.level}:${t.kind}:${t.status}`).sort()).toEqual(
    [
      'L1:accept-transfer:completed',
      'L1:mediate:cancelled',
      'L1:decide-escalation:completed',
      'L2:accept-transfer:completed',
      'L2:mediate:completed',
      'L2:decide-escalation:completed',
    ].sort(),
  );
});
