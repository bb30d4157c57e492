/**
 * The one authorization matrix of party-service, its fixtures and its requests, run by both test tiers: the unit
 * spec on the in-memory fakes, the integration spec on PostgreSQL with real crypto and real token verification.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Principal, StaffRole } from '@gongzhi/contracts';
// Test-only harness (a type:test library); this folder is test code.
import { type AuthorizationMatrix, type DefaultMatrixRole, matrixRows, type MatrixRow } from '@gongzhi/testing';
import { createInMemoryAgencyDirectory } from '../agencies/agency-directory.fakes';
import { createPartyCrypto } from '../crypto/party-crypto';
import { createInMemoryPartiesRepository } from '../parties/parties.fakes';
import { createPartiesService } from '../parties/parties.service';
import { type PartyService, partyServiceRoutes } from '../party-service';
import { AGENCIES, FAR_TOWN, principal, randomCryptoKeys } from '../party-service.fakes';
import { createInMemoryRiskFlagsRepository } from '../risk-flags/risk-flags.fakes';
import { createRiskFlagsService } from '../risk-flags/risk-flags.service';
import { syntheticIdNumber } from '../seed/synthetic-ids';

/*
 * Every route × caller × (own agency's party | another agency's party in the same town | none) → status. The caller's
 * agency is AGENCIES.own in town qingshui. A route added without a row here fails both tiers.
 * Reading: everyone sees their own agency's parties; coordinators the town; administrators everything (masked).
 * Changing: registration roles (not administrators); risk flags: coordinator and liaison only; involving an agency:
 * only one agency-service shows the caller in the party's town; reviewing possible duplicates: the town's coordinator.
 * Besides the staff roles, every route lists two callers of another town (who must reach nothing of this town's, not
 * even through a known ID number) and the dispute worker's `workflow-engine` token (refused everywhere: none of its
 * activities calls party-service, and it would otherwise see every town).
 */
type PartyMatrixRole = DefaultMatrixRole | 'workflow-engine' | 'other-town-mediator' | 'other-town-coordinator';
export type PartyMatrixRow = MatrixRow<PartyMatrixRole>;

/** Callers of another town: nothing of this town is theirs, whatever their role. */
const outsiders = (status: number) => ({
  'other-town-mediator': { own: status, foreign: status },
  'other-town-coordinator': { own: status, foreign: status },
});
const workerRefused = { 'workflow-engine': { own: 403, foreign: 403 } };

/** Routes every visible role may use: own → `own`; another agency's party → 404, but the town's coordinator and
 * administrators (who see everything) get `own` too. */
const readable = (own: number) => ({
  'grid-worker': { own, foreign: 404 },
  mediator: { own, foreign: 404 },
  liaison: { own, foreign: 404 },
  coordinator: { own, foreign: own },
  administrator: { own, foreign: own },
  anonymous: { own: 401, foreign: 401 },
  ...workerRefused,
  ...outsiders(404),
});

