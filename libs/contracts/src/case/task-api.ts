/**
 * Staff-facing task API of case-service: the human actions the dispute workflows wait for, and the actions staff
 * send them. An action reaches the workflow as its `act` Update; the workflow decides whether it is legal.
 */
import {
  CLOSE_REASONS,
  type DisputeAction,
  DISPUTE_PHASES,
  HUMAN_ACTION_KINDS,
  REJECTION_REASONS,
} from '../dispute/definitions';
import { LADDER_LEVELS } from '../dispute/vocabulary';
import { STAFF_ROLES } from '../identity';
import { z } from '../zod';
import { OpenActionSummary } from './case-api';
import { Instant, type TypesMatch, WorkflowKey } from './schema-helpers';

/** open: waiting for someone; completed: someone did it; cancelled: the workflow no longer needs it. */
export const TASK_STATUSES = ['open', 'completed', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES).openapi('TaskStatus');
export type TaskStatus = z.infer<typeof TaskStatus>;

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
  })
  .openapi('Task');
export type TaskView = z.infer<typeof TaskView>;

export const TaskIdParams = z.object({ id: z.string().uuid('task ids are UUIDs') }).strict();

/** Filters of `GET /api/v1/tasks` (with `limit` and `cursor`): open tasks unless `status` says otherwise. */
export const TaskListFilters = z
  .object({
    status: TaskStatus.default('open'),
    caseId: z.string().uuid().optional(),
    kind: z.enum(HUMAN_ACTION_KINDS).optional(),
    agencyId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type TaskListFilters = z.infer<typeof TaskListFilters>;

const staffId = z.string().trim().min(1).max(100);
const agencyId = z.string().trim().min(1).max(100);

/** Every human action, as the workflow's `act` Update takes it (see `DisputeAction` in the dispute contracts). */
export const DisputeActionSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('accept-transfer'), responsibleStaffId: staffId }),
    z.strictObject({ kind: z.literal('reject-transfer'), reason: z.enum(REJECTION_REASONS) }),
    z.strictObject({ kind: z.literal('reroute'), toLevel: z.enum(LADDER_LEVELS), agencyId: agencyId.optional() }),
    z.strictObject({ kind: z.literal('close-case'), reason: z.enum(CLOSE_REASONS) }),
    z.strictObject({ kind: z.literal('record-urging') }),
    z.strictObject({ kind: z.literal('record-session'), heldAt: Instant }),
    z.strictObject({ kind: z.literal('request-extension') }),
    z.strictObject({ kind: z.literal('request-escalation') }),
    z.strictObject({ kind: z.literal('record-refusal'), party: z.enum(['applicant', 'respondent']) }),
    z.strictObject({
      kind: z.literal('record-agreement'),
      effectiveAt: Instant.optional(),
      /** The uploaded 调解协议书 (a document of this case). */
      documentId: z.string().uuid().optional(),
    }),
    z.strictObject({
      kind: z.literal('record-failure'),
      /** The court's filing reference (立案号), once filed: a reference, not a description. */
      courtFilingRef: z.string().trim().min(1).max(64, 'give the filing reference only').optional(),
    }),
    z.strictObject({ kind: z.literal('decide-extension'), approve: z.boolean() }),
    z.strictObject({
      kind: z.literal('decide'),
      decision: z.enum(['escalate', 'extend', 'close']),
      closeReason: z.enum(CLOSE_REASONS).optional(),
      extendDays: z.number().int().min(1).max(365).optional(),
    }),
    z.strictObject({ kind: z.literal('add-joint-agencies'), agencyIds: z.array(agencyId).min(1).max(10) }),
    z.strictObject({ kind: z.literal('sign-off') }),
    z.strictObject({
      kind: z.literal('record-follow-up-visit'),
      performance: z.enum(['performing', 'performed', 'not-performed']),
    }),
    z.strictObject({ kind: z.literal('record-confirmation-application'), appliedAt: Instant }),
    z.strictObject({ kind: z.literal('record-confirmation-decision'), confirmed: z.boolean() }),
    z.strictObject({ kind: z.literal('withdraw') }),
  ])
  .openapi('DisputeAction');

// The schema accepts exactly the workflow's DisputeAction: a new action kind must be added here too.
const _disputeActionMatches: TypesMatch<z.output<typeof DisputeActionSchema>, DisputeAction> = true;

/** Body of `POST /api/v1/tasks/{id}/complete`: the action that completes (or works under) the task. */
export const CompleteTaskRequest = z.object({ action: DisputeActionSchema }).strict().openapi('CompleteTaskRequest');
export type CompleteTaskRequest = z.infer<typeof CompleteTaskRequest>;

/**
 * Body of `POST /api/v1/cases/{id}/actions`: an action not bound to a task the caller holds (withdraw, add joint
 * agencies, record an application for judicial confirmation…). `actionId` names a task where the action needs one.
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

/** Response of `POST /api/v1/tasks/{id}/complete`: the task as the workflow left it, and the case's new state. */
export const CompleteTaskResponse = z
  .object({ task: TaskView, state: DisputeStateSummary })
  .openapi('CompleteTaskResponse');
export type CompleteTaskResponse = z.infer<typeof CompleteTaskResponse>;

/** Response of `POST /api/v1/cases/{id}/actions`. */
export const CaseActionResponse = z.object({ state: DisputeStateSummary }).openapi('CaseActionResponse');
export type CaseActionResponse = z.infer<typeof CaseActionResponse>;
