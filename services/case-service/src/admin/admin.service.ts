import {
  type CaseDiagnosis,
  type DisputeState,
  type FailingWorkflowTaskView,
  HUMAN_ACTION_KINDS,
  STUCK_KINDS,
  type StuckCounts,
  type StuckItem,
  type StuckKind,
  type StuckReport,
  StuckFilters,
} from '@gongzhi/contracts';
import { NotFoundError, ValidationError } from '@gongzhi/errors';
import { AUDIT_LIST_OBJECT_ID, type AuditTrail, zodIssuesToFieldIssues } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CallContext } from '../cases/cases.service';
import { requireAdministrator } from '../principals';
import type { AdminCaseRecord, AdminRepository, OpenTaskRecord } from './admin.repository';
import type { SavedViewsService } from './saved-views.service';
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
import type { DescribedWorkflow, InspectedWorkflow, WorkflowInspector } from './workflow-inspector';

export interface AdminServiceDeps {
  repository: AdminRepository;
  inspector: WorkflowInspector;
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
   * A safety cap per source (running workflows, open tasks, open and recently finished cases): a source that
   * reaches it makes the report say it is not complete, rather than the scan taking minutes.
   */
  scanLimit?: number;
  /** Closed and merged cases changed within this many days are checked for a workflow still running. */
  finishedWithinDays?: number;
  /** An `opening` case is left to the resume sweep for this long before the scan calls it stuck. */
  openingGraceMs?: number;
}

export interface AdminService {
  /**
   * The scan. `view` names the saved view whose filters were already applied, for the report; without it, a
   * `filters.view` is resolved here, the other filters given overriding the view's.
   */
  stuck(ctx: CallContext, filters: StuckFilters, view?: { id: string; name: string }): Promise<StuckReport>;
  describe(ctx: CallContext, caseId: string): Promise<CaseDiagnosis>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Describe calls in flight at once: enough to judge the candidates quickly without flooding the frontend. */
const DESCRIBE_CONCURRENCY = 10;

async function mapBounded<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += DESCRIBE_CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(i, i + DESCRIBE_CONCURRENCY).map(fn))));
  }
  return results;
}

/** Tasks by case (Node 20 has no Map.groupBy). */
function byCase<T extends { caseId: string }>(tasks: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const task of tasks) grouped.set(task.caseId, [...(grouped.get(task.caseId) ?? []), task]);
  return grouped;
}

const HUMAN_ACTIONS: ReadonlySet<string> = new Set(HUMAN_ACTION_KINDS);

/** The running workflows of a scan beside the database's view of the same town. */
interface RunningView {
  running: InspectedWorkflow[];
  open: AdminCaseRecord[];
  finished: AdminCaseRecord[];
  casesByWorkflow: ReadonlyMap<string, AdminCaseRecord>;
  tasksByCase: ReadonlyMap<string, OpenTaskRecord[]>;
  /** No source reached the scan's cap. */
  complete: boolean;
}

