/**
 * The authorization matrix of agency-service, defined once and run against any wiring: the fakes in the unit tier
 * (authorization-matrix.spec.ts) and PostgreSQL in the integration tier (authorization-matrix.int-spec.ts).
 * Besides the staff roles, every route lists the dispute worker's `workflow-engine` token: it reaches the routes its
 * activities call (workflow-engine.ts) in every town, and gets 403 on every other.
 */
import type { Express } from 'express';
import request from 'supertest';
import type { Principal, ServiceRole, StaffRole } from '@gongzhi/contracts';
import { etagOf } from '@gongzhi/http';
import {
  type AuthorizationMatrix,
  type DefaultMatrixRole,
  type MatrixRow,
  type ObjectOwnership,
  matrixRows,
} from '@gongzhi/testing';
import type { AgencyRepositories } from '../agency-service';
import { agencyRouteTable, demoPrincipal, OTHER_TOWN, seedTestTowns } from '../agency-service.fakes';
import { DEFAULT_POLICY } from '../policy/policy.defaults';
import { policyEtagId } from '../policy/policy.service';
import { DEMO_AGENCY_IDS, DEMO_PASSWORD, DEMO_STAFF, DEMO_TOWN_CODE, DEMO_VILLAGES } from '../seed/demo-town';

/** A wiring of the service the matrix can drive: its app, the repositories behind it, and a way to mint tokens. */
export interface MatrixTarget {
  app: Express;
  repositories: AgencyRepositories;
  /** An access token for any principal, signed with the key the app verifies. */
  tokenFor(principal: Principal): Promise<string>;
  /** The dispute worker's token, signed with its own key, which the app also verifies. */
  workerToken(): Promise<string>;
}

/** The callers of every row: no token, each staff role, and the dispute worker. */
export type AgencyMatrixRole = DefaultMatrixRole | Extract<ServiceRole, 'workflow-engine'>;

const ALL = (status: number) => ({ none: status });
const OWN_AND_FOREIGN = (own: number, foreign: number) => ({ own, foreign });
/** The worker on a route its activities do not call: refused whatever the object (it sees every town). */
const ENGINE_REFUSED = OWN_AND_FOREIGN(403, 403);

/**
 * Every route × every role × own/foreign object → the status the caller gets. A route added without a row here
 * fails both tiers (matrixRows checks the route table). "Foreign" is another agency's object for agency staff, and
 * another town's for coordinators; administrators see everything.
 */
