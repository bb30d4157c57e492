import { type AgencyKind, type DisputeType, INDEX_WINDOW_DAYS } from '@gongzhi/contracts';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { PROJECTION_CONSUMER } from '../projection/consumer';
import {
  type AgencyCounts,
  type CaseRow,
  type DailyActivity,
  type DailyOutcomes,
  type DayCounts,
  type DisputeTypeCounts,
  type Facts,
  type FigureCounts,
  shanghaiDay,
  type VillageCounts,
  type VillageOverdue,
} from './metrics';

export interface FigureFilter {
  town: string | null;
  /** Only cases that ever visited this agency, and of their stays only this agency's own. */
  agencyId: string | null;
  /** Cases active at any time in [start, end): opened before `end`, not closed before `start`. */
  start: Date;
  end: Date;
}

/**
 * The rows of the cases a range's figures are made of. The service no longer reads them (the figures and the daily
 * index are counted in SQL: `figureCounts`, `dailyOutcomes`, `dailyActivity`); they remain the reference the counts
 * are tested against (metrics.ts `computeStatistics`, `computeDailyIndex`).
 */
export interface FactsFilter extends FigureFilter {
  /**
   * Whether cases with nothing happening inside [start, end) are needed too (every active case, the open backlog).
   * The figures count only what opened, closed, moved or missed a deadline in the range; the daily index's M needs
   * the backlog, which `dailyActivityOfRows` counts from these rows.
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
  /** The range's figures counted in SQL, by day, dispute type, agency and level. */
  figureCounts(filter: FigureFilter): Promise<FigureCounts>;
  /** Per day, the cases active in its index window and those of them with a missed deadline there, counted in SQL. */
  dailyActivity(filter: DailyActivityFilter): Promise<DailyActivity[]>;
  /** Per day, what closed and what was accepted in its index window (R and A), counted in SQL. */
  dailyOutcomes(filter: DailyActivityFilter): Promise<DailyOutcomes[]>;
}

const DAY_MS = 86_400_000;

/**
 * The first instant of the 24-hour day, counted from `origin`, that holds each instant of `column` (`origin` is the
 * first instant of an Asia/Shanghai day, which has no daylight saving time, so these are Shanghai days). date_bin is
 * plain integer arithmetic on the instant: several times cheaper per row than extracting the epoch as numeric or
 * converting to a time zone, which matters when a range holds ten thousand cases.
 */
const dayBin = (origin: Date, column: Prisma.Sql) =>
  Prisma.sql`date_bin('24 hours', ${column}, ${origin}::timestamptz)`;

/** The number of the day `dayBin` put an instant in: 0 for `origin`'s day. */
const dayNumber = (origin: Date, bin: Date) => Math.round((bin.getTime() - origin.getTime()) / DAY_MS);

/** Whether `column` falls in [start, end). */
const during = (range: { start: Date; end: Date }, column: Prisma.Sql) =>
  Prisma.sql`(${column} >= ${range.start}::timestamptz AND ${column} < ${range.end}::timestamptz)`;

/**
 * The cases (alias `c`) a range's figures are made of, as `loadFacts` chooses them: in the town, having visited the
 * agency, and active in the range (opened before its end, not closed before its start).
 */
const caseInScope = (filter: FigureFilter) => Prisma.sql`
  c.opened_at < ${filter.end}::timestamptz
  AND (c.closed_at IS NULL OR c.closed_at >= ${filter.start}::timestamptz)
  ${filter.town === null ? Prisma.empty : Prisma.sql`AND c.town_code = ${filter.town}`}
  ${
    filter.agencyId === null
      ? Prisma.empty
      : Prisma.sql`AND EXISTS (SELECT 1 FROM level_visits av WHERE av.case_id = c.id AND av.agency_id = ${filter.agencyId})`
  }`;

/** With an agency filter, the stays (alias `v`) counted are that agency's own. */
const visitInScope = (filter: FigureFilter) =>
  filter.agencyId === null ? Prisma.empty : Prisma.sql`AND v.agency_id = ${filter.agencyId}`;

