/**
 * The stuck scan and describe against the real stack: PostgreSQL for the case records and tasks, the Temporal dev
 * server for the workflows. Stub workflows that stall on purpose (stall-stub.workflow.ts) run on a task queue of
 * their own with the cases' workflow ids; the inspector looks at that queue only, so other tests' workflows on the
 * shared server never show up here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import {
  CaseSearchAttributes,
  makeDisputeWorkflowId,
  type Principal,
  type StuckItem,
  type StuckKind,
} from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase, testStack } from '@gongzhi/testing';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { openAction, workflowCalls } from '../testing/workflow-calls';
import type { StallStubActivities } from './stall-stub.workflow';
import { createWorkflowInspector } from './workflow-inspector';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('finding stuck cases on the real stack', () => {
  const taskQueue = `case-service-stall-stub-${randomUUID()}`;
  let db: TestDatabase;
  let documentsDir: string;
  let connection: Connection;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  const started: string[] = [];

  beforeAll(async () => {
    const { temporalAddress } = testStack();
    const namespace = process.env.GONGZHI_TEST_TEMPORAL_NAMESPACE ?? 'default';
    connection = await Connection.connect({ address: temporalAddress });
    client = new Client({ connection, namespace });
    const ignore = (): void => undefined;
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('./stall-stub.workflow'),
      logger: { trace: ignore, debug: ignore, info: ignore, warn: console.warn, error: console.error, log: ignore },
    });
    const activities: StallStubActivities = {
      // The service behind the side effect is down: retryable, so Temporal retries it every second.
      recordTimeline: async () => {
        throw ApplicationFailure.retryable('case-service answered 503 to recordTimeline', 'DependencyUnavailable');
      },
    };
    worker = await Worker.create({
      connection: await NativeConnection.connect({ address: temporalAddress }),
      namespace,
      taskQueue,
      workflowBundle,
      activities,
    });
    running = worker.run();
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-admin-'));
    service = await createPostgresCaseService(db.url, documentsDir, {
      inspector: createWorkflowInspector(client, `TaskQueue = '${taskQueue}'`),
    });
  });

  afterAll(async () => {
    // Nothing of this test may be left running on the shared server.
    await Promise.all(
      started.map((id) =>
        client.workflow
          .getHandle(id)
          .terminate('test finished')
          .catch(() => undefined),
      ),
    );
    worker?.shutdown();
    await running;
    await connection?.close();
    await service?.prisma.$disconnect();
    await db?.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  async function openCase(): Promise<string> {
    const res = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', await service.bearer(staff.villageMediator))
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function startStub(workflow: string, caseId: string, args: unknown[] = [caseId]): Promise<string> {
    const workflowId = makeDisputeWorkflowId(caseId);
    started.push(workflowId);
    await client.workflow.start(workflow, {
      workflowId,
      taskQueue,
      args,
      typedSearchAttributes: [
        { key: CaseSearchAttributes.caseId, value: caseId },
        { key: CaseSearchAttributes.town, value: 'qingshui' },
        { key: CaseSearchAttributes.level, value: 'L1' },
        { key: CaseSearchAttributes.agency, value: 'agency-shangba' },
        ...(workflow === 'blockedStubWorkflow'
          ? [{ key: CaseSearchAttributes.awaitedAction, value: 'blocked:planCase' }]
          : []),
      ],
    });
    return workflowId;
  }

  async function scan(kind: StuckKind, who: Principal = staff.administrator) {
    return request(service.app)
      .get(`/api/v1/admin/stuck?kind=${kind}`)
      .set('Authorization', await service.bearer(who));
  }

  /** Visibility and retries take a moment: asks again until the case shows up (a condition, not a sleep). */
  async function findInScan(kind: StuckKind, caseId: string, ready: (item: StuckItem) => boolean = () => true) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await scan(kind);
      expect(res.status).toBe(200);
      const found = (res.body.items as StuckItem[]).find((item) => item.caseId === caseId && ready(item));
      if (found) return { found, body: res.body as { counts: Record<StuckKind, number> } };
      if (Date.now() > deadline) throw new Error(`case ${caseId} never showed up as ${kind}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function describeCase(caseId: string) {
    const res = await request(service.app)
      .get(`/api/v1/admin/cases/${caseId}/describe`)
      .set('Authorization', await service.bearer(staff.administrator));
    expect(res.status).toBe(200);
    return res.body as { diagnosis: string; workflowStatus: string; [key: string]: unknown };
  }

  it('finds a task nobody took, three days past due, and describe says so', async () => {
    const caseId = await openCase();
    await startStub('idleStubWorkflow', caseId);
    const dueAt = new Date(Date.now() - 3 * DAY_MS - 60_000).toISOString();
    const opened = await workflowCalls(service.app, service.engineBearer, caseId).openTask(
      openAction({ kind: 'accept-transfer', actionId: '1-accept-transfer', agencyId: 'agency-police', dueAt }),
    );
    expect(opened.status).toBe(201);
    const { found, body } = await findInScan('overdue-task', caseId);
    expect(found).toMatchObject({ subject: 'accept-transfer', agencyId: 'agency-police', level: 'L1' });
    expect(found.stuckForMs).toBeGreaterThan(3 * DAY_MS);
    expect(body.counts['overdue-task']).toBeGreaterThanOrEqual(1);
    const described = await describeCase(caseId);
    expect(described).toMatchObject({
      workflowStatus: 'RUNNING',
      state: { level: 'L1', phase: 'mediation', agencyId: 'agency-shangba' },
      openTasks: [{ kind: 'accept-transfer', agencyId: 'agency-police' }],
      diagnosis: 'waiting 3 days past due for accept-transfer by agency-police',
    });
    // Every admin read is on the audit trail.
    const audited = await service.prisma.auditRecord.findMany({
      where: { objectId: caseId, action: { in: ['case.admin.stuck', 'case.admin.describe'] } },
      select: { action: true, actor: true },
    });
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: 'case.admin.stuck', actor: staff.administrator.staffId },
        { action: 'case.admin.describe', actor: staff.administrator.staffId },
      ]),
    );
  });

  it('finds a case whose workflow was terminated behind its back', async () => {
    const caseId = await openCase();
    const workflowId = await startStub('idleStubWorkflow', caseId);
    await client.workflow.getHandle(workflowId).terminate('an operator cleaned up the wrong workflow');
    const { found } = await findInScan('reconciliation', caseId);
    expect(found.diagnosis).toBe('case open but workflow TERMINATED');
    expect((await describeCase(caseId)).diagnosis).toBe('case open but workflow TERMINATED');
  });

  it('finds an activity that keeps failing, with its attempt and last failure', async () => {
    const caseId = await openCase();
    await startStub('failingActivityStubWorkflow', caseId);
    const { found } = await findInScan('failing-activity', caseId, (item) => (item.attempt ?? 0) >= 2);
    expect(found).toMatchObject({ subject: 'recordTimeline', message: 'case-service answered 503 to recordTimeline' });
    const described = await describeCase(caseId);
    expect(described.diagnosis).toMatch(
      /^activity recordTimeline failing for \d+ min \(attempt \d+\): case-service answered 503 to recordTimeline$/,
    );
    expect(described.pendingActivities).toEqual([
      expect.objectContaining({ activityType: 'recordTimeline', lastFailure: expect.any(String) }),
    ]);
  });

  it('finds a blocked workflow by its search attribute and reads why from its query', async () => {
    const caseId = await openCase();
    const since = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString();
    await startStub('blockedStubWorkflow', caseId, [caseId, since]);
    const { found } = await findInScan('blocked', caseId);
    expect(found).toMatchObject({
      subject: 'planCase',
      since,
      diagnosis: 'blocked: planCase — AgencyMissing: town qingshui has no agency at level L2',
    });
    expect((await describeCase(caseId)).diagnosis).toBe(found.diagnosis);
  });

  it('answers 403 to anyone but an administrator', async () => {
    for (const who of [staff.coordinator, staff.villageMediator]) {
      const res = await scan('overdue-task', who);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });
});
