/**
 * The first vertical slice, end to end over HTTP against the real stack: case-service stores a case in its own
 * PostgreSQL database and starts one workflow per case on the Temporal dev server; the worker runs it from the
 * production bundle; reading the case shows the workflow's state, read through a query.
 */
import { Client, Connection } from '@temporalio/client';
import { closeDisputeUpdate } from '@gongzhi/contracts';
import { type AppProcess, createTestDatabase, startApp, type TestDatabase, testStack } from '@gongzhi/testing';
import { appSpecs, serviceUrl, type AppEnvironment } from '@gongzhi/testing/apps';

const report = {
  disputeType: 'neighbour',
  source: 'walk-in',
  summary: 'A wall between two courtyards is leaning over the neighbour’s kitchen.',
  townCode: 'qingshui',
  villageCode: 'xiaba',
};

describe('opening a case over HTTP runs its workflow on the real stack', () => {
  const databases: TestDatabase[] = [];
  const apps: AppProcess[] = [];
  let env: AppEnvironment;
  let temporal: Connection;
  let base: string;

  beforeAll(async () => {
    const stack = testStack();
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
    };
    const logDir = process.env.GONGZHI_TEST_LOG_DIR ?? '.data/test/logs';
    for (const spec of appSpecs(env).filter((s) => s.name === 'case-service' || s.name === 'dispute-worker')) {
      apps.push(await startApp(spec, logDir));
    }
    base = serviceUrl(env, 'case');
    temporal = await Connection.connect({ address: stack.temporalAddress });
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await temporal?.close();
    await Promise.all(databases.map((db) => db.drop()));
  });

  async function post(body: unknown, idempotencyKey?: string) {
    const res = await fetch(`${base}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { id: string; workflow: Record<string, unknown> },
    };
  }

  it('stores the case, starts one workflow for it, and shows the workflow state read through a query', async () => {
    const key = `e2e-${Date.now()}`;
    const created = await post(report, key);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', townCode: 'qingshui' });

    const read = await fetch(`${base}/api/v1/cases/${created.body.id}`);
    const view = (await read.json()) as { workflow: Record<string, unknown> };
    expect(view.workflow).toMatchObject({
      workflowId: `dispute-case-${created.body.id}`,
      status: 'RUNNING',
      level: 'L1',
      stage: 'village-mediation',
    });

    // The same request again (a client retry) neither opens a second case nor starts a second workflow.
    const again = await post(report, key);
    expect(again.body.id).toBe(created.body.id);
    const client = new Client({ connection: temporal });
    const runs = [];
    for await (const run of client.workflow.list({ query: `WorkflowId = 'dispute-case-${created.body.id}'` }))
      runs.push(run);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.searchAttributes).toBeDefined();

    // A human decision reaches the workflow, and the case view follows it.
    await client.workflow.getHandle(`dispute-case-${created.body.id}`).executeUpdate(closeDisputeUpdate, {
      args: [{ reason: 'agreement', actorId: 'mediator-e2e' }],
    });
    const closed = (await (await fetch(`${base}/api/v1/cases/${created.body.id}`)).json()) as {
      workflow: Record<string, unknown>;
    };
    expect(closed.workflow).toMatchObject({ status: 'COMPLETED', stage: 'closed' });
  });

  it('answers bad input with a problem, never a 500', async () => {
    const res = await post({ ...report, amount: 'lots' });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('urn:gongzhi:problem:validation-failed');
  });
});
