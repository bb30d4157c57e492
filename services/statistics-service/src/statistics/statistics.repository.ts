import { type AgencyKind, type DisputeType, INDEX_WINDOW_DAYS } from '@gongzhi/contracts';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { PROJECTION_CONSUMER } from '../projection/consumer';
import { type CaseRow, type DailyActivity, type Facts, shanghaiDay } from './metrics';

export interface FactsFilter {
  town: string | null;
  agencyId: string | null;
  /** Cases active at any time in [start, end): opened before `end`, not closed before `start`. */
  start: Date;
  end: Date;
  /**
   * Whether cases with nothing happening inside [start, end) are needed too (every active case, the open backlog).
   * Neither the figures nor the daily index need them as rows: they count only what opened, closed, moved or missed a
   * deadline in the range, and the index takes the backlog as per-day counts from `dailyActivity`, so their reads do
   * not grow with the number of open cases. With the backlog, the rows are the reference those counts are checked by.
   */
  withBacklog: boolean;
}

export interface DailyActivityFilter {
  town: string | null;
  agencyId: string | null;
  /** The whole Asia/Shanghai days [start, end) whose index is asked for (each day's window reaches back from it). */
  start: Date;
  end: Date;
}

export interface StatisticsRepository {
  loadFacts(filter: FactsFilter): Promise<Facts>;
  /** Per day, the cases active in its index window and those of them with a missed deadline there, counted in SQL. */
  dailyActivity(filter: DailyActivityFilter): Promise<DailyActivity[]>;
}

const DAY_MS = 86_400_000;

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
        // One row kept by the consumer (projection/consumer.ts), not a count of processed_events, which never shrinks.
        prisma.projectionCounter.findUnique({
          where: { consumer: PROJECTION_CONSUMER },
          select: { eventsApplied: true },
        }),
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
        eventsApplied: Number(eventsApplied?.eventsApplied ?? 0n),
      };
    },

    async dailyActivity(filter) {
      const days = Math.round((filter.end.getTime() - filter.start.getTime()) / DAY_MS);
      const firstWindowStart = new Date(filter.start.getTime() - (INDEX_WINDOW_DAYS - 1) * DAY_MS);
      // Days are numbered from 0 (the first asked); day i's window is [start + (i + 1 − W) days, start + (i + 1) days),
      // in 24-hour days (Asia/Shanghai keeps no daylight saving time). `dayOf(t)` is the first day whose window ends
      // after instant t, so t falls in the windows of days dayOf(t) … dayOf(t) + W − 1.
      const dayOf = (column: Prisma.Sql) =>
        Prisma.sql`floor(extract(epoch FROM ${column} - ${filter.start}::timestamptz) / 86400)::int`;
      const lastDay = Prisma.sql`${days}::int - 1`;
      const window = Prisma.sql`${INDEX_WINDOW_DAYS}::int`;
      // Each case is active on a run of days: from the day it opened to the last whose window starts by its closing.
      // Its misses mark the days whose windows hold one, within that run; as every window is W days long, a miss adds
      // the days after the previous miss's last (the previous miss's day + W) up to its own last, so a case's marked
      // days form disjoint runs and it counts once a day however many misses it has. Every run counts +1 on its first
      // day and −1 after its last, summed day by day: the work grows with the cases active in the period and their
      // misses, never with cases × days, and the open backlog never leaves the database.
      const rows = await prisma.$queryRaw<{ day: number; active: number; missed: number }[]>`
        WITH scoped AS (
          SELECT c.id,
                 greatest(${dayOf(Prisma.sql`c.opened_at`)}, 0) AS first_day,
                 CASE WHEN c.closed_at IS NULL THEN ${lastDay}
                      ELSE least(${dayOf(Prisma.sql`c.closed_at`)} + ${window} - 1, ${lastDay}) END AS last_day
          FROM cases c
          WHERE c.opened_at < ${filter.end}::timestamptz
            AND (c.closed_at IS NULL OR c.closed_at >= ${firstWindowStart}::timestamptz)
            ${filter.town === null ? Prisma.empty : Prisma.sql`AND c.town_code = ${filter.town}`}
            ${
              filter.agencyId === null
                ? Prisma.empty
                : Prisma.sql`AND EXISTS (
                    SELECT 1 FROM level_visits v WHERE v.case_id = c.id AND v.agency_id = ${filter.agencyId})`
            }
        ),
        misses AS (
          SELECT m.case_id, ${dayOf(Prisma.sql`m.missed_at`)} AS day, c.first_day, c.last_day
          FROM deadline_misses m
          JOIN scoped c ON c.id = m.case_id
          WHERE m.missed_at >= ${firstWindowStart}::timestamptz AND m.missed_at < ${filter.end}::timestamptz
        ),
        missed_runs AS (
          SELECT greatest(day, lag(day) OVER (PARTITION BY case_id ORDER BY day) + ${window}, first_day) AS first_day,
                 least(day + ${window} - 1, last_day) AS last_day
          FROM misses
        ),
        changes AS (
          SELECT day, sum(active) AS active, sum(missed) AS missed
          FROM (
            SELECT first_day AS day, 1 AS active, 0 AS missed FROM scoped WHERE first_day <= last_day
            UNION ALL
            SELECT last_day + 1, -1, 0 FROM scoped WHERE first_day <= last_day
            UNION ALL
            SELECT first_day, 0, 1 FROM missed_runs WHERE first_day <= last_day
            UNION ALL
            SELECT last_day + 1, 0, -1 FROM missed_runs WHERE first_day <= last_day
          ) AS run_edges
          GROUP BY day
        )
        SELECT g.day,
               (sum(coalesce(changes.active, 0)) OVER running)::int AS active,
               (sum(coalesce(changes.missed, 0)) OVER running)::int AS missed
        FROM generate_series(0, ${lastDay}) AS g(day)
        LEFT JOIN changes ON changes.day = g.day
        WINDOW running AS (ORDER BY g.day)
        ORDER BY g.day`;
      return rows.map((row) => ({
        date: shanghaiDay(new Date(filter.start.getTime() + row.day * DAY_MS)),
        active: row.active,
        missed: row.missed,
      }));
    },
  };
}
