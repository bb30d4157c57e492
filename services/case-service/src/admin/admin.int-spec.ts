/**
 * The stuck scan and describe against the real stack: PostgreSQL for the case records and tasks, the Temporal dev
 * server for the workflows. Stub workflows that stall on purpose (stall-stub.workflow.ts) run on a task queue of
 * their own with the cases' workflow ids; the inspector looks at that queue only, so other tests' workflows on the
 * shared server never show up here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  CaseSearchAttributes,
  makeDisputeWorkflowId,
  type Principal,
  type StuckItem,
  type StuckKind,
} from '@gongzhi/contracts';
import { createTestDatabase, eventually, type TestDatabase } from '@gongzhi/testing';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { startStubWorker, type StubWorker } from '../testing/stub-worker';
import { openAction, workflowCalls } from '../testing/workflow-calls';
import type { StallStubActivities } from './stall-stub.workflow';
import { createWorkflowInspector } from './workflow-inspector';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('finding stuck cases on the real stack', () => {
  let stubs: StubWorker;
  let client: Client;
  let taskQueue: string;
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  /** Resolves when the failing activity runs its second attempt: by then Temporal has recorded the first failure. */
  let secondAttempt: () => void = () => undefined;
  const retried = new Promise<void>((resolve) => {
    secondAttempt = resolve;
  });

  beforeAll(async () => {
    const activities: StallStubActivities = {
      // The service behind the side effect is down: retryable, so Temporal retries it every second.
      recordTimeline: async () => {
        if (Context.current().info.attempt >= 2) secondAttempt();
        throw ApplicationFailure.retryable('case-service answered 503 to recordTimeline', 'DependencyUnavailable');
      },
    };
    stubs = await startStubWorker({
      workflowsPath: require.resolve('./stall-stub.workflow'),
      taskQueuePrefix: 'case-service-stall-stub',
      activities,
    });
    ({ client, taskQueue } = stubs);
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-admin-'));
    service = await createPostgresCaseService(db.url, documentsDir, {
      inspector: createWorkflowInspector(client, `TaskQueue = '${taskQueue}'`),
    });
  });

  afterAll(async () => {
    await stubs?.stop();
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
    stubs.track(workflowId);
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

  /** Finds the case in one scan of its kind. */
  async function inScan(kind: StuckKind, caseId: string) {
    const res = await scan(kind);
    expect(res.status).toBe(200);
    const found = (res.body.items as StuckItem[]).find((item) => item.caseId === caseId);
    return found ? { found, body: res.body as { counts: Record<StuckKind, number> } } : undefined;
  }

  /** A scan that must find the case straight away: its facts come from the database or a direct describe. */
  async function findInScan(kind: StuckKind, caseId: string) {
    const result = await inScan(kind, caseId);
    if (!result) throw new Error(`case ${caseId} is not in the ${kind} scan`);
    return result;
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
    await retried;
    const { found } = await findInScan('failing-activity', caseId);
    expect(found.attempt).toBeGreaterThanOrEqual(2);
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
    // The blocked scan asks Temporal's visibility store, which learns of a new workflow a moment after it starts.
    const { found } = await eventually('the blocked case in the scan', () => inScan('blocked', caseId), {
      timeoutMs: 30_000,
    });
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
