import type {
  DisputeState,
  FailingWorkflowTaskView,
  OpenAction,
  PendingActivityView,
  StuckItem,
} from '@gongzhi/contracts';
import type { StuckThreshold } from './stuck-thresholds';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * A task or action younger than this (against the moment the workflow's state was read) is never called out of
 * step with the workflow: the workflow writes its tasks right after changing its state, and the two reads are not
 * one transaction.
 */
export const RECONCILE_GRACE_MS = MINUTE_MS;

/** A duration as people say it: "45 min", "2 h", "3 days". */
export function formatDuration(ms: number): string {
  const abs = Math.max(0, ms);
  if (abs < HOUR_MS) return `${Math.floor(abs / MINUTE_MS)} min`;
  if (abs < 2 * DAY_MS) return `${Math.floor(abs / HOUR_MS)} h`;
  return `${Math.floor(abs / DAY_MS)} days`;
}

const OPEN_CASE = new Set(['open', 'opening']);
const FINISHED_CASE = new Set(['closed', 'merged']);

/** A workflow status from describe, or NOT_FOUND when Temporal has no such workflow. */
export type WorkflowStatusName = string;

/** What the reconciliation of tasks and open actions reads of a task row. */
export interface ReconciledTask {
  id: string;
  actionId: string;
  kind: string;
  openedAt: Date;
}

export interface DiagnosisInput {
  caseStatus: string;
  workflowStatus: WorkflowStatusName;
  state: Pick<DisputeState, 'blocked' | 'phase' | 'level'> | null;
  workflowTask: FailingWorkflowTaskView | null;
  pendingActivities: readonly PendingActivityView[];
  openTasks: readonly { kind: string; agencyId: string; dueAt: Date | null }[];
  /** Open tasks for a phase the workflow has left. */
  orphanTasks: readonly ReconciledTask[];
  /** Actions the workflow awaits with no open task. */
  actionsWithoutTask: readonly Pick<OpenAction, 'actionId' | 'kind' | 'agencyId'>[];
  now: Date;
}

/** The case record and the workflow disagree: the text of the mismatch, or null when they agree. */
export function reconciliationOf(caseStatus: string, workflowStatus: WorkflowStatusName): string | null {
  if (OPEN_CASE.has(caseStatus) && workflowStatus !== 'RUNNING') {
    return workflowStatus === 'NOT_FOUND'
      ? `case ${caseStatus} but no workflow exists`
      : `case ${caseStatus} but workflow ${workflowStatus}`;
  }
  if (FINISHED_CASE.has(caseStatus) && workflowStatus === 'RUNNING') return `case ${caseStatus} but workflow RUNNING`;
  return null;
}

/** The reconciliation subjects of tasks and open actions (stable words, for filters and scripts). */
export const ORPHAN_TASK = 'task open for a phase the workflow has left';
export const ACTION_WITHOUT_TASK = 'workflow awaits an action with no open task';

/**
 * Tasks and the workflow's open actions, compared: `before` are the open tasks read before the state, `after` those
 * read after it. A task is an orphan when it was open on both reads and the state does not await it; an action has
 * no task when neither read had one for it. Reading twice closes the races with a workflow that opens or closes a
 * task between the reads; the grace leaves alone what the workflow is writing right now. Null when the state
 * cannot tell (unknown, or still being written).
 */
export function reconcileTasks<T extends ReconciledTask>(
  state: Pick<DisputeState, 'openActions' | 'settling'> | null,
  before: readonly T[],
  after: readonly T[],
  stateReadAt: Date,
): { orphans: T[]; missing: OpenAction[] } | null {
  if (!state || state.settling) return null;
  const settledBefore = stateReadAt.getTime() - RECONCILE_GRACE_MS;
  const awaited = new Set(state.openActions.map((action) => action.actionId));
  const openBefore = new Set(before.map((task) => task.id));
  const orphans = after.filter(
    (task) => openBefore.has(task.id) && !awaited.has(task.actionId) && task.openedAt.getTime() < settledBefore,
  );
  const withTask = new Set([...before, ...after].map((task) => task.actionId));
  const missing = state.openActions.filter(
    (action) => !withTask.has(action.actionId) && Date.parse(action.openedAt) < settledBefore,
  );
  return { orphans, missing };
}

export function orphanTaskSentence(
  task: Pick<ReconciledTask, 'actionId' | 'kind'>,
  state: Pick<DisputeState, 'phase' | 'level'>,
): string {
  return `task ${task.kind} (${task.actionId}) is open, but the workflow has left it: it is in ${state.phase}${state.level ? ` at ${state.level}` : ''}`;
}

export function actionWithoutTaskSentence(action: Pick<OpenAction, 'actionId' | 'kind' | 'agencyId'>): string {
  return `the workflow awaits ${action.kind} (${action.actionId}) by ${action.agencyId}, but no task is open for it`;
}

export function failingActivitySentence(activity: PendingActivityView, now: Date): string {
  const since = activity.scheduledAt ?? activity.lastStartedAt;
  const forHowLong = since ? ` for ${formatDuration(now.getTime() - Date.parse(since))}` : '';
  return `activity ${activity.activityType} failing${forHowLong} (attempt ${activity.attempt}): ${activity.lastFailure ?? 'no failure recorded'}`;
}

export function failingWorkflowTaskSentence(task: FailingWorkflowTaskView, now: Date): string {
  const forHowLong = task.since ? ` for ${formatDuration(now.getTime() - Date.parse(task.since))}` : '';
  const cause = task.cause ? `${task.cause}: ` : '';
  return `workflow task failing${forHowLong} (attempt ${task.attempt}): ${cause}${task.message ?? 'no failure in the recent history'}`;
}

export function blockedSentence(blocked: NonNullable<DisputeState['blocked']>): string {
  return `blocked: ${blocked.activity} — ${blocked.type ? `${blocked.type}: ` : ''}${blocked.message}`;
}

/** Why an awaited action is past its threshold, in one line. */
export function awaitedTaskSentence(
  task: {
    kind: string;
    agencyId: string;
    level: string | null;
    openedAt: Date;
    dueAt: Date | null;
    reason: string | null;
  },
  threshold: StuckThreshold,
  now: Date,
): string {
  const byDue = threshold.from === 'due' && task.dueAt !== null;
  const waited = byDue
    ? `${formatDuration(now.getTime() - (task.dueAt?.getTime() ?? 0))} past due`
    : formatDuration(now.getTime() - task.openedAt.getTime());
  const allowed =
    threshold.workingDays === 0
      ? ''
      : byDue
        ? ` (${threshold.workingDays} working days of grace)`
        : ` (${threshold.workingDays} working days allowed)`;
  if (task.kind === 'decide-escalation') {
    return `${task.level ?? 'level'} undecided: waiting ${waited} for the coordinators' decision (${task.reason ?? 'no reason recorded'}) by ${task.agencyId}${allowed}`;
  }
  return `waiting ${waited} for ${task.kind} by ${task.agencyId}${allowed}`;
}

/**
 * The one line that says why a case does not move, most fundamental cause first:
 * 1. the case record and the workflow disagree (nothing else is worth reading until they agree);
 * 2. the workflow task keeps failing: the workflow's own code cannot run, so neither can anything it would do;
 * 3. the workflow is blocked on a side effect retrying cannot fix;
 * 4. an activity keeps failing;
 * 5. the workflow awaits an action nobody can see (no open task): it waits for ever;
 * 6. a task is open for a phase the workflow left: someone may work it, and the workflow will refuse their action;
 * 7. a human action is past due;
 * otherwise what it waits for.
 */
export function diagnose(input: DiagnosisInput): string {
  const mismatch = reconciliationOf(input.caseStatus, input.workflowStatus);
  if (mismatch) return mismatch;
  if (FINISHED_CASE.has(input.caseStatus))
    return `finished: case ${input.caseStatus}, workflow ${input.workflowStatus}`;
  if (input.workflowTask) return failingWorkflowTaskSentence(input.workflowTask, input.now);
  if (input.state?.blocked) return blockedSentence(input.state.blocked);
  const failing = [...input.pendingActivities].filter((a) => a.attempt > 1).sort((a, b) => b.attempt - a.attempt)[0];
  if (failing) return failingActivitySentence(failing, input.now);
  const missing = input.actionsWithoutTask[0];
  if (missing) return actionWithoutTaskSentence(missing);
  const orphan = input.orphanTasks[0];
  if (orphan && input.state) return orphanTaskSentence(orphan, input.state);
  const now = input.now.getTime();
  const tasks = [...input.openTasks].sort(
    (a, b) => (a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY) - (b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY),
  );
  const first = tasks[0];
  if (!first) return 'no open task and nothing failing: the workflow is working or waits on a timer';
  if (first.dueAt && first.dueAt.getTime() < now) {
    return `waiting ${formatDuration(now - first.dueAt.getTime())} past due for ${first.kind} by ${first.agencyId}`;
  }
  return first.dueAt
    ? `on time: waiting for ${first.kind} by ${first.agencyId}, due in ${formatDuration(first.dueAt.getTime() - now)}`
    : `on time: waiting for ${first.kind} by ${first.agencyId} (no due date)`;
}

/** The fields that place an item in the scan's order: a page's cursor carries them. */
export type StuckOrderKey = Pick<StuckItem, 'stuckForMs' | 'caseId' | 'workflowId' | 'subject' | 'kind' | 'taskId'>;

/**
 * Longest stuck first; ties in a stable, total order (case, subject, then kind, task and workflow), so that a
 * cursor names one place in it.
 */
export function compareStuck(a: StuckOrderKey, b: StuckOrderKey): number {
  return (
    b.stuckForMs - a.stuckForMs ||
    (a.caseId ?? a.workflowId).localeCompare(b.caseId ?? b.workflowId) ||
    a.subject.localeCompare(b.subject) ||
    a.kind.localeCompare(b.kind) ||
    (a.taskId ?? '').localeCompare(b.taskId ?? '') ||
    a.workflowId.localeCompare(b.workflowId)
  );
}

export function sortStuck(items: readonly StuckItem[]): StuckItem[] {
  return [...items].sort(compareStuck);
}
