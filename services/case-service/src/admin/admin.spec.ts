/** The stuck scan and describe on fakes: the diagnosis of each kind of stall, the order, the filters, who may ask. */
import { type AuditEntry, createLogger } from '@gongzhi/http';
import { AppError } from '@gongzhi/errors';
import { type DisputeState, newDisputeState, type PendingActivityView, StuckFilters } from '@gongzhi/contracts';
import { staff } from '../testing/fake-case-service';
import type { AdminCaseRecord, AdminRepository, AdminTaskRecord, OverdueTaskRecord } from './admin.repository';
import { createAdminService } from './admin.service';
import { diagnose, formatDuration, sortStuck } from './diagnosis';
import type { DescribedWorkflow, WorkflowInspector } from './workflow-inspector';

const NOW = new Date('2026-03-10T00:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function activity(overrides: Partial<PendingActivityView> = {}): PendingActivityView {
  return {
    activityId: '5',
    activityType: 'recordTimeline',
    attempt: 14,
    state: 'SCHEDULED',
    lastFailure: 'connect ECONNREFUSED',
    scheduledAt: ago(2 * HOUR).toISOString(),
    lastStartedAt: null,
    ...overrides,
  };
}

function workflow(overrides: Partial<DescribedWorkflow> = {}): DescribedWorkflow {
  return {
    workflowId: 'dispute-case-c1',
    status: 'RUNNING',
    caseId: 'c1',
    townCode: 'qingshui',
    agencyId: 'agency-shangba',
    level: 'L1',
    awaitedAction: 'mediate',
    startedAt: ago(100 * HOUR).toISOString(),
    closedAt: null,
    pendingActivities: [],
    ...overrides,
  };
}

function caseRecord(overrides: Partial<AdminCaseRecord> = {}): AdminCaseRecord {
  return {
    id: 'c1',
    workflowId: 'dispute-case-c1',
    townCode: 'qingshui',
    status: 'open',
    currentLevel: 'L1',
    currentAgencyId: 'agency-shangba',
    openedAt: ago(200 * HOUR),
    updatedAt: ago(5 * HOUR),
    ...overrides,
  };
}

function blockedState(): DisputeState {
  return {
    ...newDisputeState({ caseId: 'c3', townCode: 'qingshui', disputeType: 'neighbour', risks: [] }),
    blocked: {
      activity: 'planCase',
      type: 'AgencyMissing',
      message: 'town qingshui has no police station',
      since: ago(30 * HOUR).toISOString(),
      retryAt: NOW.toISOString(),
    },
  };
}

function setUp(world: {
  overdue?: OverdueTaskRecord[];
  open?: AdminCaseRecord[];
  finished?: AdminCaseRecord[];
  workflows?: DescribedWorkflow[];
  states?: Record<string, DisputeState>;
  tasks?: AdminTaskRecord[];
}) {
  const audits: AuditEntry[] = [];
  const repository: AdminRepository = {
    overdueTasks: async (filter) =>
      (world.overdue ?? []).filter(
        (task) =>
          task.dueAt < filter.dueBefore &&
          (!filter.townCode || task.townCode === filter.townCode) &&
          (!filter.agencyId || task.agencyId === filter.agencyId) &&
          (!filter.level || task.level === filter.level),
      ),
    openCases: async () => world.open ?? [],
    finishedCases: async () => world.finished ?? [],
    caseById: async (id) => [...(world.open ?? []), ...(world.finished ?? [])].find((c) => c.id === id) ?? null,
    openTasksOf: async () => world.tasks ?? [],
    lastEventsOf: async () => [{ type: 'case-opened', actor: 'med-1', agencyId: 'agency-shangba', at: ago(HOUR) }],
  };
  const inspector: WorkflowInspector = {
    listRunning: async (max) => (world.workflows ?? []).filter((w) => w.status === 'RUNNING').slice(0, max),
    describe: async (id) => (world.workflows ?? []).find((w) => w.workflowId === id) ?? null,
    state: async (id) => world.states?.[id] ?? null,
  };
  const service = createAdminService({
    repository,
    inspector,
    audit: { record: async (entry) => void audits.push(entry) },
    logger: createLogger('case-service', 'silent'),
    now: () => NOW,
  });
  const ctx = { principal: staff.administrator, requestId: 'req-1' };
  return { service, ctx, audits };
}