export const AUTHORIZATION_MATRIX: AuthorizationMatrix<AgencyMatrixRole> = {
  // Public: reachable with or without a token, the answer is the same.
  login: {
    anonymous: ALL(200),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
    'workflow-engine': ALL(200),
  },
  refreshToken: {
    anonymous: ALL(401),
    'grid-worker': ALL(401),
    mediator: ALL(401),
    liaison: ALL(401),
    coordinator: ALL(401),
    administrator: ALL(401),
    'workflow-engine': ALL(401),
  },
  logout: {
    anonymous: ALL(200),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
    'workflow-engine': ALL(200),
  },
  getPublicKey: {
    anonymous: ALL(200),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
    'workflow-engine': ALL(200),
  },

  listAgencies: {
    anonymous: ALL(401),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
    'workflow-engine': ALL(200),
  },
  getAgency: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(200, 404),
    mediator: OWN_AND_FOREIGN(200, 404),
    liaison: OWN_AND_FOREIGN(200, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
    'workflow-engine': OWN_AND_FOREIGN(200, 200),
  },
  createAgency: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(403, 403),
    mediator: OWN_AND_FOREIGN(403, 403),
    liaison: OWN_AND_FOREIGN(403, 403),
    coordinator: OWN_AND_FOREIGN(201, 403),
    administrator: OWN_AND_FOREIGN(201, 201),
    'workflow-engine': ENGINE_REFUSED,
  },
  updateAgency: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(403, 404),
    mediator: OWN_AND_FOREIGN(403, 404),
    liaison: OWN_AND_FOREIGN(403, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
    'workflow-engine': ENGINE_REFUSED,
  },

  listStaff: {
    anonymous: ALL(401),
    'grid-worker': ALL(403),
    mediator: ALL(403),
    liaison: ALL(403),
    coordinator: ALL(200),
    administrator: ALL(200),
    'workflow-engine': ALL(403),
  },
  getStaff: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(200, 404),
    mediator: OWN_AND_FOREIGN(200, 404),
    liaison: OWN_AND_FOREIGN(200, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
    'workflow-engine': OWN_AND_FOREIGN(200, 200),
  },
  createStaff: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(403, 403),
    mediator: OWN_AND_FOREIGN(403, 403),
    liaison: OWN_AND_FOREIGN(403, 403),
    coordinator: OWN_AND_FOREIGN(201, 404),
    administrator: OWN_AND_FOREIGN(201, 201),
    'workflow-engine': ENGINE_REFUSED,
  },
  // "Own" is the caller's own account (the one account every role sees), rewritten with its own roles.
  updateStaff: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(403, 404),
    mediator: OWN_AND_FOREIGN(403, 404),
    liaison: OWN_AND_FOREIGN(403, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
    'workflow-engine': ENGINE_REFUSED,
  },

  getCurrentPolicy: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(200, 404),
    mediator: OWN_AND_FOREIGN(200, 404),
    liaison: OWN_AND_FOREIGN(200, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
    'workflow-engine': OWN_AND_FOREIGN(200, 200),
  },
  getPolicyVersion: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(200, 404),
    mediator: OWN_AND_FOREIGN(200, 404),
    liaison: OWN_AND_FOREIGN(200, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
    'workflow-engine': ENGINE_REFUSED,
  },
  replacePolicy: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(403, 404),
    mediator: OWN_AND_FOREIGN(403, 404),
    liaison: OWN_AND_FOREIGN(403, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(403, 403),
    'workflow-engine': ENGINE_REFUSED,
  },

  addWorkingDays: {
    anonymous: ALL(401),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
    'workflow-engine': ALL(200),
  },
  addCalendarDays: {
    anonymous: ALL(401),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
    'workflow-engine': ALL(200),
  },
  periodEnd: {
    anonymous: ALL(401),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
    'workflow-engine': ALL(200),
  },
  isWorkingDay: {
    anonymous: ALL(401),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
    'workflow-engine': ALL(403),
  },
  countWorkingDays: {
    anonymous: ALL(401),
    'grid-worker': ALL(200),
    mediator: ALL(200),
    liaison: ALL(200),
    coordinator: ALL(200),
    administrator: ALL(200),
    'workflow-engine': ALL(403),
  },

  // Every staff member reads their own town's directory; another town's answers empty (200), as GET /agencies does.
  getTownDirectory: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(200, 200),
    mediator: OWN_AND_FOREIGN(200, 200),
    liaison: OWN_AND_FOREIGN(200, 200),
    coordinator: OWN_AND_FOREIGN(200, 200),
    administrator: OWN_AND_FOREIGN(200, 200),
    'workflow-engine': ENGINE_REFUSED,
  },
  getVillage: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(200, 404),
    mediator: OWN_AND_FOREIGN(200, 404),
    liaison: OWN_AND_FOREIGN(200, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
    'workflow-engine': ENGINE_REFUSED,
  },
  // case-service asks this at intake with the reporter's token: every staff member reads their own town's villages.
  getTownVillage: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(200, 404),
    mediator: OWN_AND_FOREIGN(200, 404),
    liaison: OWN_AND_FOREIGN(200, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
    'workflow-engine': ENGINE_REFUSED,
  },
  createVillage: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(403, 403),
    mediator: OWN_AND_FOREIGN(403, 403),
    liaison: OWN_AND_FOREIGN(403, 403),
    coordinator: OWN_AND_FOREIGN(201, 403),
    administrator: OWN_AND_FOREIGN(201, 201),
    'workflow-engine': ENGINE_REFUSED,
  },
  updateVillage: {
    anonymous: OWN_AND_FOREIGN(401, 401),
    'grid-worker': OWN_AND_FOREIGN(403, 404),
    mediator: OWN_AND_FOREIGN(403, 404),
    liaison: OWN_AND_FOREIGN(403, 404),
    coordinator: OWN_AND_FOREIGN(200, 404),
    administrator: OWN_AND_FOREIGN(200, 200),
    'workflow-engine': ENGINE_REFUSED,
  },
};

/** Each role is played by a demo account holding that role alone. */
export const PLAYERS: Record<StaffRole, Principal> = {
  'grid-worker': demoPrincipal(DEMO_STAFF.gridWorker),
  mediator: demoPrincipal(DEMO_STAFF.mediatorShangba),
  liaison: { ...demoPrincipal(DEMO_STAFF.policeLiaison), roles: ['liaison'] },
  coordinator: demoPrincipal(DEMO_STAFF.coordinator),
  administrator: demoPrincipal(DEMO_STAFF.administrator),
};

/**
 * What to send, as data: a supertest request is a thenable, so one returned from an async builder would be sent
 * before the runner could add the caller's token.
 */
export interface MatrixRequest {
  method: 'get' | 'post' | 'patch' | 'put';
  path: string;
  ifMatch?: string;
  body?: object;
}

type BuildRequest = (
  target: MatrixTarget,
  who: Principal | undefined,
  ownership: ObjectOwnership,
) => MatrixRequest | Promise<MatrixRequest>;

