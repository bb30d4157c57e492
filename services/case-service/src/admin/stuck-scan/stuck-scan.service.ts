import {
  type CaseDiagnosis,
  type DisputeState,
  type FailingWorkflowTaskView,
  HUMAN_ACTION_KINDS,
  type Principal,
  STUCK_KINDS,
  type StuckCounts,
  type StuckItem,
  type StuckKind,
  type StuckReport,
  StuckFilters,
  type AuditAction,
} from '@gongzhi/contracts';
import { requireAnyRole } from '@gongzhi/auth';
import { ForbiddenError, NotFoundError, ValidationError } from '@gongzhi/errors';
import { AUDIT_LIST_OBJECT_ID, type AuditTrail, zodIssuesToFieldIssues } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CallContext } from '../kernel/call-context';
import { requireAdministrator, requireStaff } from '../kernel/principals';
import type { AdminCaseRecord, AdminRepository, OpenTaskRecord } from './admin.repository';
import type { SavedViewsService } from './saved-views.service';
import { mapBounded } from './map-bounded';
import { afterStuckCursor, stuckCursorOf } from './stuck-pages';
import {
  ACTION_WITHOUT_TASK,
  actionWithoutTaskSentence,
  awaitedTaskSentence,
  blockedSentence,
  diagnose,
  failingActivitySentence,
  failingWorkflowTaskSentence,
  ORPHAN_TASK,
  orphanTaskSentence,
  reconcileTasks,
  reconciliationOf,
  sortStuck,
} from './diagnosis';
import {
  DEFAULT_STUCK_THRESHOLDS,
  type StuckThresholds,
  stuckKindOfTask,
  SUPERSEDED_BY_DECISION,
  TASK_STUCK_KINDS,
} from './stuck-thresholds';
import type { WorkingDayCalendar } from './working-day-calendar';
import { DISPUTE_SWEEP_SCOPE } from './workflow-health-sweep';
import type { WorkflowHealthRepository } from './workflow-health.repository';
import type { DescribedWorkflow, InspectedWorkflow, WorkflowInspector } from '@gongzhi/dispute-client';

export interface AdminServiceDeps {
  repository: AdminRepository;
  inspector: WorkflowInspector;
  /** The health sweep's findings: the running workflows whose activity or workflow task keeps failing. */
  health: Pick<WorkflowHealthRepository, 'troubled' | 'status'>;
  /** agency-service's official calendar: how many working days a task has waited. */
  calendar: WorkingDayCalendar;
  /** When an awaited action counts as stuck, per kind (DEFAULT_STUCK_THRESHOLDS unless configured). */
  thresholds?: StuckThresholds;
  /** The saved views a scan's `view` filter names (the HTTP route resolves them itself; batches come here). */
  views?: Pick<SavedViewsService, 'filtersOf'>;
  audit: AuditTrail;
  logger: Logger;
  now?: () => Date;
  /**
   * A safety cap per source (blocked, troubled, stalled, disagreeing and recently finished cases, recently closed
   * workflows): a source that reaches it makes the report say it is not complete, rather than the scan taking minutes.
   */
  scanLimit?: number;
  /** Closed and merged cases changed within this many days are checked for a workflow still running. */
  finishedWithinDays?: number;
  /**
   * An `opening` case is left to the resume sweep for this long before the scan calls it stuck, and an open case's
   * workflow this long to act on a deadline that passed (or to report its first progress).
   */
  openingGraceMs?: number;
}

export interface AdminService {
  /**
   * The scan. `view` names the saved view whose filters were already applied, for the report; without it, a
   * `filters.view` is resolved here, the other filters given overriding the view's.
   */
  stuck(ctx: CallContext, filters: StuckFilters, view?: { id: string; name: string }): Promise<StuckReport>;
  /**
   * The same scan, read-only, limited to one town: a coordinator's own (see stuckViewTown), with no saved view. The
   * detectors, thresholds and answer are the administrators'.
   */
  townStuck(ctx: CallContext, filters: TownStuckFilters): Promise<StuckReport>;
  describe(ctx: CallContext, caseId: string): Promise<CaseDiagnosis>;
}

