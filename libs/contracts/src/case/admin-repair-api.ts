/**
 * Administrators' repairs of stuck cases (issue 6): one case at a time, or a batch over the stuck scan's filters
 * with a dry run first. Every repair is logged with who, what and why, and is idempotent by its Idempotency-Key.
 * The reason is the one free text here: it stays in case-service's repair log and is never sent to the workflow,
 * Temporal or the logs.
 */
import { CLOCK_UNITS } from '../dispute/vocabulary';
import { z } from '../zod';
import { StuckFilters } from './admin-api';
import { Instant } from './schema-helpers';

export const REPAIR_KINDS = [
  /** A blocked workflow's side effect, or an activity Temporal keeps retrying, is tried again now. */
  'retry-activity',
  /** A task goes to another person of its agency. */
  'reassign-task',
  /** A task is issued again under a new id (its row was closed or lost). */
  'reopen-task',
  /** 督办 again for an overdue transfer. */
  'resend-urging',
  /** A task's deadline, and the clock behind it, moves later. */
  'extend-deadline',
  /** The workflow is terminated and the case record closes with outcome `terminated`. */
  'terminate',
  /** The workflow is reset to its last good point (after a bad deploy, or terminated behind the case's back). */
  'reset',
] as const;
export const RepairKind = z.enum(REPAIR_KINDS).openapi('RepairKind');
export type RepairKind = z.infer<typeof RepairKind>;

/** Why: required, for the repair log. It may be specific ("agency-service restored after the 3 Nov outage"). */
const Reason = z.string().trim().min(5).max(500);
const Id = z.string().uuid();
const Amount = z.number().int().min(1).max(365);

/** A repair of one case. */
export const RepairRequest = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('retry-activity'),
        reason: Reason,
        /** One pending activity (as `describe` lists it); all failing ones when absent. */
        activityId: z.string().min(1).max(64).optional(),
      })
      .strict(),
    z.object({ kind: z.literal('reassign-task'), reason: Reason, taskId: Id, toStaffId: Id }).strict(),
    z.object({ kind: z.literal('reopen-task'), reason: Reason, taskId: Id }).strict(),
    z.object({ kind: z.literal('resend-urging'), reason: Reason }).strict(),
    z
      .object({
        kind: z.literal('extend-deadline'),
        reason: Reason,
        taskId: Id,
        amount: Amount,
        unit: z.enum(CLOCK_UNITS),
      })
      .strict(),
    z.object({ kind: z.literal('terminate'), reason: Reason }).strict(),
    z
      .object({
        kind: z.literal('reset'),
        reason: Reason,
        /** A WorkflowTaskCompleted event to reset to; the last good point when absent. */
        toEventId: z.number().int().min(1).optional(),
      })
      .strict(),
  ])
  .openapi('RepairRequest');
export type RepairRequest = z.infer<typeof RepairRequest>;

/**
 * What the repair log keeps of a repair beside its kind, per kind: ids, numbers and codes (never the reason). The
 * person a task goes to is kept with their agency as it was checked; a batch's repairs keep the stuck scan's
 * diagnosis of their case.
 */
const batched = { diagnosis: z.string().max(64).optional() };
export const REPAIR_PARAMS = {
  'retry-activity': z.object({ activityId: z.string().min(1).max(64).optional(), ...batched }).strict(),
  'reassign-task': z.object({ taskId: Id, toStaffId: Id, toAgencyId: Id.optional(), ...batched }).strict(),
  'reopen-task': z.object({ taskId: Id, ...batched }).strict(),
  'resend-urging': z.object({ ...batched }).strict(),
  'extend-deadline': z.object({ taskId: Id, amount: Amount, unit: z.enum(CLOCK_UNITS), ...batched }).strict(),
  terminate: z.object({ ...batched }).strict(),
  reset: z.object({ toEventId: z.number().int().min(1).optional(), ...batched }).strict(),
} satisfies Record<RepairKind, z.ZodType>;
export type RepairParamsOf<K extends RepairKind> = z.infer<(typeof REPAIR_PARAMS)[K]>;
/** A repair's kind with the parameters that kind has: narrowing on `kind` types `params`. */
export type RepairCommand = { [K in RepairKind]: { kind: K; params: RepairParamsOf<K> } }[RepairKind];

