/**
 * Administrators' API of case-service (issue 6, first slice): the cases that are not moving, and why. Read only:
 * repairs come later. Every item is codes, ids and instants, never a case's free text.
 */
import { LADDER_LEVELS } from '../dispute/vocabulary';
import { z } from '../zod';
import { Instant } from './schema-helpers';

/** The kinds of stall the scan finds. */
export const STUCK_KINDS = ['overdue-task', 'blocked', 'failing-activity', 'reconciliation'] as const;
export const StuckKind = z.enum(STUCK_KINDS).openapi('StuckKind');
export type StuckKind = z.infer<typeof StuckKind>;

/** Filters of the stuck scan. */
export const StuckFilters = z
  .object({
    kind: StuckKind.optional(),
    town: z.string().min(1).max(64).optional(),
    agencyId: z.string().min(1).max(128).optional(),
    level: z.enum(LADDER_LEVELS).optional(),
    minAgeHours: z.coerce.number().min(0).max(100_000).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type StuckFilters = z.infer<typeof StuckFilters>;

/** One stuck case (or task of a case): what is stuck, since when, and a one-line reason. */
export const StuckItem = z
  .object({
    kind: StuckKind,
    caseId: z.string().nullable(),
    workflowId: z.string(),
    townCode: z.string().nullable(),
    agencyId: z.string().nullable(),
    level: z.string().nullable(),
    /** When the stall began (a task's due date, a failing activity's first attempt…). */
    since: Instant,
    stuckForMs: z.number().int(),
    /** What is stuck: the task kind, the blocked or failing activity, the reconciliation mismatch. */
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

/** The scan's answer: the longest stuck first, and how many of each kind matched the filters. */
export const StuckReport = z
  .object({
    items: z.array(StuckItem),
    counts: z.object({
      'overdue-task': z.number().int(),
      blocked: z.number().int(),
      'failing-activity': z.number().int(),
      reconciliation: z.number().int(),
    }),
    truncated: z.boolean(),
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
    openTasks: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        agencyId: z.string(),
        assigneeStaffId: z.string().nullable(),
        openedAt: Instant,
        dueAt: Instant.nullable(),
        overdueMs: z.number().int().nullable(),
      }),
    ),
    timeline: z.array(z.object({ type: z.string(), actor: z.string(), agencyId: z.string().nullable(), at: Instant })),
    diagnosis: z.string(),
  })
  .openapi('CaseDiagnosis');
export type CaseDiagnosis = z.infer<typeof CaseDiagnosis>;
