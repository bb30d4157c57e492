/**
 * Steps the case writes take inside their transaction, shared by the repository's writes (cases.repository.ts) and its
 * restructures (case-restructures.repository.ts): locking case rows, and telling the agencies holding a case of the
 * parties that joined it.
 */
import { writeOutbox } from '@gongzhi/outbox';
import { type CaseEvents, holdersFromTimeline } from '../events/case-events';
import type { Prisma } from '../generated/prisma/client';

/** A transaction's client, as each step is given it. */
export type Tx = Prisma.TransactionClient;

/** Locks the case rows for the rest of the transaction (in id order, so concurrent restructures cannot deadlock). */
export async function lockCases(tx: Tx, ids: string[]): Promise<void> {
  for (const id of [...new Set(ids)].sort()) {
    await tx.$queryRaw`SELECT id FROM cases WHERE id = ${id}::uuid FOR UPDATE`;
  }
}

/**
 * `parties-shared` for parties that joined a case agencies already hold (a correction, a merge): the holders (who
 * accepted a transfer of it, its joint agencies) must read them as they read the others. Nothing before anyone holds
 * the case: acceptance shares every party then.
 */
export async function shareAddedParties(
  tx: Tx,
  events: CaseEvents,
  record: { id: string; townCode: string },
  partyIds: readonly string[],
): Promise<void> {
  if (partyIds.length === 0) return;
  const timeline = await tx.caseEvent.findMany({
    where: { caseId: record.id, type: { in: ['transfer-accepted', 'joint-agencies-added'] } },
    select: { type: true, agencyId: true, details: true },
  });
  const holders = holdersFromTimeline(timeline);
  if (holders.length === 0) return;
  const shared = events.partiesShared(record, { agencyIds: holders, reason: 'party-added' }, partyIds, new Date());
  if (shared.length > 0) await writeOutbox(tx, shared);
}
