/**
 * The coordinators' 督办 list of case-service (issue 16): transfers still waiting for the receiving agency's acceptance
 * past their acceptance deadline, most late first, with how often the town's governance centre (综治中心) has urged the
 * agency so far. The coordinators urge with `POST /api/v1/tasks/{urgeTaskId}/complete` and
 * `{ action: { kind: 'record-urging' } }`, like every task action. Codes, ids and instants only, never a case's text.
 */
import { DISPUTE_TYPES, LADDER_LEVELS } from '../dispute/vocabulary';
import { z } from '../zod';
import { Instant } from './schema-helpers';

/** Filters of `GET /api/v1/overdue-transfers` (with `limit` and `cursor`). */
export const OverdueTransferFilters = z
  .object({
    /**
     * Administrators: one town's transfers (every town's without it). Coordinators see their own town only: another
     * town is refused (403).
     */
    town: z.string().min(1).max(64).optional(),
  })
  .strict();
export type OverdueTransferFilters = z.infer<typeof OverdueTransferFilters>;

/** The receiving agency's accept-transfer task, whose deadline passed. */
export const OverdueAcceptanceTask = z
  .object({
    id: z.string().uuid(),
    /** The receiving agency, which has not accepted yet. */
    agencyId: z.string(),
    level: z.enum(LADDER_LEVELS).nullable(),
    /** The acceptance deadline that passed. */
    dueAt: Instant,
  })
  .openapi('OverdueAcceptanceTask');
export type OverdueAcceptanceTask = z.infer<typeof OverdueAcceptanceTask>;

/** One transfer past its acceptance deadline, and where its urging (督办) stands. */
export const OverdueTransfer = z
  .object({
    caseId: z.string().uuid(),
    townCode: z.string(),
    task: OverdueAcceptanceTask,
    disputeType: z.enum(DISPUTE_TYPES),
    villageCode: z.string().nullable(),
    /** How long past the acceptance deadline, when the list was read. */
    lateMs: z.number().int().min(0),
    /**
     * Whole working days past the deadline on agency-service's official calendar (holidays and make-up working
     * weekends): the largest N for which the deadline plus N working days has passed, 0 within the first working day.
     * Null when the calendar did not answer, or when the deadline is more than 120 days ago (`lateMs` says how late).
     */
    lateWorkingDays: z.number().int().min(0).nullable(),
    /** How many times the coordinators urged the agency on this transfer (its `transfer-urged` timeline events). */
    urgeCount: z.number().int().min(0),
    lastUrgedAt: Instant.nullable(),
    /**
     * The open urge-acceptance task the coordinators act on (`record-urging`); null while the workflow waits to ask
     * for the next urging.
     */
    urgeTaskId: z.string().uuid().nullable(),
    /**
     * Without an open urge-acceptance task: when the workflow opens the next one (one working day after the last
     * urging; the deadline itself before the first), as the workflow says; null when it could not say.
     */
    nextUrgeAt: Instant.nullable(),
  })
  .openapi('OverdueTransfer');
export type OverdueTransfer = z.infer<typeof OverdueTransfer>;
