/**
 * The figures counted in PostgreSQL (`figureCounts` → `statisticsOfCounts`) against the reference computation over rows
 * (`loadFacts` → `computeStatistics`), on a varied history: several towns and villages, every agency kind and agencies
 * the directory never announced, cases open, closed and merged, resolved at every level, stays accepted on time, late,
 * rejected or still pending, missed deadlines inside and outside the ranges, and instants on the edges of days.
 */
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  AGENCY_KINDS,
  type AgencyKind,
  DISPUTE_TYPES,
  INDEX_WINDOW_DAYS,
  type Principal,
  type StatisticsView,
} from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { type Prisma, PrismaClient } from '../generated/prisma/client';
import { computeDailyIndex, computeStatistics, dailyActivityOfRows, shanghaiRange } from './metrics';
import { createStatisticsRepository, type StatisticsRepository } from './statistics.repository';
import { createStatisticsService, type StatisticsService } from './statistics.service';

const DAY_MS = 86_400_000;
const ADMIN: Principal = { staffId: 'admin', agencyId: 'centre', townCode: 'qingshui', roles: ['administrator'] };
const shanghai = (local: string) => new Date(`${local}+08:00`);

let db: TestDatabase;
let prisma: PrismaClient;
let repository: StatisticsRepository;
let service: StatisticsService;

