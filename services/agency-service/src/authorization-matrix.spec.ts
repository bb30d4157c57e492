import request from 'supertest';
import type { Principal, StaffRole } from '@gongzhi/contracts';
import { type AuthorizationMatrix, type MatrixRow, type ObjectOwnership, matrixRows } from '@gongzhi/testing';
import { DEMO_AGENCY_IDS, DEMO_PASSWORD, DEMO_STAFF, DEMO_TOWN_CODE } from './seed/demo-town';
import { DEFAULT_POLICY } from './policy/policy.defaults';
import {
  createFakeAgencyService,
  demoPrincipal,
  type FakeAgencyService,
  agencyRouteTable,
  OTHER_TOWN,
  seedInMemoryDemoTown,
} from './agency-service.fakes';

/**
 * Every route × every role × own/foreign object → the status the caller gets. A route added without a row here
 * fails this test (matrixRows checks the route table). "Foreign" is another agency's object for agency staff, and
 * another town's for coordinators; administrators see everything.
 */
const ALL = (status: number) => ({ none: status });
const OWN_AND_FOREIGN = (own: number, foreign: number) => ({ own, foreign });
const matrix: AuthorizationMatrix = {
  // Public: reachable with or without a token, the answer is the same.
  login: {
    anonymous: ALL(200),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
  },
  refreshToken: {
    anonymous: ALL(401),
    'grid-worker': ALL(401),
    mediator: ALL(401),
    liaison: ALL(401),
    coordinator: ALL(401),
    administrator: ALL(401),
  },
  logout: {
    anonymous: ALL(200),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
  },
  getPublicKey: {
    anonymous: ALL(200),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
  },

  listAgencies: {
    anonymous: ALL(401),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
  },
  getAgency: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(200, 404),
    mediator: OWN_AND_FOREIGN(200, 404),
    liaison: OWN_AND_FOREIGN(200, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
  },
  createAgency: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(403, 403),
    mediator: OWN_AND_FOREIGN(403, 403),
    liaison: OWN_AND_FOREIGN(403, 403),
    coordinator: OWN_AND_FOREIGN(201, 403),
    administrator: OWN_AND_FOREIGN(201, 201),
  },
  updateAgency: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(403, 404),
    mediator: OWN_AND_FOREIGN(403, 404),
    liaison: OWN_AND_FOREIGN(403, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
  },

  listStaff: {
    anonymous: ALL(401),
    'grid-worker': ALL(403),
    mediator: ALL(403),
    liaison: ALL(403),
    coordinator: ALL(200),
    administrator: ALL(200),
  },
  getStaff: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(200, 404),
    mediator: OWN_AND_FOREIGN(200, 404),
    liaison: OWN_AND_FOREIGN(200, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
  },
  createStaff: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(403, 403),
    mediator: OWN_AND_FOREIGN(403, 403),
    liaison: OWN_AND_FOREIGN(403, 403),
    coordinator: OWN_AND_FOREIGN(201, 404),
    administrator: OWN_AND_FOREIGN(201, 201),
  },

  getCurrentPolicy: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(200, 404),
    mediator: OWN_AND_FOREIGN(200, 404),
    liaison: OWN_AND_FOREIGN(200, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
  },
  getPolicyVersion: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(200, 404),
    mediator: OWN_AND_FOREIGN(200, 404),
    liaison: OWN_AND_FOREIGN(200, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
  },
  replacePolicy: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(403, 404),
    mediator: OWN_AND_FOREIGN(403, 404),
    liaison: OWN_AND_FOREIGN(403, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(403, 403),
  },

  addWorkingDays: {
    anonymous: ALL(401),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
  },
  addCalendarDays: {
    anonymous: ALL(401),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
  },
  isWorkingDay: {
    anonymous: ALL(401),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
  },
};

/** Each role is played by a demo account holding that role alone. */
const PLAYERS: Record<StaffRole, Principal> = {
  'grid-worker': demoPrincipal(DEMO_STAFF.gridWorker),
  mediator: demoPrincipal(DEMO_STAFF.mediatorShangba),
  liaison: { ...demoPrincipal(DEMO_STAFF.policeLiaison), roles: ['liaison'] },
  coordinator: demoPrincipal(DEMO_STAFF.coordinator),
  administrator: demoPrincipal(DEMO_STAFF.administrator),
};

type Send = (fake: FakeAgencyService, who: Principal | undefined, ownership: ObjectOwnership) => request.Test;

let created = 0;
const town = (own: boolean) => (own ? DEMO_TOWN_CODE : OTHER_TOWN.code);
const newAgency = (townCode: string) => ({
  kind: 'other-department',
  name: '清水镇妇联',
  townCode,
  areaCodes: [],
  contactPhone: null,
  receptionHours: [],
});

