import type { Prisma } from '../generated/prisma/client';

/** Who acts, for the timeline: the staff member and the agency they act for. */
export interface Actor {
  staffId: string;
  agencyId: string;
}

/** Appends a timeline event inside the caller's transaction, so the event exists exactly when the change does. */
export async function appendEvent(
  tx: Prisma.TransactionClient,
  caseId: string,
  type: string,
  actor: { staffId: string; agencyId: string | null },
  details: Record<string, string | number | boolean | null | string[]> = {},
): Promise<void> {
  await tx.caseEvent.create({
    data: { caseId, type, actor: actor.staffId, agencyId: actor.agencyId, details },
    select: { id: true },
  });
}