/** The scan's filters without a saved view: what a town's stuck view takes. */
export type TownStuckFilters = Omit<StuckFilters, 'view'>;

/** The audit actions of a scan: the scan itself, and the row naming the cases its page showed. */
interface ScanTrail {
  scan: AuditAction;
  cases: AuditAction;
}
const ADMIN_TRAIL: ScanTrail = { scan: 'admin.stuck.scan', cases: 'case.admin.stuck' };
const TOWN_TRAIL: ScanTrail = { scan: 'town.stuck.scan', cases: 'case.town.stuck' };

/**
 * The town a stuck view covers. Coordinators see their own town's: naming another is refused (403), not quietly
 * answered with theirs. Administrators name any town, or get their own; everyone else is refused.
 */
export function stuckViewTown(principal: Principal, town: string | undefined): string {
  requireStaff(principal);
  if (principal.roles.includes('administrator')) return town ?? principal.townCode;
  requireAnyRole(principal, ['coordinator'], 'look for their town’s stuck cases');
  if (town !== undefined && town !== principal.townCode) {
    throw new ForbiddenError(
      `Coordinators see the stuck cases of their own town (${principal.townCode}): leave out \`town\`, or name yours.`,
    );
  }
  return principal.townCode;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Tasks by case (Node 20 has no Map.groupBy). */
function byCase<T extends { caseId: string }>(tasks: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const task of tasks) grouped.set(task.caseId, [...(grouped.get(task.caseId) ?? []), task]);
  return grouped;
}

/** What the scan judges its Temporal-side kinds on (see `candidates` in createAdminService). */
interface Candidates {
  /** The troubled and stalled workflows, described (null: Temporal has no such workflow). */
  described: ReadonlyMap<string, DescribedWorkflow | null>;
  stalled: AdminCaseRecord[];
  finished: AdminCaseRecord[];
  closed: InspectedWorkflow[];
  disagreeing: AdminCaseRecord[];
  /** A source reached the scan's cap. */
  full: boolean;
  warnings: string[];
}

