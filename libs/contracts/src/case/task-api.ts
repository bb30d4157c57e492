/**
 * Staff-facing task API of case-service: the human actions the dispute workflows wait for, and the actions staff
 * send them. An action reaches the workflow as its `act` Update; the workflow decides whether it is legal.
 */
import { DisputeActionSchema } from '../dispute/actions';
import { DISPUTE_PHASES, HUMAN_ACTION_KINDS } from '../dispute/definitions';
import { REJECTION_REASONS } from '../dispute/vocabulary';
import { DISPUTE_TYPES, LADDER_LEVELS, RISK_FLAGS } from '../dispute/vocabulary';
import { STAFF_ROLES } from '../identity';
import { z } from '../zod';
import { CaseStatus, CaseSummary, OpenActionSummary, YuanAmount } from './case-api';
import { Instant, WorkflowKey } from './schema-helpers';

/** open: waiting for someone; completed: someone did it; cancelled: the workflow no longer needs it. */
export const TASK_STATUSES = ['open', 'completed', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES).openapi('TaskStatus');
export type TaskStatus = z.infer<typeof TaskStatus>;

/**
 * The four statuses of the task queue: `assigned` is an open task someone holds (claimed, assigned, or named by the
 * workflow); `status` keeps the lifecycle alone (an assigned task is still `open` there).
 */
export const TASK_QUEUE_STATUSES = ['open', 'assigned', 'completed', 'cancelled'] as const;
export const TaskQueueStatus = z.enum(TASK_QUEUE_STATUSES).openapi('TaskQueueStatus');
export type TaskQueueStatus = z.infer<typeof TaskQueueStatus>;

/**
 * How urgent a task is, derived from the case's risk flags and the task's clock (docs/reference/cases-and-tasks.md, the task queue):
 * urgent = overdue, or at risk and due within 48 hours; high = due within 48 hours, or at risk; normal = any other
 * task with a due date; low = no due date.
 */
export const TASK_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const TaskPriority = z.enum(TASK_PRIORITIES).openapi('TaskPriority');
export type TaskPriority = z.infer<typeof TaskPriority>;

/**
 * The task's legal clock, computed when it is read: time left until `dueAt` (negative once overdue), measured from
 * the server's clock for an open task and from the closing instant for a closed one (did it close in time?).
 */
export const TaskClock = z
  .object({
    dueAt: Instant.nullable(),
    /** Milliseconds left; negative when overdue; null without a due date. */
    remainingMs: z.number().int().nullable(),
    overdue: z.boolean(),
    /** The rule behind the due date, e.g. the acceptance deadline or the level's mediation clock. */
    rule: z.string().nullable(),
  })
  .openapi('TaskClock');
export type TaskClock = z.infer<typeof TaskClock>;

/** A task as case-service returns it: one open (or closed) human action of a case's workflow. */
export const TaskView = z
  .object({
    id: z.string().uuid(),
    caseId: z.string().uuid(),
    /** The workflow's id for the action; send it as `actionId` where an action names its task. */
    actionId: z.string(),
    kind: z.enum(HUMAN_ACTION_KINDS),
    level: z.enum(LADDER_LEVELS).nullable(),
    /** The agency whose staff may do it, with any one of `roles`; or the assignee. */
    agencyId: z.string(),
    roles: z.array(z.enum(STAFF_ROLES)),
    assigneeStaffId: z.string().nullable(),
    status: TaskStatus,
    openedAt: Instant,
    dueAt: Instant.nullable(),
    /** The rule behind the due date, in the words a mediator knows. */
    rule: z.string().nullable(),
    /** Why the action exists (e.g. `clock-expired` for a decision). */
    reason: z.string().nullable(),
    remindedAt: Instant.nullable(),
    closedAt: Instant.nullable(),
    closedBy: z.string().nullable(),
    /** `status` with `assigned` told apart from `open`. */
    queueStatus: TaskQueueStatus,
    /** When the assignee came to hold it, and who put them there (null when the workflow named them). */
    assignedAt: Instant.nullable(),
    assignedBy: z.string().nullable(),
    /** True when the workflow names the assignee (the responsible mediator): only a reassignment changes it. */
    workflowAssigned: z.boolean(),
    /** Copied from the case, for the queue's filters. */
    villageCode: z.string().nullable(),
    disputeType: z.enum(DISPUTE_TYPES),
    risks: z.array(z.enum(RISK_FLAGS)),
    priority: TaskPriority,
    clock: TaskClock,
  })
  .openapi('Task');
