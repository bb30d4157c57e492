import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { StaffRole } from '@gongzhi/contracts';
// The matrix harness is test-only code in a type:test library; this spec is the only importer in the service.
import { type AuthorizationMatrix, matrixRows, type MatrixRow } from '@gongzhi/testing';
import { createPartyCrypto } from './crypto/party-crypto';
import { createInMemoryPartiesRepository } from './parties/parties.fakes';
import { createPartiesService } from './parties/parties.service';
import { partyServiceRoutes } from './party-service';
import {
  AGENCIES,
  createFakePartyService,
  type FakePartyService,
  principal,
  randomCryptoKeys,
} from './party-service.fakes';
import { createInMemoryRiskFlagsRepository } from './risk-flags/risk-flags.fakes';
import { createRiskFlagsService } from './risk-flags/risk-flags.service';
import { syntheticIdNumber } from './seed/synthetic-ids';

/*
 * Every route × role × (own agency's party | another agency's party in the same town) → status. The caller's agency
 * is AGENCIES.own in town qingshui. A route added without a row here fails this test.
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

const matrix: AuthorizationMatrix = {
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
};

interface Fixture {
  fx: FakePartyService;
  parties: Record<'own' | 'foreign', { id: string; idNumber: string; flagId: string }>;
}

async function fixture(): Promise<Fixture> {
  const fx = await createFakePartyService();
  const caller = (agencyId: string, role: StaffRole) => ({ principal: principal(role, agencyId), requestId: 'setup' });
  const make = async (agencyId: string, sequence: number) => {
    const idNumber = syntheticIdNumber('520101', '19750505', sequence);
    const { view } = await fx.parties.lookupOrCreate(caller(agencyId, 'grid-worker'), {
      kind: 'person',
      name: '测试',
      idNumber,
      address: { townCode: 'qingshui' },
    });
    const flag = await fx.riskFlags.set(caller(agencyId, 'liaison'), view.id, {
      category: 'key-person',
      reason: 'matrix fixture',
    });
    return { id: view.id, idNumber, flagId: flag.id };
  };
  return { fx, parties: { own: await make(AGENCIES.own, 1), foreign: await make(AGENCIES.other, 2) } };
}

async function send(row: MatrixRow, { fx, parties }: Fixture): Promise<number> {
  const target = parties[row.ownership === 'foreign' ? 'foreign' : 'own'];
  const url = `/api/v1/parties/${target.id}`;
  const agent = request(fx.app);
  const build = () => {
    switch (row.operationId) {
      case 'lookupOrCreateParty':
        return agent.post('/api/v1/parties/lookup-or-create').send({
          kind: 'person',
          name: '新人',
          idNumber: syntheticIdNumber('520101', '19900101', 99),
          address: { townCode: 'qingshui' },
        });
      case 'listParties':
        return agent.get('/api/v1/parties');
      case 'findPartyByIdNumber':
        return agent.post('/api/v1/parties/search-by-id-number').send({ idNumber: target.idNumber });
      case 'getParty':
        return agent.get(url);
      case 'updateParty':
        return agent.patch(url).set('If-Match', `"${target.id}.v1"`).send({ name: '改名' });
      case 'addPartyInvolvedAgency':
        return agent.post(`${url}/involved-agencies`).send({ agencyId: 'a-court' });
      case 'setPartyRiskFlag':
        return agent.post(`${url}/risk-flags`).send({ category: 'violence-risk', reason: 'matrix check' });
      case 'clearPartyRiskFlag':
        return agent.post(`${url}/risk-flags/${target.flagId}/clear`).send({ reason: 'matrix check' });
      case 'listPartyRiskFlags':
        return agent.get(`${url}/risk-flags`);
      default:
        throw new Error(`no request built for ${row.operationId}: add one to the matrix test`);
    }
  };
  const req = build();
  if (row.role !== 'anonymous') req.set('Authorization', await fx.tokenFor(principal(row.role, AGENCIES.own)));
  return (await req).status;
}

describe('authorization matrix', () => {
  it('covers every route of the service', async () => {
    const { routes } = await createFakePartyService();
    expect(() =>
      matrixRows(
        routes.flatMap((r) => r.routes),
        matrix,
      ),
    ).not.toThrow();
  });

  it('fails for a route without an entry', async () => {
    const { routes } = await createFakePartyService();
    const { getParty: _dropped, ...incomplete } = matrix;
    expect(() =>
      matrixRows(
        routes.flatMap((r) => r.routes),
        incomplete,
      ),
    ).toThrow(/getParty/);
  });

  // Built synchronously from the real route table, so a new route without a matrix entry fails at collection time.
  const stub = createPartiesService({
    repository: createInMemoryPartiesRepository(),
    crypto: createPartyCrypto(randomCryptoKeys()),
    audit: { record: async () => undefined },
    newId: randomUUID,
  });
  const routeTable = partyServiceRoutes(
    stub,
    createRiskFlagsService({
      repository: createInMemoryRiskFlagsRepository(),
      parties: stub,
      audit: { record: async () => undefined },
      newId: randomUUID,
      now: () => new Date(),
    }),
  ).flatMap((routes) => routes.routes);
  const rows = matrixRows(routeTable, matrix);
  it.each(rows.map((row) => [row.operationId, row.role, row.ownership, row.expected, row] as const))(
    '%s as %s on a %s party → %i',
    async (_op, _role, _ownership, expected, row) => {
      expect(await send(row, await fixture())).toBe(expected);
    },
  );
});
