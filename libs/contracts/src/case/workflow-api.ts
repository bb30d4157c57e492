/**
 * case-service's workflow-facing API (`/internal/v1`): what the dispute worker's activities call, with a
 * `workflow-engine` service token only. Each body is the activity's input minus the ids that travel in the path,
 * and is checked at compile time against the activity contract, so the two cannot drift apart. Every write is
 * idempotent on a key the workflow derives: the same call twice changes nothing the second time.
 */
import type {
  CaseProgressInput,
  CaseWrite,
  CloseTaskInput,
  OpenTaskInput,
  RemindTaskInput,
  TimelineEventInput,
} from '../dispute/activities';
import { MAX_TRANSITION_WRITES } from '../dispute/activities';
import { timelineEntryMembers, type WorkflowTimelineEntry } from '../dispute/timeline';
import { CASE_OUTCOMES, DISPUTE_PHASES, HUMAN_ACTION_KINDS, type OpenAction } from '../dispute/definitions';
import { LADDER_LEVELS } from '../dispute/vocabulary';
import { STAFF_ROLES } from '../identity';
import { z } from '../zod';
import { Instant, type TypesMatch, WorkflowKey } from './schema-helpers';
import { TaskView } from './task-api';

/**
 * Problem types of this API that an activity must tell apart. `caseNotFound` (404) is final: the activity raises
 * the non-retryable `CaseNotFound` failure instead of retrying.
 */
export const WORKFLOW_API_PROBLEM_TYPES = {
  caseNotFound: 'urn:gongzhi:problem:case-not-found',
} as const;

const caseId = z.string().uuid('case ids are UUIDs');
const id = z.string().trim().min(1).max(100);

/** Path of the case-level internal routes. */
export const WorkflowCaseParams = z.object({ caseId }).strict();
/** Path of the task routes: the task is named by its case and the workflow's action id. */
export const WorkflowTaskParams = z.object({ caseId, actionId: WorkflowKey }).strict();
/** Path of the timeline route: the event is named by the workflow's event key. */
export const WorkflowTimelineParams = z.object({ caseId, eventKey: WorkflowKey }).strict();

/** An open action of the workflow (`OpenAction`), as the task it becomes. */
export const OpenActionSchema = z
  .object({
    actionId: WorkflowKey,
    kind: z.enum(HUMAN_ACTION_KINDS),
    level: z.enum(LADDER_LEVELS).nullable(),
    agencyId: id,
    roles: z.array(z.enum(STAFF_ROLES)).max(STAFF_ROLES.length),
    assigneeStaffId: id.nullable(),
    openedAt: Instant,
    dueAt: Instant.nullable(),
    rule: z.string().max(500).nullable(),
    reason: z.string().max(100).nullable(),
  })
  .strict()
  .openapi('OpenAction');

/** Body of `PUT /internal/v1/cases/{caseId}/tasks/{actionId}` (activity `openTask`). */
export const OpenTaskRequest = z
  .object({ workflowId: z.string().min(1).max(200), action: OpenActionSchema })
  .strict()
  .openapi('OpenTaskRequest');
export type OpenTaskRequest = z.infer<typeof OpenTaskRequest>;

/** Body of `POST /internal/v1/cases/{caseId}/tasks/{actionId}/close` (activity `closeTask`). */
const closeTaskFields = { outcome: z.enum(['completed', 'cancelled']), closedBy: id.nullable(), closedAt: Instant };
export const CloseTaskRequest = z.object(closeTaskFields).strict().openapi('CloseTaskRequest');
export type CloseTaskRequest = z.infer<typeof CloseTaskRequest>;

/** Body of `POST /internal/v1/cases/{caseId}/tasks/{actionId}/remind` (activity `remindTask`). */
const remindTaskFields = { remindedAt: Instant };
export const RemindTaskRequest = z.object(remindTaskFields).strict().openapi('RemindTaskRequest');
export type RemindTaskRequest = z.infer<typeof RemindTaskRequest>;

/** The fields every timeline entry has beside its type and details. */
const timelineFields = { actor: id, agencyId: id.nullable(), at: Instant };
export type RecordTimelineRequest = { actor: string; agencyId: string | null; at: string } & WorkflowTimelineEntry;
/**
 * Body of `PUT /internal/v1/cases/{caseId}/timeline/{eventKey}` (activity `recordTimeline`): one of the workflow's
 * timeline types with the details that type carries (`WORKFLOW_TIMELINE_DETAILS`), discriminated by `type`. Typed as
 * the union it checks: zod cannot infer a union built from the table of types.
 */
export const RecordTimelineRequest = z
  .discriminatedUnion('type', timelineEntryMembers(timelineFields))
  .openapi('RecordTimelineRequest') as unknown as z.ZodType<RecordTimelineRequest>;

/** Body of `PUT /internal/v1/cases/{caseId}/progress` (activity `updateCaseProgress`). */
const progressFields = {
  progressSeq: z.number().int().min(0),
  level: z.enum(LADDER_LEVELS).nullable(),
  phase: z.enum(DISPUTE_PHASES),
  agencyId: id.nullable(),
  involvedAgencyIds: z.array(id).max(50),
  outcome: z.enum(CASE_OUTCOMES).nullable(),
  awaitedAction: z.enum(HUMAN_ACTION_KINDS).nullable(),
  nextDeadline: Instant.nullable(),
};
export const CaseProgressRequest = z.object(progressFields).strict().openapi('CaseProgressRequest');
export type CaseProgressRequest = z.infer<typeof CaseProgressRequest>;