const acceptedByDeadline = Prisma.sql`(v.acceptance_due_at IS NULL OR v.accepted_at <= v.acceptance_due_at)`;

/** Cases that opened (`opened`) or closed (the rest) on one day, of one dispute type. */
interface CaseDayRow {
  day: Date;
  dispute_type: string;
  opened: number;
  closed: number;
  merged: number;
  resolved: number;
  resolved_within_town: number;
}

interface VisitAgencyRow {
  agency_id: string;
  kind: string | null;
  transfers_received: number;
  accepted: number;
  accepted_on_time: number;
  rejected: number;
}

type CaseRowsByDayOrAgency = CaseDayRow & { by_agency: boolean; agency_id: string | null; kind: string | null };

/** What opened and closed in the range in one village (null: the cases reported without one). */
interface VillageRow {
  town_code: string;
  village_code: string | null;
  opened: number;
  closed: number;
  resolved: number;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * Whether a range's figures can be summed from the day tallies: they are kept per town and Asia/Shanghai day, so the
 * range must be whole days and the figures not those of one agency (its cases are those that ever visited it). A
 * case's stays begin, are accepted and rejected between its opening and its closing (the projection applies them in
 * that order), so whatever of it happened in the range makes it a case of the range, as `caseInScope` asks.
 */
