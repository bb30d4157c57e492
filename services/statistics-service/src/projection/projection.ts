/**
 * How each event changes the projection. Runs inside the consumer's transaction, after the event was recorded as
 * processed: a redelivered event never reaches these handlers, so they need not be idempotent themselves. Events of
 * one case arrive in order (one key, one partition); agencies come from another topic, so nothing here depends on
 * an agency being known before its cases.
 */
import type { DomainEvent, DomainEventType } from '@gongzhi/contracts';
import type { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/**
 * The event types this projection applies; the rest (party events, report links, `merged`, whose case's own `closed`
 * with outcome `merged` follows from its workflow) are skipped. A `closed` with outcome `terminated` (an
 * administrator ended the workflow) is a closed case that was not resolved.
 */
export const PROJECTED_EVENT_TYPES: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
  'gongzhi.agency.registered',
  'gongzhi.agency.updated',
  'gongzhi.case.opened',
  'gongzhi.case.level-entered',
  'gongzhi.case.transfer-accepted',
  'gongzhi.case.transfer-rejected',
  'gongzhi.case.deadline-missed',
  'gongzhi.case.escalation-approved',
  'gongzhi.case.escalation-refused',
  'gongzhi.case.agreement-recorded',
  'gongzhi.case.closed',
]);

/** A case event for a case this projection never saw opened: an ordering bug upstream, not something to guess at. */
export class UnknownCaseError extends Error {
  constructor(caseId: string, type: string) {
    super(`${type} for case ${caseId}, which was never opened`);
    this.name = 'UnknownCaseError';
  }
}

async function requireCase(tx: Tx, caseId: string, type: string): Promise<void> {
  const found = await tx.caseFact.findUnique({ where: { id: caseId }, select: { id: true } });
  if (!found) throw new UnknownCaseError(caseId, type);
}

async function latestVisit(tx: Tx, caseId: string, level?: string) {
  return tx.levelVisit.findFirst({
    where: { caseId, ...(level ? { level } : {}) },
    orderBy: { seq: 'desc' },
    select: { seq: true, leftAt: true },
  });
}

/** Ends the case's current stay, if it has one that has not ended. */
async function leaveCurrentLevel(tx: Tx, caseId: string, at: Date): Promise<void> {
  await tx.levelVisit.updateMany({ where: { caseId, leftAt: null }, data: { leftAt: at } });
}

const clearOverdue = { overdueSince: null, overdueClock: null } as const;

export async function applyEvent(tx: Tx, event: DomainEvent): Promise<void> {
  const at = new Date(event.time);
  switch (event.type) {
    case 'gongzhi.agency.registered':
    case 'gongzhi.agency.updated': {
      const { agencyId, townCode, kind } = event.data;
      await tx.agency.upsert({
        where: { id: agencyId },
        create: { id: agencyId, townCode, kind, updatedAt: at },
        update: { townCode, kind, updatedAt: at },
      });
      return;
    }
    case 'gongzhi.case.opened': {
      const d = event.data;
      await tx.caseFact.create({
        data: {
          id: d.caseId,
          townCode: d.townCode,
          villageCode: d.villageCode,
          disputeType: d.disputeType,
          source: d.source,
          openedAt: at,
          status: 'open',
        },
      });
      return;
    }
    case 'gongzhi.case.level-entered': {
      const d = event.data;
      await requireCase(tx, d.caseId, event.type);
      await leaveCurrentLevel(tx, d.caseId, at);
      const previous = await latestVisit(tx, d.caseId);
      await tx.levelVisit.create({
        data: {
          caseId: d.caseId,
          seq: (previous?.seq ?? 0) + 1,
          level: d.level,
          agencyId: d.agencyId,
          enteredAt: at,
          acceptanceDueAt: d.acceptanceDueAt ? new Date(d.acceptanceDueAt) : null,
        },
      });
      await tx.caseFact.update({
        where: { id: d.caseId },
        data: { currentLevel: d.level, currentAgencyId: d.agencyId, ...clearOverdue },
      });
      return;
    }
    case 'gongzhi.case.transfer-accepted':
    case 'gongzhi.case.transfer-rejected': {
      const d = event.data;
      await requireCase(tx, d.caseId, event.type);
      const visit = await latestVisit(tx, d.caseId, d.level);
      if (!visit) throw new Error(`${event.type} for case ${d.caseId} at ${d.level}, which it never entered`);
      const accepted = event.type === 'gongzhi.case.transfer-accepted';
      await tx.levelVisit.update({
        where: { caseId_seq: { caseId: d.caseId, seq: visit.seq } },
        data: {
          ...(accepted ? { acceptedAt: at } : { rejectedAt: at, leftAt: at }),
          ...(d.acceptanceDueAt ? { acceptanceDueAt: new Date(d.acceptanceDueAt) } : {}),
        },
      });
      await tx.caseFact.update({ where: { id: d.caseId }, data: clearOverdue });
      return;
    }
    case 'gongzhi.case.deadline-missed': {
      const d = event.data;
      await requireCase(tx, d.caseId, event.type);
      await tx.deadlineMiss.create({
        data: {
          eventId: event.id,
          caseId: d.caseId,
          townCode: d.townCode,
          level: d.level,
          agencyId: d.agencyId,
          clock: d.clock,
          dueAt: new Date(d.dueAt),
          missedAt: at,
        },
      });
      // The first unanswered miss dates the overdue spell; a later one does not restart it.
      await tx.caseFact.updateMany({
        where: { id: d.caseId, overdueSince: null, status: 'open' },
        data: { overdueSince: at, overdueClock: d.clock },
      });
      return;
    }
    case 'gongzhi.case.escalation-approved':
    case 'gongzhi.case.escalation-refused': {
      await requireCase(tx, event.data.caseId, event.type);
      await tx.caseFact.update({ where: { id: event.data.caseId }, data: clearOverdue });
      return;
    }
    case 'gongzhi.case.agreement-recorded': {
      const d = event.data;
      await requireCase(tx, d.caseId, event.type);
      await leaveCurrentLevel(tx, d.caseId, at);
      await tx.caseFact.update({ where: { id: d.caseId }, data: clearOverdue });
      return;
    }
    case 'gongzhi.case.closed': {
      const d = event.data;
      await requireCase(tx, d.caseId, event.type);
      await leaveCurrentLevel(tx, d.caseId, at);
      await tx.caseFact.update({
        where: { id: d.caseId },
        data: {
          status: d.outcome === 'merged' ? 'merged' : 'closed',
          outcome: d.outcome,
          closedAt: at,
          closedLevel: d.level,
          closedAgencyId: d.agencyId,
          ...clearOverdue,
        },
      });
      return;
    }
    default:
      return;
  }
}
