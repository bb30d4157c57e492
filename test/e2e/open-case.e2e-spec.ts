/**
 * A case end to end over HTTP against the real stack: agency-service (seeded with the demo town) signs the staff's
 * tokens and answers the workflow's policy and calendar reads; case-service stores the case and starts one workflow
 * per case on the Temporal dev server; the worker runs it from the production bundle and writes its tasks, timeline
 * and progress back to case-service with its own service token; staff act on the tasks through case-service.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import {
  type AppProcess,
  createTestDatabase,
  ensureLocalSecrets,
  startApp,
  type TestDatabase,
  testStack,
} from '@gongzhi/testing';
import { appSpecs, serviceUrl, type AppEnvironment } from '@gongzhi/testing/apps';

const report = {
  disputeType: 'neighbour',
  source: 'walk-in',
  summary: 'A wall between two courtyards is leaning over the neighbour’s kitchen.',
  townCode: 'qingshui',
  villageCode: 'shangba',
};

type Json = Record<string, unknown>;
interface Task {
  id: string;
  kind: string;
  status: string;
  agencyId: string;
}

/** Polls until `probe` returns something: the workflow's writes reach case-service a moment after each step. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a case over HTTP, run by its workflow on the real stack', () => {
  const databases: TestDatabase[] = [];
  const apps: AppProcess[] = [];
  let env: AppEnvironment;
  let temporal: Connection;
  let base: string;
  let mediator: { token: string; staffId: string; agencyId: string };
  let otherMediator: { token: string };

  beforeAll(async () => {
    const stack = testStack();
    const logDir = process.env.GONGZHI_TEST_LOG_DIR ?? '.data/test/logs';
    const [party, caseDb, agency] = await Promise.all([
      createTestDatabase('party'),
      createTestDatabase('case'),
      createTestDatabase('agency'),
    ]);
    databases.push(party, caseDb, agency);
    env = {
      temporalAddress: stack.temporalAddress,
      databaseUrls: { party: party.url, case: caseDb.url, agency: agency.url },
      ports: { party: 24001, case: 24002, agency: 24003 },
      logLevel: 'warn',
      secrets: ensureLocalSecrets(path.join(logDir, '..', 'keys')),
      documentsDir: path.join(logDir, '..', 'documents'),
    };
    // The demo town: its policy, agencies and staff (the same seed `npm start` runs).
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'services/agency-service/src/seed/main.ts'], {
      cwd: path.resolve(__dirname, '..', '..'),
      env: { ...process.env, DATABASE_URL: agency.url },
    });
    const wanted = new Set(['agency-service', 'case-service', 'dispute-worker']);
    for (const spec of appSpecs(env).filter((s) => wanted.has(s.name))) apps.push(await startApp(spec, logDir));
    base = serviceUrl(env, 'case');
    mediator = await login('mediator.shangba');
    otherMediator = await login('mediator.xiaba');
    temporal = await Connection.connect({ address: stack.temporalAddress });
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await temporal?.close();
    await Promise.all(databases.map((db) => db.drop()));
  });

  async function login(username: string) {
    const res = await fetch(`${serviceUrl(env, 'agency')}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'gongzhi-demo' }),
    });
    const body = (await res.json()) as { accessToken: string; staff: { id: string; agencyId: string } };
    return { token: body.accessToken, staffId: body.staff.id, agencyId: body.staff.agencyId };
  }

  async function call(
    method: 'GET' | 'POST',
    url: string,
    options: { body?: unknown; key?: string; as?: string } = {},
  ): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${options.as ?? mediator.token}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  const openTask = (caseId: string, kind: string) =>
    eventually(`an open ${kind} task`, async () => {
      const items = (await call('GET', `/api/v1/cases/${caseId}/tasks`)).body.items as Task[];
      return items.find((task) => task.kind === kind && task.status === 'open');
    });

  it('plans the case, lets the village committee accept it and mediate, and closes it on withdrawal', async () => {
    const key = `e2e-${Date.now()}`;
    const created = await call('POST', '/api/v1/cases', { body: report, key });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', townCode: 'qingshui' });
    const caseId = created.body.id as string;

    // The same request again (a client retry) neither opens a second case nor starts a second workflow.
    const again = await call('POST', '/api/v1/cases', { body: report, key });
    expect(again.body.id).toBe(caseId);
    const client = new Client({ connection: temporal });
    const runs = [];
    for await (const run of client.workflow.list({ query: `WorkflowId = 'dispute-case-${caseId}'` })) runs.push(run);
    expect(runs).toHaveLength(1);

    // The workflow planned the route and opened the transfer to the village's own committee as a task.
    const accept = await openTask(caseId, 'accept-transfer');
    expect(accept.agencyId).toBe(mediator.agencyId);
    const view = await call('GET', `/api/v1/cases/${caseId}`);
    expect(view.body.workflow).toMatchObject({ status: 'RUNNING', level: 'L1', phase: 'transfer' });

    // Another village's mediator neither sees the task nor can act on it.
    expect((await call('GET', `/api/v1/tasks/${accept.id}`, { as: otherMediator.token })).status).toBe(404);

    const accepted = await call('POST', `/api/v1/tasks/${accept.id}/complete`, {
      body: { action: { kind: 'accept-transfer', responsibleStaffId: mediator.staffId } },
      key: `${key}-accept`,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.task).toMatchObject({ id: accept.id, status: 'completed', closedBy: mediator.staffId });
    expect(accepted.body.state).toMatchObject({
      level: 'L1',
      phase: 'mediation',
      responsibleStaffId: mediator.staffId,
    });
    // The task is closed: doing it again is a conflict, not a second acceptance.
    const twice = await call('POST', `/api/v1/tasks/${accept.id}/complete`, {
      body: { action: { kind: 'accept-transfer', responsibleStaffId: mediator.staffId } },
      key: `${key}-accept-again`,
    });
    expect(twice.status).toBe(409);

    const mediate = await openTask(caseId, 'mediate');
    const session = await call('POST', `/api/v1/tasks/${mediate.id}/complete`, {
      body: { action: { kind: 'record-session', heldAt: new Date().toISOString() } },
      key: `${key}-session`,
    });
    expect(session.status).toBe(200);
    // The workflow validates what case-service cannot: a session in the future is refused with its reason.
    const future = await call('POST', `/api/v1/tasks/${mediate.id}/complete`, {
      body: { action: { kind: 'record-session', heldAt: '2099-01-01T00:00:00.000Z' } },
      key: `${key}-future`,
    });
    expect(future.status).toBe(422);
    expect(future.body.type).toBe('urn:gongzhi:problem:invalid-action');

    const withdrawn = await call('POST', `/api/v1/cases/${caseId}/actions`, {
      body: { action: { kind: 'withdraw' } },
      key: `${key}-withdraw`,
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.state).toMatchObject({ phase: 'closed', openActions: [] });

    const closed = await eventually('the closed case', async () => {
      const res = await call('GET', `/api/v1/cases/${caseId}`);
      return res.body.status === 'closed' ? res.body : undefined;
    });
    expect(closed.progress).toMatchObject({ phase: 'closed', outcome: 'withdrawn' });
    const timeline = (await call('GET', `/api/v1/cases/${caseId}/timeline`)).body.items as { type: string }[];
    expect(timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(['case.opened', 'route-planned', 'transfer-accepted', 'session-recorded', 'case-closed']),
    );
  });

  it('hides a case from another village’s staff (404) and asks strangers to log in (401)', async () => {
    const created = await call('POST', '/api/v1/cases', { body: report });
    const foreign = await call('GET', `/api/v1/cases/${created.body.id as string}`, { as: otherMediator.token });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain('leaning');
    expect((await call('GET', `/api/v1/cases/${created.body.id as string}`, { as: 'not-a-token' })).status).toBe(401);
  });

  it('answers bad input with a problem, never a 500', async () => {
    const res = await call('POST', '/api/v1/cases', { body: { ...report, amount: 'lots' } });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('urn:gongzhi:problem:validation-failed');
  });
});
