/** Repairs and batches as Prisma reads them, turned into the log's records. */
import { REPAIR_PARAMS, type RepairCommand, type RepairKind } from '@gongzhi/contracts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { BatchRow, RepairRow, RepairStatus, StoredProblem } from './repair.model';

/**
 * A stored repair's kind and parameters as that kind has them. Rows written before the parameters were typed kept an
 * absent value as null: those read as absent.
 */
function commandOf(kind: string, stored: Prisma.JsonValue): RepairCommand {
  const entries = stored && typeof stored === 'object' && !Array.isArray(stored) ? Object.entries(stored) : [];
  const params = Object.fromEntries(entries.filter(([, value]) => value !== null));
  const schema = REPAIR_PARAMS[kind as RepairKind];
  const parsed = schema.safeParse(params);
  // The log is this service's own writing: a row that still does not parse is shown as it is rather than hidden.
  return { kind, params: parsed.success ? parsed.data : params } as RepairCommand;
}

type RepairRecordRow = Awaited<ReturnType<PrismaClient['adminRepair']['findFirstOrThrow']>>;
type BatchRecordRow = Awaited<ReturnType<PrismaClient['adminRepairBatch']['findFirstOrThrow']>>;

/** A repair of the log, as stored. */
export function toRepair(row: RepairRecordRow): RepairRow {
  return {
    id: row.id,
    caseId: row.caseId,
    ...commandOf(row.kind, row.params),
    actorId: row.actorId,
    reason: row.reason,
    status: row.status as RepairStatus,
    outcome: row.outcome,
    problem: (row.problem as StoredProblem | null) ?? null,
    batchId: row.batchId,
    requestHash: row.requestHash,
    requestedAt: row.requestedAt,
    finishedAt: row.finishedAt,
  };
}

/** A repair batch, as stored. */
export function toBatch(row: BatchRecordRow): BatchRow {
  return {
    id: row.id,
    kind: row.kind as RepairKind,
    actorId: row.actorId,
    reason: row.reason,
    repair: row.repair,
    filters: row.filters,
    status: row.status as BatchRow['status'],
    requestHash: row.requestHash,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
