/**
 * Every route × every role × own/foreign object, generated from the route table: a new route without an entry
 * here fails the build. "Own" means a case reported by the caller's agency (or, for a coordinator, in the caller's
 * town); "foreign" a case of another village's agency. Invisible cases answer 404, like missing ones.
 */
import request from 'supertest';
import type { Principal, StaffRole } from '@gongzhi/contracts';
import { type AuthorizationMatrix, matrixRows } from '@gongzhi/testing';
import { createFakeCaseService } from '../testing/fake-case-service';
import { casesRoutes } from './cases.controller';
import type { CasesService } from './cases.service';
import { reportsRoutes } from '../reports/reports.controller';
import type { ReportsService } from '../reports/reports.service';

const report = {
  disputeType: 'neighbour',
  source: 'walk-in',
  summary: 'A leaning wall between courtyards.',
  townCode: 'qingshui',
};

const everyoneSees = { own: 200, foreign: 404 } as const;
const matrix: AuthorizationMatrix = {
  openCase: {
    anonymous: { none: 401 },
    'grid-worker': { none: 201 },
    mediator: { none: 201 },
    liaison: { none: 201 },
    coordinator: { none: 201 },
    administrator: { none: 201 },
  },
  listCases: {
    anonymous: { none: 401 },
    'grid-worker': { none: 200 },
    mediator: { none: 200 },
    liaison: { none: 200 },
    coordinator: { none: 200 },
    administrator: { none: 200 },
  },
  fileReport: {
    anonymous: { none: 401 },
    'grid-worker': { none: 201 },
    mediator: { none: 201 },
    liaison: { none: 201 },
    coordinator: { none: 201 },
    administrator: { none: 201 },
  },
  listCaseReports: {
    anonymous: { own: 401, foreign: 401 },
    'grid-worker': everyoneSees,
    mediator: everyoneSees,
    liaison: everyoneSees,
    coordinator: { own: 200, foreign: 200 },
    administrator: { own: 200, foreign: 200 },
  },
  getCase: {
    anonymous: { own: 401, foreign: 401 },
    'grid-worker': everyoneSees,
    mediator: everyoneSees,
    liaison: everyoneSees,
    coordinator: { own: 200, foreign: 200 }, // the town is theirs
    administrator: { own: 200, foreign: 200 },
  },
};

function caller(role: StaffRole): Principal {
  return { staffId: `staff-${role}`, agencyId: 'agency-shangba', townCode: 'qingshui', roles: [role] };
}
const foreignReporter: Principal = {
  staffId: 'grid-x',
  agencyId: 'agency-xiaba',
  townCode: 'qingshui',
  roles: ['grid-worker'],
};

describe('case-service authorization matrix', () => {
  let fake: Awaited<ReturnType<typeof createFakeCaseService>>;
  const ids: Record<'own' | 'foreign', string> = { own: '', foreign: '' };

  beforeAll(async () => {
    fake = await createFakeCaseService({ rateLimits: { perIp: 10_000, perUser: 10_000 } });
    const open = async (principal: Principal) =>
      (
        await request(fake.app)
          .post('/api/v1/cases')
          .set('Authorization', await fake.bearer(principal))
          .send(report)
      ).body.id as string;
    ids.own = await open({ ...caller('grid-worker'), staffId: 'grid-own' });
    ids.foreign = await open(foreignReporter);
  });

  // The real route table (building it does no I/O), so a route added to the controller shows up here at once.
  const rows = matrixRows(
    [...casesRoutes({} as CasesService).routes, ...reportsRoutes({} as ReportsService).routes],
    matrix,
  );

  it('covers exactly the routes the service declares', () => {
    expect(fake.routes.map((r) => r.operationId).sort()).toEqual(Object.keys(matrix).sort());
  });

  it.each(rows.map((r) => [r.operationId, r.role, r.ownership, r.expected] as const))(
    '%s as %s on %s object → %i',
    async (operationId, role, ownership, expected) => {
      const auth = role === 'anonymous' ? {} : { Authorization: await fake.bearer(caller(role)) };
      const route = fake.routes.find((r) => r.operationId === operationId);
      if (!route) throw new Error(`no route ${operationId}`);
      const path = route.path.replace(':id', ownership === 'none' ? '' : ids[ownership]);
      const res =
        route.method === 'post'
          ? await request(fake.app).post(path).set(auth).send(report)
          : await request(fake.app).get(path).set(auth);
      expect(res.status).toBe(expected);
      if (res.status === 404) expect(JSON.stringify(res.body)).not.toContain('leaning wall');
    },
  );
});
