/**
 * The daily index against PostgreSQL: the per-day active and missed counts made in SQL (`dailyActivity`) give the
 * numbers a coordinator sees, on the edges of days and windows too, and the same index as counting every case's row.
 */
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { INDEX_WINDOW_DAYS, type Principal } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import { computeDailyIndex, dailyActivityOfRows, shanghaiRange } from './metrics';
import { createStatisticsRepository, type StatisticsRepository } from './statistics.repository';
import { createStatisticsService, type StatisticsService } from './statistics.service';

const DAY_MS = 86_400_000;
const ADMIN: Principal = { staffId: 'admin', agencyId: 'centre', townCode: 'qingshui', roles: ['administrator'] };
/** An Asia/Shanghai wall-clock time. */
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

interface Seeded {
  id: string;
  townCode: string;
  openedAt: Date;
  status?: 'open' | 'closed' | 'merged';
  outcome?: string;
  closedAt?: Date;
}

async function seedCase(row: Seeded): Promise<string> {
  await prisma.caseFact.create({
    data: {
      disputeType: 'neighbour',
      source: 'grid-report',
      status: 'open',
      ...row,
    },
  });
  return row.id;
}

/** The index as it was computed before the per-day counts moved to SQL: from the row of every active case. */
async function fromEveryRow(scope: { town: string | null; agencyId: string | null }, from: string, to: string) {
  const { start, end } = shanghaiRange(from, to);
  const facts = await repository.loadFacts({
    ...scope,
    start: new Date(start.getTime() - (INDEX_WINDOW_DAYS - 1) * DAY_MS),
    end,
    withBacklog: true,
  });
  return computeDailyIndex(facts, dailyActivityOfRows(facts, from, to), from, to, scope.agencyId);
}

async function indexOf(scope: { town: string | null; agencyId: string | null }, from: string, to: string) {
  const { days } = await service.dailyIndex(ADMIN, {
    from,
    to,
    granularity: 'day',
    ...(scope.town ? { town: scope.town } : {}),
    ...(scope.agencyId ? { agencyId: scope.agencyId } : {}),
  });
  return days;
}

