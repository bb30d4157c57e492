/**
 * Administrators' API of case-service (issue 6): the cases that are not moving, and why. Every item is codes, ids
 * and instants, never a case's free text.
 */
import { LADDER_LEVELS } from '../dispute/vocabulary';
import { z } from '../zod';
import { Instant } from './schema-helpers';

/**
 * The kinds of stall the scan finds. Tasks are split three ways, so that counts and filters answer the questions
 * administrators ask first, without a second field to filter on:
 * - `overdue-acceptance`: an accept-transfer task past its threshold (the receiving agency has not accepted);
 * - `undecided-level`: a decide-escalation task past its threshold (the level waits on the coordinators' decision:
 *   its mediation clock ran out, mediation failed, a party refused, or the mediator asked early — the diagnosis says
 *   which);
 * - `overdue-task`: every other human action past its threshold.
 * The task's own kind stays in `subject` for all three.
 */
export const STUCK_KINDS = [
  'overdue-acceptance',
  'undecided-level',
  'overdue-task',
  'workflow-task-failing',
  'blocked',
  'failing-activity',
  'reconciliation',
] as const;
export const StuckKind = z.enum(STUCK_KINDS).openapi('StuckKind');
export type StuckKind = z.infer<typeof StuckKind>;

/** The filter fields of the stuck scan, without the saved view that may supply them. */
const stuckFilterFields = {
  kind: StuckKind.optional(),
  town: z.string().min(1).max(64).optional(),
  agencyId: z.string().min(1).max(128).optional(),
  level: z.enum(LADDER_LEVELS).optional(),
  minAgeHours: z.coerce.number().min(0).max(100_000).optional(),
};
const stuckLimit = z.coerce.number().int().min(1).max(500);

/** The reference of a saved view: its id, or its name. */
export const SavedViewRef = z.string().min(1).max(64);

/** Filters of the stuck scan; `view` applies a saved view's filters first, and the other parameters override them. */
export const StuckFilters = z
  .object({
    ...stuckFilterFields,
    limit: stuckLimit.default(100),
    view: SavedViewRef.optional(),
    /** The previous page's `nextCursor`: the items that sort after its last one, in a fresh scan. */
    cursor: z.string().min(1).max(1_000).optional(),
  })
  .strict();
export type StuckFilters = z.infer<typeof StuckFilters>;

/** The filters a saved view stores: those of the scan, with no default filled in (and no view inside a view). */
export const SavedViewFilters = z
  .object({ ...stuckFilterFields, limit: stuckLimit.optional() })
  .strict()
  .openapi('SavedViewFilters');
export type SavedViewFilters = z.infer<typeof SavedViewFilters>;

/** One stuck case (or task of a case): what is stuck, since when, and a one-line reason. */
export const StuckItem = z
  .object({
    kind: StuckKind,
    caseId: z.string().nullable(),
    workflowId: z.string(),
    townCode: z.string().nullable(),
    agencyId: z.string().nullable(),
    level: z.string().nullable(),
    /**
     * When the stall began: a task's due date (or its opening, for thresholds counted from it), a failing
     * activity's current attempt, a workflow task's first failure, when a record and its workflow parted.
     */
    since: Instant,
    stuckForMs: z.number().int(),
    /**
     * What is stuck: the task kind, the blocked or failing activity, the workflow task failure's cause, the
     * reconciliation mismatch.
     */
    subject: z.string(),
    taskId: z.string().nullable(),
    assigneeStaffId: z.string().nullable(),
    attempt: z.number().int().nullable(),
    /** The failure's message as the workflow or activity reported it (codes and ids, no personal data). */
    message: z.string().nullable(),
    diagnosis: z.string(),
  })
  .openapi('StuckItem');
export type StuckItem = z.infer<typeof StuckItem>;

/** How many items of each kind matched the filters. */
export const StuckCounts = z
  .object(Object.fromEntries(STUCK_KINDS.map((kind) => [kind, z.number().int()])) as Record<StuckKind, z.ZodNumber>)
  .openapi('StuckCounts');
export type StuckCounts = Record<StuckKind, number>;