/** operationId → role → ownership → expected status, for every route of party-service. */
export const partyAuthorizationMatrix = {
  /*
   * `none`: an ID number nobody registered; `own`/`foreign`: the ID number of the caller's agency's party / another
   * agency's party. Only a party the caller already sees comes back (200); any other registration, a hidden match
   * included, answers 201 with a record of the caller's own, in the caller's town.
   */
  lookupOrCreateParty: {
    'grid-worker': { none: 201, own: 200, foreign: 201 },
    mediator: { none: 201, own: 200, foreign: 201 },
    liaison: { none: 201, own: 200, foreign: 201 },
    coordinator: { none: 201, own: 200, foreign: 200 },
    administrator: { none: 403, own: 403, foreign: 403 },
    anonymous: { none: 401, own: 401, foreign: 401 },
    'workflow-engine': { none: 403, own: 403, foreign: 403 },
    'other-town-mediator': { none: 201, own: 201, foreign: 201 },
    'other-town-coordinator': { none: 201, own: 201, foreign: 201 },
  },
  listParties: {
    'grid-worker': { none: 200 },
    mediator: { none: 200 },
    liaison: { none: 200 },
    coordinator: { none: 200 },
    administrator: { none: 200 },
    anonymous: { none: 401 },
    'workflow-engine': { none: 403 },
    'other-town-mediator': { none: 200 },
    'other-town-coordinator': { none: 200 },
  },
  findPartyByIdNumber: readable(200),
  getParty: readable(200),
  listPartyRiskFlags: readable(200),
  updateParty: {
    'grid-worker': { own: 200, foreign: 404 },
    mediator: { own: 200, foreign: 404 },
    liaison: { own: 200, foreign: 404 },
    coordinator: { own: 200, foreign: 200 },
    administrator: { own: 403, foreign: 403 },
    anonymous: { own: 401, foreign: 401 },
    ...workerRefused,
    ...outsiders(404),
  },
  /*
   * The agency to involve is the town's court. agency-service shows a mediator or liaison their own agency only, so
   * for them the court is no agency they can name (422); the town's coordinator sees it (200). See also
   * `involvementTargets` for agency ids that must never be accepted.
   */
  addPartyInvolvedAgency: {
    'grid-worker': { own: 403, foreign: 403 },
    mediator: { own: 422, foreign: 404 },
    liaison: { own: 422, foreign: 404 },
    coordinator: { own: 200, foreign: 200 },
    administrator: { own: 403, foreign: 403 },
    anonymous: { own: 401, foreign: 401 },
    ...workerRefused,
    ...outsiders(404),
  },
  setPartyRiskFlag: {
    'grid-worker': { own: 403, foreign: 403 },
    mediator: { own: 403, foreign: 403 },
    liaison: { own: 201, foreign: 404 },
    coordinator: { own: 201, foreign: 201 },
    administrator: { own: 403, foreign: 403 },
    anonymous: { own: 401, foreign: 401 },
    ...workerRefused,
    'other-town-mediator': { own: 403, foreign: 403 },
    'other-town-coordinator': { own: 404, foreign: 404 },
  },
  clearPartyRiskFlag: {
    'grid-worker': { own: 403, foreign: 403 },
    mediator: { own: 403, foreign: 403 },
    liaison: { own: 200, foreign: 404 },
    coordinator: { own: 200, foreign: 200 },
    administrator: { own: 403, foreign: 403 },
    anonymous: { own: 401, foreign: 401 },
    ...workerRefused,
    'other-town-mediator': { own: 403, foreign: 403 },
    'other-town-coordinator': { own: 404, foreign: 404 },
  },
  listPossibleDuplicates: {
    'grid-worker': { none: 403 },
    mediator: { none: 403 },
    liaison: { none: 403 },
    coordinator: { none: 200 },
    administrator: { none: 403 },
    anonymous: { none: 401 },
    'workflow-engine': { none: 403 },
    'other-town-mediator': { none: 403 },
    'other-town-coordinator': { none: 200 },
  },
  /** The target is the possible duplicate a third agency made of the own / foreign party's ID number. */
  reviewPossibleDuplicate: {
    'grid-worker': { own: 403, foreign: 403 },
    mediator: { own: 403, foreign: 403 },
    liaison: { own: 403, foreign: 403 },
    coordinator: { own: 200, foreign: 200 },
    administrator: { own: 403, foreign: 403 },
    anonymous: { own: 401, foreign: 401 },
    ...workerRefused,
    'other-town-mediator': { own: 403, foreign: 403 },
    'other-town-coordinator': { own: 404, foreign: 404 },
  },
} satisfies AuthorizationMatrix<PartyMatrixRole>;

/**
 * Agency ids `POST /parties/:id/involved-agencies` must refuse whoever asks (here the town's coordinator, on the own
 * party): only an agency agency-service knows in the party's town is ever involved.
 */
export const involvementTargets: { agency: string; agencyId: (harness: MatrixHarness) => string; expected: number }[] =
  [
    { agency: 'an agency of the party’s town', agencyId: () => AGENCIES.court, expected: 200 },
    { agency: 'an agency id nobody gave out', agencyId: () => randomUUID(), expected: 422 },
    { agency: 'an agency of another town', agencyId: (harness) => harness.farTownAgencyId, expected: 422 },
    { agency: 'no agency id at all', agencyId: () => 'a-court', expected: 400 },
  ];

type OperationId = keyof typeof partyAuthorizationMatrix;

/** A party-service wiring the matrix can drive: the app, its services (fixtures go through them), signed tokens. */
export interface MatrixService extends PartyService {
  tokenFor(principal: Principal): Promise<string>;
  /** The dispute worker's Authorization header. */
  workerToken(): Promise<string>;
}

/** What an app factory hands the runner: the service, and how to tear it down after the last row. */
export interface MatrixHarness {
  service: MatrixService;
  /** An agency of another town, as the wiring's agency directory knows it. */
  farTownAgencyId: string;
  close?: () => Promise<void>;
}

interface FixtureParty {
  id: string;
  idNumber: string;
  flagId: string;
  /** The record a third agency, which may not see this party, got when it registered the same ID number. */
  duplicateId: string;
}

/**
 * One party of the caller's agency and one of another agency in the same town, each with an active flag and a
 * possible duplicate made by a third agency of the town.
 */
export interface MatrixFixture {
  own: FixtureParty;
  foreign: FixtureParty;
  /** An ID number nobody has registered yet, for lookup-or-create. */
  unregisteredIdNumber: string;
}