const OpenTaskWrite = z.object({ kind: z.literal('open-task'), action: OpenActionSchema }).strict();
const CloseTaskWrite = z.object({ kind: z.literal('close-task'), actionId: WorkflowKey, ...closeTaskFields }).strict();
const RemindTaskWrite = z
  .object({ kind: z.literal('remind-task'), actionId: WorkflowKey, ...remindTaskFields })
  .strict();
const ProgressWrite = z.object({ kind: z.literal('progress'), ...progressFields }).strict();

/** A transition's write; a timeline entry's details are typed by its type. */
export type TransitionWrite =
  | ({ kind: 'timeline'; eventKey: string } & RecordTimelineRequest)
  | z.infer<typeof OpenTaskWrite>
  | z.infer<typeof CloseTaskWrite>
  | z.infer<typeof RemindTaskWrite>
  | z.infer<typeof ProgressWrite>;
/** The writes of one transition, in order (activity `commitTransition`): each is its own route's body with its ids. */
export const TransitionWrite = z
  .discriminatedUnion('kind', [
    z.discriminatedUnion(
      'type',
      timelineEntryMembers({ kind: z.literal('timeline'), eventKey: WorkflowKey, ...timelineFields }),
    ),
    OpenTaskWrite,
    CloseTaskWrite,
    RemindTaskWrite,
    ProgressWrite,
  ])
  .openapi('TransitionWrite') as unknown as z.ZodType<TransitionWrite>;

/** Body of `PUT /internal/v1/cases/{caseId}/transitions/{transitionKey}` (activity `commitTransition`). */
export const CommitTransitionRequest = z
  .object({
    workflowId: z.string().min(1).max(200),
    writes: z.array(TransitionWrite).min(1).max(MAX_TRANSITION_WRITES),
  })
  .strict()
  .openapi('CommitTransitionRequest');
export type CommitTransitionRequest = z.infer<typeof CommitTransitionRequest>;

/** Path of the transition route: the transition is named by the workflow's key. */
export const WorkflowTransitionParams = z.object({ caseId, transitionKey: WorkflowKey }).strict();

/** What each write of a transition did, in the order they were sent (false: it was there already, or stale). */
export const CommitTransitionResponse = z
  .object({ transitionKey: z.string(), changed: z.array(z.boolean()) })
  .openapi('CommitTransitionResponse');
export type CommitTransitionResponse = z.infer<typeof CommitTransitionResponse>;

/** A transition's write as the worker sends it: the activity's write without the ids the path and body carry. */
export function transitionWriteOf(write: CaseWrite): TransitionWrite {
  switch (write.kind) {
    case 'recordTimeline': {
      const { caseId: _case, ...event } = write.input;
      return { kind: 'timeline', ...event };
    }
    case 'openTask':
      return { kind: 'open-task', action: write.input.action };
    case 'closeTask': {
      const { caseId: _case, ...closure } = write.input;
      return { kind: 'close-task', ...closure };
    }
    case 'remindTask': {
      const { caseId: _case, ...reminder } = write.input;
      return { kind: 'remind-task', ...reminder };
    }
    case 'updateCaseProgress': {
      const { caseId: _case, ...progress } = write.input;
      return { kind: 'progress', ...progress };
    }
  }
}

// Each body is exactly its activity's input without the path's ids: a change to either side fails to compile here.
const _openActionMatches: TypesMatch<z.output<typeof OpenActionSchema>, OpenAction> = true;
const _openTaskMatches: TypesMatch<OpenTaskRequest, Omit<OpenTaskInput, 'caseId'>> = true;
const _closeTaskMatches: TypesMatch<CloseTaskRequest, Omit<CloseTaskInput, 'caseId' | 'actionId'>> = true;
const _remindTaskMatches: TypesMatch<RemindTaskRequest, Omit<RemindTaskInput, 'caseId' | 'actionId'>> = true;
type Assignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// A union: each timeline type's entry, both ways (Omit would merge the union's members).
const _timelineMatches: Assignable<TimelineEventInput, { caseId: string; eventKey: string } & RecordTimelineRequest> =
  true;
const _progressMatches: TypesMatch<CaseProgressRequest, Omit<CaseProgressInput, 'caseId'>> = true;

/** Response of closing a task: `closed` is false only for a task case-service never heard of. */
export const CloseTaskResponse = z
  .object({
    closed: z.boolean(),
    /** False when the task was already closed: the call changed nothing. */
    changed: z.boolean(),
    task: TaskView.nullable(),
  })
  .openapi('CloseTaskResponse');
export type CloseTaskResponse = z.infer<typeof CloseTaskResponse>;

/** Response of a reminder: `reminded` is whether the task carries a reminder now. */
export const RemindTaskResponse = z
  .object({ reminded: z.boolean(), changed: z.boolean(), task: TaskView.nullable() })
  .openapi('RemindTaskResponse');
export type RemindTaskResponse = z.infer<typeof RemindTaskResponse>;

/** Response of recording a timeline event (201 when written now, 200 when the key was already there). */
export const RecordTimelineResponse = z
  .object({ eventKey: z.string(), created: z.boolean() })
  .openapi('RecordTimelineResponse');
export type RecordTimelineResponse = z.infer<typeof RecordTimelineResponse>;

/** Response of a progress report: whether it was applied, and the sequence number the case now holds. */
export const CaseProgressResponse = z
  .object({ applied: z.boolean(), progressSeq: z.number().int() })
  .openapi('CaseProgressResponse');
export type CaseProgressResponse = z.infer<typeof CaseProgressResponse>;
