import { isUniqueViolation } from '@gongzhi/http';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

/**
 * Idempotent creation in case-service: the key is claimed in the same transaction as the row it creates, so a
 * retry after a crash finds exactly what the first attempt stored (unlike a middleware that records responses
 * after the fact). Cases, reports and documents all use these two steps.
 */

/** An Idempotency-Key as the repositories store it: scoped to the caller and route, with the request's hash. */
export interface IdempotentCreate {
  scope: string;
  key: string;
  requestHash: string;
}

/** A response remembered for an idempotency key. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** The response of a request that created a resource, kept under its Idempotency-Key. */
export interface StoredAnswer {
  idempotency: IdempotentCreate;
  response: StoredResponse;
}

/** Claims the key for `resourceId` inside the caller's transaction; a second claim violates the primary key. */
export async function claimIdempotencyKey(
  tx: Prisma.TransactionClient,
  idempotency: IdempotentCreate,
  resourceId: string,
): Promise<void> {
  await tx.idempotencyRecord.create({
    data: { scope: idempotency.scope, key: idempotency.key, requestHash: idempotency.requestHash, resourceId },
    select: { key: true },
  });
}

/** What an earlier request with the same key left: the resource it created and, once answered, its response. */
export interface EarlierRequest {
  resourceId: string;
  requestHash: string;
  response?: StoredResponse;
}

async function findEarlierRequest(
  prisma: PrismaClient,
  idempotency: IdempotentCreate,
): Promise<EarlierRequest | undefined> {
  const earlier = await prisma.idempotencyRecord.findUnique({
    where: { scope_key: { scope: idempotency.scope, key: idempotency.key } },
    select: { resourceId: true, requestHash: true, responseStatus: true, responseBody: true },
  });
  if (!earlier) return undefined;
  return {
    resourceId: earlier.resourceId,
    requestHash: earlier.requestHash,
    ...(earlier.responseStatus === null
      ? {}
      : { response: { status: earlier.responseStatus, body: earlier.responseBody } }),
  };
}

/**
 * Called when an idempotent create failed: if the key was already claimed, what the earlier request left; any other
 * failure (or a create without a key) is rethrown unchanged.
 */
export async function earlierRequestOrRethrow(
  prisma: PrismaClient,
  idempotency: IdempotentCreate | undefined,
  error: unknown,
): Promise<EarlierRequest> {
  if (!idempotency || !isUniqueViolation(error)) throw error;
  const earlier = await findEarlierRequest(prisma, idempotency);
  if (!earlier) throw error;
  return earlier;
}
