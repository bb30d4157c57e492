/**
 * The town's figures, computed from the projection's rows. Pure functions: the repository loads the rows a query
 * needs, these turn them into numbers, and the unit tests check the arithmetic on hand-made rows.
 *
 * Days are Asia/Shanghai calendar days (UTC+8 all year: China has no daylight saving time).
 */
import {
  type AgencyKind,
  DISPUTE_TYPES,
  type DailyIndexEntry,
  type DisputeType,
  INDEX_BAND_FLOORS,
  INDEX_WINDOW_DAYS,
  type IndexBand,
  LADDER_LEVELS,
  type StatisticsView,
} from '@gongzhi/contracts';

export interface CaseRow {
  id: string;
  townCode: string;
  disputeType: DisputeType;
  openedAt: Date;
  status: 'open' | 'closed' | 'merged';
  outcome: string | null;
  closedAt: Date | null;
  closedLevel: string | null;
  closedAgencyId: string | null;
}

export interface VisitRow {
  caseId: string;
  level: string;
  agencyId: string;
  enteredAt: Date;
  acceptanceDueAt: Date | null;
  acceptedAt: Date | null;
  rejectedAt: Date | null;
  leftAt: Date | null;
}

export interface MissRow {
  caseId: string;
  clock: string;
  missedAt: Date;
}

/** What one query sees: the cases in scope, their level stays and missed deadlines, and the agency directory. */
export interface Facts {
  cases: CaseRow[];
  visits: VisitRow[];
  misses: MissRow[];
  agencyKinds: Map<string, AgencyKind>;
  /** Open cases in scope with a missed deadline nobody has answered yet, now. */
  overdueNow: number;
  eventsApplied: number;
}

/**
 * The part of one day's index that depends on the whole open backlog: the cases active in the day's window and those
 * among them with a missed deadline in it. Counted in the database (statistics.repository.ts `dailyActivity`), so the
 * backlog never has to be read as rows; `dailyActivityOfRows` is the same definition over rows.
 */
