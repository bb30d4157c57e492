import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '@gongzhi/http';
import { writeOutbox } from '@gongzhi/outbox';
import { type CaseEvents, createCaseEvents } from '../../events/case-events';
import type { PrismaClient } from '../../generated/prisma/client';
import type { CarriedOver, NewRepair, RepairOutcome, RepairRow, RepairTask } from './repair.model';
import { createRepairBatchRepository, type RepairBatchRepository } from './repair-batch.repository';
import { toRepair } from './repair-rows';

/** The repair log, the tasks a repair names, and what a terminate does to the case record. */
export interface RepairRepository extends RepairBatchRepository {
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
}

/** Above any sequence number a workflow's progress reaches: nothing a terminated run still sends is newer. */
const TERMINATED_PROGRESS_SEQ = 2_147_483_647;

/** `events` builds the case-closed event a terminate publishes (the configured topic); the default suits tests. */
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

    ...createRepairBatchRepository(prisma),
  };
}
