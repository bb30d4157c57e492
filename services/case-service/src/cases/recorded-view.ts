/**
 * The workflow view of a case from case-service's own tables: the progress the workflow reports through its activities
 * (level, phase, agency, next deadline, outcome) and the tasks it opens and closes through them. An ordinary case
 * read asks Temporal nothing; the view trails the workflow by at most the activity that writes it.
 */
import type {
  CaseWorkflowView,
  DisputePhase,
  HumanActionKind,
  LadderLevel,
  OpenActionSummary,
  TaskStatus,
} from '@gongzhi/contracts';
import type { CaseProgress, CaseRecord } from './case.model';

/** A task of the case, as much of it as the recorded view needs. */
export interface CaseTaskBrief {
  actionId: string;
  kind: HumanActionKind;
  level: LadderLevel | null;
  agencyId: string;
  assigneeStaffId: string | null;
  status: TaskStatus;
  openedAt: Date;
  dueAt: Date | null;
}

/**
 * Phases in which the workflow has nobody responsible at the level: it clears the responsible mediator when it enters
 * a level, and only an accepted transfer names one.
 */
const BEFORE_ACCEPTANCE: ReadonlySet<DisputePhase> = new Set(['planning', 'transfer', 'transfer-rejected']);

/**
 * The workflow's status as the case's records tell it. A case is `opening` until its workflow's start is confirmed,
 * `open` while it runs, and closed (or merged) on the workflow's report of its outcome, its last piece of work; a
 * merged case's workflow runs on until it is told of the merge and reports the outcome `merged`.
 */
export function recordedWorkflowStatus(record: Pick<CaseRecord, 'status' | 'progress'>): CaseWorkflowView['status'] {
  switch (record.status) {
    case 'opening':
      return 'NOT_STARTED';
    case 'open':
      return 'RUNNING';
    case 'merged':
    case 'closed':
      if (record.progress.outcome === null) return 'RUNNING';
      // An administrator's termination is recorded as its own outcome (with who and why in the repair log).
      return record.progress.outcome === 'terminated' ? 'TERMINATED' : 'COMPLETED';
  }
}

const byOpening = (a: CaseTaskBrief, b: CaseTaskBrief) =>
  a.openedAt.getTime() - b.openedAt.getTime() || (a.actionId < b.actionId ? -1 : a.actionId > b.actionId ? 1 : 0);

/**
 * The mediator responsible at the current level: whoever holds the level's latest mediate task. The workflow names
 * them as its assignee when the transfer is accepted and moves it on a reassignment (the only way that task changes
 * hands), and the closed task keeps them after mediation ends, as the workflow does.
 */
function responsibleStaffOf(progress: CaseProgress, tasks: readonly CaseTaskBrief[]): string | null {
  if (progress.level === null || progress.phase === null || BEFORE_ACCEPTANCE.has(progress.phase)) return null;
  const mediate = tasks
    .filter((task) => task.kind === 'mediate' && task.level === progress.level && task.agencyId === progress.agencyId)
    .sort(byOpening)
    .at(-1);
  return mediate?.assigneeStaffId ?? null;
}

/**
 * The recorded workflow view: `tasks` are the case's open tasks and the mediate tasks of its current level (what
 * `CasesRepository.viewTasks` reads); the open ones are its open actions, oldest first.
 */
export function recordedWorkflowView(record: CaseRecord, tasks: readonly CaseTaskBrief[]): CaseWorkflowView {
  const { progress } = record;
  const openActions: OpenActionSummary[] = tasks
    .filter((task) => task.status === 'open')
    .sort(byOpening)
    .map((task) => ({
      actionId: task.actionId,
      kind: task.kind,
      agencyId: task.agencyId,
      assigneeStaffId: task.assigneeStaffId,
      dueAt: task.dueAt?.toISOString() ?? null,
    }));
  return {
    workflowId: record.workflowId,
    source: 'recorded',
    status: recordedWorkflowStatus(record),
    level: progress.level,
    phase: progress.phase,
    agencyId: progress.agencyId,
    responsibleStaffId: responsibleStaffOf(progress, tasks),
    nextDeadline: progress.nextDeadline?.toISOString() ?? null,
    openActions,
  };
}
