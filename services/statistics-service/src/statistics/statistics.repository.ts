import type { AgencyKind, DisputeType } from '@gongzhi/contracts';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { CaseRow, Facts } from './metrics';

export interface FactsFilter {
  town: string | null;
  agencyId: string | null;
  /** Cases active at any time in [start, end): opened before `end`, not closed before `start`. */
  start: Date;
  end: Date;
}

export interface StatisticsRepository {
  loadFacts(filter: FactsFilter): Promise<Facts>;
}

const caseSelect = {
  id: true,
  townCode: true,
  disputeType: true,
  openedAt: true,
  status: true,
  outcome: true,
  closedAt: true,
  closedLevel: true,
  closedAgencyId: true,
} as const satisfies Prisma.CaseFactSelect;

export function createStatisticsRepository(prisma: PrismaClient): StatisticsRepository {
  return {
    async loadFacts(filter) {
      const scope: Prisma.CaseFactWhereInput = {
        ...(filter.town ? { townCode: filter.town } : {}),
        ...(filter.agencyId ? { visits: { some: { agencyId: filter.agencyId } } } : {}),
      };
      const cases = await prisma.caseFact.findMany({
        where: {
          ...scope,
          openedAt: { lt: filter.end },
          OR: [{ closedAt: null }, { closedAt: { gte: filter.start } }],
        },
        select: caseSelect,
        orderBy: { openedAt: 'asc' },
      });
      const ids = cases.map((c) => c.id);
      const [visits, misses, agencies, overdueNow, eventsApplied] = await Promise.all([
        prisma.levelVisit.findMany({
          where: { caseId: { in: ids } },
          select: {
            caseId: true,
            level: true,
            agencyId: true,
            enteredAt: true,
            acceptanceDueAt: true,
            acceptedAt: true,
            rejectedAt: true,
            leftAt: true,
          },
        }),
        prisma.deadlineMiss.findMany({
          where: { caseId: { in: ids }, missedAt: { gte: filter.start, lt: filter.end } },
          select: { caseId: true, clock: true, missedAt: true },
        }),
        prisma.agency.findMany({ select: { id: true, kind: true } }),
        prisma.caseFact.count({ where: { ...scope, status: 'open', overdueSince: { not: null } } }),
        prisma.processedEvent.count(),
      ]);
      return {
        cases: cases.map((c) => ({
          ...c,
          disputeType: c.disputeType as DisputeType,
          status: c.status as CaseRow['status'],
        })),
        visits,
        misses,
        agencyKinds: new Map(agencies.map((a) => [a.id, a.kind as AgencyKind])),
        overdueNow,
        eventsApplied,
      };
    },
  };
}
