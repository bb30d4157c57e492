/**
 * The town's figures. Pure functions. `computeStatistics` and `computeDailyIndex` define them over the projection's
 * rows, and the unit tests check that arithmetic on hand-made rows. The service does not read those rows: the
 * repository counts them in PostgreSQL (by day, dispute type, agency, level), `statisticsOfCounts` and
 * `dailyIndexOfCounts` make the same answers from those counts, and the integration tests hold the two paths equal.
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
  villageCode: string | null;
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
  /** The same cases by the village they were reported in (villages with none left out). */
  overdueNowByVillage: VillageOverdue[];
  eventsApplied: number;
}

export interface VillageOverdue {
  townCode: string;
  villageCode: string | null;
  cases: number;
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
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Villages by town, then code, each town's cases reported without a village last. */
const byVillage = (a: VillageKey, b: VillageKey) =>
  byCodeUnits(a.townCode, b.townCode) ||
  (a.villageCode === b.villageCode
    ? 0
    : a.villageCode === null
      ? 1
      : b.villageCode === null
        ? -1
        : byCodeUnits(a.villageCode, b.villageCode));

/** A village of a town (village codes are a town's own); null for the town's cases reported without one. */
interface VillageKey {
  townCode: string;
  villageCode: string | null;
}
const villageKey = (village: VillageKey) => JSON.stringify([village.townCode, village.villageCode]);

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

  // Listed: the villages where something opened or closed (merged left out) in the range, or with a case overdue now.
  const overdueOf = new Map(facts.overdueNowByVillage.map((v) => [villageKey(v), v.cases]));
  const listed = new Map<string, VillageKey>();
  for (const c of [...opened, ...closed])
    listed.set(villageKey(c), { townCode: c.townCode, villageCode: c.villageCode });
  for (const v of facts.overdueNowByVillage) if (v.cases > 0) listed.set(villageKey(v), v);
  const villages = [...listed.values()].sort(byVillage).map(({ townCode, villageCode }) => {
    const inVillage = (c: CaseRow) => c.townCode === townCode && c.villageCode === villageCode;
    const villageClosed = closed.filter(inVillage);
    const villageResolved = villageClosed.filter((c) => c.outcome === 'resolved').length;
    return {
      townCode,
      villageCode,
      opened: opened.filter(inVillage).length,
      closed: villageClosed.length,
      resolved: villageResolved,
      resolutionRate: ratio(villageResolved, villageClosed.length),
      overdueNow: overdueOf.get(villageKey({ townCode, villageCode })) ?? 0,
    };
  });

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
    villages,
    series: { granularity: scope.granularity, periods: series },
    eventsApplied: facts.eventsApplied,
  };
}

/** What opened and closed on one day of the range, counted in the database. */
export interface DayCounts {
  /** 0 for the range's first day (`from`), 1 for the next… */
  day: number;
  opened: number;
  /** Closed, merged cases left out. */
  closed: number;
  merged: number;
  resolved: number;
  resolvedWithinTown: number;
}

export interface DisputeTypeCounts {
  disputeType: string;
  opened: number;
  closed: number;
  resolved: number;
}

/** What opened and closed in the range in one village (closed: merged left out), and its cases overdue now. */
export interface VillageCounts {
  townCode: string;
  villageCode: string | null;
  opened: number;
  closed: number;
  resolved: number;
  overdueNow: number;
}

/** One agency's stays that began, were accepted or rejected in the range, and the cases it resolved in it. */
export interface AgencyCounts {
  agencyId: string;
  kind: string | null;
  transfersReceived: number;
  accepted: number;
  acceptedOnTime: number;
  rejected: number;
  resolved: number;
}

/** The accepted stays at one level that ended in the range: how many, their whole length and their p90 in days. */
export interface LevelCounts {
  level: string;
  stays: number;
  /** Their lengths added up, in milliseconds: a whole number, so the mean is exact whatever order they are added in. */
  totalMs: bigint;
  /** The nearest-rank p90 of the lengths in days (each length / 86,400,000 as a double, as `percentile` takes it). */
  p90Days: number | null;
}

/**
 * The figures of a range as the database counts them (statistics.repository.ts `figureCounts`): by day, dispute type,
 * agency and level, so what reaches Node is bounded by the days, the agencies and the vocabulary, never by the cases.
 * `statisticsOfCounts` makes of them the view `computeStatistics` makes of the rows (the reference they are tested by).
 */
