/**
 * The stuck scan's world on fakes, for its unit specs: cases, tasks and workflows as fixtures, agency-service's calendar
 * in miniature, and the scan wired on an in-memory repository, inspector and health sweep that count Temporal calls.
 */
import { type AuditEntry, createLogger } from '@gongzhi/http';
import { DependencyUnavailableError } from '@gongzhi/errors';
import {
  type DisputeState,
  HUMAN_ACTION_KINDS,
  newDisputeState,
  type OpenAction,
  type PendingActivityView,
} from '@gongzhi/contracts';
import {
  type DescribedWorkflow,
  LIST_PAGE_SIZE,
  RUNNING_AMONG_BATCH,
  type WorkflowInspector,
  type WorkflowTaskFailure,
} from '@gongzhi/dispute-client';
import { staff } from '../../testing/fake-case-service';
import type { WorkingDayCalendar } from '../working-day-calendar';
import type { AdminCaseRecord, OpenTaskRecord } from './stuck-scan.model';
import type { AdminRepository } from './stuck-scan.repository';
import { type AdminServiceDeps, createAdminService } from './stuck-scan.service';
import type { StuckThresholds } from './stuck-thresholds';

/** Tuesday 10 March 2026, 08:00 in Asia/Shanghai. */
export const NOW = new Date('2026-03-10T00:00:00.000Z');
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
export const ago = (ms: number) => new Date(NOW.getTime() - ms);

/**
 * agency-service's calendar in miniature: Monday to Friday work in Asia/Shanghai, except the holidays given, and the
 * make-up days given work. Records every ask; `down` makes it fail as an unreachable agency-service does.
 */
export function fakeCalendar(options: { holidays?: string[]; makeUpDays?: string[] } = {}) {
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

export function activity(overrides: Partial<PendingActivityView> = {}): PendingActivityView {
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

export function workflow(overrides: Partial<DescribedWorkflow> = {}): DescribedWorkflow {
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

export function caseRecord(overrides: Partial<AdminCaseRecord> = {}): AdminCaseRecord {
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

export function task(overrides: Partial<OpenTaskRecord> = {}): OpenTaskRecord {
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

export function action(overrides: Partial<OpenAction> = {}): OpenAction {
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

export function settledState(caseId: string, overrides: Partial<DisputeState> = {}): DisputeState {
  return {
    ...newDisputeState({ caseId, townCode: 'qingshui', disputeType: 'neighbour', risks: [] }),
    level: 'L1',
    phase: 'mediation',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    settling: false,
    ...overrides,
  };
}

export function blockedState(): DisputeState {
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

export interface World {
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

export function setUp(
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
