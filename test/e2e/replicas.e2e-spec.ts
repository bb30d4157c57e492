/**
 * Two of every process, as a town that outgrew one machine runs them: each service's replicas behind a round-robin
 * proxy (consecutive calls of one person land on different processes), two workers on the stack's task queue. What
 * must not live in one process: a person's rate limit, an Idempotency-Key's answer, a case's progress between the
 * worker that started a transition and the one that finishes the next. (`npm test` runs every e2e suite with two
 * replicas too; this one states the properties and proves the requests really were spread.)
 */
import { randomUUID } from 'node:crypto';
import { eventually, type Staff, TownStack } from './support/town-stack';

interface Task {
  id: string;
  kind: string;
  status: string;
}

const PER_USER_LIMIT = 12;
const stack = new TownStack();
let grid: Staff;
let mediator: Staff;

beforeAll(async () => {
  await stack.start(
    ['agency-service', 'party-service', 'case-service', 'dispute-worker'],
    { party: 24111, case: 24112, agency: 24113 },
    { replicas: 2, env: { RATE_LIMIT_PER_USER_PER_MINUTE: String(PER_USER_LIMIT) } },
  );
  grid = await stack.login('grid.shangba');
  mediator = await stack.login('mediator.shangba');
});

afterAll(async () => {
  await stack.stop();
});

const report = () => ({
  disputeType: 'neighbour',
  source: 'grid-report',
  summary: `Two households share a drain that floods the lane (${randomUUID().slice(0, 8)}).`,
  townCode: 'qingshui',
  villageCode: 'shangba',
});

it('spreads one person’s calls over both replicas, and a case still runs from report to its next task', async () => {
  const opened = await stack.call<{ id: string }>(grid, 'POST', '/api/v1/cases', { key: randomUUID(), body: report() });
  expect(opened.status).toBe(201);
  const caseId = opened.body.id;
  const accept = await eventually('the accept-transfer task', async () => {
    const res = await stack.call<{ items: Task[] }>(mediator, 'GET', `/api/v1/cases/${caseId}/tasks`);
    return res.body.items.find((t) => t.kind === 'accept-transfer' && t.status === 'open');
  });
  const claimed = await stack.call(mediator, 'POST', `/api/v1/tasks/${accept.id}/claim`, { key: randomUUID() });
  expect(claimed.status).toBe(200);
  const done = await stack.call<{ caseTasks?: Task[] }>(mediator, 'POST', `/api/v1/tasks/${accept.id}/complete`, {
    key: randomUUID(),
    body: { action: { kind: 'accept-transfer', responsibleStaffId: mediator.staffId } },
  });
  expect(done.status).toBe(200);
  expect(done.body.caseTasks?.find((t) => t.status === 'open')?.kind).toBe('mediate');
  // Both case-service replicas answered some of these calls.
  const served = [...stack.proxy('case-service').served.values()];
  expect(served).toHaveLength(2);
  expect(Math.min(...served)).toBeGreaterThan(0);
});

it('answers a retried request with its first answer, whichever replica the retry reaches', async () => {
  const key = randomUUID();
  const body = report();
  const first = await stack.call<{ id: string }>(grid, 'POST', '/api/v1/cases', { key, body });
  // The retry goes to the other replica (the proxy takes turns).
  const retry = await stack.call<{ id: string }>(grid, 'POST', '/api/v1/cases', { key, body });
  expect({ status: retry.status, id: retry.body.id }).toEqual({ status: first.status, id: first.body.id });
  const other = await stack.call(grid, 'POST', '/api/v1/cases', { key, body: { ...body, summary: 'Something else.' } });
  expect(other.status).toBe(422);
});

it('counts a person’s requests against one limit across the replicas', async () => {
  // A fresh person: the earlier tests' calls counted against the grid worker and the mediator.
  const coordinator = await stack.login('coordinator');
  const statuses: number[] = [];
  for (let i = 0; i < PER_USER_LIMIT + 3; i++) {
    statuses.push((await stack.call(coordinator, 'GET', '/api/v1/tasks?limit=1')).status);
  }
  // Counted per replica, the limit would let twice as many through before the first 429.
  expect(statuses.slice(0, PER_USER_LIMIT).every((status) => status === 200)).toBe(true);
  expect(statuses.slice(PER_USER_LIMIT)).toEqual([429, 429, 429]);
});

it('has each replica report whether it can keep documents beside its readiness', async () => {
  const before = new Map(stack.proxy('case-service').served);
  const answers: unknown[] = [];
  for (let call = 0; call < 2; call += 1) {
    const res = await fetch('http://127.0.0.1:24112/health/ready');
    answers.push({ status: res.status, body: await res.json() });
  }
  const ready = {
    status: 200,
    body: { status: 'ready', checks: expect.objectContaining({ database: 'ok', temporal: 'ok', documents: 'ok' }) },
  };
  expect(answers).toEqual([ready, ready]);
  // One answer from each replica: a balancer asks every copy.
  const served = stack.proxy('case-service').served;
  expect([...served].map(([port, count]) => count - (before.get(port) ?? 0))).toEqual([1, 1]);
});
