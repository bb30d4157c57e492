/**
 * The one authorization matrix of party-service, its fixtures and its requests, run by both test tiers: the unit
 * spec on the in-memory fakes, the integration spec on PostgreSQL with real crypto and real token verification.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Principal, StaffRole } from '@gongzhi/contracts';
// Test-only harness (a type:test library); this folder is test code.
import { type AuthorizationMatrix, matrixRows, type MatrixRow } from '@gongzhi/testing';
import { createPartyCrypto } from '../crypto/party-crypto';
import { createInMemoryPartiesRepository } from '../parties/parties.fakes';
import { createPartiesService } from '../parties/parties.service';
import { type PartyService, partyServiceRoutes } from '../party-service';
import { AGENCIES, principal, randomCryptoKeys } from '../party-service.fakes';
import { createInMemoryRiskFlagsRepository } from '../risk-flags/risk-flags.fakes';
import { createRiskFlagsService } from '../risk-flags/risk-flags.service';
import { syntheticIdNumber } from '../seed/synthetic-ids';

/*
 * Every route × role × (own agency's party | another agency's party in the same town) → status. The caller's agency
 * is AGENCIES.own in town qingshui. A route added without a row here fails both tiers.
 * Reading: everyone sees their own agency's parties; coordinators the town; administrators everything (masked).
 * Changing: registration roles (not administrators); risk flags: coordinator and liaison only.
 */
/** Routes every visible role may use: own → `own`; another agency's party → 404, but the town's coordinator and
 * administrators (who see everything) get `own` too. */
const readable = (own: number) => ({
  'grid-worker': { own, foreign: 404 },
  mediator: { own, foreign: 404 },
  liaison: { own, foreign: 404 },
  coordinator: { own, foreign: own },
  administrator: { own, foreign: own },
  anonymous: { own: 401, foreign: 401 },
});

/** operationId → role → ownership → expected status, for every route of party-service. */
export const partyAuthorizationMatrix = {
  lookupOrCreateParty: {
    'grid-worker': { none: 201 },
    mediator: { none: 201 },
    liaison: { none: 201 },
    coordinator: { none: 201 },
    administrator: { none: 403 },
    anonymous: { none: 401 },
  },
  listParties: {
    'grid-worker': { none: 200 },
    mediator: { none: 200 },
    liaison: { none: 200 },
    coordinator: { none: 200 },
    administrator: { none: 200 },
    anonymous: { none: 401 },
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
  },
  addPartyInvolvedAgency: {
    'grid-worker': { own: 403, foreign: 403 },
    mediator: { own: 200, foreign: 404 },
    liaison: { own: 200, foreign: 404 },
    coordinator: { own: 200, foreign: 200 },
    administrator: { own: 403, foreign: 403 },
    anonymous: { own: 401, foreign: 401 },
  },
  setPartyRiskFlag: {
    'grid-worker': { own: 403, foreign: 403 },
    mediator: { own: 403, foreign: 403 },
    liaison: { own: 201, foreign: 404 },
    coordinator: { own: 201, foreign: 201 },
    administrator: { own: 403, foreign: 403 },
    anonymous: { own: 401, foreign: 401 },
  },
  clearPartyRiskFlag: {
    'grid-worker': { own: 403, foreign: 403 },
    mediator: { own: 403, foreign: 403 },
    liaison: { own: 200, foreign: 404 },
    coordinator: { own: 200, foreign: 200 },
    administrator: { own: 403, foreign: 403 },
    anonymous: { own: 401, foreign: 401 },
  },
} satisfies AuthorizationMatrix;

type OperationId = keyof typeof partyAuthorizationMatrix;

/** A party-service wiring the matrix can drive: the app, its services (fixtures go through them), signed tokens. */
export interface MatrixService extends PartyService {
  tokenFor(principal: Principal): Promise<string>;
}

/** What an app factory hands the runner: the service, and how to tear it down after the last row. */
export interface MatrixHarness {
  service: MatrixService;
  close?: () => Promise<void>;
}

interface FixtureParty {
  id: string;
  idNumber: string;
  flagId: string;
}