const overdueTask: OverdueTaskRecord = {
  id: 't1',
  caseId: 'c1',
  workflowId: 'dispute-case-c1',
  townCode: 'qingshui',
  kind: 'accept-transfer',
  level: 'L2',
  agencyId: 'agency-police',
  assigneeStaffId: null,
  openedAt: ago(120 * HOUR),
  dueAt: ago(72 * HOUR),
};

describe('the diagnosis', () => {
  it('says how long, in words people use', () => {
    expect([formatDuration(45 * 60_000), formatDuration(2 * HOUR), formatDuration(72 * HOUR)]).toEqual([
      '45 min',
      '2 h',
      '3 days',
    ]);
  });

  const base = {
    caseStatus: 'open',
    workflowStatus: 'RUNNING',
    state: null,
    pendingActivities: [],
    openTasks: [],
    now: NOW,
  };

  it('puts a record and workflow that disagree first, then blocked, then a failing activity, then an overdue task', () => {
    const overdue = [{ kind: 'accept-transfer', agencyId: 'agency-police', dueAt: ago(72 * HOUR) }];
    const all = { ...base, state: blockedState(), pendingActivities: [activity()], openTasks: overdue };
    expect(diagnose({ ...all, workflowStatus: 'TERMINATED' })).toBe('case open but workflow TERMINATED');
    expect(diagnose({ ...all, workflowStatus: 'NOT_FOUND' })).toBe('case open but no workflow exists');
    expect(diagnose(all)).toBe('blocked: planCase — AgencyMissing: town qingshui has no police station');
    expect(diagnose({ ...all, state: null })).toBe(
      'activity recordTimeline failing for 2 h (attempt 14): connect ECONNREFUSED',
    );
    expect(diagnose({ ...base, openTasks: overdue })).toBe(
      'waiting 3 days past due for accept-transfer by agency-police',
    );
  });

  it('sees a workflow still running for a closed case, and a case that simply waits on time', () => {
    expect(diagnose({ ...base, caseStatus: 'closed' })).toBe('case closed but workflow RUNNING');
    expect(diagnose({ ...base, caseStatus: 'merged', workflowStatus: 'COMPLETED' })).toBe(
      'finished: case merged, workflow COMPLETED',
    );
    expect(
      diagnose({
        ...base,
        openTasks: [{ kind: 'mediate', agencyId: 'agency-shangba', dueAt: new Date(NOW.getTime() + 5 * HOUR) }],
      }),
    ).toBe('on time: waiting for mediate by agency-shangba, due in 5 h');
    // A first attempt is not a failing activity.
    expect(diagnose({ ...base, pendingActivities: [activity({ attempt: 1 })] })).toMatch(/^no open task/);
  });

  it('sorts the longest stuck first, ties by case', () => {
    const item = (caseId: string, stuckForMs: number) => ({
      kind: 'overdue-task' as const,
      caseId,
      workflowId: `w-${caseId}`,
      townCode: null,
      agencyId: null,
      level: null,
      since: NOW.toISOString(),
      stuckForMs,
      subject: 'mediate',
      taskId: null,
      assigneeStaffId: null,
      attempt: null,
      message: null,
      diagnosis: '',
    });
    expect(sortStuck([item('b', 5), item('c', 9), item('a', 5)]).map((i) => i.caseId)).toEqual(['c', 'a', 'b']);
  });
});

