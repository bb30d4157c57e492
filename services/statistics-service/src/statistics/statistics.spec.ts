import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import { createTokenIssuer, createTokenVerifier, generateSigningKeyPair } from '@gongzhi/auth';
import { createLogger } from '@gongzhi/http';
import { createStatisticsServiceApp } from '../statistics-service';
import {
  type CaseRow,
  computeDailyIndex,
  computeStatistics,
  dailyActivityOfRows,
  dailyOutcomesOfRows,
  type Facts,
  type FigureCounts,
  percentile,
  shanghaiDay,
  statisticsOfCounts,
} from './metrics';
import type { DailyActivityFilter, FigureFilter } from './statistics.repository';

const COURT = 'agency-court';
const VILLAGE = 'agency-village';
const POLICE = 'agency-police';
const at = (iso: string) => new Date(iso);

function caseRow(id: string, overrides: Partial<CaseRow> = {}): CaseRow {
  return {
    id,
    townCode: 'qingshui',
    villageCode: 'shangba',
    disputeType: 'neighbour',
    openedAt: at('2026-03-01T02:00:00Z'),
    status: 'open',
    outcome: null,
    closedAt: null,
    closedLevel: null,
    closedAgencyId: null,
    ...overrides,
  };
}

/**
 * Four closed cases in March 2026 (3 resolved, one at the court), one merged, one still open and overdue. Villages:
 * shangba (c1, c4, c5), xiaba (c3), dongcun (c6), and c2 reported without one.
 */
function facts(): Facts {
  return {
    cases: [
      caseRow('c1', {
        status: 'closed',
        outcome: 'resolved',
        closedAt: at('2026-03-10T02:00:00Z'),
        closedLevel: 'L1',
        closedAgencyId: VILLAGE,
      }),
      caseRow('c2', {
        status: 'closed',
        outcome: 'resolved',
        closedAt: at('2026-03-11T02:00:00Z'),
        closedLevel: 'L4',
        closedAgencyId: COURT,
        disputeType: 'contract-debt',
        villageCode: null,
      }),
      caseRow('c3', {
        status: 'closed',
        outcome: 'resolved',
        closedAt: at('2026-03-12T02:00:00Z'),
        closedLevel: 'L2',
        closedAgencyId: POLICE,
        villageCode: 'xiaba',
      }),
      caseRow('c4', {
        status: 'closed',
        outcome: 'referred-to-litigation',
        closedAt: at('2026-03-13T02:00:00Z'),
        closedLevel: 'L4',
        closedAgencyId: COURT,
      }),
      caseRow('c5', { status: 'merged', outcome: 'merged', closedAt: at('2026-03-13T02:00:00Z') }),
      caseRow('c6', { townCode: 'qingshui', villageCode: 'dongcun' }),
    ],
    visits: [
      // 2 days at L1, accepted on time
      {
        caseId: 'c1',
        level: 'L1',
        agencyId: VILLAGE,
        enteredAt: at('2026-03-08T02:00:00Z'),
        acceptanceDueAt: at('2026-03-09T02:00:00Z'),
        acceptedAt: at('2026-03-08T03:00:00Z'),
        rejectedAt: null,
        leftAt: at('2026-03-10T02:00:00Z'),
      },
      // 4 days at L1, accepted late
      {
        caseId: 'c3',
        level: 'L1',
        agencyId: VILLAGE,
        enteredAt: at('2026-03-02T02:00:00Z'),
        acceptanceDueAt: at('2026-03-03T02:00:00Z'),
        acceptedAt: at('2026-03-04T02:00:00Z'),
        rejectedAt: null,
        leftAt: at('2026-03-06T02:00:00Z'),
      },
      // rejected by the police: not a stay
      {
        caseId: 'c6',
        level: 'L2',
        agencyId: POLICE,
        enteredAt: at('2026-03-05T02:00:00Z'),
        acceptanceDueAt: at('2026-03-07T02:00:00Z'),
        acceptedAt: null,
        rejectedAt: at('2026-03-05T05:00:00Z'),
        leftAt: at('2026-03-05T05:00:00Z'),
      },
    ],
    misses: [
      { caseId: 'c6', clock: 'acceptance', missedAt: at('2026-03-07T02:00:00Z') },
      { caseId: 'c6', clock: 'mediation', missedAt: at('2026-03-20T02:00:00Z') },
    ],
    agencyKinds: new Map([
      [COURT, 'court'],
      [VILLAGE, 'mediation-committee'],
    ]),
    overdueNow: 1,
    overdueNowByVillage: [{ townCode: 'qingshui', villageCode: 'dongcun', cases: 1 }],
    eventsApplied: 42,
  };
}

