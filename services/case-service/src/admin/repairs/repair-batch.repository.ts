/** The repair batches: each stored with its repairs in one transaction, read back with them, finished once done. */
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '@gongzhi/http';
import type { PrismaClient } from '../../generated/prisma/client';
import type { BatchItemRepair, BatchRow, RepairRow } from './repair.model';
import { toBatch, toRepair } from './repair-rows';

/** The batches of the repair log. */
export interface RepairBatchRepository {
  /**
   * Stores a running batch with its repairs (pending) in one transaction; when the actor's Idempotency-Key is already
   * taken, the batch stored under it instead.
   */
  createBatch(
    batch: Omit<BatchRow, 'id' | 'createdAt' | 'finishedAt' | 'status'> & { idempotencyKey: string | null },
    items: BatchItemRepair[],
  ): Promise<{ batch: BatchRow; created: boolean }>;
  /** A batch with its repairs, in the order they run. */
  batch(id: string): Promise<{ batch: BatchRow; repairs: RepairRow[] } | null>;
  finishBatch(id: string, at: Date): Promise<void>;
  /** Batches a restart must carry on with. */
  runningBatchIds(): Promise<string[]>;
}

/** The batches on Prisma. */
export function createRepairBatchRepository(prisma: PrismaClient): RepairBatchRepository {
  return {
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
