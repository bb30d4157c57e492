/**
 * The first vertical slice, end to end over HTTP against the real stack: case-service stores a case in its own
 * PostgreSQL database and starts one workflow per case on the Temporal dev server; the worker runs it from the
 * production bundle; reading the case shows the workflow's state, read through a query.
 */
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { closeDisputeUpdate, type Principal } from '@gongzhi/contracts';
import {
  type AppProcess,
  createTestDatabase,
  ensureLocalSecrets,
  mintLocalToken,
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
  villageCode: 'xiaba',
};

const villageMediator: Principal = {
  staffId: 'e2e-mediator',
  agencyId: 'e2e-xiaba',
  townCode: 'qingshui',
  roles: ['mediator'],
};
const otherVillageMediator: Principal = { ...villageMediator, staffId: 'e2e-other', agencyId: 'e2e-shangba' };

describe('opening a case over HTTP runs its workflow on the real stack', () => {
  const databases: TestDatabase[] = [];
  const apps: AppProcess[] = [];
  let env: AppEnvironment;
  let temporal: Connection;
  let base: string;
  let token: string;

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
    for (const spec of appSpecs(env).filter((s) => s.name === 'case-service' || s.name === 'dispute-worker')) {
      apps.push(await startApp(spec, logDir));
    }
    base = serviceUrl(env, 'case');
    token = await mintLocalToken(env.secrets, villageMediator);
    temporal = await Connection.connect({ address: stack.temporalAddress });
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await temporal?.close();
    await Promise.all(databases.map((db) => db.drop()));
  });

  type Json = Record<string, unknown> & { id: string; workflow: Record<string, unknown> };

  async function call(
    method: 'GET' | 'POST',
    url: string,
    options: { body?: unknown; key?: string; as?: string } = {},
  ) {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${options.as ?? token}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  it('stores the case, starts one workflow for it, and shows the workflow state read through a query', async () => {
    const key = `e2e-${Date.now()}`;
    const created = await call('POST', '/api/v1/cases', { body: report, key });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', townCode: 'qingshui' });

    const view = await call('GET', `/api/v1/cases/${created.body.id}`);
    expect(view.body.workflow).toMatchObject({
      workflowId: `dispute-case-${created.body.id}`,
      status: 'RUNNING',
      level: 'L1',
      stage: 'village-mediation',
    });

    // The same request again (a client retry) neither opens a second case nor starts a second workflow.
    const again = await call('POST', '/api/v1/cases', { body: report, key });
    expect(again.body.id).toBe(created.body.id);
    const client = new Client({ connection: temporal });
    const runs = [];
    for await (const run of client.workflow.list({ query: `WorkflowId = 'dispute-case-${created.body.id}'` }))
      runs.push(run);
    expect(runs).toHaveLength(1);

    // A human decision reaches the workflow, and the case view follows it.
    await client.workflow.getHandle(`dispute-case-${created.body.id}`).executeUpdate(closeDisputeUpdate, {
      args: [{ reason: 'agreement', actorId: villageMediator.staffId }],
    });
    const closed = await call('GET', `/api/v1/cases/${created.body.id}`);
    expect(closed.body.workflow).toMatchObject({ status: 'COMPLETED', stage: 'closed' });
  });

  it('hides a case from another village’s staff (404) and asks strangers to log in (401)', async () => {
    const created = await call('POST', '/api/v1/cases', { body: report });
    const foreign = await call('GET', `/api/v1/cases/${created.body.id}`, {
      as: await mintLocalToken(env.secrets, otherVillageMediator),
    });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain('leaning');
    expect((await call('GET', `/api/v1/cases/${created.body.id}`, { as: 'not-a-token' })).status).toBe(401);
  });

  it('answers bad input with a problem, never a 500', async () => {
    const res = await call('POST', '/api/v1/cases', { body: { ...report, amount: 'lots' } });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('urn:gongzhi:problem:validation-failed');
  });
});