/** What the database counts of `facts()` for March (statistics.repository.ts `figureCounts`), made by hand. */
function marchCounts(): FigureCounts {
  const nothing = { opened: 0, closed: 0, merged: 0, resolved: 0, resolvedWithinTown: 0 };
  return {
    days: [
      { ...nothing, day: 0, opened: 6 },
      { ...nothing, day: 9, closed: 1, resolved: 1, resolvedWithinTown: 1 },
      { ...nothing, day: 10, closed: 1, resolved: 1 },
      { ...nothing, day: 11, closed: 1, resolved: 1, resolvedWithinTown: 1 },
      { ...nothing, day: 12, closed: 1, merged: 1 },
    ],
    disputeTypes: [
      { disputeType: 'neighbour', opened: 5, closed: 3, resolved: 2 },
      { disputeType: 'contract-debt', opened: 1, closed: 1, resolved: 1 },
    ],
    // In no particular order, and a village where only a merged case closed (tallied, but nothing to show).
    villages: [
      { townCode: 'qingshui', villageCode: null, opened: 1, closed: 1, resolved: 1, overdueNow: 0 },
      { townCode: 'qingshui', villageCode: 'xiaba', opened: 1, closed: 1, resolved: 1, overdueNow: 0 },
      { townCode: 'qingshui', villageCode: 'beicun', opened: 0, closed: 0, resolved: 0, overdueNow: 0 },
      { townCode: 'qingshui', villageCode: 'shangba', opened: 3, closed: 2, resolved: 1, overdueNow: 0 },
      { townCode: 'qingshui', villageCode: 'dongcun', opened: 1, closed: 0, resolved: 0, overdueNow: 1 },
    ],
    agencies: [
      {
        agencyId: VILLAGE,
        kind: 'mediation-committee',
        transfersReceived: 2,
        accepted: 2,
        acceptedOnTime: 1,
        rejected: 0,
        resolved: 1,
      },
      { agencyId: POLICE, kind: null, transfersReceived: 1, accepted: 0, acceptedOnTime: 0, rejected: 1, resolved: 1 },
      {
        agencyId: COURT,
        kind: 'court',
        transfersReceived: 0,
        accepted: 0,
        acceptedOnTime: 0,
        rejected: 0,
        resolved: 1,
      },
    ],
    levels: [
      { level: 'L1', stays: 2, totalMs: 6n * 86_400_000n, p90Days: 4 },
      { level: 'L2', stays: 0, totalMs: 0n, p90Days: null },
    ],
    missedDeadlines: 2,
    casesWithMissedDeadlines: 1,
    overdueNow: 1,
    eventsApplied: 42,
  };
}

const MARCH = { from: '2026-03-01', to: '2026-03-31', town: 'qingshui', agencyId: null, granularity: 'month' } as const;