const REQUESTS: Record<string, Send> = {
  login: (f) => request(f.app).post('/api/v1/auth/login').send({ username: 'admin', password: DEMO_PASSWORD }),
  refreshToken: (f) =>
    request(f.app).post('/api/v1/auth/refresh').send({ refreshToken: 'rt_not-a-token-we-ever-issued' }),
  logout: (f) => request(f.app).post('/api/v1/auth/logout').send({ refreshToken: 'rt_not-a-token-we-ever-issued' }),
  getPublicKey: (f) => request(f.app).get('/api/v1/auth/public-key'),
  listAgencies: (f) => request(f.app).get('/api/v1/agencies'),
  getAgency: (f, who, o) =>
    request(f.app).get(
      `/api/v1/agencies/${o === 'own' ? (who?.agencyId ?? DEMO_AGENCY_IDS.court) : OTHER_TOWN.committeeId}`,
    ),
  createAgency: (f, _who, o) =>
    request(f.app)
      .post('/api/v1/agencies')
      .send(newAgency(town(o === 'own'))),
  updateAgency: (f, who, o) => {
    const id = o === 'own' ? (who?.agencyId ?? DEMO_AGENCY_IDS.court) : OTHER_TOWN.committeeId;
    const version = f.repositories.agencies.rows.get(id)?.version ?? 1;
    return request(f.app)
      .patch(`/api/v1/agencies/${id}`)
      .set('If-Match', `"${id}.v${version}"`)
      .send({ areaCodes: [] });
  },
  listStaff: (f) => request(f.app).get('/api/v1/staff'),
  getStaff: (f, who, o) =>
    request(f.app).get(
      `/api/v1/staff/${o === 'own' ? (who?.staffId ?? DEMO_STAFF.coordinator.id) : OTHER_TOWN.coordinatorId}`,
    ),
  createStaff: (f, _who, o) => {
    created += 1;
    return request(f.app)
      .post('/api/v1/staff')
      .send({
        username: `matrix.${created}`,
        displayName: 'Matrix',
        agencyId: o === 'own' ? DEMO_AGENCY_IDS.shangbaCommittee : OTHER_TOWN.committeeId,
        roles: ['mediator'],
        password: 'matrix-password',
      });
  },
  getCurrentPolicy: (f, _who, o) => request(f.app).get(`/api/v1/towns/${town(o === 'own')}/policy`),
  getPolicyVersion: (f, _who, o) => request(f.app).get(`/api/v1/towns/${town(o === 'own')}/policy/versions/0`),
  replacePolicy: (f, _who, o) => {
    const townCode = town(o === 'own');
    const current = f.repositories.policies.rows.filter((row) => row.townCode === townCode).length;
    return request(f.app)
      .put(`/api/v1/towns/${townCode}/policy`)
      .set('If-Match', `"policy-${townCode}.v${current}"`)
      .send(DEFAULT_POLICY);
  },
  addWorkingDays: (f) => request(f.app).get('/api/v1/calendar/add-working-days?from=2026-09-30T09:00:00Z&days=3'),
  addCalendarDays: (f) => request(f.app).get('/api/v1/calendar/add-calendar-days?from=2026-09-30T09:00:00Z&days=3'),
  isWorkingDay: (f) => request(f.app).get('/api/v1/calendar/is-working-day?date=2026-10-10'),
};

describe('authorization matrix', () => {
  let fake: FakeAgencyService;
  const tokens = new Map<StaffRole, string>();

  beforeAll(async () => {
    fake = await createFakeAgencyService();
    await seedInMemoryDemoTown(fake);
    for (const [role, principal] of Object.entries(PLAYERS) as [StaffRole, Principal][]) {
      tokens.set(role, await fake.tokenFor(principal));
    }
  });

  it('has a request for every route in the table', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual(Object.keys(matrix).sort());
  });

  // Built at collection time so that Jest lists one test per row; throws when a route has no entry.
  const rows: MatrixRow[] = matrixRows(agencyRouteTable(), matrix);

  it.each(rows.map((row) => [row.operationId, row.role, row.ownership, row.expected] as const))(
    '%s as %s (%s object) → %i',
    async (operationId, role, ownership, expected) => {
      const send = REQUESTS[operationId];
      if (!send) throw new Error(`no request for ${operationId}`);
      const who = role === 'anonymous' ? undefined : PLAYERS[role];
      let req = send(fake, who, ownership);
      if (role !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens.get(role) ?? ''}`);
      const res = await req;
      expect(res.status).toBe(expected);
      if (expected === 404 && ownership === 'foreign') {
        // Invisible objects leak nothing: not their name, not their town's agencies.
        expect(JSON.stringify(res.body)).not.toMatch(/河田|hetian-1|coordinator\.hetian/);
      }
    },
  );
});
