import type { DisputeState, PendingActivityView, StuckItem } from '@gongzhi/contracts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

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

export interface DiagnosisInput {
  caseStatus: string;
  workflowStatus: WorkflowStatusName;
  state: Pick<DisputeState, 'blocked'> | null;
  pendingActivities: readonly PendingActivityView[];
  openTasks: readonly { kind: string; agencyId: string; dueAt: Date | null }[];
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

export function failingActivitySentence(activity: PendingActivityView, now: Date): string {
  const since = activity.scheduledAt ?? activity.lastStartedAt;
  const forHowLong = since ? ` for ${formatDuration(now.getTime() - Date.parse(since))}` : '';
  return `activity ${activity.activityType} failing${forHowLong} (attempt ${activity.attempt}): ${activity.lastFailure ?? 'no failure recorded'}`;
}

export function blockedSentence(blocked: NonNullable<DisputeState['blocked']>): string {
  return `blocked: ${blocked.activity} — ${blocked.type ? `${blocked.type}: ` : ''}${blocked.message}`;
}

/**
 * The one line that says why a case does not move, most fundamental cause first: record and workflow disagree, the
 * workflow is blocked, an activity keeps failing, a human action is past due. Otherwise what it waits for.
 */
export function diagnose(input: DiagnosisInput): string {
  const mismatch = reconciliationOf(input.caseStatus, input.workflowStatus);
  if (mismatch) return mismatch;
  if (FINISHED_CASE.has(input.caseStatus))
    return `finished: case ${input.caseStatus}, workflow ${input.workflowStatus}`;
  if (input.state?.blocked) return blockedSentence(input.state.blocked);
  const failing = [...input.pendingActivities].filter((a) => a.attempt > 1).sort((a, b) => b.attempt - a.attempt)[0];
  if (failing) return failingActivitySentence(failing, input.now);
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

/** Longest stuck first; ties in a stable order (case, then subject). */
export function sortStuck(items: readonly StuckItem[]): StuckItem[] {
  return [...items].sort(
    (a, b) =>
      b.stuckForMs - a.stuckForMs ||
      (a.caseId ?? a.workflowId).localeCompare(b.caseId ?? b.workflowId) ||
      a.subject.localeCompare(b.subject),
  );
}
