/** The stuck scan and describe on fakes: the diagnosis of each kind of stall, the order, the filters, who may ask. */
import { type AuditEntry, createLogger } from '@gongzhi/http';
import { AppError, DependencyUnavailableError } from '@gongzhi/errors';
import {
  type DisputeState,
  HUMAN_ACTION_KINDS,
  newDisputeState,
  type OpenAction,
  type PendingActivityView,
  StuckFilters,
} from '@gongzhi/contracts';
import { staff } from '../testing/fake-case-service';
import type { AdminCaseRecord, AdminRepository, OpenTaskRecord } from './admin.repository';
import { type AdminServiceDeps, createAdminService } from './admin.service';
import { ACTION_WITHOUT_TASK, diagnose, formatDuration, ORPHAN_TASK, reconcileTasks, sortStuck } from './diagnosis';
import { DEFAULT_STUCK_THRESHOLDS, parseStuckThresholds, type StuckThresholds } from './stuck-thresholds';
import type { WorkingDayCalendar } from './working-day-calendar';
import {
  type DescribedWorkflow,
  LIST_PAGE_SIZE,
  RUNNING_AMONG_BATCH,
  type WorkflowInspector,
  type WorkflowTaskFailure,
} from '@gongzhi/dispute-client';

/** Tuesday 10 March 2026, 08:00 in Asia/Shanghai. */
const NOW = new Date('2026-03-10T00:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

/**
 * agency-service's calendar in miniature: Monday to Friday work in Asia/Shanghai, except the holidays given, and the
 * make-up days given work. Records every ask; `down` makes it fail as an unreachable agency-service does.
 */
function fakeCalendar(options: { holidays?: string[]; makeUpDays?: string[] } = {}) {
  const calendar = {
    asked: [] as string[],
    down: false,
    async addWorkingDays(from: Date, days: number) {
      if (calendar.down) throw new DependencyUnavailableError('agency-service (the working-day calendar)');
      calendar.asked.push(`${from.toISOString()}+${days}`);
      let at = from.getTime();
      for (let counted = 0; counted < days;) {
        at += DAY;
        const local = new Date(at + 8 * HOUR);
        const date = local.toISOString().slice(0, 10);
        const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
        const works = options.makeUpDays?.includes(date) || (!weekend && !options.holidays?.includes(date));
        if (works) counted += 1;
      }
      return new Date(at);
    },
  } satisfies WorkingDayCalendar & Record<string, unknown>;
  return calendar;
}

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
    runId: 'run-1',
    status: 'RUNNING',
    caseId: 'c1',
    townCode: 'qingshui',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    level: 'L1',
    awaitedAction: 'mediate',
    nextDeadline: new Date(NOW.getTime() + 20 * DAY).toISOString(),
    startedAt: ago(100 * HOUR).toISOString(),
    closedAt: null,
    pendingActivities: [],
    workflowTask: null,
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
    currentAgencyId: '0a9e0000-0000-4000-8000-000000000006',
    openedAt: ago(200 * HOUR),
    updatedAt: ago(5 * HOUR),
    progressSeq: 3,
    awaitedAction: 'mediate',
    nextDeadline: new Date(NOW.getTime() + 20 * DAY),
    ...overrides,
  };
}

function task(overrides: Partial<OpenTaskRecord> = {}): OpenTaskRecord {
  return {
    id: 't1',
    caseId: 'c1',
    workflowId: 'dispute-case-c1',
    townCode: 'qingshui',
    actionId: '1-accept-transfer',
    kind: 'accept-transfer',
    level: 'L2',
    agencyId: '0a9e0000-0000-4000-8000-000000000005',
    assigneeStaffId: null,
    openedAt: ago(120 * HOUR),
    dueAt: ago(72 * HOUR),
    reason: 'intake',
    ...overrides,
  };
}

function action(overrides: Partial<OpenAction> = {}): OpenAction {
  return {
    actionId: '3-mediate',
    kind: 'mediate',
    level: 'L1',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    roles: ['mediator'],
    assigneeStaffId: 'med-1',
    openedAt: ago(30 * HOUR).toISOString(),
    dueAt: new Date(NOW.getTime() + 20 * DAY).toISOString(),
    rule: null,
    reason: null,
    ...overrides,
  };
}

