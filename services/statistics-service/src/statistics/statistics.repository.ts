import type { AgencyKind, DisputeType } from '@gongzhi/contracts';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { CaseRow, Facts } from './metrics';

export interface FactsFilter {
  town: string | null;
  agencyId: string | null;
  /** Cases active at any time in [start, end): opened before `end`, not closed before `start`. */
  start: Date;
  end: Date;
  /**
   * Whether cases with nothing happening inside [start, end) are needed too. The daily index counts every active
   * case (the open backlog); the period figures count only what opened, closed, moved or missed a deadline in the
   * range, so they leave the backlog in the database and their read does not grow with the number of open cases.
   */
  withBacklog: boolean;
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
      const inRange = { gte: filter.start, lt: filter.end };
      // Without the backlog, a case counts only through something inside the range: its opening, its closing, a stay
      // at a level that began, was accepted, rejected or ended, or a missed deadline (which may fall on a case that
      // sat at one level all along, so those cases are found through the misses, by the index on missed_at).
      const missedInRange = filter.withBacklog
        ? []
        : await prisma.deadlineMiss.findMany({
            where: { missedAt: inRange },
            select: { caseId: true },
            distinct: ['caseId'],
          });
      const activity: Prisma.CaseFactWhereInput[] = filter.withBacklog
        ? []
        : [
            {
              OR: [
                { openedAt: inRange },
                { closedAt: inRange },
                {
                  visits: {
                    some: {
                      OR: [
                        { enteredAt: inRange },
                        { acceptedAt: inRange },
                        { rejectedAt: inRange },
                        { leftAt: inRange },
                      ],
                    },
                  },
                },
                { id: { in: missedInRange.map((m) => m.caseId) } },
              ],
            },
          ];
      const cases = await prisma.caseFact.findMany({
        where: {
          ...scope,
          openedAt: { lt: filter.end },
          OR: [{ closedAt: null }, { closedAt: { gte: filter.start } }],
          AND: activity,
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