const townOf = (ownership: ObjectOwnership) => (ownership === 'own' ? DEMO_TOWN_CODE : OTHER_TOWN.code);
const agencyOf = (who: Principal | undefined, ownership: ObjectOwnership) =>
  ownership === 'own' ? (who?.agencyId ?? DEMO_AGENCY_IDS.court) : OTHER_TOWN.committeeId;
const NOT_ISSUED = 'rt_not-a-token-we-ever-issued';

// Usernames are unique per database; a fresh one per row that gets as far as creating.
let createdStaff = 0;
// Village codes are unique per town: likewise.
let createdVillages = 0;
const villageOf = (ownership: ObjectOwnership) =>
  ownership === 'own' ? (DEMO_VILLAGES[0]?.id ?? '') : OTHER_TOWN.villageId;

/**
 * One request per route. Rows that write either create a new object (agencies, staff, policy versions) or rewrite a
 * fixture with its own values under the version read just before, so no row depends on the order rows run in.
 */
export const MATRIX_REQUESTS: Record<string, BuildRequest> = {
  login: () => ({ method: 'post', path: '/api/v1/auth/login', body: { username: 'admin', password: DEMO_PASSWORD } }),
  refreshToken: () => ({ method: 'post', path: '/api/v1/auth/refresh', body: { refreshToken: NOT_ISSUED } }),
  logout: () => ({ method: 'post', path: '/api/v1/auth/logout', body: { refreshToken: NOT_ISSUED } }),
  getPublicKey: () => ({ method: 'get', path: '/api/v1/auth/public-key' }),
  listAgencies: () => ({ method: 'get', path: '/api/v1/agencies' }),
  getAgency: (_t, who, o) => ({ method: 'get', path: `/api/v1/agencies/${agencyOf(who, o)}` }),
  createAgency: (_t, _who, o) => ({
    method: 'post',
    path: '/api/v1/agencies',
    body: {
      kind: 'other-department',
      name: '清水镇妇联',
      townCode: townOf(o),
      areaCodes: [],
      contactPhone: null,
      receptionHours: [],
    },
  }),
  updateAgency: async (t, who, o) => {
    const id = agencyOf(who, o);
    const current = await t.repositories.agencies.findById(id);
    if (!current) throw new Error(`matrix fixture: agency ${id} is missing`);
    return {
      method: 'patch',
      path: `/api/v1/agencies/${id}`,
      ifMatch: etagOf(id, current.version),
      body: { areaCodes: current.areaCodes },
    };
  },
  listStaff: () => ({ method: 'get', path: '/api/v1/staff' }),
  getStaff: (_t, who, o) => ({
    method: 'get',
    path: `/api/v1/staff/${o === 'own' ? (who?.staffId ?? DEMO_STAFF.coordinator.id) : OTHER_TOWN.coordinatorId}`,
  }),
  createStaff: (_t, _who, o) => {
    createdStaff += 1;
    return {
      method: 'post',
      path: '/api/v1/staff',
      body: {
        username: `matrix.${createdStaff}`,
        displayName: 'Matrix',
        agencyId: o === 'own' ? DEMO_AGENCY_IDS.shangbaCommittee : OTHER_TOWN.committeeId,
        roles: ['mediator'],
        password: 'matrix-password',
      },
    };
  },
  updateStaff: async (t, who, o) => {
    const id = o === 'own' ? (who?.staffId ?? DEMO_STAFF.coordinator.id) : OTHER_TOWN.coordinatorId;
    const current = await t.repositories.staff.findById(id);
    if (!current) throw new Error(`matrix fixture: staff account ${id} is missing`);
    return {
      method: 'patch',
      path: `/api/v1/staff/${id}`,
      ifMatch: etagOf(id, current.version),
      body: { roles: current.roles },
    };
  },
  getCurrentPolicy: (_t, _who, o) => ({ method: 'get', path: `/api/v1/towns/${townOf(o)}/policy` }),
  getPolicyVersion: (_t, _who, o) => ({ method: 'get', path: `/api/v1/towns/${townOf(o)}/policy/versions/0` }),
  replacePolicy: async (t, _who, o) => {
    const townCode = townOf(o);
    const current = (await t.repositories.policies.latest(townCode))?.version ?? 0;
    return {
      method: 'put',
      path: `/api/v1/towns/${townCode}/policy`,
      ifMatch: etagOf(policyEtagId(townCode), current),
      body: DEFAULT_POLICY,
    };
  },
  addWorkingDays: () => ({ method: 'get', path: '/api/v1/calendar/add-working-days?from=2026-09-30T09:00:00Z&days=3' }),
  addCalendarDays: () => ({
    method: 'get',
    path: '/api/v1/calendar/add-calendar-days?from=2026-09-30T09:00:00Z&days=3',
  }),
  periodEnd: () => ({
    method: 'get',
    path: '/api/v1/calendar/period-end?from=2026-09-30T09:00:00Z&amount=30&unit=calendar-days',
  }),
  isWorkingDay: () => ({ method: 'get', path: '/api/v1/calendar/is-working-day?date=2026-10-10' }),
  countWorkingDays: () => ({
    method: 'get',
    path: '/api/v1/calendar/working-days-between?from=2026-09-30T09:00:00Z&to=2026-10-12T09:00:00Z',
  }),
  // Named explicitly for both ownerships: administrators must name the town (400 without, see directory.int-spec.ts).
  getTownDirectory: (_t, _who, o) => ({ method: 'get', path: `/api/v1/directory?townCode=${townOf(o)}` }),
  getVillage: (_t, _who, o) => ({ method: 'get', path: `/api/v1/villages/${villageOf(o)}` }),
  getTownVillage: (_t, _who, o) => ({
    method: 'get',
    path:
      o === 'own'
        ? `/api/v1/towns/${DEMO_TOWN_CODE}/villages/${DEMO_VILLAGES[0]?.code ?? ''}`
        : `/api/v1/towns/${OTHER_TOWN.code}/villages/hetian-1`,
  }),
  createVillage: (_t, _who, o) => {
    createdVillages += 1;
    return {
      method: 'post',
      path: '/api/v1/villages',
      body: { townCode: townOf(o), code: `matrix-${createdVillages}`, name: '矩阵村', gridCodes: [] },
    };
  },
  updateVillage: async (t, _who, o) => {
    const id = villageOf(o);
    const current = await t.repositories.villages.findById(id);
    if (!current) throw new Error(`matrix fixture: village ${id} is missing`);
    return {
      method: 'patch',
      path: `/api/v1/villages/${id}`,
      ifMatch: etagOf(id, current.version),
      body: { name: current.name },
    };
  },
};