/** The scan's answer: the longest stuck first, and how many of each kind matched the filters. */
export const StuckReport = z
  .object({
    items: z.array(StuckItem),
    counts: StuckCounts,
    /**
     * True when the scan judged everything of the town (every source read to its end, every candidate asked, every
     * dependency answering); false means retry, `warnings` says why.
     */
    complete: z.boolean(),
    /** Pass as `cursor` for the items after these; null on the last page. */
    nextCursor: z.string().nullable(),
    /** This report does not list everything: there is a next page, or the scan was not complete. */
    truncated: z.boolean(),
    /** The saved view whose filters the scan applied, if one was named. */
    view: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** Parts of the scan that could not be completed (a dependency did not answer), in words: retry later. */
    warnings: z.array(z.string()),
    scannedAt: Instant,
  })
  .openapi('StuckReport');
export type StuckReport = z.infer<typeof StuckReport>;

/** A pending activity of a workflow, as Temporal describes it. */
export const PendingActivityView = z
  .object({
    activityId: z.string(),
    activityType: z.string(),
    attempt: z.number().int(),
    state: z.string(),
    lastFailure: z.string().nullable(),
    scheduledAt: Instant.nullable(),
    lastStartedAt: Instant.nullable(),
  })
  .openapi('PendingActivityView');
export type PendingActivityView = z.infer<typeof PendingActivityView>;

/**
 * A workflow task that keeps failing (attempt > 1): the workflow's own code cannot run, e.g. after a deploy that
 * made it non-deterministic. `message` and `cause` are those of the last WorkflowTaskFailed event in its history
 * (Temporal records the first failure of a streak; later attempts leave no event).
 */
export const FailingWorkflowTaskView = z
  .object({
    attempt: z.number().int(),
    since: Instant.nullable(),
    cause: z.string().nullable(),
    message: z.string().nullable(),
  })
  .openapi('FailingWorkflowTask');
export type FailingWorkflowTaskView = z.infer<typeof FailingWorkflowTaskView>;

/** Everything an administrator needs to see why one case does not move. */
export const CaseDiagnosis = z
  .object({
    caseId: z.string(),
    workflowId: z.string(),
    caseStatus: z.string(),
    workflowStatus: z.string(),
    /** The workflow's getDisputeState answer (level, phase, agency, open actions, clocks, blocked), or null. */
    state: z
      .object({
        level: z.string().nullable(),
        phase: z.string(),
        agencyId: z.string().nullable(),
        responsibleStaffId: z.string().nullable(),
        openActions: z.array(
          z.object({ actionId: z.string(), kind: z.string(), agencyId: z.string(), dueAt: Instant.nullable() }),
        ),
        clocks: z.record(z.string(), z.unknown()),
        blocked: z
          .object({
            activity: z.string(),
            type: z.string().nullable(),
            message: z.string(),
            since: z.string(),
            retryAt: z.string(),
          })
          .nullable(),
      })
      .nullable(),
    pendingActivities: z.array(PendingActivityView),
    /** The workflow task, when it keeps failing; null otherwise. */
    workflowTask: FailingWorkflowTaskView.nullable(),
    openTasks: z.array(
      z.object({
        id: z.string(),
        actionId: z.string(),
        kind: z.string(),
        agencyId: z.string(),
        assigneeStaffId: z.string().nullable(),
        openedAt: Instant,
        dueAt: Instant.nullable(),
        overdueMs: z.number().int().nullable(),
        /**
         * Whether the workflow still awaits this task's action: false for a task open for a phase the workflow has
         * left; null when the workflow's state is unknown or still being written.
         */
        awaitedByWorkflow: z.boolean().nullable(),
      }),
    ),
    /** Actions the workflow awaits that have no open task, so nobody sees them in a queue. */
    actionsWithoutTask: z.array(z.object({ actionId: z.string(), kind: z.string(), agencyId: z.string() })),
    timeline: z.array(z.object({ type: z.string(), actor: z.string(), agencyId: z.string().nullable(), at: Instant })),
    diagnosis: z.string(),
  })
  .openapi('CaseDiagnosis');
export type CaseDiagnosis = z.infer<typeof CaseDiagnosis>;