describe('the figures', () => {
  it("counts a case an administrator terminated as closed and not resolved (case-service's closed/terminated)", () => {
    const withTerminated = facts();
    withTerminated.cases.push(
      caseRow('c7', {
        status: 'closed',
        outcome: 'terminated',
        closedAt: at('2026-03-14T02:00:00Z'),
        closedLevel: 'L2',
        closedAgencyId: POLICE,
      }),
    );
    const view = computeStatistics(withTerminated, MARCH);
    expect(view.totals).toMatchObject({ closed: 5, merged: 1, resolved: 3, resolvedWithinTown: 2 });
    expect(view.resolutionRate).toBe(0.6);
  });

  it('computes the resolution rate, the share resolved within the town and on-time acceptance', () => {
    const view = computeStatistics(facts(), MARCH);
    expect(view.totals).toMatchObject({ opened: 6, closed: 4, merged: 1, resolved: 3, resolvedWithinTown: 2 });
    expect(view.resolutionRate).toBe(0.75);
    // The court's agreement counts as resolved, not as resolved within the town (大事不出镇).
    expect(view.resolvedWithinTownShare).toBe(0.5);
    expect(view.onTimeAcceptanceRate).toBe(0.5);
    expect(view.totals).toMatchObject({
      transfersRejected: 1,
      missedDeadlines: 2,
      casesWithMissedDeadlines: 1,
      overdueNow: 1,
    });
    expect(view.levels.find((l) => l.level === 'L1')).toEqual({ level: 'L1', stays: 2, meanDays: 3, p90Days: 4 });
    expect(view.disputeTypes).toEqual(
      expect.arrayContaining([{ disputeType: 'contract-debt', opened: 1, closed: 1, resolved: 1, resolutionRate: 1 }]),
    );
    expect(view.series.periods).toEqual([{ period: '2026-03', opened: 6, closed: 4, resolved: 3 }]);
    expect(view.agencies.find((a) => a.agencyId === VILLAGE)).toMatchObject({
      transfersReceived: 2,
      accepted: 2,
      acceptedOnTime: 1,
      resolved: 1,
    });
  });

  it('gives each village its openings, closings, resolution rate and overdue cases, the cases without one last', () => {
    const expected = [
      {
        townCode: 'qingshui',
        villageCode: 'dongcun',
        opened: 1,
        closed: 0,
        resolved: 0,
        resolutionRate: null,
        overdueNow: 1,
      },
      // c5 was merged: opened there, but neither closed nor resolved.
      {
        townCode: 'qingshui',
        villageCode: 'shangba',
        opened: 3,
        closed: 2,
        resolved: 1,
        resolutionRate: 0.5,
        overdueNow: 0,
      },
      {
        townCode: 'qingshui',
        villageCode: 'xiaba',
        opened: 1,
        closed: 1,
        resolved: 1,
        resolutionRate: 1,
        overdueNow: 0,
      },
      { townCode: 'qingshui', villageCode: null, opened: 1, closed: 1, resolved: 1, resolutionRate: 1, overdueNow: 0 },
    ];
    expect(computeStatistics(facts(), MARCH).villages).toEqual(expected);
    expect(statisticsOfCounts(marchCounts(), MARCH).villages).toEqual(expected);
    // A village with a case overdue now is listed in a range where nothing happened there.
    const april = { ...MARCH, from: '2026-04-01', to: '2026-04-30' };
    expect(computeStatistics(facts(), april).villages).toEqual([
      {
        townCode: 'qingshui',
        villageCode: 'dongcun',
        opened: 0,
        closed: 0,
        resolved: 0,
        resolutionRate: null,
        overdueNow: 1,
      },
    ]);
  });

  it("lists every town's villages apart: a village code is a town's own", () => {
    const twoTowns = facts();
    twoTowns.cases.push(caseRow('h1', { townCode: 'hetian', villageCode: 'shangba' }));
    twoTowns.overdueNowByVillage.push({ townCode: 'hetian', villageCode: null, cases: 2 });
    const view = computeStatistics(twoTowns, { ...MARCH, town: null });
    expect(view.villages.map((v) => [v.townCode, v.villageCode, v.opened, v.overdueNow])).toEqual([
      ['hetian', 'shangba', 1, 0],
      ['hetian', null, 0, 2],
      ['qingshui', 'dongcun', 1, 1],
      ['qingshui', 'shangba', 3, 0],
      ['qingshui', 'xiaba', 1, 0],
      ['qingshui', null, 1, 0],
    ]);
  });

  it('narrows stays and acceptances to one agency', () => {
    const view = computeStatistics(facts(), { ...MARCH, agencyId: POLICE });
    expect(view.totals.transfersAccepted).toBe(0);
    expect(view.totals.transfersRejected).toBe(1);
    expect(view.onTimeAcceptanceRate).toBeNull();
  });

  it('counts days in Asia/Shanghai: 23:30 UTC is the next day there', () => {
    expect(shanghaiDay(at('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
    const view = computeStatistics(
      { ...facts(), cases: [caseRow('late', { openedAt: at('2026-03-31T16:30:00Z') })] },
      MARCH,
    );
    expect(view.totals.opened).toBe(0);
  });

  it('makes of the counts the database made the same view as of the rows', () => {
    expect(statisticsOfCounts(marchCounts(), MARCH)).toEqual(computeStatistics(facts(), MARCH));
    const byDay = { ...MARCH, granularity: 'day' } as const;
    expect(statisticsOfCounts(marchCounts(), byDay)).toEqual(computeStatistics(facts(), byDay));
  });

  it('rounds a mean stay half up, exactly: 3 hours is 0.125 days, shown as 0.13', () => {
    const threeHours = { level: 'L1', stays: 1, totalMs: 3n * 3_600_000n, p90Days: 0.125 };
    const view = statisticsOfCounts({ ...marchCounts(), levels: [threeHours] }, MARCH);
    expect(view.levels[0]).toEqual({ level: 'L1', stays: 1, meanDays: 0.13, p90Days: 0.13 });
  });

  it('takes p90 by nearest rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([], 90)).toBeNull();
  });
});

describe('the daily index', () => {
  it('weighs resolution 0.4, on-time acceptance 0.3 and deadlines kept 0.3 over 30 days, banded', () => {
    const activity = dailyActivityOfRows(facts(), '2026-03-31', '2026-03-31');
    expect(activity).toEqual([{ date: '2026-03-31', active: 6, missed: 1 }]);
    const [day] = computeDailyIndex(facts(), activity, '2026-03-31', '2026-03-31', null);
    // R = 3/4, A = 1/2, M = 1 case with a miss / 6 active → 100 × (0.3 + 0.15 + 0.25) = 70.0
    expect(day).toEqual({
      date: '2026-03-31',
      score: 70,
      band: 'orange',
      resolutionRate: 0.75,
      onTimeAcceptanceRate: 0.5,
      missedDeadlineShare: 0.1667,
      activeCases: 6,
    });
  });

  it('is 100 (blue) on a quiet day with nothing closed, accepted or missed', () => {
    const quiet = { ...facts(), misses: [] };
    const [day] = computeDailyIndex(
      quiet,
      dailyActivityOfRows(quiet, '2026-01-15', '2026-01-15'),
      '2026-01-15',
      '2026-01-15',
      null,
    );
    expect(day).toMatchObject({ score: 100, band: 'blue', activeCases: 0 });
  });
});

describe('GET /api/v1/statistics', () => {
  async function setup() {
    const pair = generateSigningKeyPair();
    const issuer = await createTokenIssuer({ privateKeyPem: pair.privateKeyPem, ttlSeconds: 900 });
    const asked: (FigureFilter | DailyActivityFilter)[] = [];
    const { app } = createStatisticsServiceApp({
      logger: createLogger('statistics-service', 'silent'),
      verifier: await createTokenVerifier({ publicKeyPem: pair.publicKeyPem }),
      repository: {
        async loadFacts() {
          return facts();
        },
        async figureCounts(filter) {
          asked.push(filter);
          return marchCounts();
        },
        async dailyOutcomes(filter) {
          asked.push(filter);
          return dailyOutcomesOfRows(
            facts(),
            shanghaiDay(filter.start),
            shanghaiDay(new Date(filter.end.getTime() - 1)),
            filter.agencyId,
          );
        },
        async dailyActivity(filter) {
          return dailyActivityOfRows(
            facts(),
            shanghaiDay(filter.start),
            shanghaiDay(new Date(filter.end.getTime() - 1)),
          );
        },
      },
    });
    const token = async (roles: Principal['roles'], townCode = 'qingshui') =>
      `Bearer ${(await issuer.issue({ staffId: 's-1', agencyId: 'a-1', townCode, roles })).token}`;
    return { app, token, asked };
  }
  const url = '/api/v1/statistics?from=2026-03-01&to=2026-03-31';

  it("serves a coordinator their own town's figures", async () => {
    const { app, token, asked } = await setup();
    const res = await request(app)
      .get(url)
      .set('Authorization', await token(['coordinator']));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ town: 'qingshui', resolutionRate: 0.75, eventsApplied: 42 });
    expect(asked[0]).toMatchObject({ town: 'qingshui', agencyId: null });
  });

  it("answers 404 for another town's figures, and 403 to staff who are not coordinators", async () => {
    const { app, token } = await setup();
    expect(
      (
        await request(app)
          .get(`${url}&town=hetian`)
          .set('Authorization', await token(['coordinator']))
      ).status,
    ).toBe(404);
    for (const role of ['mediator', 'liaison', 'grid-worker'] as const) {
      expect(
        (
          await request(app)
            .get(url)
            .set('Authorization', await token([role]))
        ).status,
      ).toBe(403);
    }
    expect((await request(app).get(url)).status).toBe(401);
  });

  it('lets an administrator read every town or one, filtered by agency', async () => {
    const { app, token, asked } = await setup();
    const admin = await token(['administrator'], 'qingshui');
    expect((await request(app).get(url).set('Authorization', admin)).body.town).toBeNull();
    await request(app).get(`${url}&town=hetian&agencyId=${POLICE}`).set('Authorization', admin);
    expect(asked[1]).toMatchObject({ town: 'hetian', agencyId: POLICE });
  });

  it('refuses a range the wrong way round or longer than a year', async () => {
    const { app, token } = await setup();
    const auth = await token(['coordinator']);
    expect(
      (await request(app).get('/api/v1/statistics?from=2026-03-31&to=2026-03-01').set('Authorization', auth)).status,
    ).toBe(400);
    expect(
      (await request(app).get('/api/v1/statistics?from=2024-01-01&to=2026-03-01').set('Authorization', auth)).status,
    ).toBe(400);
  });

  it('serves the daily index of the days asked (each window reaching back from its day is the counts’ business)', async () => {
    const { app, token, asked } = await setup();
    const res = await request(app)
      .get('/api/v1/statistics/daily-index?from=2026-03-30&to=2026-03-31')
      .set('Authorization', await token(['coordinator']));
    expect(res.status).toBe(200);
    expect(res.body.days.map((d: { date: string; resolutionRate: number }) => [d.date, d.resolutionRate])).toEqual([
      ['2026-03-30', 0.75],
      ['2026-03-31', 0.75],
    ]);
    expect(asked[0]?.start.toISOString()).toBe('2026-03-29T16:00:00.000Z');
    expect(asked[0]?.end.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });
});