/**
 * Declares the matrix as one test per row against the wiring `start` returns (called once, in beforeAll), after
 * loading the demo town and its neighbour through that wiring's repositories. `stop` releases what `start` took.
 */
export function runAuthorizationMatrix(wiring: { start(): Promise<MatrixTarget>; stop?(): Promise<void> }): void {
  describe('authorization matrix', () => {
    let target: MatrixTarget;
    const tokens = new Map<Exclude<AgencyMatrixRole, 'anonymous'>, string>();

    beforeAll(async () => {
      target = await wiring.start();
      await seedTestTowns(target.repositories);
      for (const [role, principal] of Object.entries(PLAYERS) as [StaffRole, Principal][]) {
        tokens.set(role, await target.tokenFor(principal));
      }
      tokens.set('workflow-engine', await target.workerToken());
    });

    afterAll(async () => {
      await wiring.stop?.();
    });

    it('has a request for every route in the table', () => {
      expect(Object.keys(MATRIX_REQUESTS).sort()).toEqual(Object.keys(AUTHORIZATION_MATRIX).sort());
    });

    // Built at collection time so that Jest lists one test per row; throws when a route has no entry.
    const rows: MatrixRow<AgencyMatrixRole>[] = matrixRows(agencyRouteTable(), AUTHORIZATION_MATRIX);

    it.each(rows.map((row) => [row.operationId, row.role, row.ownership, row.expected] as const))(
      '%s as %s (%s object) → %i',
      async (operationId, role, ownership, expected) => {
        const build = MATRIX_REQUESTS[operationId];
        if (!build) throw new Error(`no request for ${operationId}`);
        // The worker belongs to no agency: its "own" objects are the demo town's, like an anonymous caller's.
        const who = role === 'anonymous' || role === 'workflow-engine' ? undefined : PLAYERS[role];
        const spec = await build(target, who, ownership);
        let req = request(target.app)[spec.method](spec.path);
        if (spec.ifMatch) req = req.set('If-Match', spec.ifMatch);
        if (role !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens.get(role) ?? ''}`);
        const res = await (spec.body === undefined ? req : req.send(spec.body));
        // The body says why (a 500's problem detail, a 403's reason), which a bare status comparison would hide.
        if (res.status !== expected) {
          throw new Error(`expected ${expected}, got ${res.status}: ${JSON.stringify(res.body)}`);
        }
        if (expected === 404 && ownership === 'foreign') {
          // Invisible objects leak nothing: not their name, not their town's agencies. `instance` is left out: it is
          // the path the caller sent (a village asked for by its code names it there), not something the service told.
          const { instance: _sentPath, ...told } = res.body as Record<string, unknown>;
          expect(JSON.stringify(told)).not.toMatch(/河田|hetian-1|coordinator\.hetian/);
        }
      },
    );
  });
}
