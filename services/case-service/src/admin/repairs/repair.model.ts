/** The repair log's records: repairs and batches as stored, the tasks repairs name, and what came of a repair. */
import type { REPAIR_BATCH_STATUSES, RepairCommand, RepairKind } from '@gongzhi/contracts';
import type { Prisma } from '../../generated/prisma/client';

/** Where a repair stands in the log. */
export type RepairStatus = 'pending' | 'running' | 'applied' | 'refused' | 'failed';

/** A problem a refused repair answered with, kept so a retry with the same key answers the same. */
export interface StoredProblem {
  status: number;
  type: string;
  title: string;
  detail: string | null;
}

/** A repair of the log: its kind with the parameters that kind has (`RepairCommand`), who, why and what came of it. */
export type RepairRow = RepairCommand & {
  id: string;
  caseId: string;
  actorId: string;
  reason: string;
  status: RepairStatus;
  outcome: string | null;
  problem: StoredProblem | null;
  batchId: string | null;
  requestHash: string | null;
  requestedAt: Date;
  finishedAt: Date | null;
};

/** A repair to write to the log, pending: alone (under the actor's Idempotency-Key) or as a batch's item. */
export type NewRepair = RepairCommand & {
  caseId: string;
  actorId: string;
  reason: string;
  idempotencyKey: string | null;
  requestHash: string | null;
  batchId?: string | null;
};

/** One repair of a batch: the batch's key and hash are its own, the batch id is given when it is stored. */
export type BatchItemRepair = RepairCommand & { caseId: string; actorId: string; reason: string };

/** What came of carrying a repair out, as its log entry is finished with. */
export interface RepairOutcome {
  status: Exclude<RepairStatus, 'pending' | 'running'>;
  outcome: string;
  problem?: StoredProblem | null;
  /** terminate: the case record follows the workflow — closed as `terminated`, its open tasks cancelled. */
  closeCase?: boolean;
}

/** A task a repair names, as the repair reads it. */
export interface RepairTask {
  id: string;
  caseId: string;
  actionId: string;
  kind: string;
  agencyId: string;
  status: string;
  assigneeStaffId: string | null;
  dueAt: Date | null;
}

/** What a reissued task took over from the one it replaces. */
export interface CarriedOver {
  /** Who holds the new task now: the old task's claimant, unless the workflow named a holder; null when nobody. */
  holderStaffId: string | null;
  /** How many working notes moved to the new task. */
  notes: number;
}

/** A repair batch as stored: its repair and filters as the request gave them. */
export interface BatchRow {
  id: string;
  kind: RepairKind;
  actorId: string;
  reason: string;
  repair: Prisma.JsonValue;
  filters: Prisma.JsonValue;
  status: (typeof REPAIR_BATCH_STATUSES)[number];
  requestHash: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}
