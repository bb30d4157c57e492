/**
 * The task records the repository reads and writes, and the shapes it is asked in (a task to open, a closure, a
 * change of holder, a queue's scope, filters and page). The repository, its read model, the service, the fakes and
 * other features import them from here, so none of them has to import another to name a task.
 */
import type {
  DisputeType,
  HumanActionKind,
  LadderLevel,
  OpenTaskRequest,
  RiskFlag,
  StaffRole,
  TaskPriority,
  TaskQueueStatus,
  TaskSort,
  TaskStatus,
} from '@gongzhi/contracts';

/** A task row as the service works with it. */
export interface TaskRecord {
  id: string;
  caseId: string;
  townCode: string;
  workflowId: string;
  actionId: string;
  kind: HumanActionKind;
  level: LadderLevel | null;
  agencyId: string;
  roles: StaffRole[];
  assigneeStaffId: string | null;
  assignedAt: Date | null;
  assignedBy: string | null;
  workflowAssigned: boolean;
  status: TaskStatus;
  openedAt: Date;
  dueAt: Date | null;
  rule: string | null;
  reason: string | null;
  remindedAt: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
  version: number;
  villageCode: string | null;
  disputeType: DisputeType;
  riskFlags: RiskFlag[];
}

/** A task to open: the workflow's open action on its case, with the id case-service gives it. */
export interface NewTask {
  id: string;
  caseId: string;
  townCode: string;
  workflowId: string;
  action: OpenTaskRequest['action'];
}

/** How a task closes. */
export interface TaskClosure {
  outcome: 'completed' | 'cancelled';
  closedBy: string | null;
  closedAt: Date;
}

/**
 * Which tasks a list may return. `all`, `town` and `agency` are the queue without a view (the same rule as case
 * visibility, for tasks: an agency's queue includes what is assigned to the caller by name); the others are the
 * views of the task queue.
 */
export type TaskScope =
  | { kind: 'all' }
  | { kind: 'town'; townCode: string }
  | { kind: 'agency'; agencyId: string; staffId: string }
  /** The agency's tasks that need one of `roles` (the caller's); `unassignedOnly`: open ones nobody holds. */
  | { kind: 'eligible'; agencyId: string; roles: StaffRole[]; unassignedOnly: boolean }
  | { kind: 'assignee'; staffId: string }
  | { kind: 'team'; agencyId: string }
  | { kind: 'watching'; staffId: string };

/** Filters of a list, all optional but the status (`assigned`: open and held by someone). */
export interface TaskFilters {
  status: TaskQueueStatus;
  caseId?: string;
  kind?: HumanActionKind;
  agencyId?: string;
  level?: LadderLevel;
  villageCode?: string;
  disputeType?: DisputeType;
  priority?: TaskPriority;
  dueBefore?: Date;
  dueAfter?: Date;
  overdue?: boolean;
  dueSoon?: boolean;
}

/** Sort position of the last task on a page; which fields are set depends on the sort. */
export interface TaskListPosition {
  /** Due date (due and priority sorts); absent for a task without one. */
  dueAt?: string;
  /** Priority rank (priority sort). */
  rank?: number;
  /** Opening instant (created sort). */
  openedAt?: string;
  id: string;
}

/**
 * How to page a list. Priority depends on the time, so every page computes it `asOf` the same instant (the first
 * page's): the order is then fixed, and paging never skips or repeats a task whose priority changed meanwhile.
 */
export interface TaskListRequest {
  sort: TaskSort;
  asOf: Date;
  limit: number;
  after?: TaskListPosition;
}

/** What a write did to an existing task: `changed` is false when its condition did not hold (or it was already so). */
export interface TaskWrite {
  task: TaskRecord | undefined;
  changed: boolean;
}

/**
 * A change of who holds an open task. It applies only while the task is open and still held by `from` (`force`: by
 * whoever holds it, for a change the workflow already made). A mediator who hands over a mediate task keeps watching
 * the case.
 */
export interface AssigneeChange {
  from: string | null;
  to: string | null;
  /** Who made the change (the supervisor, or the person releasing it). */
  by: string;
  at: Date;
  /** The workflow names the new assignee (a reassignment through its Update). */
  viaWorkflow: boolean;
  force?: boolean;
  /**
   * The supervisor's reason, written as their note on the task in the same transaction, marked with this hand-over:
   * only when the change applied (or, forced, when the workflow made it already).
   */
  reason?: { noteId: string; authorAgencyId: string; text: string };
}

/** A staff member's note on a task, to add. */
export interface NewTaskNote {
  id: string;
  taskId: string;
  caseId: string;
  authorStaffId: string;
  authorAgencyId: string;
  text: string;
}

/** A note on a task as it is stored. */
export interface TaskNoteRecord extends NewTaskNote {
  createdAt: Date;
  /** Who held the task before (null: nobody) and who after, on a note giving the reason for a hand-over. */
  assignedFrom: string | null;
  assignedTo: string | null;
}

/** Open tasks of a view, and how many of them are overdue. */
export interface TaskCount {
  total: number;
  overdue: number;
}