function settledState(caseId: string, overrides: Partial<DisputeState> = {}): DisputeState {
  return {
    ...newDisputeState({ caseId, townCode: 'qingshui', disputeType: 'neighbour', risks: [] }),
    level: 'L1',
    phase: 'mediation',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    settling: false,
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

interface World {
  /** Every open task. */
  tasks?: OpenTaskRecord[];
  open?: AdminCaseRecord[];
  finished?: AdminCaseRecord[];
  workflows?: DescribedWorkflow[];
  states?: Record<string, DisputeState>;
  failures?: Record<string, WorkflowTaskFailure>;
  /** Open tasks that appear (or go) between the scan's first and second read of a case's tasks. */
  secondRead?: OpenTaskRecord[];
  /** The workflows the health sweep found in trouble (by id); `sweep` its last pass (a whole one by default). */
  troubled?: string[];
  sweep?: { lastPassFinishedAt: Date | null; lastPassChecked: number; lastPassComplete: boolean };
}

const HUMAN_KINDS: ReadonlySet<string> = new Set(HUMAN_ACTION_KINDS);

function setUp(
  world: World,
  options: {
    thresholds?: StuckThresholds;
    calendar?: ReturnType<typeof fakeCalendar>;
    views?: AdminServiceDeps['views'];
  } = {},
) {
  const audits: AuditEntry[] = [];
  const calendar = options.calendar ?? fakeCalendar();
  const tasks = () => world.tasks ?? [];
  let reads = 0;
  const repository: AdminRepository = {
    awaitedTasks: async (filter) =>
      tasks().filter(
        (t) =>
          filter.rules.some(
            (rule) =>
              rule.kind === t.kind &&
              (rule.from === 'due' && t.dueAt ? t.dueAt : t.openedAt).getTime() < rule.before.getTime(),
          ) &&
          (!filter.townCode || t.townCode === filter.townCode) &&
          (!filter.agencyId || t.agencyId === filter.agencyId) &&
          (!filter.level || t.level === filter.level),
      ),
    casesWithOpenTask: async (kind, caseIds) => [
      ...new Set(
        tasks()
          .filter((t) => t.kind === kind && caseIds.includes(t.caseId))
          .map((t) => t.caseId),
      ),
    ],
    openTasksOfCases: async (caseIds) => {
      reads += 1;
      const source = reads > 1 && world.secondRead ? world.secondRead : tasks();
      return source.filter((t) => caseIds.includes(t.caseId));
    },
    finishedCases: async () => world.finished ?? [],
    stalledCases: async ({ before, townCode }) =>
      (world.open ?? []).filter(
        (c) =>
          (!townCode || c.townCode === townCode) &&
          ((c.status === 'open' && c.nextDeadline !== null && c.nextDeadline < before) ||
            (c.status === 'open' && c.progressSeq === 0 && c.openedAt < before) ||
            (c.status === 'opening' && c.openedAt < before)),
      ),
    casesOfWorkflows: async (ids) =>
      [...(world.open ?? []), ...(world.finished ?? [])].filter((c) => ids.includes(c.workflowId)),
    // The SQL's rule, in JavaScript.
    disagreeingCases: async ({ townCode }) =>
      (world.open ?? []).filter((c) => {
        if (c.status !== 'open' || (townCode && c.townCode !== townCode)) return false;
        const open = tasks().filter((t) => t.caseId === c.id);
        const unmatched = open.some(
          (t) => t.kind !== c.awaitedAction || (t.level !== null && t.level !== c.currentLevel),
        );
        const missing = HUMAN_KINDS.has(c.awaitedAction ?? '') && !open.some((t) => t.kind === c.awaitedAction);
        return unmatched || missing;
      }),
    caseById: async (id) => [...(world.open ?? []), ...(world.finished ?? [])].find((c) => c.id === id) ?? null,
    openTasksOf: async (caseId) => {
      reads += 1;
      const source = reads > 1 && world.secondRead ? world.secondRead : tasks();
      return source.filter((t) => t.caseId === caseId);
    },
    lastEventsOf: async () => [
      { type: 'case-opened', actor: 'med-1', agencyId: '0a9e0000-0000-4000-8000-000000000006', at: ago(HOUR) },
    ],
  };
  /** Every Temporal call the scan makes, by inspector method (visibility: one call per page of 1,000 or batch). */
  const calls = { visibility: 0, describe: [] as string[], state: [] as string[], history: [] as string[] };
  const listed = (found: DescribedWorkflow[], townCode: string | undefined, max: number) => {
    const matching = found.filter((w) => !townCode || w.townCode === townCode);
    calls.visibility += Math.max(1, Math.ceil(matching.length / LIST_PAGE_SIZE));
    return matching.slice(0, max);
  };
  const inspector: WorkflowInspector = {
    runningPages: async function* (pageSize) {
      const running = (world.workflows ?? []).filter((w) => w.status === 'RUNNING');
      for (let n = 0; n < running.length; n += pageSize) {
        calls.visibility += 1;
        yield running.slice(n, n + pageSize);
      }
    },
    listBlocked: async ({ townCode, max }) =>
      listed(
        (world.workflows ?? []).filter((w) => w.status === 'RUNNING' && w.awaitedAction?.startsWith('blocked:')),
        townCode,
        max,
      ),
    listClosedSince: async ({ since, townCode, max }) =>
      listed(
        (world.workflows ?? []).filter((w) => w.closedAt !== null && Date.parse(w.closedAt) > since.getTime()),
        townCode,
        max,
      ),
    runningAmong: async (ids) => {
      calls.visibility += Math.ceil(ids.length / RUNNING_AMONG_BATCH);
      return new Set(
        (world.workflows ?? [])
          .filter((w) => w.status === 'RUNNING' && ids.includes(w.workflowId))
          .map((w) => w.workflowId),
      );
    },
    describe: async (id) => {
      calls.describe.push(id);
      return (world.workflows ?? []).find((w) => w.workflowId === id) ?? null;
    },
    state: async (id) => {
      calls.state.push(id);
      return world.states?.[id] ?? null;
    },
    lastWorkflowTaskFailure: async (id) => {
      calls.history.push(id);
      return world.failures?.[id] ?? null;
    },
  };
  const service = createAdminService({
    repository,
    inspector,
    health: {
      troubled: async ({ townCode }) =>
        (world.troubled ?? []).flatMap((workflowId) => {
          const found = (world.workflows ?? []).find((w) => w.workflowId === workflowId);
          return !townCode || found?.townCode === townCode
            ? [
                {
                  workflowId,
                  caseId: found?.caseId ?? null,
                  townCode: found?.townCode ?? null,
                  firstSeenAt: ago(HOUR),
                  checkedAt: NOW,
                },
              ]
            : [];
        }),
      status: async () => world.sweep ?? { lastPassFinishedAt: NOW, lastPassChecked: 1, lastPassComplete: true },
    },
    calendar,
    ...(options.thresholds ? { thresholds: options.thresholds } : {}),
    ...(options.views ? { views: options.views } : {}),
    audit: { record: async (entry) => void audits.push(entry) },
    logger: createLogger('case-service', 'silent'),
    now: () => NOW,
  });
  const ctx = { principal: staff.administrator, requestId: 'req-1', authorization: 'Bearer admin' };
  return { service, ctx, audits, calendar, calls };
}

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
    workflowTask: null,
    pendingActivities: [],
    openTasks: [],
    orphanTasks: [],
    actionsWithoutTask: [],
    now: NOW,
  };
  const failingTask = {
    attempt: 7,
    since: ago(3 * HOUR).toISOString(),
    cause: 'non-deterministic-error',
    message: '[TMPRL1100] Nondeterminism error',
  };

  it('puts the most fundamental cause first: record, workflow task, blocked, activity, missing task, orphan task, overdue', () => {
    const overdue = [
      { kind: 'accept-transfer', agencyId: '0a9e0000-0000-4000-8000-000000000005', dueAt: ago(72 * HOUR) },
    ];
    const orphan = { id: 't9', actionId: '1-accept-transfer', kind: 'accept-transfer', openedAt: ago(100 * HOUR) };
    const missing = {
      actionId: '3-mediate',
      kind: 'mediate' as const,
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
    };
    const state = { ...blockedState(), phase: 'mediation' as const, level: 'L1' as const };
    const all = {
      ...base,
      state,
      workflowTask: failingTask,
      pendingActivities: [activity()],
      openTasks: overdue,
      orphanTasks: [orphan],
      actionsWithoutTask: [missing],
    };
    const lines = [
      diagnose({ ...all, workflowStatus: 'TERMINATED' }),
      diagnose(all),
      diagnose({ ...all, workflowTask: null }),
      diagnose({ ...all, workflowTask: null, state: { ...state, blocked: null } }),
      diagnose({ ...all, workflowTask: null, state: { ...state, blocked: null }, pendingActivities: [] }),
      diagnose({
        ...all,
        workflowTask: null,
        state: { ...state, blocked: null },
        pendingActivities: [],
        actionsWithoutTask: [],
      }),
      diagnose({ ...base, openTasks: overdue }),
    ];
    expect(lines).toEqual([
      'case open but workflow TERMINATED',
      'workflow task failing for 3 h (attempt 7): non-deterministic-error: [TMPRL1100] Nondeterminism error',
      'blocked: planCase — AgencyMissing: town qingshui has no police station',
      'activity recordTimeline failing for 2 h (attempt 14): connect ECONNREFUSED',
      'the workflow awaits mediate (3-mediate) by 0a9e0000-0000-4000-8000-000000000006, but no task is open for it',
      'task accept-transfer (1-accept-transfer) is open, but the workflow has left it: it is in mediation at L1',
      'waiting 3 days past due for accept-transfer by 0a9e0000-0000-4000-8000-000000000005',
    ]);
    expect(diagnose({ ...base, workflowStatus: 'NOT_FOUND' })).toBe('case open but no workflow exists');
  });

  it('sees a workflow still running for a closed case, and a case that simply waits on time', () => {
    expect(diagnose({ ...base, caseStatus: 'closed' })).toBe('case closed but workflow RUNNING');
    expect(diagnose({ ...base, caseStatus: 'merged', workflowStatus: 'COMPLETED' })).toBe(
      'finished: case merged, workflow COMPLETED',
    );
    expect(
      diagnose({
        ...base,
        openTasks: [
          {
            kind: 'mediate',
            agencyId: '0a9e0000-0000-4000-8000-000000000006',
            dueAt: new Date(NOW.getTime() + 5 * HOUR),
          },
        ],
      }),
    ).toBe('on time: waiting for mediate by 0a9e0000-0000-4000-8000-000000000006, due in 5 h');
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

describe('tasks against the workflow’s open actions', () => {
  const state = settledState('c1', { openActions: [action()] });
  const mediateTask = task({ id: 't-m', actionId: '3-mediate', kind: 'mediate', openedAt: ago(30 * HOUR) });
  const stale = task({ id: 't-a', actionId: '1-accept-transfer', openedAt: ago(50 * HOUR) });

  it('calls a task open on both reads, and not awaited, an orphan; an action no read has a task for, missing', () => {
    expect(reconcileTasks(state, [mediateTask, stale], [mediateTask, stale], NOW)).toEqual({
      orphans: [stale],
      missing: [],
    });
    expect(reconcileTasks(state, [stale], [stale], NOW)?.missing.map((a) => a.actionId)).toEqual(['3-mediate']);
  });

  it('leaves alone what the workflow is writing: a task closed or opened between the reads, young ones, a settling state', () => {
    // Closed by the workflow after the first read: gone by the second.
    expect(reconcileTasks(state, [mediateTask, stale], [mediateTask], NOW)?.orphans).toEqual([]);
    // The task for the action was written after the first read.
    expect(reconcileTasks(state, [], [mediateTask], NOW)?.missing).toEqual([]);
    // Seconds old: the state read may predate it.
    const young = task({ id: 't-y', actionId: '9-mediate', openedAt: new Date(NOW.getTime() - 10_000) });
    expect(reconcileTasks(state, [mediateTask, young], [mediateTask, young], NOW)?.orphans).toEqual([]);
    const youngAction = settledState('c1', {
      openActions: [action({ openedAt: new Date(NOW.getTime() - 10_000).toISOString() })],
    });
    expect(reconcileTasks(youngAction, [], [], NOW)?.missing).toEqual([]);
    expect(reconcileTasks({ ...state, settling: true }, [stale], [stale], NOW)).toBeNull();
    expect(reconcileTasks(null, [stale], [stale], NOW)).toBeNull();
  });
});

describe('thresholds per action kind', () => {
  it('default to the task’s own due date, two working days for a coordinator’s decision, two of grace for a visit', () => {
    expect(DEFAULT_STUCK_THRESHOLDS['accept-transfer']).toEqual({ from: 'due', workingDays: 0 });
    expect(DEFAULT_STUCK_THRESHOLDS['decide-escalation']).toEqual({ from: 'opened', workingDays: 2 });
    expect(DEFAULT_STUCK_THRESHOLDS['follow-up-visit']).toEqual({ from: 'due', workingDays: 2 });
    expect(parseStuckThresholds('')).toEqual(DEFAULT_STUCK_THRESHOLDS);
  });

  it('are configured as kind=due, kind=due+N or kind=N over the defaults', () => {
    const parsed = parseStuckThresholds(' mediate=due+3, urge-acceptance=1 ,accept-transfer=due');
    expect([parsed.mediate, parsed['urge-acceptance'], parsed['accept-transfer'], parsed['decide-escalation']]).toEqual(
      [
        { from: 'due', workingDays: 3 },
        { from: 'opened', workingDays: 1 },
        { from: 'due', workingDays: 0 },
        { from: 'opened', workingDays: 2 },
      ],
    );
  });

  it('refuse what they cannot read, saying what would be right', () => {
    expect(() => parseStuckThresholds('mediation=2')).toThrow(
      /"mediation" is not an action kind: use one of accept-transfer/,
    );
    expect(() => parseStuckThresholds('mediate=soon')).toThrow(/write mediate=due \(its due date\), mediate=due\+N/);
    expect(() => parseStuckThresholds('mediate=90')).toThrow(/at most 60/);
  });
});

describe('the stuck scan', () => {
  const world: World = {
    tasks: [task()],
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
    troubled: ['dispute-case-c4'],
  };

  it('finds every kind, longest stuck first, with counts per kind, and audits the scan and the cases in it', async () => {
    const { service, ctx, audits } = setUp(world);
    const report = await service.stuck(ctx, StuckFilters.parse({}));
    expect(report.items.map((i) => [i.kind, i.caseId, i.diagnosis])).toEqual([
      [
        'overdue-acceptance',
        'c1',
        'waiting 3 days past due for accept-transfer by 0a9e0000-0000-4000-8000-000000000005',
      ],
      ['reconciliation', 'c2', 'case open but workflow TERMINATED'],
      ['blocked', 'c3', 'blocked: planCase — AgencyMissing: town qingshui has no police station'],
      ['failing-activity', 'c4', 'activity recordTimeline failing for 2 h (attempt 14): connect ECONNREFUSED'],
      ['reconciliation', 'c5', 'case closed but workflow RUNNING'],
    ]);
    expect(report.counts).toEqual({
      'overdue-acceptance': 1,
      'undecided-level': 0,
      'overdue-task': 0,
      'workflow-task-failing': 0,
      blocked: 1,
      'failing-activity': 1,
      reconciliation: 2,
    });
    expect(report.items[0]).toMatchObject({
      taskId: 't1',
      stuckForMs: 72 * HOUR,
      level: 'L2',
      subject: 'accept-transfer',
    });
    expect([report.truncated, report.view, report.warnings]).toEqual([false, null, []]);
    // One row for the scan and one naming every case on the page, however many there are.
    expect(audits.map((a) => a.action)).toEqual(['admin.stuck.scan', 'case.admin.stuck']);
    expect(audits[0]).toMatchObject({ objectId: 'all' });
    expect(audits[1]).toMatchObject({ objectType: 'case', objectId: 'list' });
    expect([...(audits[1]?.objectIds ?? [])].sort()).toEqual(
      [...new Set(report.items.flatMap((item) => (item.caseId ? [item.caseId] : [])))].sort(),
    );
    expect(audits[1]?.objectIds).toEqual(expect.arrayContaining(['c1', 'c5']));
  });

  it('filters by kind, level and age, and cuts the list at the limit', async () => {
    const { service, ctx } = setUp(world);
    const blockedOnly = await service.stuck(ctx, StuckFilters.parse({ kind: 'blocked' }));
    expect(blockedOnly.items.map((i) => i.caseId)).toEqual(['c3']);
    expect(blockedOnly.counts).toMatchObject({
      'overdue-acceptance': 0,
      blocked: 1,
      'failing-activity': 0,
      reconciliation: 0,
    });
    const l2 = await service.stuck(ctx, StuckFilters.parse({ level: 'L2' }));
    expect(l2.items.map((i) => i.caseId)).toEqual(['c1', 'c3']);
    const old = await service.stuck(ctx, StuckFilters.parse({ minAgeHours: '24' }));
    expect(old.items.map((i) => i.caseId)).toEqual(['c1', 'c2', 'c3']);
    const first = await service.stuck(ctx, StuckFilters.parse({ limit: '1' }));
    expect([first.items.length, first.truncated, first.counts.reconciliation]).toEqual([1, true, 2]);
  });

  it('applies a saved view named in the filters (a batch’s), the filters given overriding it', async () => {
    const views: AdminServiceDeps['views'] = {
      filtersOf: async (_ctx, ref) => ({ id: 'v-1', name: ref, filters: { kind: 'overdue-acceptance', level: 'L1' } }),
    };
    const { service, ctx } = setUp(world, { views });
    const report = await service.stuck(ctx, { view: 'police-late', level: 'L2', limit: 50 });
    expect([report.view, report.items.map((i) => [i.kind, i.caseId])]).toEqual([
      { id: 'v-1', name: 'police-late' },
      [['overdue-acceptance', 'c1']],
    ]);
    const without = setUp(world);
    await expect(without.service.stuck(ctx, { view: 'police-late', limit: 50 })).rejects.toMatchObject({ status: 400 });
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

describe('awaited human actions in working days', () => {
  // Friday 6 March 2026, 10:00 in Shanghai: two working days later is Tuesday 10:00, two hours after NOW.
  const friday = new Date('2026-03-06T02:00:00.000Z');
  const thursday = new Date('2026-03-05T02:00:00.000Z');
  const decision = (id: string, openedAt: Date, reason = 'clock-expired') =>
    task({
      id,
      caseId: `case-${id}`,
      workflowId: `dispute-case-${id}`,
      actionId: `7-decide-escalation`,
      kind: 'decide-escalation',
      agencyId: '0a9e0000-0000-4000-8000-000000000001',
      openedAt,
      dueAt: null,
      reason,
    });

  it('calls a coordinator’s decision stuck after two working days, not two calendar days, and says why it was asked', async () => {
    const { service, ctx, calendar } = setUp({
      tasks: [decision('d-fri', friday), decision('d-thu', thursday, 'failure')],
    });
    const report = await service.stuck(ctx, StuckFilters.parse({ kind: 'undecided-level' }));
    expect(report.items.map((i) => [i.taskId, i.subject, i.since, i.diagnosis])).toEqual([
      [
        'd-thu',
        'decide-escalation',
        thursday.toISOString(),
        "L2 undecided: waiting 4 days for the coordinators' decision (failure) by 0a9e0000-0000-4000-8000-000000000001 (2 working days allowed)",
      ],
    ]);
    expect(calendar.asked.sort()).toEqual([`${thursday.toISOString()}+2`, `${friday.toISOString()}+2`]);
  });

  it('counts holidays and make-up working days as agency-service’s calendar does', async () => {
    // Monday 9 March made a holiday: Thursday + 2 working days is now Tuesday, 10:00, after NOW.
    const holiday = setUp(
      { tasks: [decision('d-thu', thursday)] },
      { calendar: fakeCalendar({ holidays: ['2026-03-09'] }) },
    );
    expect((await holiday.service.stuck(holiday.ctx, StuckFilters.parse({}))).items).toEqual([]);
    // Saturday 7 March made a working day: Friday + 2 working days is Monday, 10:00, before NOW.
    const makeUp = setUp(
      { tasks: [decision('d-fri', friday)] },
      { calendar: fakeCalendar({ makeUpDays: ['2026-03-07'] }) },
    );
    expect((await makeUp.service.stuck(makeUp.ctx, StuckFilters.parse({}))).items.map((i) => i.taskId)).toEqual([
      'd-fri',
    ]);
  });

  it('reports acceptances, decisions and other actions under their own kinds, per configured threshold', async () => {
    const tasks = [
      task(),
      decision('d-thu', thursday),
      task({
        id: 't-visit',
        caseId: 'c8',
        kind: 'follow-up-visit',
        actionId: '9-follow-up-visit',
        dueAt: ago(26 * HOUR),
        reason: null,
      }),
      task({
        id: 't-urge',
        caseId: 'c9',
        kind: 'urge-acceptance',
        actionId: '4-urge-acceptance',
        dueAt: ago(26 * HOUR),
        reason: null,
      }),
    ];
    const defaults = setUp({ tasks });
    const report = await defaults.service.stuck(defaults.ctx, StuckFilters.parse({}));
    // The visit gets two working days of grace past its date (Monday 06:00 + 2 = Wednesday 06:00): not yet.
    expect(report.items.map((i) => [i.kind, i.taskId])).toEqual([
      ['undecided-level', 'd-thu'],
      ['overdue-acceptance', 't1'],
      ['overdue-task', 't-urge'],
    ]);
    expect(report.counts).toMatchObject({ 'overdue-acceptance': 1, 'undecided-level': 1, 'overdue-task': 1 });
    const configured = setUp(
      { tasks },
      { thresholds: parseStuckThresholds('follow-up-visit=due,urge-acceptance=due+2') },
    );
    const again = await configured.service.stuck(configured.ctx, StuckFilters.parse({ kind: 'overdue-task' }));
    expect(again.items.map((i) => [i.taskId, i.diagnosis])).toEqual([
      ['t-visit', 'waiting 26 h past due for follow-up-visit by 0a9e0000-0000-4000-8000-000000000005'],
    ]);
  });

  it('leaves out a mediate task past its clock while the coordinators hold the level’s decision', async () => {
    const mediate = task({ id: 't-m', caseId: 'c6', kind: 'mediate', actionId: '3-mediate', dueAt: ago(30 * HOUR) });
    const lonely = task({ id: 't-m2', caseId: 'c7', kind: 'mediate', actionId: '3-mediate', dueAt: ago(30 * HOUR) });
    const open = task({ ...decision('d-new', new Date(NOW.getTime() - HOUR)), caseId: 'c6' });
    const { service, ctx } = setUp({ tasks: [mediate, lonely, open] });
    const report = await service.stuck(ctx, StuckFilters.parse({}));
    expect(report.items.map((i) => i.taskId)).toEqual(['t-m2']);
  });

  it('lists what it could judge and warns about the rest when agency-service’s calendar does not answer', async () => {
    const calendar = fakeCalendar();
    calendar.down = true;
    const { service, ctx } = setUp({ tasks: [task(), decision('d-thu', thursday)] }, { calendar });
    const report = await service.stuck(ctx, StuckFilters.parse({}));
    // A threshold of zero working days needs no calendar.
    expect(report.items.map((i) => i.taskId)).toEqual(['t1']);
    expect(report.warnings).toEqual([
      expect.stringMatching(/^agency-service's working-day calendar did not answer: 1 task\(s\)/),
    ]);
  });
});

describe('workflow tasks and reconciliation in the scan', () => {
  it('finds a workflow task that keeps failing, with its attempt, since when and the last failure from the history', async () => {
    const since = ago(3 * HOUR).toISOString();
    const { service, ctx } = setUp({
      workflows: [
        workflow({
          workflowId: 'dispute-case-c1',
          workflowTask: { attempt: 9, scheduledAt: null, originalScheduledAt: null },
        }),
        // A first attempt is a workflow at work, not a failure.
        workflow({
          workflowId: 'dispute-case-c2',
          caseId: 'c2',
          workflowTask: { attempt: 1, scheduledAt: null, originalScheduledAt: null },
        }),
      ],
      // The health sweep found the first; the second it did not list.
      troubled: ['dispute-case-c1'],
      failures: {
        'dispute-case-c1': {
          at: since,
          cause: 'non-deterministic-error',
          message: '[TMPRL1100] Nondeterminism error: timer',
        },
      },
    });
    const report = await service.stuck(ctx, StuckFilters.parse({ kind: 'workflow-task-failing' }));
    expect(report.items).toEqual([
      expect.objectContaining({
        kind: 'workflow-task-failing',
        caseId: 'c1',
        since,
        stuckForMs: 3 * HOUR,
        subject: 'non-deterministic-error',
        attempt: 9,
        message: '[TMPRL1100] Nondeterminism error: timer',
        diagnosis:
          'workflow task failing for 3 h (attempt 9): non-deterministic-error: [TMPRL1100] Nondeterminism error: timer',
      }),
    ]);
    expect(report.counts['workflow-task-failing']).toBe(1);
  });

  it('finds a task open for a phase the workflow left, and an action the workflow awaits with no task', async () => {
    const orphan = task({
      id: 't-old',
      caseId: 'c6',
      actionId: '1-accept-transfer',
      openedAt: ago(50 * HOUR),
      dueAt: null,
    });
    const { service, ctx } = setUp({
      tasks: [orphan],
      // What the workflows last reported: c6 and c7 await mediate (c6 has a task of another kind, c7 none), c8 nothing.
      open: [
        caseRecord({ id: 'c6', workflowId: 'dispute-case-c6' }),
        caseRecord({ id: 'c7', workflowId: 'dispute-case-c7' }),
        caseRecord({ id: 'c8', workflowId: 'dispute-case-c8', awaitedAction: null }),
      ],
      workflows: [
        workflow({ workflowId: 'dispute-case-c6', caseId: 'c6', awaitedAction: 'mediate' }),
        // No task row at all: asked because its case says it awaits a human.
        workflow({ workflowId: 'dispute-case-c7', caseId: 'c7', awaitedAction: 'mediate' }),
        // Awaits no human and has no task: never queried.
        workflow({ workflowId: 'dispute-case-c8', caseId: 'c8', awaitedAction: null }),
      ],
      states: {
        'dispute-case-c6': settledState('c6', { openActions: [] }),
        'dispute-case-c7': settledState('c7', { openActions: [action()] }),
        'dispute-case-c8': settledState('c8', { openActions: [action()] }),
      },
    });
    const report = await service.stuck(ctx, StuckFilters.parse({ kind: 'reconciliation' }));
    expect(report.items.map((i) => [i.caseId, i.subject, i.taskId, i.diagnosis])).toEqual([
      [
        'c6',
        ORPHAN_TASK,
        't-old',
        'task accept-transfer (1-accept-transfer) is open, but the workflow has left it: it is in mediation at L1',
      ],
      [
        'c7',
        ACTION_WITHOUT_TASK,
        null,
        'the workflow awaits mediate (3-mediate) by 0a9e0000-0000-4000-8000-000000000006, but no task is open for it',
      ],
    ]);
  });

  it('leaves alone a case whose terminated run was followed by a new one (a reset), and one still opening', async () => {
    const terminated = workflow({
      workflowId: 'dispute-case-c9',
      caseId: 'c9',
      status: 'TERMINATED',
      closedAt: ago(2 * HOUR).toISOString(),
    });
    const { service, ctx } = setUp({
      open: [
        caseRecord({ id: 'c9', workflowId: 'dispute-case-c9' }),
        caseRecord({ id: 'c10', workflowId: 'dispute-case-c10' }),
        // Opened a minute ago: its workflow ended as it started; the resume sweep has it, not the scan yet.
        caseRecord({ id: 'c11', workflowId: 'dispute-case-c11', status: 'opening', openedAt: ago(60_000) }),
      ],
      workflows: [
        terminated,
        { ...terminated, runId: 'run-2', status: 'RUNNING', closedAt: null },
        workflow({
          workflowId: 'dispute-case-c10',
          caseId: 'c10',
          status: 'FAILED',
          closedAt: ago(HOUR).toISOString(),
        }),
        workflow({
          workflowId: 'dispute-case-c11',
          caseId: 'c11',
          status: 'FAILED',
          closedAt: ago(HOUR).toISOString(),
        }),
      ],
    });
    const report = await service.stuck(ctx, StuckFilters.parse({ kind: 'reconciliation' }));
    expect(report.items.map((i) => [i.caseId, i.diagnosis])).toEqual([['c10', 'case open but workflow FAILED']]);
  });

  it('does not call a task an orphan when the workflow closed it between the reads', async () => {
    const closing = task({ id: 't-old', caseId: 'c6', actionId: '1-accept-transfer', openedAt: ago(50 * HOUR) });
    const { service, ctx } = setUp({
      tasks: [closing],
      secondRead: [],
      open: [caseRecord({ id: 'c6', workflowId: 'dispute-case-c6' })],
      workflows: [workflow({ workflowId: 'dispute-case-c6', caseId: 'c6' })],
      states: { 'dispute-case-c6': settledState('c6', { openActions: [] }) },
    });
    expect((await service.stuck(ctx, StuckFilters.parse({ kind: 'reconciliation' }))).items).toEqual([]);
  });
});

describe('the scan’s cost in Temporal calls', () => {
  /** `healthy` cases waiting on their mediator, on time, and five stuck ones, one of each kind Temporal shows. */
  function town(healthy: number): World {
    const world: World = { tasks: [], open: [], workflows: [], states: {}, failures: {} };
    const add = (
      id: string,
      overrides: { record?: Partial<AdminCaseRecord>; workflow?: Partial<DescribedWorkflow>; task?: OpenTaskRecord },
    ) => {
      const workflowId = `dispute-case-${id}`;
      world.open?.push(caseRecord({ id, workflowId, ...overrides.record }));
      world.workflows?.push(workflow({ workflowId, caseId: id, ...overrides.workflow }));
      if (overrides.task) world.tasks?.push(overrides.task);
    };
    for (let n = 0; n < healthy; n += 1) {
      const id = `h${n}`;
      add(id, {
        task: task({
          id: `t-${id}`,
          caseId: id,
          workflowId: `dispute-case-${id}`,
          kind: 'mediate',
          actionId: '3-mediate',
          level: 'L1',
          agencyId: '0a9e0000-0000-4000-8000-000000000006',
          dueAt: new Date(NOW.getTime() + 20 * DAY),
        }),
      });
    }
    // A timer fired two hours ago and the activity after it keeps failing.
    const passed = ago(2 * HOUR);
    add('fa', {
      record: { nextDeadline: passed },
      workflow: { nextDeadline: passed.toISOString(), pendingActivities: [activity()] },
    });
    // The accept-transfer task was done, and the workflow cannot run the signal (a bad deploy).
    add('wt', {
      record: { awaitedAction: 'accept-transfer' },
      workflow: {
        awaitedAction: 'accept-transfer',
        workflowTask: { attempt: 5, scheduledAt: null, originalScheduledAt: null },
      },
    });
    add('bl', { workflow: { awaitedAction: 'blocked:planCase' } });
    add('dead', { workflow: { status: 'TERMINATED', closedAt: ago(48 * HOUR).toISOString() } });
    add('ot', {
      record: { awaitedAction: 'accept-transfer', nextDeadline: ago(72 * HOUR), currentLevel: 'L2' },
      workflow: { awaitedAction: 'accept-transfer', level: 'L2', nextDeadline: ago(72 * HOUR).toISOString() },
      task: task({
        id: 't-ot',
        caseId: 'ot',
        workflowId: 'dispute-case-ot',
        agencyId: '0a9e0000-0000-4000-8000-000000000006',
      }),
    });
    world.states = { 'dispute-case-bl': blockedState() };
    world.failures = {
      'dispute-case-wt': { at: ago(HOUR).toISOString(), cause: 'non-deterministic-error', message: 'x' },
    };
    // The background health sweep found wt (its deadline is weeks away, so the database does not call it stalled).
    world.troubled = ['dispute-case-wt'];
    return world;
  }

  it('finds every stuck case with the same Temporal calls whether the town has 20 healthy cases or 600', async () => {
    const scans = await Promise.all(
      [20, 600].map(async (healthy) => {
        const { service, ctx, calls } = setUp(town(healthy));
        const report = await service.stuck(ctx, StuckFilters.parse({}));
        return { report, calls };
      }),
    );
    for (const { report, calls } of scans) {
      expect(report.items.map((i) => [i.kind, i.caseId]).sort()).toEqual(
        [
          ['blocked', 'bl'],
          ['failing-activity', 'fa'],
          ['overdue-acceptance', 'ot'],
          ['reconciliation', 'dead'],
          ['workflow-task-failing', 'wt'],
        ].sort(),
      );
      expect([report.complete, report.nextCursor, report.truncated, report.warnings]).toEqual([true, null, false, []]);
      // A healthy case costs Temporal nothing: no describe, no query, no history read.
      expect(
        [...calls.describe, ...calls.state, ...calls.history].filter((id) => id.startsWith('dispute-case-h')),
      ).toEqual([]);
    }
    const [small, large] = scans.map(({ calls }) => ({
      visibility: calls.visibility,
      describe: [...calls.describe].sort(),
      state: [...new Set(calls.state)].sort(),
      history: calls.history,
    }));
    expect(large).toEqual(small);
    expect(small).toEqual({
      // The blocked list, the closed list, and which of the closed workflows (and finished cases) run again now.
      visibility: 3,
      // The sweep's troubled workflow and the cases past their deadline (fa's timer fired, ot's acceptance is late).
      describe: ['dispute-case-fa', 'dispute-case-ot', 'dispute-case-wt'],
      // bl for why it is blocked; the cases whose tasks and awaited action disagree (each awaits a human, no task).
      state: ['dispute-case-bl', 'dispute-case-dead', 'dispute-case-fa', 'dispute-case-wt'],
      history: ['dispute-case-wt'],
    });
  });

  it('says the scan is not complete until the health sweep has finished a whole pass', async () => {
    const world = town(3);
    world.sweep = { lastPassFinishedAt: null, lastPassChecked: 0, lastPassComplete: false };
    const { service, ctx } = setUp(world);
    const report = await service.stuck(ctx, StuckFilters.parse({}));
    expect([report.complete, report.truncated]).toEqual([false, true]);
    expect(report.warnings).toEqual([expect.stringMatching(/health sweep has not finished its first pass/)]);
    // What the database and the sweep so far show is still listed.
    expect(report.items.map((i) => i.caseId)).toEqual(expect.arrayContaining(['fa', 'wt', 'bl', 'dead']));
  });

  it('pages the whole list with a cursor instead of cutting it, and refuses a cursor it did not give', async () => {
    const { service, ctx } = setUp(town(3));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const report = await service.stuck(ctx, StuckFilters.parse({ limit: '2', ...(cursor ? { cursor } : {}) }));
      seen.push(...report.items.map((i) => `${i.kind}:${i.caseId}`));
      expect(report.counts['failing-activity']).toBe(1);
      expect(report.truncated).toBe(report.nextCursor !== null);
      cursor = report.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect([pages, seen.length, new Set(seen).size]).toEqual([3, 5, 5]);
    await expect(service.stuck(ctx, StuckFilters.parse({ cursor: 'not-ours' }))).rejects.toMatchObject({ status: 400 });
  });
});

describe('describe', () => {
  it('explains an overdue task with the state, tasks and timeline, and audits the read', async () => {
    const { service, ctx, audits } = setUp({
      open: [caseRecord()],
      workflows: [workflow()],
      states: {
        'dispute-case-c1': settledState('c1', {
          openActions: [action({ actionId: '1-accept-transfer', kind: 'accept-transfer' })],
        }),
      },
      tasks: [task()],
    });
    const described = await service.describe(ctx, 'c1');
    expect(described).toMatchObject({
      caseStatus: 'open',
      workflowStatus: 'RUNNING',
      workflowTask: null,
      openTasks: [{ id: 't1', actionId: '1-accept-transfer', overdueMs: 72 * HOUR, awaitedByWorkflow: true }],
      actionsWithoutTask: [],
      timeline: [{ type: 'case-opened' }],
      diagnosis: 'waiting 3 days past due for accept-transfer by 0a9e0000-0000-4000-8000-000000000005',
    });
    expect(audits).toContainEqual(expect.objectContaining({ action: 'case.admin.describe', objectId: 'c1' }));
  });

  it('shows a failing workflow task first, without waiting on a query it cannot answer', async () => {
    const { service, ctx } = setUp({
      open: [caseRecord()],
      workflows: [
        workflow({ workflowTask: { attempt: 4, scheduledAt: null, originalScheduledAt: ago(HOUR).toISOString() } }),
      ],
      tasks: [task()],
    });
    const described = await service.describe(ctx, 'c1');
    expect(described).toMatchObject({
      state: null,
      workflowTask: { attempt: 4, since: ago(HOUR).toISOString(), cause: null, message: null },
      openTasks: [{ id: 't1', awaitedByWorkflow: null }],
      diagnosis: 'workflow task failing for 1 h (attempt 4): no failure in the recent history',
    });
  });

  it('marks a task the workflow no longer awaits, and names an action with no task', async () => {
    const { service, ctx } = setUp({
      open: [caseRecord()],
      workflows: [workflow()],
      states: { 'dispute-case-c1': settledState('c1', { openActions: [action()] }) },
      tasks: [task({ dueAt: new Date(NOW.getTime() + DAY) })],
    });
    const described = await service.describe(ctx, 'c1');
    expect(described.openTasks).toEqual([expect.objectContaining({ id: 't1', awaitedByWorkflow: false })]);
    expect(described.actionsWithoutTask).toEqual([
      { actionId: '3-mediate', kind: 'mediate', agencyId: '0a9e0000-0000-4000-8000-000000000006' },
    ]);
    expect(described.diagnosis).toBe(
      'the workflow awaits mediate (3-mediate) by 0a9e0000-0000-4000-8000-000000000006, but no task is open for it',
    );
  });

  it('answers 404 for an unknown case', async () => {
    const { service, ctx } = setUp({});
    await expect(service.describe(ctx, 'nope')).rejects.toMatchObject({ status: 404 });
  });
});