/** One party of the caller's agency and one of another agency in the same town, each with an active flag. */
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
  const make = async (agencyId: string): Promise<FixtureParty> => {
    const idNumber = nextIdNumber('19750505');
    const { view } = await service.parties.lookupOrCreate(caller(agencyId, 'grid-worker'), {
      kind: 'person',
      name: '测试',
      idNumber,
      address: { townCode: 'qingshui' },
    });
    const flag = await service.riskFlags.set(caller(agencyId, 'liaison'), view.id, {
      category: 'key-person',
      reason: 'matrix fixture',
    });
    return { id: view.id, idNumber, flagId: flag.id };
  };
  const [own, foreign] = await Promise.all([make(AGENCIES.own), make(AGENCIES.other)]);
  return { own, foreign, unregisteredIdNumber: nextIdNumber('19900101') } satisfies MatrixFixture;
}

type Agent = ReturnType<typeof request>;

interface RouteRequest {
  /** Whether the request changes its target (or creates one): such rows get a fixture of their own. */
  mutates: boolean;
  build(agent: Agent, target: FixtureParty, fixture: MatrixFixture): request.Test;
}

const partyUrl = (target: FixtureParty) => `/api/v1/parties/${target.id}`;

/** One request per route; the type makes a matrix entry without a request a compile error. */
const routeRequests: Record<OperationId, RouteRequest> = {
  lookupOrCreateParty: {
    mutates: true,
    build: (agent, _target, fixture) =>
      agent.post('/api/v1/parties/lookup-or-create').send({
        kind: 'person',
        name: '新人',
        idNumber: fixture.unregisteredIdNumber,
        address: { townCode: 'qingshui' },
      }),
  },
  listParties: { mutates: false, build: (agent) => agent.get('/api/v1/parties') },
  findPartyByIdNumber: {
    mutates: false,
    build: (agent, target) => agent.post('/api/v1/parties/search-by-id-number').send({ idNumber: target.idNumber }),
  },
  getParty: { mutates: false, build: (agent, target) => agent.get(partyUrl(target)) },
  listPartyRiskFlags: { mutates: false, build: (agent, target) => agent.get(`${partyUrl(target)}/risk-flags`) },
  updateParty: {
    mutates: true,
    build: (agent, target) => agent.patch(partyUrl(target)).set('If-Match', `"${target.id}.v1"`).send({ name: '改名' }),
  },
  addPartyInvolvedAgency: {
    mutates: true,
    build: (agent, target) => agent.post(`${partyUrl(target)}/involved-agencies`).send({ agencyId: 'a-court' }),
  },
  setPartyRiskFlag: {
    mutates: true,
    build: (agent, target) =>
      agent.post(`${partyUrl(target)}/risk-flags`).send({ category: 'violence-risk', reason: 'matrix check' }),
  },
  clearPartyRiskFlag: {
    mutates: true,
    build: (agent, target) =>
      agent.post(`${partyUrl(target)}/risk-flags/${target.flagId}/clear`).send({ reason: 'matrix check' }),
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

async function send(service: MatrixService, row: MatrixRow, fixture: MatrixFixture): Promise<request.Response> {
  if (!isOperationId(row.operationId)) throw new Error(`no request built for ${row.operationId}: add one`);
  const target = row.ownership === 'foreign' ? fixture.foreign : fixture.own;
  const req = routeRequests[row.operationId].build(request(service.app), target, fixture);
  if (row.role !== 'anonymous') req.set('Authorization', await service.tokenFor(principal(row.role, AGENCIES.own)));
  return req;
}

/**
 * Declares the matrix tests for one wiring. `start` runs once: rows that only read share one fixture, rows that change
 * their target get fresh parties, so each row sees exactly the state the matrix assumes whatever ran before it.
 */
export function describeAuthorizationMatrix(title: string, start: () => Promise<MatrixHarness>): void {
  const rows = matrixRows(partyRouteTable(), partyAuthorizationMatrix);

  describe(title, () => {
    let harness: MatrixHarness | undefined;
    let shared: MatrixFixture;
    const nextIdNumber = idNumbers();
    const service = () => {
      if (!harness) throw new Error('the matrix harness did not start: see the beforeAll failure');
      return harness.service;
    };

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
  });
}