/** The parameters of a requested repair: the request without its kind and reason. */
export function repairCommandOf(request: RepairRequest): RepairCommand {
  const { kind, reason: _reason, ...params } = request;
  return { kind, params } as RepairCommand;
}

/** `running`: being carried out right now, by the request (or batch) holding its lease. */
export const REPAIR_STATUSES = ['pending', 'running', 'applied', 'refused', 'failed'] as const;

/** One entry of the repair log: who repaired what, why, and what came of it. */
export const RepairRecord = z
  .object({
    id: z.string(),
    caseId: z.string(),
    kind: RepairKind,
    actorId: z.string(),
    reason: z.string(),
    /** The repair's parameters (task, staff, amount, unit, activity, event), ids and numbers only. */
    params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    status: z.enum(REPAIR_STATUSES),
    /** One line: what changed ("mediate task due 2026-12-04, was 2026-11-20"), or why it was refused or failed. */
    outcome: z.string().nullable(),
    batchId: z.string().nullable(),
    requestedAt: Instant,
    finishedAt: Instant.nullable(),
  })
  .openapi('RepairRecord');
export type RepairRecord = z.infer<typeof RepairRecord>;

export const RepairLog = z.object({ items: z.array(RepairRecord) }).openapi('RepairLog');
export type RepairLog = z.infer<typeof RepairLog>;

/** The repair a batch applies to each stuck item: tasks come from the items, so only the rest is said here. */
export const BatchRepair = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('retry-activity') }).strict(),
    z.object({ kind: z.literal('reassign-task'), toStaffId: Id }).strict(),
    z.object({ kind: z.literal('reopen-task') }).strict(),
    z.object({ kind: z.literal('resend-urging') }).strict(),
    z.object({ kind: z.literal('extend-deadline'), amount: Amount, unit: z.enum(CLOCK_UNITS) }).strict(),
    z.object({ kind: z.literal('terminate') }).strict(),
    z.object({ kind: z.literal('reset') }).strict(),
  ])
  .openapi('BatchRepair');
export type BatchRepair = z.infer<typeof BatchRepair>;

/** A repair over every stuck item the filters find; `dryRun` lists what would be done and changes nothing. */
export const RepairBatchRequest = z
  .object({
    // The scan's filters with no default filled in: a batch takes up to 500 items unless it says fewer.
    filters: StuckFilters.omit({ limit: true })
      .extend({ limit: z.number().int().min(1).max(500).optional() })
      .partial()
      .default({}),
    repair: BatchRepair,
    reason: Reason,
    dryRun: z.boolean().default(false),
  })
  .strict()
  .openapi('RepairBatchRequest');
export type RepairBatchRequest = z.infer<typeof RepairBatchRequest>;

/** One case (and task) a batch repairs. */
export const RepairBatchItem = z.object({
  caseId: z.string(),
  taskId: z.string().nullable(),
  /** The stuck item's one-line diagnosis when the batch was planned. */
  diagnosis: z.string(),
  status: z.enum([...REPAIR_STATUSES, 'planned']),
  outcome: z.string().nullable(),
  repairId: z.string().nullable(),
});
export type RepairBatchItem = z.infer<typeof RepairBatchItem>;

/** A stored batch is running (its repairs being done one by one, across restarts) or done. */
export const REPAIR_BATCH_STATUSES = ['running', 'done'] as const;

/** A batch's plan (dry run), progress (running) or report (done). */
export const RepairBatch = z
  .object({
    id: z.string().nullable(),
    status: z.enum(['dry-run', ...REPAIR_BATCH_STATUSES]),
    kind: RepairKind,
    actorId: z.string(),
    reason: z.string(),
    total: z.number().int(),
    counts: z.object({
      /** Not finished yet, including the one running now. */
      pending: z.number().int(),
      applied: z.number().int(),
      refused: z.number().int(),
      failed: z.number().int(),
    }),
    items: z.array(RepairBatchItem),
    createdAt: Instant,
    finishedAt: Instant.nullable(),
  })
  .openapi('RepairBatch');
export type RepairBatch = z.infer<typeof RepairBatch>;

export const RepairBatchIdParams = z.object({ id: z.string().uuid() }).strict();