export type TaskView = z.infer<typeof TaskView>;

export const TaskIdParams = z.object({ id: z.string().uuid('task ids are UUIDs') }).strict();

/** `true` or `false` in a query string (`z.coerce.boolean` would read "false" as true). */
const QueryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

/**
 * The task views: `available` (open, nobody holds it, your agency and one of your roles), `mine` (you hold it),
 * `team` (your agency's; liaisons, coordinators, administrators), `all` (coordinators: the town; administrators:
 * everything), `watching` (tasks of the cases you watch). Without a view: your queue (your agency's tasks and those
 * you hold; coordinators: the town's; administrators: all).
 */
export const TASK_VIEWS = ['available', 'mine', 'team', 'all', 'watching'] as const;
export const TaskViewName = z.enum(TASK_VIEWS).openapi('TaskViewName');
export type TaskViewName = z.infer<typeof TaskViewName>;

/** due: soonest first, undated last; priority: most urgent first, then soonest due; created: oldest first. */
export const TASK_SORTS = ['due', 'priority', 'created'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/** Filters of `GET /api/v1/tasks` (with `limit` and `cursor`): open tasks (held or not) unless `status` says otherwise. */
export const TaskListFilters = z
  .object({
    view: TaskViewName.optional(),
    status: TaskQueueStatus.default('open'),
    caseId: z.string().uuid().optional(),
    kind: z.enum(HUMAN_ACTION_KINDS).optional(),
    agencyId: z.string().min(1).max(100).optional(),
    level: z.enum(LADDER_LEVELS).optional(),
    villageCode: z.string().min(1).max(40).optional(),
    disputeType: z.enum(DISPUTE_TYPES).optional(),
    priority: TaskPriority.optional(),
    /** Due strictly before / after this instant. */
    dueBefore: Instant.optional(),
    dueAfter: Instant.optional(),
    /** Past its due date (true), or not (false). */
    overdue: QueryBoolean.optional(),
    /** Not yet overdue but due within 48 hours (true), or not (false). */
    dueSoon: QueryBoolean.optional(),
    sort: z.enum(TASK_SORTS).default('due'),
  })
  .strict();
export type TaskListFilters = z.infer<typeof TaskListFilters>;

const staffId = z.string().trim().min(1).max(100);

/** Body of `POST /api/v1/tasks/{id}/complete`: the action that completes (or works under) the task. */
export const CompleteTaskRequest = z.object({ action: DisputeActionSchema }).strict().openapi('CompleteTaskRequest');
export type CompleteTaskRequest = z.infer<typeof CompleteTaskRequest>;

/**
 * Body of `POST /api/v1/cases/{id}/actions`: an action on the case (withdraw, add joint agencies, record an application
 * for judicial confirmation…). An action bound to a task (accept a transfer, record a session, decide…) names it by
 * `actionId` and is that task's completion, under the same rules as `POST /api/v1/tasks/{id}/complete`: a task someone
 * holds is theirs to do (409 task-held), and the people and agencies it names must be ones agency-service vouches for.
 */
export const CaseActionRequest = z
  .object({ action: DisputeActionSchema, actionId: WorkflowKey.optional() })
  .strict()
  .openapi('CaseActionRequest');
export type CaseActionRequest = z.infer<typeof CaseActionRequest>;

/** Where the case stands after an accepted action, from the state the workflow returned. */
export const DisputeStateSummary = z
  .object({
    level: z.enum(LADDER_LEVELS).nullable(),
    phase: z.enum(DISPUTE_PHASES),
    agencyId: z.string().nullable(),
    responsibleStaffId: z.string().nullable(),
    openActions: z.array(OpenActionSummary),
  })
  .openapi('DisputeStateSummary');
export type DisputeStateSummary = z.infer<typeof DisputeStateSummary>;

/**
 * Response of `POST /api/v1/tasks/{id}/complete`: the task as the workflow left it, the case's new state and, while
 * the caller may still read the case, its tasks as `GET /api/v1/cases/{id}/tasks` shows them now — the next task is
 * in the answer, so the person who clicked sees it without reading again.
 */
export const CompleteTaskResponse = z
  .object({
    task: TaskView,
    state: DisputeStateSummary,
    caseTasks: z.array(TaskView).optional().openapi({
      description: 'The case’s tasks after the action; absent when the action took the case out of the caller’s sight',
    }),
  })
  .openapi('CompleteTaskResponse');
export type CompleteTaskResponse = z.infer<typeof CompleteTaskResponse>;

/** Response of `POST /api/v1/cases/{id}/actions`. */
export const CaseActionResponse = z.object({ state: DisputeStateSummary }).openapi('CaseActionResponse');
export type CaseActionResponse = z.infer<typeof CaseActionResponse>;

// ---------------------------------------------------------------------------------------------------------------
// The task queue's own actions: who holds a task, and notes on it

/**
 * Why a supervisor hands a task to someone (optional, so scripts that send `staffId` alone keep working): kept in
 * case-service only, as a note on the task by the supervisor, for the case's people to read later. It may name people,
 * so it never reaches the workflow, events or logs.
 */
export const AssignmentReason = z
  .string()
  .trim()
  .min(5, 'say in a few words why the task changes hands')
  .max(500, 'keep the reason under 500 characters');

/**
 * Body of `POST /api/v1/tasks/{id}/assign` and `/reassign`: the staff member (agency-service id) to hold the task, and
 * why (a sick mediator, a colleague who knows the family).
 */
export const AssignTaskRequest = z
  .object({ staffId, reason: AssignmentReason.optional() })
  .strict()
  .openapi('AssignTaskRequest');
export type AssignTaskRequest = z.infer<typeof AssignTaskRequest>;

/** Body of `POST /api/v1/tasks/{id}/notes`: a working note. It may name people, so it never reaches logs or events. */
export const AddTaskNoteRequest = z
  .object({ text: z.string().trim().min(1, 'write the note').max(2000, 'keep a note under 2000 characters') })
  .strict()
  .openapi('AddTaskNoteRequest');
export type AddTaskNoteRequest = z.infer<typeof AddTaskNoteRequest>;

/** The hand-over a note gives the reason for: from whom (null: nobody held the task) to whom. */
export const TaskNoteAssignment = z.object({ fromStaffId: z.string().nullable(), toStaffId: z.string() });
export type TaskNoteAssignment = z.infer<typeof TaskNoteAssignment>;

/**
 * A note on a task, by whom and for which agency. A supervisor's reason for assigning or reassigning the task is a
 * note too, by them, with `assignment` saying who the task went from and to; null on a working note.
 */
export const TaskNoteView = z
  .object({
    id: z.string().uuid(),
    taskId: z.string().uuid(),
    caseId: z.string().uuid(),
    authorStaffId: z.string(),
    authorAgencyId: z.string(),
    text: z.string(),
    createdAt: Instant,
    assignment: TaskNoteAssignment.nullable(),
  })
  .openapi('TaskNote');
export type TaskNoteView = z.infer<typeof TaskNoteView>;

/** How many open tasks a view holds, and how many of them are overdue. */
export const TaskViewCount = z.object({ total: z.number().int(), overdue: z.number().int() }).openapi('TaskViewCount');
export type TaskViewCount = z.infer<typeof TaskViewCount>;

/** Response of `GET /api/v1/tasks/counts`: the badge of each view; null for a view the caller does not have. */
export const TaskCounts = z
  .object({
    available: TaskViewCount,
    mine: TaskViewCount,
    team: TaskViewCount.nullable(),
    all: TaskViewCount.nullable(),
    watching: TaskViewCount,
    inbox: TaskViewCount,
    asOf: Instant,
  })
  .openapi('TaskCounts');
export type TaskCounts = z.infer<typeof TaskCounts>;

// ---------------------------------------------------------------------------------------------------------------
// The liaison inbox: transfers waiting for an agency's acceptance

/** Filters of `GET /api/v1/inbox` (with `limit` and `cursor`). */
export const InboxFilters = z
  .object({
    /** Coordinators and administrators: one agency's inbox. */
    agencyId: z.string().min(1).max(100).optional(),
    sort: z.enum(TASK_SORTS).default('due'),
  })
  .strict();
export type InboxFilters = z.infer<typeof InboxFilters>;

/** The case as the receiving agency decides on it. */
export const InboxCase = z
  .object({
    id: z.string().uuid(),
    disputeType: z.enum(DISPUTE_TYPES),
    summary: z.string(),
    villageCode: z.string().nullable(),
    amountInDispute: YuanAmount.nullable(),
    risks: z.array(z.enum(RISK_FLAGS)),
    status: CaseStatus,
    openedAt: Instant,
  })
  .openapi('InboxCase');

/** Most refusals an inbox item lists: the latest ones, so a case bounced around many times still fits the page. */
export const EARLIER_REJECTIONS_LIMIT = 10;

/** An earlier receiving agency's refusal of this case, from the workflow's `transfer-rejected` timeline event. */
export const EarlierRejection = z
  .object({
    /** The agency that refused the transfer. */
    agencyId: z.string(),
    /** The level the case was sent to; null where the event does not say. */
    level: z.enum(LADDER_LEVELS).nullable(),
    reason: z.enum(REJECTION_REASONS),
    rejectedAt: Instant,
  })
  .openapi('EarlierRejection');
export type EarlierRejection = z.infer<typeof EarlierRejection>;

/** Where the transfer comes from and why, from the workflow's `transfer-requested` timeline event. */
export const TransferOrigin = z
  .object({
    /** The agency that sends the case; null for a case coming straight from intake. */
    fromAgencyId: z.string().nullable(),
    /** A code: `intake`, `escalated`, `rerouted`, `not-performed`… */
    reason: z.string().nullable(),
    requestedAt: Instant.nullable(),
    /** Sent back to the police on the penalty track (治安管理处罚法 art. 9) after an agreement was not performed. */
    penaltyTrack: z.boolean(),
    /**
     * Why agencies refused this case before (a bounced transfer re-routed here): ids and codes only, oldest first, the
     * latest EARLIER_REJECTIONS_LIMIT of them; empty for a case nobody refused.
     */
    earlierRejections: z.array(EarlierRejection).max(EARLIER_REJECTIONS_LIMIT),
  })
  .openapi('TransferOrigin');

/**
 * One transfer in the inbox: the accept-transfer task, the case, its origin and the acceptance deadline. Accept with
 * `POST /api/v1/tasks/{id}/complete` and `{ kind: 'accept-transfer', responsibleStaffId }`, or reject with
 * `{ kind: 'reject-transfer', reason }`.
 */
export const InboxItem = z
  .object({ task: TaskView, case: InboxCase, transfer: TransferOrigin, acceptBy: Instant.nullable() })
  .openapi('InboxItem');
export type InboxItem = z.infer<typeof InboxItem>;

/** A case the caller watches (they mediated it at a level), with where it stands now. */
export const WatchedCase = z
  .object({ case: CaseSummary, since: Instant, level: z.enum(LADDER_LEVELS).nullable() })
  .openapi('WatchedCase');
export type WatchedCase = z.infer<typeof WatchedCase>;