export interface DailyActivity {
  /** The Asia/Shanghai day, `YYYY-MM-DD`. */
  date: string;
  active: number;
  missed: number;
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Asia/Shanghai day of an instant, `YYYY-MM-DD`. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai day starts. */
export function startOfShanghaiDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** [start, end) of a range of whole Shanghai days. */
export function shanghaiRange(from: string, to: string): { start: Date; end: Date } {
  return { start: startOfShanghaiDay(from), end: new Date(startOfShanghaiDay(to).getTime() + DAY_MS) };
}

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

const within = (at: Date | null, start: Date, end: Date): at is Date => at !== null && at >= start && at < end;
const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;
const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The court is above the town ("大事不出镇"); an agency the directory does not know counts by its level (L4 = court). */
function resolvedWithinTown(row: CaseRow, kinds: Map<string, AgencyKind>): boolean {
  if (row.outcome !== 'resolved') return false;
  const kind = row.closedAgencyId ? kinds.get(row.closedAgencyId) : undefined;
  return kind ? kind !== 'court' : row.closedLevel !== 'L4';
}

const acceptedOnTime = (visit: VisitRow) =>
  visit.acceptedAt !== null && (visit.acceptanceDueAt === null || visit.acceptedAt <= visit.acceptanceDueAt);

/** p-th percentile, nearest-rank method (p90 of 10 values is the 9th smallest). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export interface FigureScope {
  from: string;
  to: string;
  town: string | null;
  agencyId: string | null;
  granularity: 'day' | 'month';
}

export function computeStatistics(facts: Facts, scope: FigureScope): StatisticsView {
  const { start, end } = shanghaiRange(scope.from, scope.to);
  const opened = facts.cases.filter((c) => within(c.openedAt, start, end));
  const closedAll = facts.cases.filter((c) => within(c.closedAt, start, end));
  const closed = closedAll.filter((c) => c.status !== 'merged');
  const resolved = closed.filter((c) => c.outcome === 'resolved');
  const withinTown = closed.filter((c) => resolvedWithinTown(c, facts.agencyKinds));
  // With an agency filter, stays and acceptances are that agency's own.
  const visits = scope.agencyId ? facts.visits.filter((v) => v.agencyId === scope.agencyId) : facts.visits;
  const accepted = visits.filter((v) => within(v.acceptedAt, start, end));
  const rejected = visits.filter((v) => within(v.rejectedAt, start, end));
  const misses = facts.misses.filter((m) => within(m.missedAt, start, end));

  const levels = LADDER_LEVELS.map((level) => {
    const days = visits
      .filter((v) => v.level === level && v.acceptedAt !== null && within(v.leftAt, start, end))
      .map((v) => ((v.leftAt as Date).getTime() - v.enteredAt.getTime()) / DAY_MS);
    const p90 = percentile(days, 90);
    return {
      level,
      stays: days.length,
      meanDays: days.length ? round(days.reduce((a, b) => a + b, 0) / days.length, 2) : null,
      p90Days: p90 === null ? null : round(p90, 2),
    };
  });

  const agencyIds = [...new Set(visits.filter((v) => within(v.enteredAt, start, end)).map((v) => v.agencyId))];
  for (const c of resolved) {
    if (
      c.closedAgencyId &&
      !agencyIds.includes(c.closedAgencyId) &&
      (!scope.agencyId || c.closedAgencyId === scope.agencyId)
    ) {
      agencyIds.push(c.closedAgencyId);
    }
  }
  const agencies = agencyIds.sort().map((agencyId) => {
    const own = visits.filter((v) => v.agencyId === agencyId);
    return {
      agencyId,
      kind: facts.agencyKinds.get(agencyId) ?? null,
      transfersReceived: own.filter((v) => within(v.enteredAt, start, end)).length,
      accepted: own.filter((v) => within(v.acceptedAt, start, end)).length,
      acceptedOnTime: own.filter((v) => within(v.acceptedAt, start, end) && acceptedOnTime(v)).length,
      rejected: own.filter((v) => within(v.rejectedAt, start, end)).length,
      resolved: resolved.filter((c) => c.closedAgencyId === agencyId).length,
    };
  });

  const disputeTypes = DISPUTE_TYPES.map((disputeType) => {
    const typeClosed = closed.filter((c) => c.disputeType === disputeType);
    const typeResolved = typeClosed.filter((c) => c.outcome === 'resolved').length;
    return {
      disputeType,
      opened: opened.filter((c) => c.disputeType === disputeType).length,
      closed: typeClosed.length,
      resolved: typeResolved,
      resolutionRate: ratio(typeResolved, typeClosed.length),
    };
  }).filter((row) => row.opened + row.closed > 0);

  const periodOf = (at: Date) => (scope.granularity === 'day' ? shanghaiDay(at) : shanghaiDay(at).slice(0, 7));
  const periods = [
    ...new Set(daysBetween(scope.from, scope.to).map((d) => (scope.granularity === 'day' ? d : d.slice(0, 7)))),
  ];
  const series = periods.map((period) => ({
    period,
    opened: opened.filter((c) => periodOf(c.openedAt) === period).length,
    closed: closed.filter((c) => periodOf(c.closedAt as Date) === period).length,
    resolved: resolved.filter((c) => periodOf(c.closedAt as Date) === period).length,
  }));

  return {
    from: scope.from,
    to: scope.to,
    town: scope.town,
    agencyId: scope.agencyId,
    totals: {
      opened: opened.length,
      closed: closed.length,
      merged: closedAll.length - closed.length,
      resolved: resolved.length,
      resolvedWithinTown: withinTown.length,
      transfersAccepted: accepted.length,
      transfersAcceptedOnTime: accepted.filter(acceptedOnTime).length,
      transfersRejected: rejected.length,
      missedDeadlines: misses.length,
      casesWithMissedDeadlines: new Set(misses.map((m) => m.caseId)).size,
      overdueNow: facts.overdueNow,
    },
    resolutionRate: ratio(resolved.length, closed.length),
    resolvedWithinTownShare: ratio(withinTown.length, closed.length),
    onTimeAcceptanceRate: ratio(accepted.filter(acceptedOnTime).length, accepted.length),
    levels,
    agencies,
    disputeTypes,
    series: { granularity: scope.granularity, periods: series },
    eventsApplied: facts.eventsApplied,
  };
}

export function bandOf(score: number): IndexBand {
  if (score >= INDEX_BAND_FLOORS.blue) return 'blue';
  if (score >= INDEX_BAND_FLOORS.yellow) return 'yellow';
  if (score >= INDEX_BAND_FLOORS.orange) return 'orange';
  return 'red';
}

/** The window of day d: the INDEX_WINDOW_DAYS days ending with d, as [start, end). */
function indexWindow(date: string): { start: Date; end: Date } {
  const end = new Date(startOfShanghaiDay(date).getTime() + DAY_MS);
  return { start: new Date(end.getTime() - INDEX_WINDOW_DAYS * DAY_MS), end };
}

/**
 * The daily activity of each day from `from` to `to`, counted over rows that hold every case active in those days'
 * windows (backlog included) and their misses: the definition `dailyActivity` counts in SQL, kept to check it against.
 */
export function dailyActivityOfRows(facts: Facts, from: string, to: string): DailyActivity[] {
  return daysBetween(from, to).map((date) => {
    const { start, end } = indexWindow(date);
    const active = facts.cases.filter((c) => c.openedAt < end && (c.closedAt === null || c.closedAt >= start));
    const activeIds = new Set(active.map((c) => c.id));
    const missed = new Set(
      facts.misses.filter((m) => within(m.missedAt, start, end) && activeIds.has(m.caseId)).map((m) => m.caseId),
    );
    return { date, active: active.length, missed: missed.size };
  });
}

/**
 * The daily index of each day d, over the window W = the 30 days ending with d:
 *   R = resolved / closed in W (merged left out), 1 when nothing closed;
 *   A = accepted on time / accepted in W, 1 when nothing was accepted;
 *   M = cases with a missed deadline in W / cases active in W (opened by the end of d, not closed before W), 0 if none;
 *   score = 100 × (0.4·R + 0.3·A + 0.3·(1 − M)), one decimal; bands: blue ≥ 90, yellow ≥ 80, orange ≥ 70, red below.
 * `facts` need hold only what closed or was accepted in the windows; M's two counts come from `activity`, by day.
 */
export function computeDailyIndex(
  facts: Facts,
  activity: readonly DailyActivity[],
  from: string,
  to: string,
  agencyId: string | null,
): DailyIndexEntry[] {
  const visits = agencyId ? facts.visits.filter((v) => v.agencyId === agencyId) : facts.visits;
  const activityOf = new Map(activity.map((day) => [day.date, day]));
  return daysBetween(from, to).map((date) => {
    const { start, end } = indexWindow(date);
    const closed = facts.cases.filter((c) => c.status !== 'merged' && within(c.closedAt, start, end));
    const resolutionRate = ratio(closed.filter((c) => c.outcome === 'resolved').length, closed.length) ?? 1;
    const accepted = visits.filter((v) => within(v.acceptedAt, start, end));
    const onTimeAcceptanceRate = ratio(accepted.filter(acceptedOnTime).length, accepted.length) ?? 1;
    // R and A need only what closed or was accepted in W; M needs the whole backlog, which arrives as two counts.
    const counted = activityOf.get(date);
    if (!counted) throw new Error(`no daily activity counted for ${date}`);
    const missedDeadlineShare = ratio(counted.missed, counted.active) ?? 0;
    const score =
      Math.round(1000 * (0.4 * resolutionRate + 0.3 * onTimeAcceptanceRate + 0.3 * (1 - missedDeadlineShare))) / 10;
    return {
      date,
      score,
      band: bandOf(score),
      resolutionRate: round(resolutionRate),
      onTimeAcceptanceRate: round(onTimeAcceptanceRate),
      missedDeadlineShare: round(missedDeadlineShare),
      activeCases: counted.active,
    };
  });
}
