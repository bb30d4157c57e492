/**
 * The stuck scan and describe against the real stack: PostgreSQL for the case records and tasks, the Temporal dev
 * server for the workflows, and agency-service (the process `npm start` runs) for the official working-day calendar.
 * Stub workflows that stall on purpose (stall-stub.workflow.ts) run on task queues of their own with the cases'
 * workflow ids; the inspector looks at those queues only, so other tests' workflows on the shared server never show
 * up here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { readPem } from '@gongzhi/auth';
import {
  CaseSearchAttributes,
  makeDisputeWorkflowId,
  type OpenAction,
  type Principal,
  type StuckItem,
  type StuckKind,
} from '@gongzhi/contracts';
import {
  type AppProcess,
  createTestDatabase,
  ensureLocalSecrets,
  eventually,
  startAgencyServiceAlone,
  type TestDatabase,
  testStack,
} from '@gongzhi/testing';
import { staff } from '../../testing/fake-case-service';
import { createPostgresCaseService } from '../../testing/postgres-case-service';
import { startStubWorker, type StubWorker } from '../../testing/stub-worker';
import { openAction, progress, workflowCalls } from '../../testing/workflow-calls';
import { ACTION_WITHOUT_TASK, ORPHAN_TASK } from './diagnosis';
import type { StallStubActivities } from '../../testing/stall-stub.workflow';
import { parseStuckThresholds } from './stuck-thresholds';
import { createHttpWorkingDayCalendar, type WorkingDayCalendar } from '../working-day-calendar';
import { createWorkflowInspector } from '@gongzhi/dispute-client';

/** Webpack's progress chatter is noise in test output; warnings and errors still show. */
const quiet = (): void => undefined;
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