describe('the stuck scan', () => {
  const world = {
    overdue: [overdueTask],
    open: [
      caseRecord({ id: 'c2', workflowId: 'dispute-case-c2', updatedAt: ago(10 * HOUR) }),
      caseRecord({ id: 'c1' }),
    ],
    finished: [caseRecord({ id: 'c5', workflowId: 'dispute-case-c5', status: 'closed', updatedAt: ago(1 * HOUR) })],
    workflows: [
      workflow(),
      workflow({
        workflowId: 'dispute-case-c2',
        caseId: 'c2',
        status: 'TERMINATED',
        closedAt: ago(48 * HOUR).toISOString(),
      }),
      workflow({ workflowId: 'dispute-case-c3', caseId: 'c3', awaitedAction: 'blocked:planCase', level: 'L2' }),
      workflow({
        workflowId: 'dispute-case-c4',
        caseId: 'c4',
        pendingActivities: [activity(), activity({ attempt: 1 })],
      }),
      workflow({ workflowId: 'dispute-case-c5', caseId: 'c5' }),
    ],
    states: { 'dispute-case-c3': blockedState() },
  };

  it('finds every kind, longest stuck first, with counts per kind, and audits the scan and each case', async () => {
    const { service, ctx, audits } = setUp(world);
    const report = await service.stuck(ctx, StuckFilters.parse({}));
    expect(report.items.map((i) => [i.kind, i.caseId, i.diagnosis])).toEqual([
      ['overdue-task', 'c1', 'waiting 3 days past due for accept-transfer by agency-police'],
      ['reconciliation', 'c2', 'case open but workflow TERMINATED'],
      ['blocked', 'c3', 'blocked: planCase — AgencyMissing: town qingshui has no police station'],
      ['failing-activity', 'c4', 'activity recordTimeline failing for 2 h (attempt 14): connect ECONNREFUSED'],
      ['reconciliation', 'c5', 'case closed but workflow RUNNING'],
    ]);
    expect(report.counts).toEqual({ 'overdue-task': 1, blocked: 1, 'failing-activity': 1, reconciliation: 2 });
    expect(report.items[0]).toMatchObject({ taskId: 't1', stuckForMs: 72 * HOUR, level: 'L2' });
    expect(report.truncated).toBe(false);
    expect(audits.map((a) => [a.action, a.objectId])).toEqual(
      expect.arrayContaining([
        ['admin.stuck.scan', 'all'],
        ['case.admin.stuck', 'c1'],
        ['case.admin.stuck', 'c5'],
      ]),
    );
  });

  it('filters by kind, level and age, and cuts the list at the limit', async () => {
    const { service, ctx } = setUp(world);
    const blockedOnly = await service.stuck(ctx, StuckFilters.parse({ kind: 'blocked' }));
    expect(blockedOnly.items.map((i) => i.caseId)).toEqual(['c3']);
    expect(blockedOnly.counts).toEqual({ 'overdue-task': 0, blocked: 1, 'failing-activity': 0, reconciliation: 0 });
    const l2 = await service.stuck(ctx, StuckFilters.parse({ level: 'L2' }));
    expect(l2.items.map((i) => i.caseId)).toEqual(['c1', 'c3']);
    const old = await service.stuck(ctx, StuckFilters.parse({ minAgeHours: '24' }));
    expect(old.items.map((i) => i.caseId)).toEqual(['c1', 'c2', 'c3']);
    const first = await service.stuck(ctx, StuckFilters.parse({ limit: '1' }));
    expect([first.items.length, first.truncated, first.counts.reconciliation]).toEqual([1, true, 2]);
  });

  it('refuses everyone but administrators', async () => {
    const { service } = setUp(world);
    for (const principal of [staff.coordinator, staff.villageMediator, staff.policeLiaison]) {
      const refused = await service
        .stuck({ principal, requestId: 'r' }, StuckFilters.parse({}))
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).status).toBe(403);
    }
  });
});

describe('describe', () => {
  it('explains an overdue task with the state, tasks and timeline, and audits the read', async () => {
    const { service, ctx, audits } = setUp({
      open: [caseRecord()],
      workflows: [workflow()],
      tasks: [
        {
          id: 't1',
          kind: 'accept-transfer',
          agencyId: 'agency-police',
          assigneeStaffId: null,
          openedAt: ago(120 * HOUR),
          dueAt: ago(72 * HOUR),
        },
      ],
    });
    const described = await service.describe(ctx, 'c1');
    expect(described).toMatchObject({
      caseStatus: 'open',
      workflowStatus: 'RUNNING',
      openTasks: [{ id: 't1', overdueMs: 72 * HOUR }],
      timeline: [{ type: 'case-opened' }],
      diagnosis: 'waiting 3 days past due for accept-transfer by agency-police',
    });
    expect(audits).toContainEqual(expect.objectContaining({ action: 'case.admin.describe', objectId: 'c1' }));
  });

  it('answers 404 for an unknown case', async () => {
    const { service, ctx } = setUp({});
    await expect(service.describe(ctx, 'nope')).rejects.toMatchObject({ status: 404 });
  });
});