const talliedByDay = (filter: FigureFilter) =>
  filter.agencyId === null &&
  (filter.start.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS === 0 &&
  (filter.end.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS === 0;

/** The tally rows (alias `t`) of the range's days and the filter's town. */
const talliedDays = (filter: FigureFilter) => Prisma.sql`
  t.day >= shanghai_day(${filter.start}::timestamptz) AND t.day < shanghai_day(${filter.end}::timestamptz)
  ${filter.town === null ? Prisma.empty : Prisma.sql`AND t.town_code = ${filter.town}`}`;

const caseSelect = {
  id: true,
  townCode: true,
  villageCode: true,
  disputeType: true,
  openedAt: true,
  status: true,
  outcome: true,
  closedAt: true,
  closedLevel: true,
  closedAgencyId: true,
} as const satisfies Prisma.CaseFactSelect;

export function createStatisticsRepository(prisma: PrismaClient): StatisticsRepository {
  /**
   * Open cases in the town (that visited the agency) with a missed deadline nobody has answered yet, now, by village:
   * one row per village with such a case (found by the index on status and overdue_since), added up for the total.
   */
  const overdueNow = async (filter: {
    town: string | null;
    agencyId: string | null;
  }): Promise<{ total: number; byVillage: VillageOverdue[] }> => {
    const rows = await prisma.caseFact.groupBy({
      by: ['townCode', 'villageCode'],
      where: {
        ...(filter.town ? { townCode: filter.town } : {}),
        ...(filter.agencyId ? { visits: { some: { agencyId: filter.agencyId } } } : {}),
        status: 'open',
        overdueSince: { not: null },
      },
      _count: { _all: true },
    });
    const byVillage = rows.map((row) => ({
      townCode: row.townCode,
      villageCode: row.villageCode,
      cases: row._count._all,
    }));
    return { total: byVillage.reduce((sum, v) => sum + v.cases, 0), byVillage };
  };
  // One row kept by the consumer (projection/consumer.ts), not a count of processed_events, which never shrinks.
  const eventsApplied = async () =>
    Number(
      (
        await prisma.projectionCounter.findUnique({
          where: { consumer: PROJECTION_CONSUMER },
          select: { eventsApplied: true },
        })
      )?.eventsApplied ?? 0n,
    );

  /**
   * A town's (or every town's) opened and closed cases by day and dispute type, and its resolved cases by agency, summed
   * from the day tallies the database keeps (migration day_tallies): the same rows as the count over the cases.
   */
  const caseDayTallies = (filter: FigureFilter) => prisma.$queryRaw<CaseRowsByDayOrAgency[]>`
    SELECT GROUPING(t.agency_id) = 0 AS by_agency,
           (t.day::timestamp AT TIME ZONE 'Asia/Shanghai') AS day, t.dispute_type,
           CASE WHEN t.has_agency THEN t.agency_id END AS agency_id, a.kind,
           coalesce(sum(t.cases) FILTER (WHERE NOT t.closing), 0)::int AS opened,
           coalesce(sum(t.cases) FILTER (WHERE t.closing AND NOT t.merged), 0)::int AS closed,
           coalesce(sum(t.cases) FILTER (WHERE t.closing AND t.merged), 0)::int AS merged,
           coalesce(sum(t.cases) FILTER (WHERE t.closing AND NOT t.merged AND t.resolved), 0)::int AS resolved,
           coalesce(sum(t.cases) FILTER (
             WHERE t.closing AND NOT t.merged AND t.resolved
               AND CASE WHEN a.kind <> '' THEN a.kind <> 'court' ELSE t.level <> 'L4' END
           ), 0)::int AS resolved_within_town
    FROM case_day_tallies t
    LEFT JOIN agencies a ON t.has_agency AND a.id = nullif(t.agency_id, '')
    WHERE ${talliedDays(filter)}
    GROUP BY GROUPING SETS ((t.day, t.dispute_type), (t.agency_id, t.has_agency, a.kind))
    HAVING sum(t.cases) <> 0`;

  /** A town's (or every town's) openings and closings in the range by village, summed from the village day tallies. */
  const villageDayTallies = (filter: FigureFilter) => prisma.$queryRaw<VillageRow[]>`
    SELECT t.town_code, nullif(t.village_code, '') AS village_code,
           coalesce(sum(t.cases) FILTER (WHERE NOT t.closing), 0)::int AS opened,
           coalesce(sum(t.cases) FILTER (WHERE t.closing AND NOT t.merged), 0)::int AS closed,
           coalesce(sum(t.cases) FILTER (WHERE t.closing AND NOT t.merged AND t.resolved), 0)::int AS resolved
    FROM village_day_tallies t
    WHERE ${talliedDays(filter)}
    GROUP BY t.town_code, t.village_code
    HAVING sum(t.cases) <> 0`;

  /** A town's stays that began, were accepted or rejected in the range, by agency, summed from the day tallies. */
  const visitDayTallies = (filter: FigureFilter) => prisma.$queryRaw<VisitAgencyRow[]>`
    SELECT t.agency_id, a.kind,
           coalesce(sum(t.visits) FILTER (WHERE t.what = 'entered'), 0)::int AS transfers_received,
           coalesce(sum(t.visits) FILTER (WHERE t.what = 'accepted'), 0)::int AS accepted,
           coalesce(sum(t.visits) FILTER (WHERE t.what = 'accepted_on_time'), 0)::int AS accepted_on_time,
           coalesce(sum(t.visits) FILTER (WHERE t.what = 'rejected'), 0)::int AS rejected
    FROM visit_day_tallies t
    LEFT JOIN agencies a ON a.id = t.agency_id
    WHERE ${talliedDays(filter)}
    GROUP BY t.agency_id, a.kind
    HAVING sum(t.visits) <> 0`;

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
      const [visits, misses, agencies, overdue, applied] = await Promise.all([
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
        overdueNow(filter),
        eventsApplied(),
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
        overdueNow: overdue.total,
        overdueNowByVillage: overdue.byVillage,
        eventsApplied: applied,
      };
    },

    async figureCounts(filter) {
      const inRange = (column: Prisma.Sql) => during(filter, column);
      // What opened and what closed in the range, by day and dispute type (one row each, however many cases), and
      // the cases resolved, by the agency that closed them. Each half reads its cases by the index on its instant.
      // The court is above the town; an agency the directory does not know counts by its level (metrics.ts
      // resolvedWithinTown).
      const resolvedCase = Prisma.sql`c.status <> 'merged' AND c.outcome = 'resolved'`;
      const tallied = talliedByDay(filter);
      const cases = tallied
        ? caseDayTallies(filter)
        : prisma.$queryRaw<CaseRowsByDayOrAgency[]>`
        SELECT false AS by_agency, ${dayBin(filter.start, Prisma.sql`c.opened_at`)} AS day, c.dispute_type,
               NULL AS agency_id, NULL AS kind,
               count(*)::int AS opened, 0 AS closed, 0 AS merged, 0 AS resolved, 0 AS resolved_within_town
        FROM cases c
        WHERE ${inRange(Prisma.sql`c.opened_at`)} AND ${caseInScope(filter)}
        GROUP BY 2, 3
        UNION ALL
        SELECT GROUPING(c.closed_agency_id) = 0, ${dayBin(filter.start, Prisma.sql`c.closed_at`)}, c.dispute_type,
               c.closed_agency_id, a.kind,
               0,
               count(*) FILTER (WHERE c.status <> 'merged')::int,
               count(*) FILTER (WHERE c.status = 'merged')::int,
               count(*) FILTER (WHERE ${resolvedCase})::int,
               count(*) FILTER (
                 WHERE ${resolvedCase}
                   AND CASE WHEN a.kind <> '' THEN a.kind <> 'court' ELSE c.closed_level IS DISTINCT FROM 'L4' END
               )::int
        FROM cases c
        LEFT JOIN agencies a ON a.id = nullif(c.closed_agency_id, '')
        WHERE ${inRange(Prisma.sql`c.closed_at`)} AND ${caseInScope(filter)}
        GROUP BY GROUPING SETS ((2, 3), (c.closed_agency_id, a.kind))`;
      // What opened and what closed in the range, by village: the cases found by the indexes on the two instants.
      const villageCases = tallied
        ? villageDayTallies(filter)
        : prisma.$queryRaw<VillageRow[]>`
        SELECT c.town_code, c.village_code,
               count(*) FILTER (WHERE ${inRange(Prisma.sql`c.opened_at`)})::int AS opened,
               count(*) FILTER (WHERE ${inRange(Prisma.sql`c.closed_at`)} AND c.status <> 'merged')::int AS closed,
               count(*) FILTER (WHERE ${inRange(Prisma.sql`c.closed_at`)} AND ${resolvedCase})::int AS resolved
        FROM cases c
        WHERE (${inRange(Prisma.sql`c.opened_at`)} OR ${inRange(Prisma.sql`c.closed_at`)}) AND ${caseInScope(filter)}
        GROUP BY c.town_code, c.village_code`;
      // Every stay that began, was accepted or was rejected in the range, by agency. Its case only decides whether it
      // counts (a semi-join: PostgreSQL may stop at the first match and carry no case columns into the aggregate).
      const agencyStays = tallied
        ? visitDayTallies(filter)
        : prisma.$queryRaw<VisitAgencyRow[]>`
        SELECT v.agency_id, a.kind,
               count(*) FILTER (WHERE ${inRange(Prisma.sql`v.entered_at`)})::int AS transfers_received,
               count(*) FILTER (WHERE ${inRange(Prisma.sql`v.accepted_at`)})::int AS accepted,
               count(*) FILTER (WHERE ${inRange(Prisma.sql`v.accepted_at`)} AND ${acceptedByDeadline})::int
                 AS accepted_on_time,
               count(*) FILTER (WHERE ${inRange(Prisma.sql`v.rejected_at`)})::int AS rejected
        FROM level_visits v
        LEFT JOIN agencies a ON a.id = v.agency_id
        WHERE (${inRange(Prisma.sql`v.entered_at`)} OR ${inRange(Prisma.sql`v.accepted_at`)}
               OR ${inRange(Prisma.sql`v.rejected_at`)})
          AND EXISTS (SELECT 1 FROM cases c WHERE c.id = v.case_id AND ${caseInScope(filter)})
          ${visitInScope(filter)}
        GROUP BY v.agency_id, a.kind`;
      // The accepted stays that ended in the range, by level. A stay's length is a whole number of milliseconds (exact
      // in numeric), its days that number / 86,400,000 as a double: the value metrics.ts takes the nearest-rank p90 of,
      // and percentile_disc(0.9) picks the same rank, ceil(0.9 · n) (`percentile`).
      const stayMs = Prisma.sql`(extract(epoch FROM v.left_at) - extract(epoch FROM v.entered_at)) * 1000`;
      const levelStays = prisma.$queryRaw<
        { level: string; stays: number; total_ms: string; p90_days: number | null }[]
      >`
        SELECT v.level, count(*)::int AS stays, sum(${stayMs})::bigint::text AS total_ms,
               percentile_disc(0.9) WITHIN GROUP (ORDER BY ${stayMs}::float8 / 86400000) AS p90_days
        FROM level_visits v
        JOIN cases c ON c.id = v.case_id
        WHERE ${inRange(Prisma.sql`v.left_at`)} AND v.accepted_at IS NOT NULL
          AND ${caseInScope(filter)}
          ${visitInScope(filter)}
        GROUP BY v.level`;
      const misses = prisma.$queryRaw<{ missed: number; cases: number }[]>`
        SELECT count(*)::int AS missed, count(DISTINCT m.case_id)::int AS cases
        FROM deadline_misses m
        JOIN cases c ON c.id = m.case_id
        WHERE ${inRange(Prisma.sql`m.missed_at`)} AND ${caseInScope(filter)}`;
      const [caseRows, villageRows, agencyRows, levelRows, missCounts, overdue, applied] = await Promise.all([
        cases,
        villageCases,
        agencyStays,
        levelStays,
        misses,
        overdueNow(filter),
        eventsApplied(),
      ]);

      const days = new Map<number, DayCounts>();
      const disputeTypes = new Map<string, DisputeTypeCounts>();
      const agencies = new Map<string, AgencyCounts>();
      const agencyCounts = (agencyId: string, kind: string | null): AgencyCounts => {
        const known = agencies.get(agencyId);
        if (known) return known;
        const added = {
          agencyId,
          kind,
          transfersReceived: 0,
          accepted: 0,
          acceptedOnTime: 0,
          rejected: 0,
          resolved: 0,
        };
        agencies.set(agencyId, added);
        return added;
      };
      for (const row of agencyRows) {
        Object.assign(agencyCounts(row.agency_id, row.kind), {
          transfersReceived: row.transfers_received,
          accepted: row.accepted,
          acceptedOnTime: row.accepted_on_time,
          rejected: row.rejected,
        });
      }
      for (const row of caseRows) {
        if (row.by_agency) {
          if (row.agency_id !== null && row.resolved > 0) agencyCounts(row.agency_id, row.kind).resolved = row.resolved;
          continue;
        }
        const day = dayNumber(filter.start, row.day);
        const ofDay = days.get(day) ?? { day, opened: 0, closed: 0, merged: 0, resolved: 0, resolvedWithinTown: 0 };
        ofDay.opened += row.opened;
        ofDay.closed += row.closed;
        ofDay.merged += row.merged;
        ofDay.resolved += row.resolved;
        ofDay.resolvedWithinTown += row.resolved_within_town;
        days.set(day, ofDay);
        const type = row.dispute_type;
        const ofType = disputeTypes.get(type) ?? { disputeType: type, opened: 0, closed: 0, resolved: 0 };
        ofType.opened += row.opened;
        ofType.closed += row.closed;
        ofType.resolved += row.resolved;
        disputeTypes.set(type, ofType);
      }
      // Keyed by town and village: village codes are a town's own.
      const villageKey = (townCode: string, villageCode: string | null) => JSON.stringify([townCode, villageCode]);
      const villages = new Map<string, VillageCounts>(
        villageRows.map((row) => [
          villageKey(row.town_code, row.village_code),
          {
            townCode: row.town_code,
            villageCode: row.village_code,
            opened: row.opened,
            closed: row.closed,
            resolved: row.resolved,
            overdueNow: 0,
          },
        ]),
      );
      for (const { townCode, villageCode, cases: overdueCases } of overdue.byVillage) {
        const key = villageKey(townCode, villageCode);
        const village = villages.get(key) ?? {
          townCode,
          villageCode,
          opened: 0,
          closed: 0,
          resolved: 0,
          overdueNow: 0,
        };
        village.overdueNow = overdueCases;
        villages.set(key, village);
      }
      return {
        days: [...days.values()],
        disputeTypes: [...disputeTypes.values()],
        villages: [...villages.values()],
        agencies: [...agencies.values()],
        levels: levelRows.map((row) => ({
          level: row.level,
          stays: row.stays,
          totalMs: BigInt(row.total_ms),
          p90Days: row.p90_days,
        })),
        missedDeadlines: missCounts[0]?.missed ?? 0,
        casesWithMissedDeadlines: missCounts[0]?.cases ?? 0,
        overdueNow: overdue.total,
        eventsApplied: applied,
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
    async dailyOutcomes(filter) {
      const windows = { ...filter, start: new Date(filter.start.getTime() - (INDEX_WINDOW_DAYS - 1) * DAY_MS) };
      // Days are numbered from the first window's first day (0), so the first day asked is W − 1 and day i has the
      // window of days i − W + 1 … i: what closed or was accepted on day k counts for days k … k + W − 1. Counted per
      // day once, then added up over a sliding frame of W days, the rows leaving the database are one per day asked,
      // however many cases closed or were accepted in the windows.
      const precedingDays = Prisma.raw(String(INDEX_WINDOW_DAYS - 1));
      const rows = await prisma.$queryRaw<
        { day: Date; closed: number; resolved: number; accepted: number; accepted_on_time: number }[]
      >`
        WITH closings AS (
          SELECT ${dayBin(windows.start, Prisma.sql`c.closed_at`)} AS day,
                 count(*) AS closed,
                 count(*) FILTER (WHERE c.outcome = 'resolved') AS resolved
          FROM cases c
          WHERE ${during(windows, Prisma.sql`c.closed_at`)} AND c.status <> 'merged' AND ${caseInScope(windows)}
          GROUP BY 1
        ),
        acceptances AS (
          SELECT ${dayBin(windows.start, Prisma.sql`v.accepted_at`)} AS day,
                 count(*) AS accepted,
                 count(*) FILTER (WHERE ${acceptedByDeadline}) AS accepted_on_time
          FROM level_visits v
          JOIN cases c ON c.id = v.case_id
          WHERE ${during(windows, Prisma.sql`v.accepted_at`)} AND ${caseInScope(windows)} ${visitInScope(windows)}
          GROUP BY 1
        ),
        windowed AS (
          SELECT g.day,
                 sum(coalesce(closings.closed, 0)) OVER last_window AS closed,
                 sum(coalesce(closings.resolved, 0)) OVER last_window AS resolved,
                 sum(coalesce(acceptances.accepted, 0)) OVER last_window AS accepted,
                 sum(coalesce(acceptances.accepted_on_time, 0)) OVER last_window AS accepted_on_time
          FROM generate_series(${windows.start}::timestamptz, ${filter.end}::timestamptz - interval '24 hours', interval '24 hours')
            AS g(day)
          LEFT JOIN closings ON closings.day = g.day
          LEFT JOIN acceptances ON acceptances.day = g.day
          WINDOW last_window AS (ORDER BY g.day ROWS BETWEEN ${precedingDays} PRECEDING AND CURRENT ROW)
        )
        SELECT day, closed::int, resolved::int, accepted::int, accepted_on_time::int
        FROM windowed
        WHERE day >= ${filter.start}::timestamptz
        ORDER BY day`;
      return rows.map((row) => ({
        date: shanghaiDay(row.day),
        closed: row.closed,
        resolved: row.resolved,
        accepted: row.accepted,
        acceptedOnTime: row.accepted_on_time,
      }));
    },
  };
}
