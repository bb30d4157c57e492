/**
 * Security review (issue 12), finding 3, end to end: a case is sent only to agencies of its own town. Before the fix,
 * joint mediation and a re-route took any id: another town's police station was added to a case (and its liaison read
 * the whole case), and a made-up id left an agreement waiting for a sign-off nobody could give. Here the real
 * case-service asks the real agency-service and refuses both, on either route; and the workflow itself (on the real
 * worker, reading agency-service with its own identity) refuses them when case-service is bypassed.
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
}

const stack = new TownStack();
let grid: Staff;
let mediator: Staff;
let xiabaMediator: Staff;
let coordinator: Staff;
let admin: Staff;
/** The liaison of the police station of another town, 河田镇 (hetian). */
let otherTownLiaison: Staff;
let otherTownPolice: string;

/** A write to agency-service as an administrator (agencies and accounts of any town). */
async function asAdmin(path: string, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${serviceUrl(stack.env, 'agency')}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  await stack.start(['agency-service', 'case-service', 'dispute-worker'], { party: 24051, case: 24052, agency: 24053 });
  grid = await stack.login('grid.shangba');
  mediator = await stack.login('mediator.shangba');
  xiabaMediator = await stack.login('mediator.xiaba');
  coordinator = await stack.login('coordinator');
  admin = await stack.login('admin');
  otherTownPolice = await asAdmin('/api/v1/agencies', {
    townCode: 'hetian',
    kind: 'police-station',
    name: '河田派出所',
    areaCodes: ['hetian'],
    contactPhone: null,
    receptionHours: [],
  });
  await asAdmin('/api/v1/staff', {
    username: 'liaison.hetian.police',
    displayName: '联络员 河田派出所',
    agencyId: otherTownPolice,
    roles: ['liaison', 'mediator'],
    password: DEMO_PASSWORD,
  });
  otherTownLiaison = await stack.login('liaison.hetian.police');
});

afterAll(async () => {
  await stack.stop();
});

let keys = 0;
const key = () => `e2e-own-town-${process.pid}-${++keys}`;

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

function complete(as: Staff, task: Task, action: Record<string, unknown>) {
  return stack.call(as, 'POST', `/api/v1/tasks/${task.id}/complete`, { body: { action }, key: key() });
}
function actOnCase(as: Staff, caseId: string, action: Record<string, unknown>, actionId?: string) {
  return stack.call(as, 'POST', `/api/v1/cases/${caseId}/actions`, {
    body: { action, ...(actionId ? { actionId } : {}) },
    key: key(),
  });
}

/** Sends the action straight to the workflow, as if case-service had not checked it. */
async function bypassingCaseService(caseId: string, action: Record<string, unknown>, actionId?: string) {
  const handle = new Client({ connection: stack.temporal }).workflow.getHandle(makeDisputeWorkflowId(caseId));
  const failure = await handle
    .executeUpdate(actUpdate, {
      args: [
        {
          actor: { staffId: coordinator.staffId, agencyId: coordinator.agencyId, roles: ['coordinator'] },
          ...(actionId ? { actionId } : {}),
          action: action as never,
        },
      ],
    })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  expect(failure).toBeInstanceOf(WorkflowUpdateFailedError);
  return (failure as WorkflowUpdateFailedError).cause;
}

it('refuses re-routes and joint agencies of another town or of nobody, by every route, and the workflow refuses them too', async () => {
  const opened = await stack.call<{ id: string }>(grid, 'POST', '/api/v1/cases', {
    key: key(),
    body: {
      disputeType: 'land-forest',
      source: 'grid-report',
      summary: 'Two families dispute where the boundary of a terraced field runs.',
      townCode: 'qingshui',
      villageCode: 'shangba',
    },
  });
  expect(opened.status).toBe(201);
  const caseId = opened.body.id;

  // The village committee bounces the transfer; the coordinators re-route it.
  const accept = await openTask(caseId, 'accept-transfer');
  expect((await complete(mediator, accept, { kind: 'reject-transfer', reason: 'not-our-jurisdiction' })).status).toBe(
    200,
  );
  const bounced = await openTask(caseId, 'handle-rejection');
  for (const agencyId of [otherTownPolice, randomUUID()]) {
    const reroute = { kind: 'reroute', toLevel: 'L1', agencyId };
    for (const res of [
      await complete(coordinator, bounced, reroute),
      await actOnCase(coordinator, caseId, reroute, bounced.actionId),
    ]) {
      expect([res.status, res.body['type']]).toEqual([422, 'urn:gongzhi:problem:agency-not-in-town']);
    }
    expect(await bypassingCaseService(caseId, reroute, bounced.actionId)).toMatchObject({ type: 'InvalidInput' });
  }
  const rerouted = await complete(coordinator, bounced, {
    kind: 'reroute',
    toLevel: 'L1',
    agencyId: xiabaMediator.agencyId,
  });
  expect(rerouted.status).toBe(200);

  // Xiaba's committee accepts; the coordinators bring in agencies for joint mediation.
  const acceptXiaba = await openTask(caseId, 'accept-transfer');
  expect(acceptXiaba.agencyId).toBe(xiabaMediator.agencyId);
  // Xiaba's inbox says why the case went round: Shangba's committee refused it, as the workflow recorded (codes only).
  const inbox = await stack.call<{ items: { case: { id: string }; transfer: { earlierRejections: unknown[] } }[] }>(
    xiabaMediator,
    'GET',
    '/api/v1/inbox?limit=100',
  );
  expect(inbox.status).toBe(200);
  expect(inbox.body.items.find((item) => item.case.id === caseId)?.transfer.earlierRejections).toEqual([
    { agencyId: mediator.agencyId, level: 'L1', reason: 'not-our-jurisdiction', rejectedAt: expect.any(String) },
  ]);
  const accepted = await complete(xiabaMediator, acceptXiaba, {
    kind: 'accept-transfer',
    responsibleStaffId: xiabaMediator.staffId,
  });
  expect(accepted.status).toBe(200);
  for (const agencyIds of [[otherTownPolice], [randomUUID()], [mediator.agencyId, otherTownPolice]]) {
    const joint = { kind: 'add-joint-agencies', agencyIds };
    const res = await actOnCase(coordinator, caseId, joint);
    expect([res.status, res.body['type']]).toEqual([422, 'urn:gongzhi:problem:agency-not-in-town']);
    expect(await bypassingCaseService(caseId, joint)).toMatchObject({ type: 'InvalidInput' });
  }
  // Nobody outside the town was brought in: no sign-off waits for them, and their staff do not see the case.
  expect((await tasksOf(caseId)).filter((t) => t.kind === 'joint-sign-off')).toEqual([]);
  expect((await stack.call(otherTownLiaison, 'GET', `/api/v1/cases/${caseId}`)).status).toBe(404);

  // An agency of the town joins as before.
  const joined = await actOnCase(coordinator, caseId, { kind: 'add-joint-agencies', agencyIds: [mediator.agencyId] });
  expect(joined.status).toBe(200);
  const signOff = await openTask(caseId, 'joint-sign-off');
  expect(signOff.agencyId).toBe(mediator.agencyId);
});