describe('finding stuck cases on the real stack', () => {
  let stubs: StubWorker;
  /** The versioned stub's first worker: it runs version 1, then stops for the "deploy" of version 2. */
  let firstVersion: StubWorker;
  let client: Client;
  let taskQueue: string;
  let db: TestDatabase;
  let agencyDb: TestDatabase;
  let agency: AppProcess;
  let calendar: WorkingDayCalendar;
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
    const workflowsPath = require.resolve('../../testing/stall-stub.workflow');
    [stubs, firstVersion] = await Promise.all([
      startStubWorker({ workflowsPath, taskQueuePrefix: 'case-service-stall-stub', activities }),
      startStubWorker({ workflowsPath, taskQueuePrefix: 'case-service-versioned-stub' }),
    ]);
    ({ client, taskQueue } = stubs);

    // agency-service on a fresh database: its calendar is the only thing asked of it, with the test's own tokens.
    const logDir = process.env['GONGZHI_TEST_LOG_DIR'] ?? path.join(REPO_ROOT, '.data/test/logs');
    const secrets = ensureLocalSecrets(path.join(logDir, '..', 'keys'));
    [db, agencyDb] = await Promise.all([createTestDatabase('case'), createTestDatabase('agency')]);
    let baseUrl: string;
    ({ app: agency, baseUrl } = await startAgencyServiceAlone({ databaseUrl: agencyDb.url, secrets, logDir }));
    calendar = createHttpWorkingDayCalendar({ baseUrl, timeoutMs: 5_000 });

    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-admin-'));
    service = await createPostgresCaseService(db.url, documentsDir, {
      inspector: createWorkflowInspector(client, `TaskQueue IN ('${taskQueue}', '${firstVersion.taskQueue}')`),
      calendar,
      // Five working days always span a weekend: a decision opened six calendar days ago is not stuck yet.
      thresholds: parseStuckThresholds('decide-escalation=5'),
      authPrivateKeyPem: readPem(secrets.authPrivateKeyFile),
      authPublicKeyPem: readPem(secrets.authPublicKeyFile),
    });
  });

  afterAll(async () => {
    await stubs?.stop();
    // Stopped by the deploy test already, unless it failed before.
    await firstVersion?.stop().catch(() => undefined);
    await agency?.stop();
    await service?.prisma.$disconnect();
    await Promise.all([db?.drop(), agencyDb?.drop()]);
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  async function openCase(): Promise<string> {
    const res = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', await service.bearer(staff.villageMediator))
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function startStub(
    workflow: string,
    caseId: string,
    args: unknown[] = [caseId],
    options: { taskQueue?: string; awaitedAction?: string } = {},
  ): Promise<string> {
    const workflowId = makeDisputeWorkflowId(caseId);
    stubs.track(workflowId);
    const awaitedAction =
      options.awaitedAction ?? (workflow === 'blockedStubWorkflow' ? 'blocked:planCase' : undefined);
    await client.workflow.start(workflow, {
      workflowId,
      taskQueue: options.taskQueue ?? taskQueue,
      args,
      typedSearchAttributes: [
        { key: CaseSearchAttributes.caseId, value: caseId },
        { key: CaseSearchAttributes.town, value: 'qingshui' },
        { key: CaseSearchAttributes.level, value: 'L1' },
        { key: CaseSearchAttributes.agency, value: '0a9e0000-0000-4000-8000-000000000006' },
        ...(awaitedAction ? [{ key: CaseSearchAttributes.awaitedAction, value: awaitedAction }] : []),
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
    const found = (res.body.items as StuckItem[]).filter((item) => item.caseId === caseId);
    return found[0]
      ? { found: found[0], all: found, body: res.body as { counts: Record<StuckKind, number> } }
      : undefined;
  }

  /** A scan that must find the case straight away: its facts come from the database or a direct describe. */
  async function findInScan(kind: StuckKind, caseId: string) {
    const result = await inScan(kind, caseId);
    if (!result) throw new Error(`case ${caseId} is not in the ${kind} scan`);
    return result;
  }

  /** A scan that finds the case once Temporal's visibility store has learnt of its workflow. */
  function eventuallyInScan(kind: StuckKind, caseId: string) {
    return eventually(`case ${caseId} in the ${kind} scan`, () => inScan(kind, caseId), { timeoutMs: 30_000 });
  }

  /**
   * A failing activity or workflow task: the background health sweep finds it (one pass here, as main runs them
   * continuously), once Temporal's visibility store lists the workflow as running.
   */
  function sweptInScan(kind: StuckKind, caseId: string, accept: (found: StuckItem) => boolean = () => true) {
    return eventually(
      `case ${caseId} swept into the ${kind} scan`,
      async () => {
        await service.healthSweep?.sweepOnce();
        const result = await inScan(kind, caseId);
        return result && accept(result.found) ? result : undefined;
      },
      { timeoutMs: 60_000 },
    );
  }

  async function describeCase(caseId: string) {
    const res = await request(service.app)
      .get(`/api/v1/admin/cases/${caseId}/describe`)
      .set('Authorization', await service.bearer(staff.administrator));
    expect(res.status).toBe(200);
    return res.body as { diagnosis: string; workflowStatus: string; [key: string]: unknown };
  }

  const acceptance = (dueAt: string): OpenAction =>
    openAction({
      kind: 'accept-transfer',
      actionId: '1-accept-transfer',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
      dueAt,
    });

  it('finds an acceptance nobody took, three days past due, and describe says so', async () => {
    const caseId = await openCase();
    const action = acceptance(new Date(Date.now() - 3 * DAY_MS - 60_000).toISOString());
    await startStub('awaitingStubWorkflow', caseId, [caseId, [action]]);
    const opened = await workflowCalls(service.app, service.engineBearer, caseId).openTask(action);
    expect(opened.status).toBe(201);
    const { found, body } = await findInScan('overdue-acceptance', caseId);
    expect(found).toMatchObject({
      subject: 'accept-transfer',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
      level: 'L1',
    });
    expect(found.stuckForMs).toBeGreaterThan(3 * DAY_MS);
    expect(body.counts['overdue-acceptance']).toBeGreaterThanOrEqual(1);
    const described = await describeCase(caseId);
    expect(described).toMatchObject({
      workflowStatus: 'RUNNING',
      state: { level: 'L1', phase: 'mediation', agencyId: '0a9e0000-0000-4000-8000-000000000006' },
      openTasks: [
        { kind: 'accept-transfer', agencyId: '0a9e0000-0000-4000-8000-000000000005', awaitedByWorkflow: true },
      ],
      actionsWithoutTask: [],
      diagnosis: 'waiting 3 days past due for accept-transfer by 0a9e0000-0000-4000-8000-000000000005',
    });
    // Every admin read is on the audit trail.
    const audited = await service.prisma.auditRecord.findMany({
      // The scan names its page's cases in one row (object_ids); describing names the one case.
      where: {
        OR: [{ objectId: caseId }, { objectIds: { has: caseId } }],
        action: { in: ['case.admin.stuck', 'case.admin.describe'] },
      },
      select: { action: true, actor: true },
    });
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: 'case.admin.stuck', actor: staff.administrator.staffId },
        { action: 'case.admin.describe', actor: staff.administrator.staffId },
      ]),
    );
  });

  it('judges a coordinator’s decision by agency-service’s working days, not calendar days', async () => {
    const now = Date.now();
    const decision = (caseId: string, openedAt: Date) =>
      workflowCalls(service.app, service.engineBearer, caseId).openTask(
        openAction({
          kind: 'decide-escalation',
          actionId: '5-decide-escalation',
          agencyId: '0a9e0000-0000-4000-8000-000000000001',
          roles: ['coordinator'],
          openedAt: openedAt.toISOString(),
          dueAt: null,
          reason: 'clock-expired',
        }),
      );
    const [recent, old] = [await openCase(), await openCase()];
    const sixDaysAgo = new Date(now - 6 * DAY_MS);
    expect((await decision(recent, sixDaysAgo)).status).toBe(201);
    expect((await decision(old, new Date(now - 30 * DAY_MS))).status).toBe(201);
    // What agency-service says of the recent one: five working days after it opened (make-up weekends count).
    const lookup = { authorization: await service.bearer(staff.administrator), requestId: 'admin-int-calendar' };
    const recentStuck = (await calendar.addWorkingDays(sixDaysAgo, 5, lookup)).getTime() <= Date.now();

    const res = await request(service.app)
      .get('/api/v1/admin/stuck?kind=undecided-level')
      .set('Authorization', await service.bearer(staff.administrator));
    expect(res.status).toBe(200);
    const found = (res.body.items as StuckItem[]).filter((item) => [recent, old].includes(item.caseId ?? ''));
    expect(found.map((item) => item.caseId)).toEqual(recentStuck ? [old, recent] : [old]);
    expect(found[0]?.diagnosis).toMatch(
      /^L1 undecided: waiting 30 days for the coordinators' decision \(clock-expired\) by 0a9e0000-0000-4000-8000-000000000001 \(5 working days allowed\)$/,
    );
    expect(res.body.warnings).toEqual([]);
  });

  it('keeps each case’s tasks-disagree flag in the database as the workflow writes progress and tasks', async () => {
    const caseId = await openCase();
    const calls = workflowCalls(service.app, service.engineBearer, caseId);
    const flagged = async () =>
      (await service.prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { tasksDisagree: true } }))
        .tasksDisagree;
    const report = async (seq: number, awaitedAction: 'accept-transfer' | 'mediate' | null, level = 'L1') => {
      const res = await calls.updateProgress(
        progress({ progressSeq: seq, level: level as 'L1', awaitedAction, phase: 'transfer' }),
      );
      expect(res.status).toBeLessThan(300);
    };
    expect(await flagged()).toBe(false);
    // Awaits an acceptance with no task yet: flagged; the task opens: cleared.
    await report(1, 'accept-transfer');
    expect(await flagged()).toBe(true);
    const accept = openAction({ kind: 'accept-transfer', actionId: '1-accept-transfer' });
    expect((await calls.openTask(accept)).status).toBe(201);
    expect(await flagged()).toBe(false);
    // The workflow moves on to mediation while the acceptance task is still open: flagged (of another kind).
    await report(2, 'mediate');
    expect(await flagged()).toBe(true);
    expect((await calls.closeTask('1-accept-transfer')).status).toBeLessThan(300);
    expect(await flagged()).toBe(true);
    expect((await calls.openTask(openAction({ kind: 'mediate', actionId: '2-mediate' }))).status).toBe(201);
    expect(await flagged()).toBe(false);
    // A task of another level than the case's: flagged.
    await report(3, 'mediate', 'L2');
    expect(await flagged()).toBe(true);
  });

  it('finds a case whose workflow was terminated behind its back', async () => {
    const caseId = await openCase();
    const workflowId = await startStub('idleStubWorkflow', caseId);
    await client.workflow.getHandle(workflowId).terminate('an operator cleaned up the wrong workflow');
    // Found among the workflows visibility lists as closed lately, which it learns of a moment after the fact.
    const { found } = await eventuallyInScan('reconciliation', caseId);
    expect(found.diagnosis).toBe('case open but workflow TERMINATED');
    expect((await describeCase(caseId)).diagnosis).toBe('case open but workflow TERMINATED');
  });

  it('finds a task open for a phase the workflow has left, and an action the workflow awaits with no task', async () => {
    const [orphaned, untasked] = [await openCase(), await openCase()];
    // The workflow moved on to mediation; the acceptance task of its transfer was never closed.
    await startStub('idleStubWorkflow', orphaned, [orphaned], { awaitedAction: 'mediate' });
    const stale = acceptance(new Date(Date.now() + DAY_MS).toISOString());
    const opened = await workflowCalls(service.app, service.engineBearer, orphaned).openTask({
      ...stale,
      openedAt: new Date(Date.now() - 2 * HOUR_MS).toISOString(),
    });
    expect(opened.status).toBe(201);
    // The workflow awaits mediation, but its task was lost.
    const mediate = openAction({
      kind: 'mediate',
      actionId: '3-mediate',
      openedAt: new Date(Date.now() - HOUR_MS).toISOString(),
    });
    await startStub('awaitingStubWorkflow', untasked, [untasked, [mediate]], { awaitedAction: 'mediate' });
    // As the real workflow does, it reported what it awaits (the scan compares that with the open tasks first).
    const reported = await workflowCalls(service.app, service.engineBearer, untasked).updateProgress(
      progress({
        phase: 'mediation',
        awaitedAction: 'mediate',
        nextDeadline: new Date(Date.now() + 20 * DAY_MS).toISOString(),
      }),
    );
    expect(reported.status).toBeLessThan(300);

    const orphan = await eventuallyInScan('reconciliation', orphaned);
    expect(orphan.found).toMatchObject({
      subject: ORPHAN_TASK,
      taskId: opened.body.id,
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
      diagnosis:
        'task accept-transfer (1-accept-transfer) is open, but the workflow has left it: it is in mediation at L1',
    });
    const missing = await eventuallyInScan('reconciliation', untasked);
    expect(missing.found).toMatchObject({
      subject: ACTION_WITHOUT_TASK,
      taskId: null,
      diagnosis:
        'the workflow awaits mediate (3-mediate) by 0a9e0000-0000-4000-8000-000000000006, but no task is open for it',
    });

    expect(await describeCase(orphaned)).toMatchObject({
      openTasks: [{ actionId: '1-accept-transfer', awaitedByWorkflow: false }],
      diagnosis: orphan.found.diagnosis,
    });
    expect(await describeCase(untasked)).toMatchObject({
      actionsWithoutTask: [
        { actionId: '3-mediate', kind: 'mediate', agencyId: '0a9e0000-0000-4000-8000-000000000006' },
      ],
      diagnosis: missing.found.diagnosis,
    });
  });

  it('finds an activity that keeps failing, with its attempt and last failure', async () => {
    const caseId = await openCase();
    await startStub('failingActivityStubWorkflow', caseId);
    await retried;
    const { found } = await sweptInScan('failing-activity', caseId);
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
    const { found } = await eventuallyInScan('blocked', caseId);
    expect(found).toMatchObject({
      subject: 'planCase',
      since,
      diagnosis: 'blocked: planCase — AgencyMissing: town qingshui has no agency at level L2',
    });
    expect((await describeCase(caseId)).diagnosis).toBe(found.diagnosis);
  });

  it('finds a workflow whose task keeps failing after a deploy made its code non-deterministic', async () => {
    const caseId = await openCase();
    const workflowId = await startStub('versionedStubWorkflow', caseId, [caseId], {
      taskQueue: firstVersion.taskQueue,
    });
    const handle = client.workflow.getHandle(workflowId);
    // Version 1 ran its first workflow task: the timer it started is in the history.
    await eventually('the timer of version 1 in the history', async () => {
      const history = await handle.fetchHistory();
      return history.events?.some((event) => event.timerStartedEventAttributes) ? true : undefined;
    });
    await firstVersion.stop();

    // The "deploy": a worker on the same task queue whose code starts no timer.
    const { temporalAddress } = testStack();
    const connection = await NativeConnection.connect({ address: temporalAddress });
    const nextVersion = await Worker.create({
      connection,
      namespace: client.options.namespace,
      taskQueue: firstVersion.taskQueue,
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: require.resolve('../../testing/stall-stub-next.workflow'),
        logger: { trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error, log: quiet },
      }),
    });
    const running = nextVersion.run();
    try {
      // A signal makes a new workflow task, which the new worker has to replay from the start.
      await handle.signal('poke');
      const { found } = await sweptInScan('workflow-task-failing', caseId, (item) => (item.attempt ?? 0) >= 2);
      expect(found).toMatchObject({ subject: 'non-deterministic-error', workflowId });
      expect(found.message).toMatch(/[Nn]ondeterminism/);
      const described = await describeCase(caseId);
      expect(described).toMatchObject({
        workflowStatus: 'RUNNING',
        state: null,
        workflowTask: { cause: 'non-deterministic-error', message: found.message },
      });
      expect(described.diagnosis).toMatch(
        /^workflow task failing for \d+ (min|h) \(attempt \d+\): non-deterministic-error: .*[Nn]ondeterminism/,
      );
    } finally {
      nextVersion.shutdown();
      await running;
      await connection.close();
    }
  });

  it('answers 403 to anyone but an administrator', async () => {
    for (const who of [staff.coordinator, staff.villageMediator]) {
      const res = await scan('overdue-task', who);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });
});
