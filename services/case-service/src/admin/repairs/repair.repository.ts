import { randomUUID } from 'node:crypto';
import { REPAIR_PARAMS, type REPAIR_BATCH_STATUSES, type RepairCommand, type RepairKind } from '@gongzhi/contracts';
import { isUniqueViolation } from '@gongzhi/http';
import { writeOutbox } from '@gongzhi/outbox';
import { type CaseEvents, createCaseEvents } from '../events/case-events';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

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

export interface RepairOutcome {
  status: Exclude<RepairStatus, 'pending' | 'running'>;
  outcome: string;
  problem?: StoredProblem | null;
  /** terminate: the case record follows the workflow — closed as `terminated`, its open tasks cancelled. */
  closeCase?: boolean;
}

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

/** The repair log, the tasks a repair names, and what a terminate does to the case record. */
export interface RepairRepository {
  /** Writes a pending repair; when the actor's Idempotency-Key is already taken, the existing one instead. */
  claim(repair: NewRepair): Promise<{ row: RepairRow; created: boolean }>;
  /** The actor's repair under this Idempotency-Key, if any. */
  byKey(actorId: string, idempotencyKey: string): Promise<RepairRow | null>;
  /**
   * Takes the repair to carry it out: pending, failed, or running under a lease that ran out. False when someone else
   * is carrying it out now, or it is finished.
   */
  lease(id: string, until: Date, at: Date): Promise<boolean>;
  /**
   * Marks a leased repair done and writes its timeline event, in one transaction (with the case's closure for
   * terminate); null when the repair was not running any more (finished by someone else), and nothing is written.
   */
  finish(id: string, outcome: RepairOutcome, at: Date): Promise<RepairRow | null>;
  byId(id: string): Promise<RepairRow | null>;
  forCase(caseId: string, limit: number): Promise<RepairRow[]>;
  taskOf(caseId: string, taskId: string): Promise<RepairTask | null>;
  /** The task row follows a reassignment the workflow accepted (or one only case-service knew of). */
  assignTask(taskId: string, staffId: string, by: string, at: Date): Promise<void>;
  /**
   * The task the workflow issued again (`toActionId`, under a new id: a moved due date, a re-opened row) carries on the
   * work of the one it replaces: the person who claimed or was assigned that task in case-service holds the new one
   * too (unless someone holds it already, or the workflow named its holder), and the working notes move to it. One
   * transaction; a second call finds nothing left to move. Null when the new task is not there (yet).
   */
  carryOver(fromTaskId: string, caseId: string, toActionId: string): Promise<CarriedOver | null>;
  createBatch(
    batch: Omit<BatchRow, 'id' | 'createdAt' | 'finishedAt' | 'status'> & { idempotencyKey: string | null },
    items: BatchItemRepair[],
  ): Promise<{ batch: BatchRow; created: boolean }>;
  batch(id: string): Promise<{ batch: BatchRow; repairs: RepairRow[] } | null>;
  finishBatch(id: string, at: Date): Promise<void>;
  /** Batches a restart must carry on with. */
  runningBatchIds(): Promise<string[]>;
}

type RepairRecordRow = Awaited<ReturnType<PrismaClient['adminRepair']['findFirstOrThrow']>>;
type BatchRecordRow = Awaited<ReturnType<PrismaClient['adminRepairBatch']['findFirstOrThrow']>>;