export interface FigureCounts {
  /** Only the days on which something opened or closed. */
  days: DayCounts[];
  disputeTypes: DisputeTypeCounts[];
  /** Every village with a case that opened or closed in the range or is overdue now (a village may hold zeros). */
  villages: VillageCounts[];
  agencies: AgencyCounts[];
  levels: LevelCounts[];
  missedDeadlines: number;
  casesWithMissedDeadlines: number;
  overdueNow: number;
  eventsApplied: number;
}

/** round(totalMs / stays in days, 2), half up as `Math.round`, in whole numbers (floor((200·total + n·day) / 2·n·day)). */
function meanDaysOf(totalMs: bigint, stays: number): number {
  const dayMs = BigInt(DAY_MS) * BigInt(stays);
  const numerator = 200n * totalMs + dayMs;
  const denominator = 2n * dayMs;
  const quotient = numerator / denominator;
  // BigInt division truncates towards zero; a negative length (a stay left before it began) still rounds down.
  const hundredths = numerator % denominator < 0n ? quotient - 1n : quotient;
  return Number(hundredths) / 100;
}

/** The view of `computeStatistics`, from the counts the database made instead of the rows. */
export function statisticsOfCounts(counts: FigureCounts, scope: FigureScope): StatisticsView {
  const { start } = shanghaiRange(scope.from, scope.to);
  const total = <T>(rows: readonly T[], count: (row: T) => number) => rows.reduce((sum, row) => sum + count(row), 0);
  const closed = total(counts.days, (d) => d.closed);
  const resolved = total(counts.days, (d) => d.resolved);
  const resolvedWithinTown = total(counts.days, (d) => d.resolvedWithinTown);
  // Every stay belongs to one agency, so the agencies' counts add up to the range's.
  const accepted = total(counts.agencies, (a) => a.accepted);
  const acceptedOnTime = total(counts.agencies, (a) => a.acceptedOnTime);

  const levels = LADDER_LEVELS.map((level) => {
    const row = counts.levels.find((l) => l.level === level);
    const stays = row?.stays ?? 0;
    return {
      level,
      stays,
      meanDays: row && stays > 0 ? meanDaysOf(row.totalMs, stays) : null,
      p90Days: row?.p90Days === null || row?.p90Days === undefined ? null : round(row.p90Days, 2),
    };
  });

  // Listed: the agencies that received a transfer in the range, and those that resolved a case in it (only the
  // filtered one, with an agency filter).
  const agencies = counts.agencies
    .filter(
      (a) =>
        a.transfersReceived > 0 ||
        (a.resolved > 0 && a.agencyId !== '' && (!scope.agencyId || a.agencyId === scope.agencyId)),
    )
    .sort((a, b) => byCodeUnits(a.agencyId, b.agencyId))
    .map((a) => ({
      agencyId: a.agencyId,
      kind: (a.kind as AgencyKind | null) ?? null,
      transfersReceived: a.transfersReceived,
      accepted: a.accepted,
      acceptedOnTime: a.acceptedOnTime,
      rejected: a.rejected,
      resolved: a.resolved,
    }));

  const disputeTypes = DISPUTE_TYPES.map((disputeType) => {
    const row = counts.disputeTypes.find((t) => t.disputeType === disputeType);
    const typeClosed = row?.closed ?? 0;
    const typeResolved = row?.resolved ?? 0;
    return {
      disputeType,
      opened: row?.opened ?? 0,
      closed: typeClosed,
      resolved: typeResolved,
      resolutionRate: ratio(typeResolved, typeClosed),
    };
  }).filter((row) => row.opened + row.closed > 0);

  const villages = counts.villages
    .filter((v) => v.opened + v.closed > 0 || v.overdueNow > 0)
    .sort(byVillage)
    .map((v) => ({
      townCode: v.townCode,
      villageCode: v.villageCode,
      opened: v.opened,
      closed: v.closed,
      resolved: v.resolved,
      resolutionRate: ratio(v.resolved, v.closed),
      overdueNow: v.overdueNow,
    }));

  const periodOfDay = (day: string) => (scope.granularity === 'day' ? day : day.slice(0, 7));
  const series = new Map(
    daysBetween(scope.from, scope.to).map((d) => [
      periodOfDay(d),
      { period: periodOfDay(d), opened: 0, closed: 0, resolved: 0 },
    ]),
  );
  for (const d of counts.days) {
    const period = series.get(periodOfDay(shanghaiDay(new Date(start.getTime() + d.day * DAY_MS))));
    if (!period) throw new Error(`day ${d.day} counted outside ${scope.from} – ${scope.to}`);
    period.opened += d.opened;
    period.closed += d.closed;
    period.resolved += d.resolved;
  }

  return {
    from: scope.from,
    to: scope.to,
    town: scope.town,
    agencyId: scope.agencyId,
    totals: {
      opened: total(counts.days, (d) => d.opened),
      closed,
      merged: total(counts.days, (d) => d.merged),
      resolved,
      resolvedWithinTown,
      transfersAccepted: accepted,
      transfersAcceptedOnTime: acceptedOnTime,
      transfersRejected: total(counts.agencies, (a) => a.rejected),
      missedDeadlines: counts.missedDeadlines,
      casesWithMissedDeadlines: counts.casesWithMissedDeadlines,
      overdueNow: counts.overdueNow,
    },
    resolutionRate: ratio(resolved, closed),
    resolvedWithinTownShare: ratio(resolvedWithinTown, closed),
    onTimeAcceptanceRate: ratio(acceptedOnTime, accepted),
    levels,
    agencies,
    disputeTypes,
    villages,
    series: { granularity: scope.granularity, periods: [...series.values()] },
    eventsApplied: counts.eventsApplied,
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
 * What closed and what was accepted in one day's index window: R and A of the index. Counted in the database
 * (statistics.repository.ts `dailyOutcomes`) so that those cases never leave it as rows; `dailyOutcomesOfRows` is the
 * same definition over rows.
 */
export interface DailyOutcomes {
  /** The Asia/Shanghai day, `YYYY-MM-DD`. */
  date: string;
  /** Closed in the window, merged cases left out. */
  closed: number;
  resolved: number;
  /** Stays accepted in the window (the filtered agency's own, with an agency filter). */
  accepted: number;
  acceptedOnTime: number;
}

/**
 * The R and A counts of each day from `from` to `to`, over rows that hold every case closed or with a stay accepted in
 * those days' windows: the definition `dailyOutcomes` counts in SQL, kept to check it against.
 */
export function dailyOutcomesOfRows(facts: Facts, from: string, to: string, agencyId: string | null): DailyOutcomes[] {
  const visits = agencyId ? facts.visits.filter((v) => v.agencyId === agencyId) : facts.visits;
  return daysBetween(from, to).map((date) => {
    const { start, end } = indexWindow(date);
    const closed = facts.cases.filter((c) => c.status !== 'merged' && within(c.closedAt, start, end));
    const accepted = visits.filter((v) => within(v.acceptedAt, start, end));
    return {
      date,
      closed: closed.length,
      resolved: closed.filter((c) => c.outcome === 'resolved').length,
      accepted: accepted.length,
      acceptedOnTime: accepted.filter(acceptedOnTime).length,
    };
  });
}

/**
 * The daily index of each day d, over the window W = the 30 days ending with d:
 *   R = resolved / closed in W (merged left out), 1 when nothing closed;
 *   A = accepted on time / accepted in W, 1 when nothing was accepted;
 *   M = cases with a missed deadline in W / cases active in W (opened by the end of d, not closed before W), 0 if none;
 *   score = 100 × (0.4·R + 0.3·A + 0.3·(1 − M)), one decimal; bands: blue ≥ 90, yellow ≥ 80, orange ≥ 70, red below.
 * R and A come from `outcomes`, M's two counts from `activity`, by day: the service has both counted in the database.
 */
export function dailyIndexOfCounts(
  outcomes: readonly DailyOutcomes[],
  activity: readonly DailyActivity[],
  from: string,
  to: string,
): DailyIndexEntry[] {
  const outcomesOf = new Map(outcomes.map((day) => [day.date, day]));
  const activityOf = new Map(activity.map((day) => [day.date, day]));
  return daysBetween(from, to).map((date) => {
    const outcome = outcomesOf.get(date);
    const counted = activityOf.get(date);
    if (!outcome) throw new Error(`no daily outcomes counted for ${date}`);
    if (!counted) throw new Error(`no daily activity counted for ${date}`);
    const resolutionRate = ratio(outcome.resolved, outcome.closed) ?? 1;
    const onTimeAcceptanceRate = ratio(outcome.acceptedOnTime, outcome.accepted) ?? 1;
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

/**
 * The daily index from rows (see `dailyIndexOfCounts` for the formula): `facts` need hold only what closed or was
 * accepted in the windows; M's two counts come from `activity`, by day.
 */
export function computeDailyIndex(
  facts: Facts,
  activity: readonly DailyActivity[],
  from: string,
  to: string,
  agencyId: string | null,
): DailyIndexEntry[] {
  return dailyIndexOfCounts(dailyOutcomesOfRows(facts, from, to, agencyId), activity, from, to);
}
