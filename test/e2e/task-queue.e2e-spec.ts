/**
 * Issue 5's end-to-end proof: a mediator, two liaisons and a coordinator — each logged in with their own demo account —
 * take a contract-debt dispute from the village committee to the people's tribunal using only the task API: find the
 * task in their queue, claim it, complete it. The village mediator keeps watching the case after it leaves the village.
 */
import { eventually, type Staff, TownStack } from './support/town-stack';

interface Task {
  id: string;
  caseId: string;
  kind: string;
  status: string;
  level: string | null;
  assigneeStaffId: string | null;
  clock?: { dueAt: string | null; remainingMs: number | null; overdue: boolean; rule: string | null };
}

const stack = new TownStack();
let grid: Staff;
let mediator: Staff;
let judicial: Staff;
let court: Staff;
let coordinator: Staff;

beforeAll(async () => {
  await stack.start(['agency-service', 'case-service', 'dispute-worker'], { party: 24021, case: 24022, agency: 24023 });
  grid = await stack.login('grid.shangba');
  mediator = await stack.login('mediator.shangba');
  judicial = await stack.login('liaison.judicial');
  court = await stack.login('liaison.court');
  coordinator = await stack.login('coordinator');
});

afterAll(async () => {
  await stack.stop();
});

let keys = 0;
const key = () => `e2e-queue-${process.pid}-${++keys}`;

/** The caller's queue, as their task list shows it, until the case's task of that kind is there. */
function inQueue(as: Staff, view: string, caseId: string, kind: string): Promise<Task> {
  return eventually(`${as.username}'s ${view} view to show the ${kind} task`, async () => {
    const res = await stack.call<{ items: Task[] }>(as, 'GET', `/api/v1/tasks?view=${view}&limit=50`);
    expect(res.status).toBe(200);
    return res.body.items.find((t) => t.caseId === caseId && t.kind === kind && t.status !== 'completed');
  });
}

async function claim(as: Staff, task: Task): Promise<void> {
  const res = await stack.call<Task>(as, 'POST', `/api/v1/tasks/${task.id}/claim`, { key: key() });
  expect({ status: res.status, assignee: res.body.assigneeStaffId }).toEqual({ status: 200, assignee: as.staffId });
}

async function complete(as: Staff, task: Task, action: Record<string, unknown>) {
  const res = await stack.call<{ state: { level: string | null; phase: string }; caseTasks?: Task[] }>(
    as,
    'POST',
    `/api/v1/tasks/${task.id}/complete`,
    { body: { action }, key: key() },
  );
  expect({ kind: action['kind'], status: res.status }).toEqual({ kind: action['kind'], status: 200 });
  return res.body;
}

it('takes a case from the village to the court, each person working only from their own task queue', async () => {
  const opened = await stack.call<{ id: string }>(grid, 'POST', '/api/v1/cases', {
    key: key(),
    body: {
      disputeType: 'contract-debt',
      source: 'grid-report',
      summary: 'A builder has not been paid for the house he built for a neighbour two years ago.',
      townCode: 'qingshui',
      villageCode: 'shangba',
      amountInDispute: '86000.00',
    },
  });
  expect(opened.status).toBe(201);
  const caseId = opened.body.id;

  // Village: the committee's mediator takes the transfer from the queue and accepts it for herself.
  const acceptL1 = await inQueue(mediator, 'available', caseId, 'accept-transfer');
  expect(acceptL1.clock).toMatchObject({ overdue: false });
  expect(acceptL1.clock?.rule).toContain('2个工作日');
  await claim(mediator, acceptL1);
  const accepted = await complete(mediator, acceptL1, {
    kind: 'accept-transfer',
    responsibleStaffId: mediator.staffId,
  });
  // Her next task is in the answer already, as her queue then shows it.
  const next = accepted.caseTasks?.find((t) => t.status === 'open');
  expect(next).toMatchObject({ kind: 'mediate', assigneeStaffId: mediator.staffId });
  const mediateL1 = await inQueue(mediator, 'mine', caseId, 'mediate');
  expect(mediateL1.id).toBe(next?.id);
  await complete(mediator, mediateL1, { kind: 'record-failure' });

  // The coordinator decides: escalate (a contract debt skips the police).
  const decide1 = await inQueue(coordinator, 'available', caseId, 'decide-escalation');
  await claim(coordinator, decide1);
  const atJudicial = (await complete(coordinator, decide1, { kind: 'decide', decision: 'escalate' })).state;
  expect(atJudicial.level).toBe('L3');

  // Judicial office: its liaison accepts and mediates himself; mediation fails.
  const acceptL3 = await inQueue(judicial, 'available', caseId, 'accept-transfer');
  await claim(judicial, acceptL3);
  await complete(judicial, acceptL3, { kind: 'accept-transfer', responsibleStaffId: judicial.staffId });
  const mediateL3 = await inQueue(judicial, 'mine', caseId, 'mediate');
  await complete(judicial, mediateL3, { kind: 'record-failure' });
  const decide2 = await inQueue(coordinator, 'available', caseId, 'decide-escalation');
  await claim(coordinator, decide2);
  expect((await complete(coordinator, decide2, { kind: 'decide', decision: 'escalate' })).state.level).toBe('L4');

  // The village mediator still follows the case she worked on.
  await inQueue(mediator, 'watching', caseId, 'accept-transfer');

  // Court: pre-litigation mediation fails and the case is filed.
  const acceptL4 = await inQueue(court, 'available', caseId, 'accept-transfer');
  await claim(court, acceptL4);
  await complete(court, acceptL4, { kind: 'accept-transfer', responsibleStaffId: court.staffId });
  const mediateL4 = await inQueue(court, 'mine', caseId, 'mediate');
  const filed = await complete(court, mediateL4, { kind: 'record-failure', courtFilingRef: '(2026)湘0101民初88号' });
  expect(filed.state.phase).toBe('closed');

  const closed = await eventually('the closed case', async () => {
    const res = await stack.call<{ status: string; progress: { outcome: string | null } }>(
      coordinator,
      'GET',
      `/api/v1/cases/${caseId}`,
    );
    return res.body.status === 'closed' ? res.body : undefined;
  });
  expect(closed.progress.outcome).toBe('referred-to-litigation');
});
