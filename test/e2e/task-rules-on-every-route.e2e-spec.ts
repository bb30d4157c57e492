/**
 * Security review (issue 12), finding 2, end to end: a task's action obeys the task's rules whichever route it comes by.
 * Before the fix, `POST /cases/:id/actions` with an `actionId` skipped them: a colleague completed a task another
 * mediator held, and an acceptance named a mediator of another committee (or an id nobody has) responsible for the
 * case. Here every refusal comes from the real case-service asking the real agency-service, and the workflow itself
 * (on the real worker, reading agency-service with its own identity) refuses such a person even when case-service is
 * bypassed.
 */
import { randomUUID } from 'node:crypto';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { actUpdate, makeDisputeWorkflowId } from '@gongzhi/contracts/dispute';
import { serviceUrl } from '@gongzhi/testing/apps';
import { DEMO_PASSWORD, eventually, type Staff, TownStack } from './support/town-stack';

interface Task {
  id: string;
  actionId: string;
  kind: string;
  status: string;
  agencyId: string;
  assigneeStaffId: string | null;
}

const stack = new TownStack();
let grid: Staff;
let mediator: Staff;
let otherCommitteeMediator: Staff;
let coordinator: Staff;
/** A second mediator of the Shangba committee: mediator.shangba's colleague. */
let colleague: Staff;

beforeAll(async () => {
  await stack.start(['agency-service', 'case-service', 'dispute-worker'], { party: 24041, case: 24042, agency: 24043 });
  grid = await stack.login('grid.shangba');
  mediator = await stack.login('mediator.shangba');
  otherCommitteeMediator = await stack.login('mediator.xiaba');
  coordinator = await stack.login('coordinator');
  const created = await fetch(`${serviceUrl(stack.env, 'agency')}/api/v1/staff`, {
    method: 'POST',
    headers: { authorization: `Bearer ${coordinator.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'mediator2.shangba',
      displayName: '调解员二 上坝',
      agencyId: mediator.agencyId,
      roles: ['mediator'],
      password: DEMO_PASSWORD,
    }),
  });
  expect(created.status).toBe(201);
  colleague = await stack.login('mediator2.shangba');
});

afterAll(async () => {
  await stack.stop();
});

let keys = 0;
const key = () => `e2e-task-rules-${process.pid}-${++keys}`;

async function tasksOf(caseId: string): Promise<Task[]> {
  const res = await stack.call<{ items: Task[] }>(coordinator, 'GET', `/api/v1/cases/${caseId}/tasks`);
  if (res.status !== 200) throw new Error(`listing the case's tasks answered ${res.status}`);
  return res.body.items;
}

function openTask(caseId: string, kind: string): Promise<Task> {
  return eventually(
    `an open ${kind} task`,
    async () => (await tasksOf(caseId)).find((t) => t.kind === kind && t.status === 'open'),
    { pollMs: 250 },
  );
}

/** The same action by both routes: the task's own, and the case's naming the task. */
function byTaskRoute(as: Staff, task: Task, action: Record<string, unknown>) {
  return stack.call(as, 'POST', `/api/v1/tasks/${task.id}/complete`, { body: { action }, key: key() });
}
function byCaseRoute(as: Staff, caseId: string, task: Task, action: Record<string, unknown>) {
  return stack.call(as, 'POST', `/api/v1/cases/${caseId}/actions`, {
    body: { action, actionId: task.actionId },
    key: key(),
  });
}

it('refuses a colleague completing a held task, and a responsible person who is not a mediator of the agency, by either route', async () => {
  const opened = await stack.call<{ id: string }>(grid, 'POST', '/api/v1/cases', {
    key: key(),
    body: {
      disputeType: 'neighbour',
      source: 'grid-report',
      summary: 'A neighbour’s new wall blocks the lane to the fields.',
      townCode: 'qingshui',
      villageCode: 'shangba',
    },
  });
  expect(opened.status).toBe(201);
  const caseId = opened.body.id;
  const accept = await openTask(caseId, 'accept-transfer');

  // The colleague takes the transfer; mediator.shangba may not complete it behind their back on either route.
  const claimed = await stack.call<Task>(colleague, 'POST', `/api/v1/tasks/${accept.id}/claim`, { key: key() });
  expect(claimed.body.assigneeStaffId).toBe(colleague.staffId);
  const acceptAsSelf = { kind: 'accept-transfer', responsibleStaffId: mediator.staffId };
  for (const res of [
    await byCaseRoute(mediator, caseId, accept, acceptAsSelf),
    await byTaskRoute(mediator, accept, acceptAsSelf),
  ]) {
    expect([res.status, res.body['type'], res.body['holderStaffId']]).toEqual([
      409,
      'urn:gongzhi:problem:task-held',
      colleague.staffId,
    ]);
  }

  // The holder cannot make a mediator of another committee, or nobody, responsible for the case.
  for (const responsibleStaffId of [otherCommitteeMediator.staffId, randomUUID()]) {
    const naming = { kind: 'accept-transfer', responsibleStaffId };
    for (const res of [
      await byCaseRoute(colleague, caseId, accept, naming),
      await byTaskRoute(colleague, accept, naming),
    ]) {
      expect([res.status, res.body['type']]).toEqual([422, 'urn:gongzhi:problem:assignee-not-eligible']);
    }
  }
  // Nothing reached the workflow: the transfer still waits, held by the colleague.
  expect((await tasksOf(caseId)).map((t) => `${t.kind}:${t.status}:${t.assigneeStaffId}`)).toEqual([
    `accept-transfer:open:${colleague.staffId}`,
  ]);

  // Bypassing case-service does not help: the workflow asks agency-service itself, and refuses the same person.
  const handle = new Client({ connection: stack.temporal }).workflow.getHandle(makeDisputeWorkflowId(caseId));
  const direct = await handle
    .executeUpdate(actUpdate, {
      args: [
        {
          actor: { staffId: colleague.staffId, agencyId: colleague.agencyId, roles: ['mediator'] },
          actionId: accept.actionId,
          action: { kind: 'accept-transfer', responsibleStaffId: otherCommitteeMediator.staffId },
        },
      ],
    })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  expect(direct).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((direct as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'InvalidInput' });

  // The holder accepts with a mediator of the committee, by the case route: the task's rules let that through.
  const accepted = await byCaseRoute(colleague, caseId, accept, acceptAsSelf);
  expect(accepted.status).toBe(200);
  expect(accepted.body['state']).toMatchObject({ phase: 'mediation', responsibleStaffId: mediator.staffId });
  const mediate = await openTask(caseId, 'mediate');
  expect(mediate.assigneeStaffId).toBe(mediator.staffId);

  // The mediate task is mediator.shangba's now: the colleague cannot record an agreement on it through the case.
  const agreement = await byCaseRoute(colleague, caseId, mediate, { kind: 'record-agreement' });
  expect([agreement.status, agreement.body['holderStaffId']]).toEqual([409, mediator.staffId]);
  const timeline = await stack.call<{ items: { type: string }[] }>(
    coordinator,
    'GET',
    `/api/v1/cases/${caseId}/timeline`,
  );
  expect(
    timeline.body.items.map((e) => e.type).filter((t) => t.startsWith('transfer-') || t.startsWith('agreement')),
  ).toEqual(['transfer-requested', 'transfer-accepted']);
});