/**
 * Ordinals for synthetic ID numbers: one database serves every row of a run, so each fixture needs numbers no other
 * fixture used (a reused number would make lookup-or-create answer 200 with someone else's party).
 */
function idNumbers(): (birthDate: string) => string {
  let sequence = 0;
  return (birthDate) => {
    sequence += 1;
    return syntheticIdNumber('520101', birthDate, sequence);
  };
}

/** Sets up a fixture through the service's own API, as staff of the owning agency would. */
async function createFixture(
  service: MatrixService,
  nextIdNumber: (birthDate: string) => string,
): Promise<MatrixFixture> {
  const caller = (agencyId: string, role: StaffRole) => ({ principal: principal(role, agencyId), requestId: 'setup' });
  const register = (agencyId: string, idNumber: string) =>
    service.parties.lookupOrCreate(caller(agencyId, 'grid-worker'), {
      kind: 'person',
      name: '测试',
      idNumber,
      address: { townCode: 'qingshui' },
    });
  const make = async (agencyId: string): Promise<FixtureParty> => {
    const idNumber = nextIdNumber('19750505');
    const { view } = await register(agencyId, idNumber);
    const flag = await service.riskFlags.set(caller(agencyId, 'liaison'), view.id, {
      category: 'key-person',
      reason: 'matrix fixture',
    });
    const duplicate = await register(AGENCIES.third, idNumber);
    if (duplicate.view.id === view.id) throw new Error('matrix fixture: the third agency was handed the party');
    return { id: view.id, idNumber, flagId: flag.id, duplicateId: duplicate.view.id };
  };
  const [own, foreign] = await Promise.all([make(AGENCIES.own), make(AGENCIES.other)]);
  return { own, foreign, unregisteredIdNumber: nextIdNumber('19900101') } satisfies MatrixFixture;
}

type Agent = ReturnType<typeof request>;

interface RouteRequest {
  /** Whether the request changes its target (or creates one): such rows get a fixture of their own. */
  mutates: boolean;
  /** `target` is the row's party: undefined for `none`. */
  build(agent: Agent, target: FixtureParty | undefined, fixture: MatrixFixture): request.Test;
}

/** The row's party, for routes that act on one. */
function must(target: FixtureParty | undefined): FixtureParty {
  if (!target) throw new Error('this route needs a party: give its matrix entry `own` and `foreign`, not `none`');
  return target;
}

const partyUrl = (target: FixtureParty | undefined) => `/api/v1/parties/${must(target).id}`;

/** One request per route; the type makes a matrix entry without a request a compile error. */
const routeRequests: Record<OperationId, RouteRequest> = {
  lookupOrCreateParty: {
    mutates: true,
    build: (agent, target, fixture) =>
      agent.post('/api/v1/parties/lookup-or-create').send({
        kind: 'person',
        name: '新人',
        idNumber: target?.idNumber ?? fixture.unregisteredIdNumber,
        address: { townCode: 'qingshui' },
      }),
  },
  listParties: { mutates: false, build: (agent) => agent.get('/api/v1/parties') },
  findPartyByIdNumber: {
    mutates: false,
    build: (agent, target) =>
      agent.post('/api/v1/parties/search-by-id-number').send({ idNumber: must(target).idNumber }),
  },
  getParty: { mutates: false, build: (agent, target) => agent.get(partyUrl(target)) },
  listPartyRiskFlags: { mutates: false, build: (agent, target) => agent.get(`${partyUrl(target)}/risk-flags`) },
  updateParty: {
    mutates: true,
    build: (agent, target) =>
      agent
        .patch(partyUrl(target))
        .set('If-Match', `"${must(target).id}.v1"`)
        .send({ name: '改名' }),
  },
  addPartyInvolvedAgency: {
    mutates: true,
    build: (agent, target) => agent.post(`${partyUrl(target)}/involved-agencies`).send({ agencyId: AGENCIES.court }),
  },
  setPartyRiskFlag: {
    mutates: true,
    build: (agent, target) =>
      agent.post(`${partyUrl(target)}/risk-flags`).send({ category: 'violence-risk', reason: 'matrix check' }),
  },
  clearPartyRiskFlag: {
    mutates: true,
    build: (agent, target) =>
      agent.post(`${partyUrl(target)}/risk-flags/${must(target).flagId}/clear`).send({ reason: 'matrix check' }),
  },
  listPossibleDuplicates: { mutates: false, build: (agent) => agent.get('/api/v1/parties/possible-duplicates') },
  reviewPossibleDuplicate: {
    mutates: true,
    build: (agent, target) =>
      agent
        .post(`/api/v1/parties/${must(target).duplicateId}/duplicate-review`)
        .send({ decision: 'grant', reason: 'matrix check' }),
  },
};