beforeAll(async () => {
  db = await createTestDatabase('statistics');
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  repository = createStatisticsRepository(prisma);
  service = createStatisticsService({ repository });
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

/** A fixed pseudo-random history (mulberry32), so a failure replays. */
function randomSource(seed: number) {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return { random, pick };
}

const TOWNS = ['qingshui', 'hetian', 'shanxia'] as const;
type Town = (typeof TOWNS)[number];
interface SeededAgency {
  id: string;
  town: Town;
  /** Null: never announced on agency.events, so absent from the directory. */
  kind: AgencyKind | null;
}

/** Per town: two village committees, a police station, a judicial office, a court, and two agencies nobody announced. */
function agenciesOf(town: Town): SeededAgency[] {
  const agency = (kind: AgencyKind | null) => ({ id: `${town}-${kind ?? 'unknown'}-${randomUUID()}`, town, kind });
  return [
    agency('mediation-committee'),
    agency('mediation-committee'),
    agency('police-station'),
    agency('judicial-office'),
    agency('court'),
    agency('governance-centre'),
    agency('other-department'),
    agency(null),
    agency(null),
  ];
}

const agencies = TOWNS.flatMap(agenciesOf);
const LEVEL_KINDS: Record<'L1' | 'L2' | 'L3' | 'L4', readonly (AgencyKind | null)[]> = {
  L1: ['mediation-committee', 'mediation-committee', null],
  L2: ['police-station', 'judicial-office', 'other-department'],
  L3: ['judicial-office', 'governance-centre', null],
  L4: ['court', 'court', null],
};

async function seedHistory(): Promise<void> {
  const { random, pick } = randomSource(20_261_205);
  const first = shanghai('2025-09-01T00:00:00.000').getTime();
  /** Somewhere in Sept 2025 – May 2026, often on the first or last millisecond of a Shanghai day. */
  const instant = () => {
    const dayStart = first + Math.floor(random() * 270) * DAY_MS;
    return new Date(dayStart + pick([0, -1, 1, Math.floor(random() * DAY_MS), Math.floor(random() * DAY_MS)]));
  };
  const later = (from: Date, maxDays: number) => new Date(from.getTime() + Math.floor(random() * maxDays * DAY_MS));

  await prisma.agency.createMany({
    data: agencies.flatMap((a) =>
      a.kind === null ? [] : [{ id: a.id, townCode: a.town, kind: a.kind, updatedAt: new Date() }],
    ),
  });

  const cases: Prisma.CaseFactCreateManyInput[] = [];
  const visits: Prisma.LevelVisitCreateManyInput[] = [];
  const misses: Prisma.DeadlineMissCreateManyInput[] = [];
  for (let n = 0; n < 900; n += 1) {
    const id = randomUUID();
    const town = pick(TOWNS);
    const openedAt = instant();
    const fate = random();
    const status = fate < 0.35 ? 'open' : fate < 0.9 ? 'closed' : 'merged';

    // The ladder the case climbed: L1 first (sometimes L2 straight away), one level up per stay, some stays rejected
    // and sent to another agency of the same level.
    const stays: { level: 'L1' | 'L2' | 'L3' | 'L4'; agencyId: string }[] = [];
    const levels = ['L1', 'L2', 'L3', 'L4'] as const;
    let level = random() < 0.15 ? 1 : 0;
    // Now and then none: a case closed before any transfer (no level, no agency).
    const climb = random() < 0.05 ? 0 : 1 + Math.floor(random() * 4);
    while (stays.length < climb && level < levels.length) {
      const at = levels[level] as (typeof levels)[number];
      const kind = pick(LEVEL_KINDS[at]);
      const agency = pick(agencies.filter((a) => a.town === town && a.kind === kind));
      stays.push({ level: at, agencyId: agency.id });
      if (random() < 0.85) level += 1;
    }

    let enteredAt = new Date(openedAt.getTime() + pick([0, 0, Math.floor(random() * 3 * DAY_MS)]));
    let lastVisit: Prisma.LevelVisitCreateManyInput | undefined;
    for (const [i, stay] of stays.entries()) {
      const isLast = i === stays.length - 1;
      const due = random() < 0.85 ? new Date(enteredAt.getTime() + (1 + Math.floor(random() * 3)) * DAY_MS) : null;
      const answer = random();
      const rejectedAt = !isLast && answer < 0.2 ? later(enteredAt, 3) : null;
      // On time, late, on the deadline's very millisecond, or never answered (the last stay of an open case).
      const acceptedAt =
        rejectedAt !== null || (isLast && status === 'open' && answer > 0.8)
          ? null
          : answer < 0.3 && due
            ? due
            : later(enteredAt, 5);
      const leftAt = rejectedAt ?? (isLast ? null : later(acceptedAt ?? enteredAt, 40));
      lastVisit = {
        caseId: id,
        seq: i + 1,
        level: stay.level,
        agencyId: stay.agencyId,
        enteredAt,
        acceptanceDueAt: due,
        acceptedAt,
        rejectedAt,
        leftAt,
      };
      visits.push(lastVisit);
      if (leftAt) enteredAt = leftAt;
    }
    const last = stays.at(-1);
    const closedAt = status === 'open' ? null : later(enteredAt, 60);
    // A closed case's last stay ends when it closes.
    if (closedAt && lastVisit) lastVisit.leftAt = closedAt;
    cases.push({
      id,
      townCode: town,
      villageCode: random() < 0.9 ? pick(['shangba', 'xiaba', 'dongcun', 'xicun']) : null,
      disputeType: pick(DISPUTE_TYPES),
      source: 'grid-report',
      openedAt,
      status,
      outcome:
        status === 'merged'
          ? 'merged'
          : status === 'closed'
            ? pick(['resolved', 'resolved', 'resolved', 'withdrawn', 'terminated', 'referred-to-litigation'])
            : null,
      closedAt,
      closedLevel: closedAt ? (last?.level ?? null) : null,
      // Now and then a case closes with no agency named (the level decides) or with an empty one.
      closedAgencyId: closedAt ? (random() < 0.05 ? pick([null, '']) : (last?.agencyId ?? null)) : null,
      currentLevel: last?.level ?? null,
      currentAgencyId: last?.agencyId ?? null,
      overdueSince: status === 'open' && random() < 0.2 ? later(openedAt, 30) : null,
      overdueClock: null,
    });
    // Missed deadlines: during the case, before it opened, after it closed (a late event), several on one case.
    const missCount = pick([0, 0, 0, 1, 1, 2, 3]);
    for (let m = 0; m < missCount; m += 1) {
      const missedAt = random() < 0.7 ? later(openedAt, 90) : instant();
      misses.push({
        eventId: randomUUID(),
        caseId: id,
        townCode: town,
        level: last?.level ?? null,
        agencyId: last?.agencyId ?? null,
        clock: pick(['acceptance', 'mediation']),
        dueAt: missedAt,
        missedAt,
      });
    }
  }
  await prisma.caseFact.createMany({ data: cases });
  await prisma.levelVisit.createMany({ data: visits });
  await prisma.deadlineMiss.createMany({ data: misses });
}

type Scope = { town: Town | null; agencyId: string | null };

/** A case's closing fields: closed with `outcome` at `closedAt`, at the first level. */
const closing = (outcome: string, closedAt: Date) => ({
  status: 'closed',
  outcome,
  closedAt,
  closedLevel: 'L1',
});

async function bothWays(scope: Scope, from: string, to: string, granularity: 'day' | 'month') {
  const { start, end } = shanghaiRange(from, to);
  const counted = await service.statistics(ADMIN, {
    from,
    to,
    granularity,
    ...(scope.town ? { town: scope.town } : {}),
    ...(scope.agencyId ? { agencyId: scope.agencyId } : {}),
  });
  const reference = computeStatistics(await repository.loadFacts({ ...scope, start, end, withBacklog: false }), {
    from,
    to,
    granularity,
    ...scope,
  });
  return { counted, reference };
}

const PERIODS: readonly [string, string, 'day' | 'month'][] = [
  ['2026-01-01', '2026-01-31', 'day'],
  ['2025-12-15', '2026-03-14', 'month'],
  ['2026-02-10', '2026-02-10', 'day'],
  ['2025-09-01', '2026-08-31', 'month'],
  ['2026-04-20', '2026-07-18', 'day'],
];

describe('the figures counted in SQL', () => {
  beforeAll(seedHistory);

  it('are, for every town and agency filter and period, exactly what the computation over the rows gives', async () => {
    const qingshui = agencies.filter((a) => a.town === 'qingshui');
    const scopes: Scope[] = [
      { town: null, agencyId: null },
      { town: 'qingshui', agencyId: null },
      { town: 'hetian', agencyId: null },
      ...qingshui.map((a) => ({ town: 'qingshui' as const, agencyId: a.id })),
      // Every town, one agency; and an agency of another town (nothing in scope).
      { town: null, agencyId: qingshui[0]?.id ?? '' },
      { town: 'hetian', agencyId: qingshui[0]?.id ?? '' },
    ];
    const seen: StatisticsView[] = [];
    for (const scope of scopes) {
      for (const [from, to, granularity] of PERIODS) {
        const { counted, reference } = await bothWays(scope, from, to, granularity);
        expect(counted).toEqual(reference);
        // The JSON the API sends, key order included.
        expect(JSON.stringify(counted)).toBe(JSON.stringify(reference));
        seen.push(counted);
      }
    }

    // The history is varied enough that every figure was compared on something: none of them was 0 or null all along.
    const some = (figure: (view: StatisticsView) => number | null | undefined) =>
      seen.some((view) => (figure(view) ?? 0) > 0);
    const total = (key: keyof StatisticsView['totals']) => some((v) => v.totals[key]);
    for (const key of [
      'opened',
      'closed',
      'merged',
      'resolved',
      'resolvedWithinTown',
      'transfersAccepted',
      'transfersAcceptedOnTime',
      'transfersRejected',
      'missedDeadlines',
      'casesWithMissedDeadlines',
      'overdueNow',
    ] as const) {
      expect([key, total(key)]).toEqual([key, true]);
    }
    // Resolved by the court: resolved, and not within the town.
    expect(seen.some((v) => v.totals.resolvedWithinTown < v.totals.resolved)).toBe(true);
    // Late acceptances, and a case with more than one miss.
    expect(seen.some((v) => v.totals.transfersAcceptedOnTime < v.totals.transfersAccepted)).toBe(true);
    expect(seen.some((v) => v.totals.casesWithMissedDeadlines < v.totals.missedDeadlines)).toBe(true);
    for (const level of ['L1', 'L2', 'L3', 'L4']) {
      expect([level, some((v) => v.levels.find((l) => l.level === level)?.p90Days)]).toEqual([level, true]);
      expect([level, some((v) => v.levels.find((l) => l.level === level)?.meanDays)]).toEqual([level, true]);
    }
    for (const kind of [...AGENCY_KINDS, null]) {
      expect([kind, seen.some((v) => v.agencies.some((a) => a.kind === kind && a.resolved > 0))]).toEqual([kind, true]);
    }
    expect(some((v) => v.disputeTypes.length)).toBe(true);
    // Villages, the cases without one among them, compared with something resolved, unresolved and overdue.
    expect(
      some((v) => v.villages.filter((village) => village.villageCode === null && village.resolved > 0).length),
    ).toBe(true);
    expect(some((v) => v.villages.filter((village) => (village.resolutionRate ?? 1) < 1).length)).toBe(true);
    expect(some((v) => v.villages.filter((village) => village.overdueNow > 0).length)).toBe(true);
    // Every town's view holds the same village codes in several towns, each listed apart.
    expect(
      seen.some(
        (v) => v.town === null && new Set(v.villages.map((village) => village.villageCode)).size < v.villages.length,
      ),
    ).toBe(true);
    expect(some((v) => v.series.periods.filter((p) => p.resolved > 0).length)).toBe(true);
  });

  it("give each day's index (R and A counted in SQL too) as the computation over every row does", async () => {
    const village = agencies.find((a) => a.town === 'hetian' && a.kind === 'mediation-committee')?.id ?? '';
    for (const scope of [
      { town: null, agencyId: null },
      { town: 'qingshui' as const, agencyId: null },
      { town: 'hetian' as const, agencyId: village },
    ]) {
      for (const [from, to] of [
        ['2025-10-01', '2026-05-31'],
        ['2026-02-10', '2026-02-10'],
      ] as const) {
        const { start, end } = shanghaiRange(from, to);
        const facts = await repository.loadFacts({
          ...scope,
          start: new Date(start.getTime() - (INDEX_WINDOW_DAYS - 1) * DAY_MS),
          end,
          withBacklog: true,
        });
        const { days } = await service.dailyIndex(ADMIN, {
          from,
          to,
          granularity: 'day',
          ...(scope.town ? { town: scope.town } : {}),
          ...(scope.agencyId ? { agencyId: scope.agencyId } : {}),
        });
        expect(days).toEqual(computeDailyIndex(facts, dailyActivityOfRows(facts, from, to), from, to, scope.agencyId));
        if (from !== to) expect(days.some((d) => d.resolutionRate < 1 && d.onTimeAcceptanceRate < 1)).toBe(true);
      }
    }
  });

  it('leave the open backlog out, as the rows do', async () => {
    const { start, end } = shanghaiRange('2026-01-01', '2026-01-31');
    const scope = { town: 'qingshui' as const, agencyId: null };
    const january = { from: '2026-01-01', to: '2026-01-31', granularity: 'day', town: 'qingshui' } as const;
    const before = await service.statistics(ADMIN, january);
    await prisma.caseFact.createMany({
      data: Array.from({ length: 200 }, () => ({
        id: randomUUID(),
        townCode: 'qingshui',
        disputeType: 'neighbour',
        source: 'grid-report',
        openedAt: shanghai('2025-06-01T09:00'),
        status: 'open',
      })),
    });
    const after = await service.statistics(ADMIN, january);
    expect(after).toEqual(before);
    expect(after).toEqual(
      computeStatistics(await repository.loadFacts({ ...scope, start, end, withBacklog: true }), {
        from: '2026-01-01',
        to: '2026-01-31',
        granularity: 'day',
        ...scope,
      }),
    );
  });

  it("count a village's cases: opened and closed in the range, resolved, and overdue now", async () => {
    // A town of its own, so the varied history does not mix in; its committee is the only agency dongcun's cases saw.
    const town = 'liuxi';
    const committee = `liuxi-committee-${randomUUID()}`;
    const march = (local: string) => shanghai(`2026-03-${local}`);
    const seeded: { village: string | null; fact: Partial<Prisma.CaseFactCreateManyInput> }[] = [
      { village: 'dongcun', fact: { openedAt: march('02T10:00'), ...closing('resolved', march('10T10:00')) } },
      // Resolved on the range's last millisecond, and one on its first (opened in February).
      { village: 'dongcun', fact: { openedAt: march('03T10:00'), ...closing('resolved', march('31T23:59:59.999')) } },
      {
        village: 'dongcun',
        fact: { openedAt: shanghai('2026-02-20T10:00'), ...closing('resolved', march('01T00:00:00.000')) },
      },
      { village: 'dongcun', fact: { openedAt: march('04T10:00'), ...closing('withdrawn', march('12T10:00')) } },
      // Merged: opened in the village, but neither closed nor resolved there.
      {
        village: 'dongcun',
        fact: { openedAt: march('05T10:00'), status: 'merged', outcome: 'merged', closedAt: march('06T10:00') },
      },
      // Open, its acceptance clock run out: overdue now.
      { village: 'dongcun', fact: { openedAt: march('06T10:00'), overdueSince: march('20T10:00') } },
      // Opened on the last evening, resolved on April's first millisecond.
      {
        village: 'dongcun',
        fact: { openedAt: march('31T20:00'), ...closing('resolved', shanghai('2026-04-01T00:00:00.000')) },
      },
      { village: 'xicun', fact: { openedAt: march('08T10:00') } },
      { village: null, fact: { openedAt: march('09T10:00'), ...closing('resolved', march('15T10:00')) } },
    ];
    const rows = seeded.map(({ village, fact }) => ({
      id: randomUUID(),
      townCode: town,
      villageCode: village,
      disputeType: 'neighbour',
      source: 'grid-report',
      openedAt: march('01T10:00'),
      status: 'open',
      ...fact,
    }));
    await prisma.caseFact.createMany({ data: rows });
    await prisma.levelVisit.createMany({
      data: rows.map((row) => ({
        caseId: row.id,
        seq: 1,
        level: 'L1',
        agencyId: row.villageCode === 'dongcun' ? committee : `liuxi-other-${randomUUID()}`,
        enteredAt: row.openedAt,
        acceptedAt: row.openedAt,
        leftAt: row.closedAt ?? null,
      })),
    });

    const dongcun = {
      townCode: town,
      villageCode: 'dongcun',
      opened: 6,
      closed: 4,
      resolved: 3,
      resolutionRate: 0.75,
      overdueNow: 1,
    };
    const figures = (from: string, to: string, agencyId?: string) =>
      service.statistics(ADMIN, { from, to, granularity: 'month', town, ...(agencyId ? { agencyId } : {}) });
    const inMarch = await figures('2026-03-01', '2026-03-31');
    expect(inMarch.villages).toEqual([
      dongcun,
      { townCode: town, villageCode: 'xicun', opened: 1, closed: 0, resolved: 0, resolutionRate: null, overdueNow: 0 },
      { townCode: town, villageCode: null, opened: 1, closed: 1, resolved: 1, resolutionRate: 1, overdueNow: 0 },
    ]);
    expect(inMarch.totals).toMatchObject({ opened: 8, closed: 5, resolved: 4, overdueNow: 1 });
    // Counted from the cases instead of the tallies (one agency's cases): the same village figures.
    expect((await figures('2026-03-01', '2026-03-31', committee)).villages).toEqual([dongcun]);
    // In April only the late closing and the case overdue now.
    expect((await figures('2026-04-01', '2026-04-30')).villages).toEqual([
      { townCode: town, villageCode: 'dongcun', opened: 0, closed: 1, resolved: 1, resolutionRate: 1, overdueNow: 1 },
    ]);
    // As the computation over the rows has it.
    const { start, end } = shanghaiRange('2026-03-01', '2026-03-31');
    const reference = computeStatistics(
      await repository.loadFacts({ town, agencyId: null, start, end, withBacklog: false }),
      { from: '2026-03-01', to: '2026-03-31', granularity: 'month', town, agencyId: null },
    );
    expect(inMarch).toEqual(reference);
  });

  /** Tally rows where the day tallies and a count over the cases and stays disagree: none, ever. */
  const talliesDisagreeing = async () => [
    ...(await prisma.$queryRaw<unknown[]>`
      SELECT * FROM (
        SELECT r.town_code, r.day, r.dispute_type, r.closing, r.agency_id, r.has_agency, r.level, r.merged,
               r.resolved, sum(r.change)::int AS cases
        FROM case_day_tally_rows(ARRAY(SELECT c FROM cases c), 1) AS r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
      ) AS counted
      FULL JOIN (SELECT * FROM case_day_tallies WHERE cases <> 0) AS tallied
        USING (town_code, day, dispute_type, closing, agency_id, has_agency, level, merged, resolved)
      WHERE counted.cases IS DISTINCT FROM tallied.cases`),
    ...(await prisma.$queryRaw<unknown[]>`
      SELECT * FROM (
        SELECT r.town_code, r.agency_id, r.day, r.what, sum(r.change)::int AS visits
        FROM visit_day_tally_rows(ARRAY(SELECT v FROM level_visits v), 1) AS r GROUP BY 1, 2, 3, 4
      ) AS counted
      FULL JOIN (SELECT * FROM visit_day_tallies WHERE visits <> 0) AS tallied
        USING (town_code, agency_id, day, what)
      WHERE counted.visits IS DISTINCT FROM tallied.visits`),
    ...(await prisma.$queryRaw<unknown[]>`
      SELECT * FROM (
        SELECT r.town_code, r.day, r.village_code, r.closing, r.merged, r.resolved, sum(r.change)::int AS cases
        FROM village_day_tally_rows(ARRAY(SELECT c FROM cases c), 1) AS r GROUP BY 1, 2, 3, 4, 5, 6
      ) AS counted
      FULL JOIN (SELECT * FROM village_day_tallies WHERE cases <> 0) AS tallied
        USING (town_code, day, village_code, closing, merged, resolved)
      WHERE counted.cases IS DISTINCT FROM tallied.cases`),
  ];

  it("keep a town's day tallies right through closings, acceptances, rejections, deletions and a rebuild", async () => {
    const scope = { town: 'qingshui' as const, agencyId: null };
    const agree = async () => {
      for (const [from, to, granularity] of PERIODS) {
        const { counted, reference } = await bothWays(scope, from, to, granularity);
        expect(counted).toEqual(reference);
      }
      expect(await talliesDisagreeing()).toEqual([]);
    };
    const court = agencies.find((a) => a.town === 'qingshui' && a.kind === 'court')?.id ?? '';
    // Cases to close on 20 January: open ones with nothing after that day (a stay accepted in February of a case
    // closed in January is a history no case has, and the two ways of counting may tell it apart).
    const closedOn = shanghai('2026-01-20T00:00:00.000');
    const later = { gte: closedOn };
    const missedLater = new Set(
      (await prisma.deadlineMiss.findMany({ where: { missedAt: later }, select: { caseId: true } })).map(
        (m) => m.caseId,
      ),
    );
    const open = (
      await prisma.caseFact.findMany({
        where: {
          townCode: 'qingshui',
          status: 'open',
          openedAt: { lt: shanghai('2026-01-15T00:00') },
          visits: {
            none: { OR: [{ enteredAt: later }, { acceptedAt: later }, { rejectedAt: later }, { leftAt: later }] },
          },
        },
        select: { id: true },
        orderBy: { openedAt: 'asc' },
      })
    )
      .filter((c) => !missedLater.has(c.id))
      .slice(0, 40);
    expect(open.length).toBeGreaterThan(20);
    const [closing, merging] = [open.slice(0, 20), open.slice(20)];
    // Closed in one statement, resolved at the court, some on the first millisecond of a Shanghai day.
    await prisma.caseFact.updateMany({
      where: { id: { in: closing.map((c) => c.id) } },
      data: {
        status: 'closed',
        outcome: 'resolved',
        closedAt: closedOn,
        closedLevel: 'L4',
        closedAgencyId: court,
      },
    });
    await prisma.caseFact.updateMany({
      where: { id: { in: merging.map((c) => c.id) } },
      data: { status: 'merged', outcome: 'merged', closedAt: shanghai('2026-01-31T23:59:59.999') },
    });
    // Stays of open cases accepted, late and on time, and rejected; a deadline moved with the acceptance.
    const pending = await prisma.levelVisit.findMany({
      where: {
        caseFact: { townCode: 'qingshui', status: 'open', openedAt: { lt: shanghai('2026-01-10T00:00') } },
        // Begun before they are accepted or rejected below.
        enteredAt: { lt: shanghai('2026-01-10T08:00') },
        acceptedAt: null,
        rejectedAt: null,
      },
      select: { caseId: true, seq: true },
      take: 30,
    });
    // Enough of each kind (every third rejected, the others accepted on time or late) for a miscount to show.
    expect(pending.length).toBeGreaterThanOrEqual(6);
    for (const [n, visit] of pending.entries()) {
      const key = { caseId_seq: visit };
      await prisma.levelVisit.update({
        where: key,
        data:
          n % 3 === 0
            ? { rejectedAt: shanghai('2026-01-10T08:00'), leftAt: shanghai('2026-01-10T08:00') }
            : {
                acceptedAt: shanghai('2026-01-12T08:00'),
                acceptanceDueAt: shanghai(`2026-01-1${n % 2 ? 1 : 3}T08:00`),
              },
      });
    }
    await agree();

    // Corrected away: a case's stays and the case itself deleted.
    const gone = closing[0]?.id ?? '';
    await prisma.deadlineMiss.deleteMany({ where: { caseId: gone } });
    await prisma.levelVisit.deleteMany({ where: { caseId: gone } });
    await prisma.caseFact.delete({ where: { id: gone } });
    await agree();

    // The rebuild empties the projection with TRUNCATE, and the tallies with it (rolled back here).
    const emptied = await prisma
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe('TRUNCATE deadline_misses, level_visits, cases CASCADE');
        const left = await tx.$queryRaw<{ rows: number }[]>`
          SELECT (SELECT count(*) FROM case_day_tallies) + (SELECT count(*) FROM visit_day_tallies)
                 + (SELECT count(*) FROM village_day_tallies) AS rows`;
        throw Object.assign(new Error('roll back'), { left: Number(left[0]?.rows) });
      })
      .catch((error: { left?: number }) => error.left);
    expect(emptied).toBe(0);
    await agree();
  });
});
