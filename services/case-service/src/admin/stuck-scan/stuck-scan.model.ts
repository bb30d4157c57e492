/** The records the stuck scan and describe read: cases, open tasks and timeline events. */

/** An open task, with what the scan compares with the workflow and the thresholds. */
export interface OpenTaskRecord {
  id: string;
  caseId: string;
  workflowId: string;
  townCode: string;
  actionId: string;
  kind: string;
  level: string | null;
  agencyId: string;
  assigneeStaffId: string | null;
  openedAt: Date;
  dueAt: Date | null;
  /** Why the action exists (e.g. `clock-expired` for a decision): a code, never free text. */
  reason: string | null;
}

/** Open tasks of one kind that may be past their threshold: opened (or due) before the instant given. */
export interface AwaitedTaskRule {
  kind: string;
  /** `due`: the due date is before `before` (or, without one, the opening is); `opened`: the opening is. */
  from: 'due' | 'opened';
  before: Date;
}

/** The facts of a case the scan compares with its workflow. */
export interface AdminCaseRecord {
  id: string;
  workflowId: string;
  townCode: string;
  status: string;
  currentLevel: string | null;
  currentAgencyId: string | null;
  openedAt: Date;
  updatedAt: Date;
  /** The workflow's last progress applied (0: it never reported), what it awaited then, and its next deadline. */
  progressSeq: number;
  awaitedAction: string | null;
  nextDeadline: Date | null;
}

/** An open task as describe lists it. */
export interface AdminTaskRecord {
  id: string;
  actionId: string;
  kind: string;
  agencyId: string;
  assigneeStaffId: string | null;
  openedAt: Date;
  dueAt: Date | null;
}

/** A timeline event as describe lists it. */
export interface AdminEventRecord {
  type: string;
  actor: string;
  agencyId: string | null;
  at: Date;
}
