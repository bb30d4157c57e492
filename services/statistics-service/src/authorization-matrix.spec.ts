/**
 * statistics-service's authorization matrix: every route (from the route table, so a new route without a row fails
 * the build) × every caller × the caller's own town or another → status. The figures are the governance centre's:
 * coordinators read their own town (another town's answers 404, like any object they may not see), administrators
 * every town; other staff are refused, and so is the dispute worker's token, which no route declares.
 */
import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import {
  createServiceTokenSource,
  createTokenIssuer,
  createTokenVerifier,
  generateSigningKeyPair,
} from '@gongzhi/auth';
import { createLogger } from '@gongzhi/http';
// Test-only harness (a type:test library).
import { type AuthorizationMatrix, type DefaultMatrixRole, matrixRows } from '@gongzhi/testing';
import { createStatisticsServiceApp } from './statistics-service';
import { statisticsRoutes } from './statistics/statistics.controller';
import type { StatisticsService } from './statistics/statistics.service';
import { dailyActivityOfRows, dailyOutcomesOfRows, type Facts, shanghaiDay } from './statistics/metrics';
import type { DailyActivityFilter, StatisticsRepository } from './statistics/statistics.repository';

type Role = DefaultMatrixRole | 'workflow-engine';

const governanceCentre = {
  'grid-worker': { own: 403, foreign: 403 },
  mediator: { own: 403, foreign: 403 },
  liaison: { own: 403, foreign: 403 },
  coordinator: { own: 200, foreign: 404 },
  administrator: { own: 200, foreign: 200 },
  anonymous: { own: 401, foreign: 401 },
  'workflow-engine': { own: 403, foreign: 403 },
};

const matrix: AuthorizationMatrix<Role> = {
  getStatistics: governanceCentre,
  getDailyIndex: governanceCentre,
};

const PATHS: Record<string, string> = {
  getStatistics: '/api/v1/statistics?from=2026-03-01&to=2026-03-31',
  getDailyIndex: '/api/v1/statistics/daily-index?from=2026-03-01&to=2026-03-31',
};

/** A town without a case: what the figures say does not matter here, only who may read them. */
const noFacts: Facts = {
  cases: [],
  visits: [],
  misses: [],
  agencyKinds: new Map(),
  overdueNow: 0,
  overdueNowByVillage: [],
  eventsApplied: 0,
};
const lastDayOf = (filter: DailyActivityFilter) => shanghaiDay(new Date(filter.end.getTime() - 1));
const emptyTown: StatisticsRepository = {
  loadFacts: async () => noFacts,
  figureCounts: async () => ({
    days: [],
    disputeTypes: [],
    villages: [],
    agencies: [],
    levels: [],
    missedDeadlines: 0,
    casesWithMissedDeadlines: 0,
    overdueNow: 0,
    eventsApplied: 0,
  }),
  dailyActivity: async (filter) => dailyActivityOfRows(noFacts, shanghaiDay(filter.start), lastDayOf(filter)),
  dailyOutcomes: async (filter) =>
    dailyOutcomesOfRows(noFacts, shanghaiDay(filter.start), lastDayOf(filter), filter.agencyId),
};

async function wiring() {
  const pair = generateSigningKeyPair();
  const workerPair = generateSigningKeyPair();
  const issuer = await createTokenIssuer({ privateKeyPem: pair.privateKeyPem, ttlSeconds: 900 });
  const worker = await createServiceTokenSource({ privateKeyPem: workerPair.privateKeyPem, ttlSeconds: 900 });
  const service = createStatisticsServiceApp({
    logger: createLogger('statistics-service', 'silent'),
    verifier: await createTokenVerifier({
      publicKeyPem: pair.publicKeyPem,
      workflowEnginePublicKeyPem: workerPair.publicKeyPem,
    }),
    repository: emptyTown,
    rateLimits: { perIp: 10_000, perUser: 10_000 },
  });
  async function authorization(role: Role): Promise<string | undefined> {
    if (role === 'anonymous') return undefined;
    if (role === 'workflow-engine') return `Bearer ${await worker.token()}`;
    const principal: Principal = { staffId: `s-${role}`, agencyId: 'a-1', townCode: 'qingshui', roles: [role] };
    return `Bearer ${(await issuer.issue(principal)).token}`;
  }
  return { service, authorization };
}

// The real route table (building it does no I/O): a route added to the controller without a row here fails the build.
const routeTable = statisticsRoutes({} as StatisticsService).routes;

describe('statistics-service authorization matrix', () => {
  let wired: Awaited<ReturnType<typeof wiring>>;
  beforeAll(async () => {
    wired = await wiring();
  });

  it.each(
    matrixRows<Role>(routeTable, matrix).map(
      (row) => [row.operationId, row.role, row.ownership, row.expected] as const,
    ),
  )('%s as %s on the %s town → %i', async (operationId, role, ownership, expected) => {
    const path = `${PATHS[operationId]}${ownership === 'foreign' ? '&town=hetian' : ''}`;
    const authorization = await wired.authorization(role);
    const call = request(wired.service.app).get(path);
    const res = await (authorization ? call.set('Authorization', authorization) : call);
    expect({ status: res.status, ...(res.status === expected ? {} : { body: res.body }) }).toEqual({
      status: expected,
    });
  });
});