function toRepair(row: RepairRecordRow): RepairRow {
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

function toBatch(row: BatchRecordRow): BatchRow {
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

/** `events` builds the case-closed event a terminate publishes (the configured topic); the default suits tests. */
/** Above any sequence number a workflow's progress reaches: nothing a terminated run still sends is newer. */
const TERMINATED_PROGRESS_SEQ = 2_147_483_647;

export function createRepairRepository(
  prisma: PrismaClient,
  events: CaseEvents = createCaseEvents(),
): RepairRepository {
  return {
    async claim(repair) {
      // The caller looked the key up first (byKey); the unique index settles a race between two first requests.
      try {
        const row = await prisma.adminRepair.create({
          data: {
            id: randomUUID(),
            caseId: repair.caseId,
            kind: repair.kind,
            actorId: repair.actorId,
            reason: repair.reason,
            params: repair.params,
            status: 'pending',
            batchId: repair.batchId ?? null,
            idempotencyKey: repair.idempotencyKey,
            requestHash: repair.requestHash,
          },
        });
        return { row: toRepair(row), created: true };
      } catch (error) {
        // The same key, sent twice at once: the first claim wins and the second reads it.
        if (!repair.idempotencyKey || !isUniqueViolation(error)) throw error;
        const existing = await prisma.adminRepair.findUniqueOrThrow({
          where: { actorId_idempotencyKey: { actorId: repair.actorId, idempotencyKey: repair.idempotencyKey } },
        });
        return { row: toRepair(existing), created: false };
      }
    },

    async byKey(actorId, idempotencyKey) {
      const row = await prisma.adminRepair.findUnique({
        where: { actorId_idempotencyKey: { actorId, idempotencyKey } },
      });
      return row ? toRepair(row) : null;
    },

    async lease(id, until, at) {
      const taken = await prisma.adminRepair.updateMany({
        where: {
          id,
          OR: [{ status: { in: ['pending', 'failed'] } }, { status: 'running', leaseUntil: { lt: at } }],
        },
        data: { status: 'running', leaseUntil: until },
      });
      return taken.count === 1;
    },

    async finish(id, outcome, at) {
      return prisma.$transaction(async (tx) => {
        // Only the holder of the running repair finishes it: a second finish writes nothing twice.
        const finished = await tx.adminRepair.updateMany({
          where: { id, status: 'running' },
          data: {
            status: outcome.status,
            outcome: outcome.outcome,
            problem: outcome.problem ? { ...outcome.problem } : undefined,
            finishedAt: at,
            leaseUntil: null,
          },
        });
        if (finished.count === 0) return null;
        const row = await tx.adminRepair.findUniqueOrThrow({ where: { id } });
        if (outcome.closeCase && outcome.status === 'applied') {
          // Locked, and checked again: the case may have closed since the repair was asked for.
          const [current] = await tx.$queryRaw<{ status: string }[]>`
            SELECT status FROM cases WHERE id = ${row.caseId}::uuid FOR UPDATE`;
          if (current && current.status !== 'closed' && current.status !== 'merged') {
            const closed = await tx.case.update({
              where: { id: row.caseId },
              data: {
                status: 'closed',
                phase: 'closed',
                outcome: 'terminated',
                awaitedAction: null,
                nextDeadline: null,
                // Progress an activity of the terminated run still delivers is older than this, so it is ignored.
                progressSeq: TERMINATED_PROGRESS_SEQ,
                version: { increment: 1 },
              },
              select: { id: true, townCode: true, currentLevel: true, currentAgencyId: true },
            });
            // A terminated workflow records no case-closed event of its own: the closing is published here.
            await writeOutbox(tx, [
              events.closed(
                {
                  id: closed.id,
                  townCode: closed.townCode,
                  level: closed.currentLevel,
                  agencyId: closed.currentAgencyId,
                },
                'terminated',
                at,
              ),
            ]);
            await tx.task.updateMany({
              where: { caseId: row.caseId, status: 'open' },
              data: { status: 'cancelled', closedAt: at, closedBy: row.actorId, version: { increment: 1 } },
            });
          }
        }
        // The case's timeline says a repair happened and links the log entry; the reason stays in the log.
        await tx.caseEvent.create({
          data: {
            caseId: row.caseId,
            type: 'admin-repair',
            actor: row.actorId,
            at,
            details: { repairId: row.id, kind: row.kind, status: outcome.status },
          },
        });
        return toRepair(row);
      });
    },

    async byId(id) {
      const row = await prisma.adminRepair.findUnique({ where: { id } });
      return row ? toRepair(row) : null;
    },

    async forCase(caseId, limit) {
      const rows = await prisma.adminRepair.findMany({
        where: { caseId },
        orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }],
        take: limit,
      });
      return rows.map(toRepair);
    },

    taskOf(caseId, taskId) {
      return prisma.task.findFirst({
        where: { id: taskId, caseId },
        select: {
          id: true,
          caseId: true,
          actionId: true,
          kind: true,
          agencyId: true,
          status: true,
          assigneeStaffId: true,
          dueAt: true,
        },
      });
    },

    async assignTask(taskId, staffId, by, at) {
      await prisma.task.update({
        where: { id: taskId },
        data: { assigneeStaffId: staffId, assignedAt: at, assignedBy: by, version: { increment: 1 } },
      });
    },

    async carryOver(fromTaskId, caseId, toActionId) {
      return prisma.$transaction(async (tx) => {
        const holding = {
          id: true,
          status: true,
          assigneeStaffId: true,
          assignedAt: true,
          assignedBy: true,
          workflowAssigned: true,
        } as const;
        const from = await tx.task.findFirst({ where: { id: fromTaskId, caseId }, select: holding });
        const to = await tx.task.findUnique({
          where: { caseId_actionId: { caseId, actionId: toActionId } },
          select: holding,
        });
        if (!from || !to || to.id === from.id) return null;
        // A holder the workflow names travels with the action itself; one case-service gave (a claim, a supervisor's
        // assignment) only this row knows, so the new row is given it here.
        const holder = from.workflowAssigned ? null : from.assigneeStaffId;
        if (holder && to.status === 'open' && to.assigneeStaffId === null) {
          await tx.task.updateMany({
            where: { id: to.id, status: 'open', assigneeStaffId: null },
            data: {
              assigneeStaffId: holder,
              assignedAt: from.assignedAt,
              assignedBy: from.assignedBy,
              version: { increment: 1 },
            },
          });
        }
        // The notes are the work so far on the same action: they follow it to the row where it goes on.
        const moved = await tx.taskNote.updateMany({ where: { taskId: from.id }, data: { taskId: to.id } });
        const after = await tx.task.findUniqueOrThrow({ where: { id: to.id }, select: { assigneeStaffId: true } });
        return { holderStaffId: after.assigneeStaffId, notes: moved.count };
      });
    },

    async createBatch(batch, items) {
      if (batch.idempotencyKey) {
        const existing = await prisma.adminRepairBatch.findUnique({
          where: { actorId_idempotencyKey: { actorId: batch.actorId, idempotencyKey: batch.idempotencyKey } },
        });
        if (existing) return { batch: toBatch(existing), created: false };
      }
      const id = randomUUID();
      const created = await prisma
        .$transaction(async (tx) => {
          const row = await tx.adminRepairBatch.create({
            data: {
              id,
              kind: batch.kind,
              actorId: batch.actorId,
              reason: batch.reason,
              repair: batch.repair ?? {},
              filters: batch.filters ?? {},
              status: 'running',
              idempotencyKey: batch.idempotencyKey,
              requestHash: batch.requestHash,
            },
          });
          // Spaced a millisecond apart so the log lists them in the order they will run.
          const start = row.createdAt.getTime();
          await tx.adminRepair.createMany({
            data: items.map((item, index) => ({
              id: randomUUID(),
              caseId: item.caseId,
              kind: item.kind,
              actorId: item.actorId,
              reason: item.reason,
              params: item.params,
              status: 'pending',
              batchId: id,
              requestedAt: new Date(start + index),
            })),
          });
          return row;
        })
        .catch(async (error: unknown) => {
          // The same key, sent twice at once: the first batch stands and the second request reads it.
          if (!batch.idempotencyKey || !isUniqueViolation(error)) throw error;
          return null;
        });
      if (!created && batch.idempotencyKey) {
        const existing = await prisma.adminRepairBatch.findUniqueOrThrow({
          where: { actorId_idempotencyKey: { actorId: batch.actorId, idempotencyKey: batch.idempotencyKey } },
        });
        return { batch: toBatch(existing), created: false };
      }
      if (!created) throw new Error('the batch was not created');
      return { batch: toBatch(created), created: true };
    },

    async batch(id) {
      const row = await prisma.adminRepairBatch.findUnique({ where: { id } });
      if (!row) return null;
      const repairs = await prisma.adminRepair.findMany({
        where: { batchId: id },
        orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
      });
      return { batch: toBatch(row), repairs: repairs.map(toRepair) };
    },

    async finishBatch(id, at) {
      await prisma.adminRepairBatch.update({ where: { id }, data: { status: 'done', finishedAt: at } });
    },

    async runningBatchIds() {
      const rows = await prisma.adminRepairBatch.findMany({
        where: { status: 'running' },
        orderBy: { createdAt: 'asc' },
        select: { id: true },
      });
      return rows.map((row) => row.id);
    },
  };
}