export function createAdminService(deps: AdminServiceDeps): AdminService {
  const now = deps.now ?? (() => new Date());
  const scanLimit = deps.scanLimit ?? 10_000;
  const finishedWithinMs = (deps.finishedWithinDays ?? 30) * DAY_MS;
  const openingGraceMs = deps.openingGraceMs ?? 10 * 60 * 1000;
  const thresholds = deps.thresholds ?? DEFAULT_STUCK_THRESHOLDS;

  function audit(ctx: CallContext, action: string, objectType: string, objectId: string): Promise<void> {
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

  async function blocked(running: InspectedWorkflow[], at: Date): Promise<StuckItem[]> {
    const candidates = running.filter((workflow) => workflow.awaitedAction?.startsWith('blocked:'));
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
    return found;
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
   * The running workflows of the scan (visibility: one call per page, no describe) beside what the database holds:
   * the open and recently finished cases and the open tasks, of the town when one is named.
   */
  async function runningAndRecords(filters: StuckFilters, kinds: ReadonlySet<StuckKind>): Promise<RunningView> {
    const town = filters.town ? { townCode: filters.town } : {};
    const [running, open, finished, tasks] = await Promise.all([
      deps.inspector.listRunning({ ...town, max: scanLimit }),
      deps.repository.openCases({
        openingBefore: new Date(now().getTime() - openingGraceMs),
        limit: scanLimit,
        ...town,
      }),
      kinds.has('reconciliation')
        ? deps.repository.finishedCases({
            since: new Date(now().getTime() - finishedWithinMs),
            limit: scanLimit,
            ...town,
          })
        : Promise.resolve([]),
      deps.repository.openTasks({ ...town, limit: scanLimit }),
    ]);
    const casesByWorkflow = new Map([...finished, ...open].map((record) => [record.workflowId, record]));
    return {
      running,
      open,
      finished,
      casesByWorkflow,
      tasksByCase: byCase(tasks),
      complete: [running, open, finished, tasks].every((source) => source.length < scanLimit),
    };
  }

  /**
   * Activities and workflow tasks failing: only describe shows them, and nothing in the database or the search
   * attributes tells a workflow whose activity is failing from one resting on a task ahead (an update stuck on a
   * calendar read leaves the task open and the progress unchanged; a new worker failing a replay changes nothing
   * either), so every running workflow of the scan is described, one call each with bounded concurrency. The state
   * query and the history read, which cost more, go only to the candidates the describe or the records name.
   */
  async function describedRunning(view: RunningView, filters: StuckFilters): Promise<DescribedWorkflow[]> {
    const running = view.running.filter((workflow) => workflowMatches(workflow, filters));
    const described = await mapBounded(running, (workflow) => deps.inspector.describe(workflow.workflowId));
    return described.flatMap((workflow) => (workflow ? [workflow] : []));
  }

  /**
   * Case records and workflows that disagree. The running list says which workflows run; only open cases missing
   * from it are described (visibility may lag a start, and the item names how the workflow ended).
   */
  async function recordsAndWorkflows(view: RunningView, filters: StuckFilters, at: Date): Promise<StuckItem[]> {
    const running = new Set(view.running.map((workflow) => workflow.workflowId));
    const cases = [...view.open, ...view.finished].filter((record) => caseMatches(record, filters));
    const found = await mapBounded(cases, async (record) => {
      const workflow = running.has(record.workflowId) ? null : await deps.inspector.describe(record.workflowId);
      const status = running.has(record.workflowId) ? 'RUNNING' : (workflow?.status ?? 'NOT_FOUND');
      const mismatch = reconciliationOf(record.status, status);
      if (!mismatch) return [];
      return [
        item(
          {
            kind: 'reconciliation',
            caseId: record.id,
            workflowId: record.workflowId,
            townCode: record.townCode,
            agencyId: record.currentAgencyId,
            level: record.currentLevel,
            since: workflow?.closedAt ?? record.updatedAt.toISOString(),
            subject: mismatch,
            diagnosis: mismatch,
          },
          at,
        ),
      ];
    });
    return found.flat();
  }

  /**
   * Tasks and open actions of running workflows that disagree. Only workflows whose search attributes and open
   * tasks do not match one to one are asked for their state (one query each): an awaited human action without a
   * task of its kind, or a task of another kind or level than the awaited action. A case waiting on its one task
   * costs nothing; a case with several tasks open at once is asked.
   */
  async function tasksAndActions(
    running: InspectedWorkflow[],
    tasksByCase: ReadonlyMap<string, OpenTaskRecord[]>,
    filters: StuckFilters,
    at: Date,
  ): Promise<StuckItem[]> {
    const withCase = running.filter(
      (workflow): workflow is InspectedWorkflow & { caseId: string } => !!workflow.caseId,
    );
    const candidates = withCase.filter((workflow) => {
      const tasks = tasksByCase.get(workflow.caseId) ?? [];
      const awaited = workflow.awaitedAction ?? '';
      const unmatched = tasks.some(
        (task) => task.kind !== awaited || (task.level !== null && task.level !== workflow.level),
      );
      return unmatched || (HUMAN_ACTIONS.has(awaited) && !tasks.some((task) => task.kind === awaited));
    });
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
      const found = reconcileTasks(
        state,
        tasksByCase.get(workflow.caseId) ?? [],
        after.get(workflow.caseId) ?? [],
        readAt,
      );
      if (!found || !state) return [];
      const base = { kind: 'reconciliation' as const, caseId: workflow.caseId, workflowId: workflow.workflowId };
      return [
        ...found.missing.map((action) =>
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
        ...found.orphans.map((task: OpenTaskRecord) =>
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
      ].filter((found) => itemMatches(found, filters));
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

  return {
    async stuck(ctx, requested, applied) {
      requireAdministrator(ctx.principal, 'look for stuck cases');
      const { filters, view } =
        !applied && requested.view
          ? await applyView(ctx, { ...requested, view: requested.view })
          : { filters: requested, view: applied };
      const at = now();
      const kinds = new Set<StuckKind>(filters.kind ? [filters.kind] : STUCK_KINDS);
      const items: StuckItem[] = [];
      const warnings: string[] = [];
      let complete = true;
      if (TASK_STUCK_KINDS.some((kind) => kinds.has(kind))) {
        const found = await awaitedTasks(ctx, filters, kinds, at);
        items.push(...found.items);
        warnings.push(...found.warnings);
        complete &&= !found.full && found.warnings.length === 0;
      }
      const fromRunning: StuckKind[] = ['blocked', 'failing-activity', 'workflow-task-failing', 'reconciliation'];
      if (fromRunning.some((kind) => kinds.has(kind))) {
        const view = await runningAndRecords(filters, kinds);
        complete &&= view.complete;
        const running = view.running.filter((workflow) => workflowMatches(workflow, filters));
        if (kinds.has('blocked')) items.push(...(await blocked(running, at)));
        if (kinds.has('failing-activity') || kinds.has('workflow-task-failing')) {
          const described = await describedRunning(view, filters);
          if (kinds.has('failing-activity')) items.push(...failing(described, at));
          if (kinds.has('workflow-task-failing')) items.push(...(await failingWorkflowTasks(described, at)));
        }
        if (kinds.has('reconciliation')) {
          // Task filters (agency, level) are the task's, not the workflow's: every running workflow is compared.
          items.push(...(await tasksAndActions(view.running, view.tasksByCase, filters, at)));
          items.push(...(await recordsAndWorkflows(view, filters, at)));
        }
        if (!view.complete) {
          warnings.push(
            `more than ${scanLimit} running workflows, open tasks or cases: the scan judged the first ${scanLimit} ` +
              'of each; name a town to narrow it.',
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
        audit(ctx, 'admin.stuck.scan', 'workflow-scan', filters.kind ?? 'all'),
        deps.audit.record({
          actor: ctx.principal.staffId,
          action: 'case.admin.stuck',
          objectType: 'case',
          objectId: AUDIT_LIST_OBJECT_ID,
          objectIds: [...caseIds],
          requestId: ctx.requestId,
        }),
      ]);
      deps.logger.info({ counts, complete, view: view?.id ?? null, warnings: warnings.length }, 'stuck scan');
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