function isOperationId(id: string): id is OperationId {
  return Object.hasOwn(routeRequests, id);
}

/**
 * The service's route table, built synchronously from the real route definitions on throwaway fakes: rows are
 * generated at collection time, so a route without a matrix entry fails before any test runs.
 */
export function partyRouteTable(): { operationId: string; method: string; path: string }[] {
  const audit = { record: async () => undefined };
  const parties = createPartiesService({
    repository: createInMemoryPartiesRepository(),
    crypto: createPartyCrypto(randomCryptoKeys()),
    audit,
    agencies: createInMemoryAgencyDirectory(),
    newId: randomUUID,
  });
  const riskFlags = createRiskFlagsService({
    repository: createInMemoryRiskFlagsRepository(),
    parties,
    audit,
    newId: randomUUID,
    now: () => new Date(),
  });
  return partyServiceRoutes(parties, riskFlags).flatMap((routes) => routes.routes);
}

/** The Authorization header of the row's caller; undefined for anonymous. */
async function authorizationOf(service: MatrixService, role: PartyMatrixRole): Promise<string | undefined> {
  switch (role) {
    case 'anonymous':
      return undefined;
    case 'workflow-engine':
      return service.workerToken();
    case 'other-town-mediator':
      return service.tokenFor(principal('mediator', AGENCIES.farTown, FAR_TOWN));
    case 'other-town-coordinator':
      return service.tokenFor(principal('coordinator', AGENCIES.farTown, FAR_TOWN));
    default:
      return service.tokenFor(principal(role, AGENCIES.own));
  }
}

async function send(service: MatrixService, row: PartyMatrixRow, fixture: MatrixFixture): Promise<request.Response> {
  if (!isOperationId(row.operationId)) throw new Error(`no request built for ${row.operationId}: add one`);
  const target = row.ownership === 'none' ? undefined : row.ownership === 'foreign' ? fixture.foreign : fixture.own;
  const req = routeRequests[row.operationId].build(request(service.app), target, fixture);
  const authorization = await authorizationOf(service, row.role);
  if (authorization) req.set('Authorization', authorization);
  return req;
}

/**
 * Declares the matrix tests for one wiring. `start` runs once: rows that only read share one fixture, rows that change
 * their target get fresh parties, so each row sees exactly the state the matrix assumes whatever ran before it.
 */
export function describeAuthorizationMatrix(title: string, start: () => Promise<MatrixHarness>): void {
  const rows = matrixRows<PartyMatrixRole>(partyRouteTable(), partyAuthorizationMatrix);

  describe(title, () => {
    let harness: MatrixHarness | undefined;
    let shared: MatrixFixture;
    const nextIdNumber = idNumbers();
    const started = () => {
      if (!harness) throw new Error('the matrix harness did not start: see the beforeAll failure');
      return harness;
    };
    const service = () => started().service;

    beforeAll(async () => {
      harness = await start();
      shared = await createFixture(harness.service, nextIdNumber);
    });

    afterAll(async () => {
      await harness?.close?.();
    });

    it('covers every route of this wiring', () => {
      expect(() =>
        matrixRows(
          service().routes.flatMap((r) => r.routes),
          partyAuthorizationMatrix,
        ),
      ).not.toThrow();
    });

    it.each(rows.map((row) => [row.operationId, row.role, row.ownership, row.expected, row] as const))(
      '%s as %s on a %s party → %i',
      async (operationId, _role, _ownership, expected, row) => {
        const mutates = isOperationId(operationId) && routeRequests[operationId].mutates;
        const fixture = mutates ? await createFixture(service(), nextIdNumber) : shared;
        const res = await send(service(), row, fixture);
        // The problem body in the failure message says why a status differs (e.g. a database error mapped to 503).
        expect({ status: res.status, ...(res.status === expected ? {} : { body: res.body }) }).toEqual({
          status: expected,
        });
      },
    );

    it.each(involvementTargets.map((target) => [target.agency, target.expected, target] as const))(
      'addPartyInvolvedAgency as the town’s coordinator with %s → %i',
      async (_agency, expected, target) => {
        const fixture = await createFixture(service(), nextIdNumber);
        const res = await request(service().app)
          .post(`/api/v1/parties/${fixture.own.id}/involved-agencies`)
          .set('Authorization', await service().tokenFor(principal('coordinator', AGENCIES.own)))
          .send({ agencyId: target.agencyId(started()) });
        expect({ status: res.status, ...(res.status === expected ? {} : { body: res.body }) }).toEqual({
          status: expected,
        });
      },
    );
  });
}