export function createAdminService(deps: AdminServiceDeps): AdminService {
  const now = deps.now ?? (() => new Date());
  const scanLimit = deps.scanLimit ?? 10_000;
  const finishedWithinMs = (deps.finishedWithinDays ?? 30) * DAY_MS;
  const openingGraceMs = deps.openingGraceMs ?? 10 * 60 * 1000;
  const thresholds = deps.thresholds ?? DEFAULT_STUCK_THRESHOLDS;

  function audit(ctx: CallContext, action: AuditAction, objectType: string, objectId: string): Promise<void> {
    return deps.audit.record({ actor: ctx.principal.staffId, action, objectType, objectId, requestId: ctx.requestId });
  }

  function item(
    base: Pick<StuckItem, 'kind' | 'workflowId' | 'subject' | 'diagnosis'> & Partial<StuckItem> & { since: string },
    at: Date,
  ): StuckItem {
    return {
      caseId: null,
      townCode: null,
      agencyId: null,
      level: null,
      taskId: null,
      assigneeStaffId: null,
      attempt: null,
      message: null,
      ...base,
      stuckForMs: Math.max(0, at.getTime() - Date.parse(base.since)),
    };
  }

  function workflowMatches(workflow: InspectedWorkflow, filters: StuckFilters): boolean {
    return (
      (!filters.town || workflow.townCode === filters.town) &&
      (!filters.agencyId || workflow.agencyId === filters.agencyId) &&
      (!filters.level || workflow.level === filters.level)
    );
  }

  function caseMatches(record: AdminCaseRecord, filters: StuckFilters): boolean {
    return (
      (!filters.agencyId || record.currentAgencyId === filters.agencyId) &&
      (!filters.level || record.currentLevel === filters.level)
    );
  }

  function itemMatches(found: StuckItem, filters: StuckFilters): boolean {
    return (
      (!filters.town || found.townCode === filters.town) &&
      (!filters.agencyId || found.agencyId === filters.agencyId) &&
      (!filters.level || found.level === filters.level)
    );
  }

  /** Awaited human actions past their threshold (overdue-acceptance, undecided-level, overdue-task). */
  async function awaitedTasks(
    ctx: CallContext,
    filters: StuckFilters,
    kinds: ReadonlySet<StuckKind>,
    at: Date,
  ): Promise<{ items: StuckItem[]; full: boolean; warnings: string[] }> {
    const taskKinds = HUMAN_ACTION_KINDS.filter((kind) => kinds.has(stuckKindOfTask(kind)));
    // N working days are never fewer than N calendar days: the database narrows to tasks that may be stuck, the
    // calendar then decides.
    const candidates = await deps.repository.awaitedTasks({
      rules: taskKinds.map((kind) => ({
        kind,
        from: thresholds[kind].from,
        before: new Date(at.getTime() - thresholds[kind].workingDays * DAY_MS),
      })),
      ...(filters.town ? { townCode: filters.town } : {}),
      ...(filters.agencyId ? { agencyId: filters.agencyId } : {}),
      ...(filters.level ? { level: filters.level } : {}),
      limit: scanLimit,
    });
    const decided = new Set(
      await deps.repository.casesWithOpenTask(
        'decide-escalation',
        candidates.filter((task) => SUPERSEDED_BY_DECISION.has(task.kind)).map((task) => task.caseId),
      ),
    );
    const lookup = { authorization: ctx.authorization, requestId: ctx.requestId };
    let unjudged = 0;
    const judged = await mapBounded(candidates, async (task): Promise<StuckItem[]> => {
      if (SUPERSEDED_BY_DECISION.has(task.kind) && decided.has(task.caseId)) return [];
      // Every candidate's kind is one of the rules' kinds, each a HumanActionKind.
      const threshold = thresholds[task.kind as keyof StuckThresholds];
      const reference = threshold.from === 'due' && task.dueAt ? task.dueAt : task.openedAt;
      let stuckAt = reference;
      try {
        if (threshold.workingDays > 0)
          stuckAt = await deps.calendar.addWorkingDays(reference, threshold.workingDays, lookup);
      } catch (error) {
        unjudged += 1;
        deps.logger.warn({ err: error, taskId: task.id }, 'working-day calendar did not answer');
        return [];
      }
      if (stuckAt.getTime() > at.getTime()) return [];
      return [
        item(
          {
            kind: stuckKindOfTask(task.kind),
            caseId: task.caseId,
            workflowId: task.workflowId,
            townCode: task.townCode,
            agencyId: task.agencyId,
            level: task.level,
            since: reference.toISOString(),
            subject: task.kind,
            taskId: task.id,
            assigneeStaffId: task.assigneeStaffId,
            diagnosis: awaitedTaskSentence(task, threshold, at),
          },
          at,
        ),
      ];
    });
    const warnings =
      unjudged > 0
        ? [
            `agency-service's working-day calendar did not answer: ${unjudged} task(s) waiting past part of their ` +
              'threshold could not be judged and are not listed; retry the scan in a moment.',
          ]
        : [];
    return { items: judged.flat(), full: candidates.length >= scanLimit, warnings };
  }

  async function blocked(filters: StuckFilters, at: Date): Promise<{ items: StuckItem[]; full: boolean }> {
    const candidates = (
      await deps.inspector.listBlocked({ ...(filters.town ? { townCode: filters.town } : {}), max: scanLimit })
    ).filter((workflow) => workflowMatches(workflow, filters));
    const found = await mapBounded(candidates, async (workflow) => {
      const state = await deps.inspector.state(workflow.workflowId);
      const activity = workflow.awaitedAction?.slice('blocked:'.length) ?? '';
      const since = state?.blocked?.since ?? workflow.startedAt ?? at.toISOString();
      return item(
        {
          kind: 'blocked',
          caseId: workflow.caseId,
          workflowId: workflow.workflowId,
          townCode: workflow.townCode,
          agencyId: workflow.agencyId,
          level: workflow.level,
          since,
          subject: state?.blocked?.activity ?? activity,
          message: state?.blocked ? `${state.blocked.type ?? 'Error'}: ${state.blocked.message}` : null,
          diagnosis: state?.blocked
            ? blockedSentence(state.blocked)
            : `blocked: ${activity} (the workflow did not answer its query)`,
        },
        at,
      );
    });
    return { items: found, full: candidates.length >= scanLimit };
  }

  function failing(described: DescribedWorkflow[], at: Date): StuckItem[] {
    return described.flatMap((workflow) =>
      workflow.pendingActivities
        .filter((activity) => activity.attempt > 1)
        .map((activity) =>
          item(
            {
              kind: 'failing-activity',
              caseId: workflow.caseId,
              workflowId: workflow.workflowId,
              townCode: workflow.townCode,
              agencyId: workflow.agencyId,
              level: workflow.level,
              since: activity.scheduledAt ?? activity.lastStartedAt ?? workflow.startedAt ?? at.toISOString(),
              subject: activity.activityType,
              attempt: activity.attempt,
              message: activity.lastFailure,
              diagnosis: failingActivitySentence(activity, at),
            },
            at,
          ),
        ),
    );
  }

  /** The failing workflow task of a described workflow, with its last failure from the history; null when none. */
  async function failingWorkflowTask(workflow: DescribedWorkflow): Promise<FailingWorkflowTaskView | null> {
    const task = workflow.workflowTask;
    if (!task || task.attempt <= 1) return null;
    const failure = await deps.inspector
      .lastWorkflowTaskFailure(workflow.workflowId, workflow.runId)
      .catch((error: unknown) => {
        // The attempt count alone still says the task fails; the message is a bonus.
        deps.logger.warn({ err: error, workflowId: workflow.workflowId }, 'workflow history unreadable');
        return null;
      });
    return {
      attempt: task.attempt,
      since: failure?.at ?? task.originalScheduledAt ?? task.scheduledAt,
      cause: failure?.cause ?? null,
      message: failure?.message ?? null,
    };
  }

  async function failingWorkflowTasks(described: DescribedWorkflow[], at: Date): Promise<StuckItem[]> {
    const found = await mapBounded(described, async (workflow) => {
      const task = await failingWorkflowTask(workflow);
      if (!task) return [];
      return [
        item(
          {
            kind: 'workflow-task-failing',
            caseId: workflow.caseId,
            workflowId: workflow.workflowId,
            townCode: workflow.townCode,
            agencyId: workflow.agencyId,
            level: workflow.level,
            since: task.since ?? workflow.startedAt ?? at.toISOString(),
            subject: task.cause ?? 'unknown',
            attempt: task.attempt,
            message: task.message,
            diagnosis: failingWorkflowTaskSentence(task, at),
          },
          at,
        ),
      ];
    });
    return found.flat();
  }

  /**
   * The candidates of the scan's Temporal-side kinds, each from a source that grows with the trouble, not with the
   * town's open cases: the health sweep's troubled workflows and the database's stalled cases (both described, one
   * call each), the recently finished cases (one visibility query per 200 asks which still run), the recently closed
   * workflows (one paged visibility query) and the cases the database flags as disagreeing
   * with their tasks (a partial index).
   */
  async function candidates(filters: StuckFilters, kinds: ReadonlySet<StuckKind>): Promise<Candidates> {
    const town = filters.town ? { townCode: filters.town } : {};
    const failingKinds = kinds.has('failing-activity') || kinds.has('workflow-task-failing');
    const reconciling = kinds.has('reconciliation');
    const at = now();
    const since = new Date(at.getTime() - finishedWithinMs);
    const [troubled, sweep, stalled, finished, closed, disagreeing] = await Promise.all([
      failingKinds ? deps.health.troubled({ ...town, limit: scanLimit }) : Promise.resolve([]),
      failingKinds ? deps.health.status(DISPUTE_SWEEP_SCOPE) : Promise.resolve(null),
      failingKinds || reconciling
        ? deps.repository.stalledCases({ before: new Date(at.getTime() - openingGraceMs), ...town, limit: scanLimit })
        : Promise.resolve([]),
      reconciling ? deps.repository.finishedCases({ since, ...town, limit: scanLimit }) : Promise.resolve([]),
      reconciling ? deps.inspector.listClosedSince({ since, ...town, max: scanLimit }) : Promise.resolve([]),
      reconciling ? deps.repository.disagreeingCases({ ...town, limit: scanLimit }) : Promise.resolve([]),
    ]);
    const toDescribe = [...new Set([...troubled.map((row) => row.workflowId), ...stalled.map((c) => c.workflowId)])];
    const described = new Map(
      await mapBounded(toDescribe, async (id) => [id, await deps.inspector.describe(id)] as const),
    );
    const warnings: string[] = [];
    if (sweep && !sweep.lastPassFinishedAt) {
      warnings.push(
        'the health sweep has not finished its first pass yet: an activity or workflow task ' +
          'failing on a case that is not yet past its deadline may be missing; retry the scan in a few minutes.',
      );
    } else if (sweep && !sweep.lastPassComplete) {
      warnings.push(
        `the health sweep's last pass did not reach every running workflow (${sweep.lastPassChecked} described): ` +
          'an activity or workflow task failing on a case not yet past its deadline may be missing.',
      );
    }
    const sources = [troubled, stalled, finished, closed, disagreeing];
    return {
      described,
      stalled,
      finished,
      closed,
      disagreeing,
      full: sources.some((source) => source.length >= scanLimit),
      warnings,
    };
  }

  /** The described candidates' failing activities and workflow tasks, within the filters. */
  function describedMatching(found: Candidates, filters: StuckFilters): DescribedWorkflow[] {
    return [...found.described.values()].flatMap((workflow) =>
      workflow && workflowMatches(workflow, filters) ? [workflow] : [],
    );
  }

  /**
   * Case records and workflows that disagree: a stalled case whose workflow is not running (describe said so), a
   * finished case whose workflow still runs, an open case whose workflow closed.
   */
  async function recordsAndWorkflows(found: Candidates, filters: StuckFilters, at: Date): Promise<StuckItem[]> {
    const openingBefore = at.getTime() - openingGraceMs;
    // Which of them run now: a finished case's workflow should not; a closed run may have been followed by a new one
    // (a reset, a continue-as-new), which settles it.
    const stillRunning = await deps.inspector.runningAmong([
      ...found.finished.map((record) => record.workflowId),
      ...found.closed.map((workflow) => workflow.workflowId),
    ]);
    const closedById = new Map<string, InspectedWorkflow>();
    for (const workflow of found.closed) {
      if (stillRunning.has(workflow.workflowId) || workflow.status === 'CONTINUED_AS_NEW') continue;
      const seen = closedById.get(workflow.workflowId);
      if (!seen || (workflow.closedAt ?? '') > (seen.closedAt ?? '')) closedById.set(workflow.workflowId, workflow);
    }
    const closedCases = await deps.repository.casesOfWorkflows([...closedById.keys()]);
    const judged: { record: AdminCaseRecord; status: string; closedAt: string | null }[] = [
      ...found.stalled.map((record) => {
        const workflow = found.described.get(record.workflowId);
        return { record, status: workflow?.status ?? 'NOT_FOUND', closedAt: workflow?.closedAt ?? null };
      }),
      ...found.finished
        .filter((record) => stillRunning.has(record.workflowId))
        .map((record) => ({ record, status: 'RUNNING', closedAt: null })),
      ...closedCases
        // An opening case's workflow may have been started and ended in the same breath; the resume sweep has it.
        .filter((record) => record.status !== 'opening' || record.openedAt.getTime() < openingBefore)
        .map((record) => {
          const workflow = closedById.get(record.workflowId);
          return { record, status: workflow?.status ?? 'NOT_FOUND', closedAt: workflow?.closedAt ?? null };
        }),
    ];
    const seen = new Set<string>();
    return judged.flatMap(({ record, status, closedAt }) => {
      const mismatch = reconciliationOf(record.status, status);
      if (!mismatch || seen.has(record.id) || !caseMatches(record, filters)) return [];
      seen.add(record.id);
      return [
        item(
          {
            kind: 'reconciliation',
            caseId: record.id,
            workflowId: record.workflowId,
            townCode: record.townCode,
            agencyId: record.currentAgencyId,
            level: record.currentLevel,
            since: closedAt ?? record.updatedAt.toISOString(),
            subject: mismatch,
            diagnosis: mismatch,
          },
          at,
        ),
      ];
    });
  }

  /**
   * Tasks and open actions that disagree. The database names the cases whose open tasks and last reported awaited
   * action do not match one to one (an awaited human action without a task of its kind, or a task of another kind or
   * level); only those workflows are asked for their state (one query each). A case waiting on its one task costs
   * nothing; a case with several tasks open at once is asked.
   *
   * Since a transition commits its tasks and the case's progress in one transaction, a case whose workflow runs
   * today's code never shows a half-written step here. What can still disagree, and why this stays: a workflow reset
   * to an earlier point (its state rewinds, the tasks it had opened stay), cases whose histories still write one
   * activity per change (started before one commit per transition, until they close), a commit Temporal has given up
   * retrying, and rows changed by hand.
   */
  async function tasksAndActions(found: Candidates, filters: StuckFilters, at: Date): Promise<StuckItem[]> {
    const tasksByCase = byCase(await deps.repository.openTasksOfCases(found.disagreeing.map((record) => record.id)));
    const candidates = found.disagreeing.map((record) => ({
      workflowId: record.workflowId,
      caseId: record.id,
      townCode: record.townCode,
    }));
    const states = await mapBounded(candidates, async (workflow) => ({
      workflow,
      state: await deps.inspector.state(workflow.workflowId),
      readAt: now(),
    }));
    const suspicious = states.filter(({ workflow, state, readAt }) => {
      const first = reconcileTasks(
        state,
        tasksByCase.get(workflow.caseId) ?? [],
        tasksByCase.get(workflow.caseId) ?? [],
        readAt,
      );
      return !!first && (first.orphans.length > 0 || first.missing.length > 0);
    });
    const after = byCase(await deps.repository.openTasksOfCases(suspicious.map(({ workflow }) => workflow.caseId)));
    return suspicious.flatMap(({ workflow, state, readAt }) => {
      const compared = reconcileTasks(
        state,
        tasksByCase.get(workflow.caseId) ?? [],
        after.get(workflow.caseId) ?? [],
        readAt,
      );
      if (!compared || !state) return [];
      const base = { kind: 'reconciliation' as const, caseId: workflow.caseId, workflowId: workflow.workflowId };
      return [
        ...compared.missing.map((action) =>
          item(
            {
              ...base,
              townCode: workflow.townCode,
              agencyId: action.agencyId,
              level: action.level,
              since: action.openedAt,
              subject: ACTION_WITHOUT_TASK,
              assigneeStaffId: action.assigneeStaffId,
              diagnosis: actionWithoutTaskSentence(action),
            },
            at,
          ),
        ),
        ...compared.orphans.map((task: OpenTaskRecord) =>
          item(
            {
              ...base,
              townCode: task.townCode,
              agencyId: task.agencyId,
              level: task.level,
              // When the workflow left the task's phase is not recorded anywhere; the task's opening is a floor.
              since: task.openedAt.toISOString(),
              subject: ORPHAN_TASK,
              taskId: task.id,
              assigneeStaffId: task.assigneeStaffId,
              diagnosis: orphanTaskSentence(task, state),
            },
            at,
          ),
        ),
      ].filter((listed) => itemMatches(listed, filters));
    });
  }

  /** The saved view's filters under those stated (every field given, `limit` included, overrides the view's). */
  async function applyView(
    ctx: CallContext,
    stated: StuckFilters & { view: string },
  ): Promise<{ filters: StuckFilters; view: { id: string; name: string } }> {
    if (!deps.views) throw new ValidationError('Saved views are not available here: state the filters instead.');
    const saved = await deps.views.filtersOf(ctx, stated.view);
    const overrides = Object.fromEntries(
      Object.entries(stated).filter(([name, value]) => name !== 'view' && value !== undefined),
    );
    const merged = StuckFilters.safeParse({ ...saved.filters, ...overrides });
    if (!merged.success) {
      throw new ValidationError(
        'The saved view and the filters given do not combine: see `errors`.',
        zodIssuesToFieldIssues(merged.error.issues),
      );
    }
    return { filters: merged.data, view: { id: saved.id, name: saved.name } };
  }

  /** The scan itself, within the filters given (a saved view already applied), audited under the trail's actions. */
  async function scan(
    ctx: CallContext,
    filters: StuckFilters,
    view: { id: string; name: string } | undefined,
    trail: ScanTrail,
  ): Promise<StuckReport> {
    const at = now();
    const kinds = new Set<StuckKind>(filters.kind ? [filters.kind] : STUCK_KINDS);
    const items: StuckItem[] = [];
    const warnings: string[] = [];
    let complete = true;
    // Where a scan's time goes, by source, in its log line: what an operator needs when a scan turns slow.
    const ms: Record<string, number> = {};
    let lap = performance.now();
    const timed = (step: string) => {
      const end = performance.now();
      ms[step] = Math.round((end - lap) * 10) / 10;
      lap = end;
    };
    if (TASK_STUCK_KINDS.some((kind) => kinds.has(kind))) {
      const found = await awaitedTasks(ctx, filters, kinds, at);
      timed('awaited');
      items.push(...found.items);
      warnings.push(...found.warnings);
      complete &&= !found.full && found.warnings.length === 0;
    }
    if (kinds.has('blocked')) {
      const found = await blocked(filters, at);
      timed('blocked');
      items.push(...found.items);
      complete &&= !found.full;
    }
    const fromCandidates: StuckKind[] = ['failing-activity', 'workflow-task-failing', 'reconciliation'];
    if (fromCandidates.some((kind) => kinds.has(kind))) {
      const found = await candidates(filters, kinds);
      timed('candidates');
      complete &&= !found.full && found.warnings.length === 0;
      warnings.push(...found.warnings);
      const described = describedMatching(found, filters);
      if (kinds.has('failing-activity')) items.push(...failing(described, at));
      if (kinds.has('workflow-task-failing')) items.push(...(await failingWorkflowTasks(described, at)));
      if (kinds.has('reconciliation')) {
        items.push(...(await tasksAndActions(found, filters, at)));
        items.push(...(await recordsAndWorkflows(found, filters, at)));
      }
      timed('judged');
      if (found.full) {
        warnings.push(
          `more than ${scanLimit} candidates from one source (troubled, stalled, finished or disagreeing cases, ` +
            `closed workflows): the scan judged the first ${scanLimit} of each; name a town to narrow it.`,
        );
      }
    }
    const minAgeMs = (filters.minAgeHours ?? 0) * 60 * 60 * 1000;
    const matching = sortStuck(items.filter((found) => found.stuckForMs >= minAgeMs));
    const counts = Object.fromEntries(STUCK_KINDS.map((kind) => [kind, 0])) as StuckCounts;
    for (const found of matching) counts[found.kind] += 1;
    const rest = filters.cursor ? afterStuckCursor(matching, filters.cursor, at) : matching;
    const page = rest.slice(0, filters.limit);
    const last = page.at(-1);
    const nextCursor = rest.length > page.length && last ? stuckCursorOf(last) : null;
    const caseIds = new Set(page.flatMap((found) => (found.caseId ? [found.caseId] : [])));
    // The scan and the cases it showed, as two rows recorded together: the trail writes them in one INSERT.
    await Promise.all([
      audit(ctx, trail.scan, 'workflow-scan', filters.kind ?? 'all'),
      deps.audit.record({
        actor: ctx.principal.staffId,
        action: trail.cases,
        objectType: 'case',
        objectId: AUDIT_LIST_OBJECT_ID,
        objectIds: [...caseIds],
        requestId: ctx.requestId,
      }),
    ]);
    timed('audit');
    deps.logger.info({ counts, complete, view: view?.id ?? null, warnings: warnings.length, ms }, 'stuck scan');
    return {
      items: page,
      counts,
      complete,
      nextCursor,
      truncated: !complete || nextCursor !== null,
      view: view ?? null,
      warnings,
      scannedAt: at.toISOString(),
    };
  }

  return {
    async stuck(ctx, requested, applied) {
      requireAdministrator(ctx.principal, 'look for stuck cases');
      const { filters, view } =
        !applied && requested.view
          ? await applyView(ctx, { ...requested, view: requested.view })
          : { filters: requested, view: applied };
      return scan(ctx, filters, view, ADMIN_TRAIL);
    },

    async townStuck(ctx, requested) {
      const town = stuckViewTown(ctx.principal, requested.town);
      return scan(ctx, { ...requested, town }, undefined, TOWN_TRAIL);
    },

    async describe(ctx, caseId) {
      requireAdministrator(ctx.principal, 'look for stuck cases');
      const record = await deps.repository.caseById(caseId);
      if (!record) throw new NotFoundError('case', caseId);
      const at = now();
      // Tasks are read before the state and again after it: see reconcileTasks.
      const [workflow, before, events] = await Promise.all([
        deps.inspector.describe(record.workflowId),
        deps.repository.openTasksOf(caseId),
        deps.repository.lastEventsOf(caseId, 10),
      ]);
      const workflowStatus = workflow?.status ?? 'NOT_FOUND';
      const workflowTask = workflow ? await failingWorkflowTask(workflow) : null;
      // A workflow whose task keeps failing cannot answer a query either: not worth the wait.
      const state: DisputeState | null =
        workflowStatus === 'RUNNING' && !workflowTask ? await deps.inspector.state(record.workflowId) : null;
      const stateReadAt = now();
      const tasks = state ? await deps.repository.openTasksOf(caseId) : before;
      const reconciled = reconcileTasks(state, before, tasks, stateReadAt);
      const orphanIds = new Set(reconciled?.orphans.map((task) => task.id) ?? []);
      const awaited = new Set(state?.openActions.map((action) => action.actionId) ?? []);
      const pendingActivities = workflow?.pendingActivities ?? [];
      await audit(ctx, 'case.admin.describe', 'case', caseId);
      return {
        caseId,
        workflowId: record.workflowId,
        caseStatus: record.status,
        workflowStatus,
        state: state
          ? {
              level: state.level,
              phase: state.phase,
              agencyId: state.agencyId,
              responsibleStaffId: state.responsibleStaffId,
              openActions: state.openActions.map((action) => ({
                actionId: action.actionId,
                kind: action.kind,
                agencyId: action.agencyId,
                dueAt: action.dueAt,
              })),
              clocks: { ...state.clocks },
              blocked: state.blocked,
            }
          : null,
        pendingActivities,
        workflowTask,
        openTasks: tasks.map((task) => ({
          id: task.id,
          actionId: task.actionId,
          kind: task.kind,
          agencyId: task.agencyId,
          assigneeStaffId: task.assigneeStaffId,
          openedAt: task.openedAt.toISOString(),
          dueAt: task.dueAt ? task.dueAt.toISOString() : null,
          overdueMs: task.dueAt ? Math.max(0, at.getTime() - task.dueAt.getTime()) : null,
          awaitedByWorkflow: !reconciled
            ? null
            : orphanIds.has(task.id)
              ? false
              : awaited.has(task.actionId)
                ? true
                : null,
        })),
        actionsWithoutTask: (reconciled?.missing ?? []).map((action) => ({
          actionId: action.actionId,
          kind: action.kind,
          agencyId: action.agencyId,
        })),
        timeline: events.map((event) => ({
          type: event.type,
          actor: event.actor,
          agencyId: event.agencyId,
          at: event.at.toISOString(),
        })),
        diagnosis: diagnose({
          caseStatus: record.status,
          workflowStatus,
          state,
          workflowTask,
          pendingActivities,
          openTasks: tasks,
          orphanTasks: reconciled?.orphans ?? [],
          actionsWithoutTask: reconciled?.missing ?? [],
          now: at,
        }),
      };
    },
  };
}
