import type { Prisma, PrismaClient } from '../generated/prisma/client';

/**
 * `work` in the caller's transaction when it passes one (a workflow transition's writes commit together), otherwise
 * in a transaction of its own: a repository write that can stand alone or join a larger one.
 */
export function inTransaction<T>(
  prisma: Pick<PrismaClient, '$transaction'>,
  outer: Prisma.TransactionClient | undefined,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return outer ? work(outer) : prisma.$transaction(work);
}