describe('the daily index counted in SQL', () => {
  const village = `village-${randomUUID()}`;

  it('counts the active cases and the missed deadlines of each day, on the edges of days and windows', async () => {
    // March 1–3, 2026: day 1's window is Jan 31 – Mar 1, day 2's Feb 1 – Mar 2, day 3's Feb 2 – Mar 3.
    const backlog = await seedCase({ id: randomUUID(), townCode: 'qingshui', openedAt: shanghai('2025-12-01T09:00') });
    const openedAtDayTwo = await seedCase({
      id: randomUUID(),
      townCode: 'qingshui',
      openedAt: shanghai('2026-03-02T00:00:00.000'),
    });
    await seedCase({ id: randomUUID(), townCode: 'qingshui', openedAt: shanghai('2026-03-01T23:59:59.999') });
    const closedAtWindowStart = await seedCase({
      id: randomUUID(),
      townCode: 'qingshui',
      openedAt: shanghai('2025-11-01T09:00'),
      status: 'closed',
      outcome: 'withdrawn',
      closedAt: shanghai('2026-01-31T00:00:00.000'),
    });
    const closedBeforeWindows = await seedCase({
      id: randomUUID(),
      townCode: 'qingshui',
      openedAt: shanghai('2025-11-01T09:00'),
      status: 'closed',
      outcome: 'resolved',
      closedAt: shanghai('2026-01-30T23:59:59.999'),
    });
    const resolvedFebruaryFirst = await seedCase({
      id: randomUUID(),
      townCode: 'qingshui',
      openedAt: shanghai('2025-11-01T09:00'),
      status: 'closed',
      outcome: 'resolved',
      closedAt: shanghai('2026-02-01T12:00'),
    });
    await seedCase({ id: randomUUID(), townCode: 'qingshui', openedAt: shanghai('2026-03-04T00:00:00.000') });
    await seedCase({
      id: randomUUID(),
      townCode: 'qingshui',
      openedAt: shanghai('2026-02-10T09:00'),
      status: 'merged',
      outcome: 'merged',
      closedAt: shanghai('2026-02-15T09:00'),
    });
    const elsewhere = await seedCase({ id: randomUUID(), townCode: 'hetian', openedAt: shanghai('2026-01-01T09:00') });

    for (const caseId of [backlog, openedAtDayTwo, resolvedFebruaryFirst]) {
      await prisma.levelVisit.create({
        data: { caseId, seq: 1, level: 'L1', agencyId: village, enteredAt: shanghai('2025-12-01T09:00') },
      });
    }
    const miss = (caseId: string, missedAt: Date) => ({
      eventId: randomUUID(),
      caseId,
      townCode: caseId === elsewhere ? 'hetian' : 'qingshui',
      clock: 'mediation',
      dueAt: missedAt,
      missedAt,
    });
    await prisma.deadlineMiss.createMany({
      data: [
        miss(backlog, shanghai('2026-01-31T00:00:00.000')), // the first instant of day 1's window: day 1 only
        miss(backlog, shanghai('2026-02-20T09:00')), // every day, and the backlog case counts once on day 1
        miss(openedAtDayTwo, shanghai('2026-03-03T00:00:00.000')), // the end of day 2: day 3 only
        miss(closedAtWindowStart, shanghai('2026-01-20T09:00')), // before every window
        miss(closedBeforeWindows, shanghai('2026-02-10T09:00')), // a case closed before it: never active
        miss(elsewhere, shanghai('2026-02-25T09:00')),
      ],
    });

    const town = await indexOf({ town: 'qingshui', agencyId: null }, '2026-03-01', '2026-03-03');
    expect(
      town.map(({ date, activeCases, missedDeadlineShare, resolutionRate, score, band }) => ({
        date,
        activeCases,
        missedDeadlineShare,
        resolutionRate,
        score,
        band,
      })),
    ).toEqual([
      // The backlog case, the one opened in the day's last millisecond, the one closed at the window's first instant,
      // the one resolved on Feb 1 (and withdrawn beside it: R = 1/2) and the merged one; one of them missed.
      { date: '2026-03-01', activeCases: 5, missedDeadlineShare: 0.2, resolutionRate: 0.5, score: 74, band: 'orange' },
      { date: '2026-03-02', activeCases: 5, missedDeadlineShare: 0.2, resolutionRate: 1, score: 94, band: 'blue' },
      { date: '2026-03-03', activeCases: 4, missedDeadlineShare: 0.5, resolutionRate: 1, score: 85, band: 'yellow' },
    ]);

    const counts = (scope: { town: string | null; agencyId: string | null }) => {
      const { start, end } = shanghaiRange('2026-03-01', '2026-03-03');
      return repository.dailyActivity({ ...scope, start, end });
    };
    expect(await counts({ town: null, agencyId: null })).toEqual([
      { date: '2026-03-01', active: 6, missed: 2 },
      { date: '2026-03-02', active: 6, missed: 2 },
      { date: '2026-03-03', active: 5, missed: 3 },
    ]);
    expect(await counts({ town: null, agencyId: village })).toEqual([
      { date: '2026-03-01', active: 2, missed: 1 },
      { date: '2026-03-02', active: 3, missed: 1 },
      { date: '2026-03-03', active: 2, missed: 2 },
    ]);
    expect(await counts({ town: 'hetian', agencyId: village })).toEqual([
      { date: '2026-03-01', active: 0, missed: 0 },
      { date: '2026-03-02', active: 0, missed: 0 },
      { date: '2026-03-03', active: 0, missed: 0 },
    ]);
    for (const scope of [
      { town: 'qingshui', agencyId: null },
      { town: null, agencyId: null },
      { town: null, agencyId: village },
    ]) {
      expect(await indexOf(scope, '2026-03-01', '2026-03-03')).toEqual(
        await fromEveryRow(scope, '2026-03-01', '2026-03-03'),
      );
    }
  });

  it('answers every day of a year as counting every case would, for many cases opened, closed and missed anywhere', async () => {
    // A fixed pseudo-random history (mulberry32), with many instants on the very edges of Shanghai days.
    let seed = 20_261_205;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const first = shanghai('2025-01-01T00:00:00.000').getTime();
    const instant = () => {
      const dayStart = first + Math.floor(random() * 800) * DAY_MS;
      return new Date(dayStart + pick([0, -1, 1, Math.floor(random() * DAY_MS)]));
    };
    const agencies = [village, `police-${randomUUID()}`];
    const cases = Array.from({ length: 400 }, () => {
      const openedAt = instant();
      const closing = random() < 0.6 ? new Date(openedAt.getTime() + Math.floor(random() * 120) * DAY_MS) : null;
      return {
        id: randomUUID(),
        townCode: pick(['qingshui', 'hetian']),
        disputeType: 'neighbour',
        source: 'grid-report',
        openedAt,
        status: closing ? pick(['closed', 'merged'] as const) : 'open',
        ...(closing ? { closedAt: closing, outcome: pick(['resolved', 'withdrawn']) } : {}),
      };
    });
    await prisma.caseFact.createMany({ data: cases });
    await prisma.levelVisit.createMany({
      data: cases
        .filter(() => random() < 0.7)
        .map((c) => {
          const acceptedAt = random() < 0.8 ? new Date(c.openedAt.getTime() + Math.floor(random() * 4) * DAY_MS) : null;
          return {
            caseId: c.id,
            seq: 1,
            level: 'L1',
            agencyId: pick(agencies),
            enteredAt: c.openedAt,
            acceptanceDueAt: new Date(c.openedAt.getTime() + 2 * DAY_MS),
            acceptedAt,
          };
        }),
    });
    await prisma.deadlineMiss.createMany({
      data: Array.from({ length: 300 }, () => {
        const missed = pick(cases);
        const missedAt =
          random() < 0.5 ? new Date(missed.openedAt.getTime() + Math.floor(random() * 90) * DAY_MS) : instant();
        return {
          eventId: randomUUID(),
          caseId: missed.id,
          townCode: missed.townCode,
          clock: 'acceptance',
          dueAt: missedAt,
          missedAt,
        };
      }),
    });

    const scopes = [
      { town: null, agencyId: null },
      { town: 'hetian', agencyId: null },
      { town: 'qingshui', agencyId: village },
    ];
    for (const scope of scopes) {
      for (const [from, to] of [
        ['2025-03-01', '2026-03-02'],
        ['2025-06-30', '2025-06-30'],
      ] as const) {
        const days = await indexOf(scope, from, to);
        expect(days).toEqual(await fromEveryRow(scope, from, to));
        expect(days[0]?.date).toBe(from);
        expect(days.at(-1)?.date).toBe(to);
      }
    }
  });
});
