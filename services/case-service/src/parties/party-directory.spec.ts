/**
 * The party directory client against a local HTTP stand-in for party-service: what it sends, that it keeps nothing
 * but the id, and that every way party-service can fail becomes a 503 problem (never a 500), while "no such party"
 * is an answer, not a failure. case-parties.int-spec.ts runs it against the real party-service.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '@gongzhi/errors';
import { staff } from '../testing/fake-case-service';
import { createInMemoryPartyDirectory } from './party-directory.fakes';
import { createHttpPartyDirectory, requireVisibleParties } from './party-directory';

interface Answer {
  status: number;
  body?: unknown;
  hang?: boolean;
}

const PARTY_ID = '4f3e2d1c-0b9a-4876-9543-210fedcba987';

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a problem, got ${String(error)}`);
  return error;
}

describe('the party directory over HTTP', () => {
  let server: Server;
  let baseUrl: string;
  let answer: Answer;
  const seen: IncomingMessage[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      if (answer.hang) return;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    seen.length = 0;
  });

  const lookup = { principal: staff.villageMediator, authorization: 'Bearer caller-token', requestId: 'req-9' };
  const directory = (timeoutMs = 2_000) => createHttpPartyDirectory({ baseUrl, timeoutMs });
  /** party-service's PartyView: masked personal data case-service must not keep. */
  const party = {
    id: PARTY_ID,
    kind: 'person',
    name: '张三',
    idNumber: '110105********002X',
    phone: '138****8000',
    townCode: 'qingshui',
    involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000006'],
  };

  it('asks for the party with the caller’s own token and request id, and keeps only its id', async () => {
    answer = { status: 200, body: party };
    expect(await directory().find(PARTY_ID, lookup)).toEqual({ id: PARTY_ID });
    expect(seen[0]?.url).toBe(`/api/v1/parties/${PARTY_ID}`);
    expect(seen[0]?.headers.authorization).toBe('Bearer caller-token');
    expect(seen[0]?.headers['x-request-id']).toBe('req-9');
  });

  it('answers "no such party" for one the caller cannot see or that does not exist (404), or a refused id (400)', async () => {
    answer = { status: 404, body: { type: 'urn:gongzhi:problem:not-found', status: 404 } };
    expect(await directory().find(PARTY_ID, lookup)).toBeUndefined();
    answer = { status: 400, body: { type: 'urn:gongzhi:problem:validation-failed', status: 400 } };
    expect(await directory().find(PARTY_ID, lookup)).toBeUndefined();
  });

  it.each([
    ['a server error', { status: 500 }],
    ['a refused token', { status: 401, body: { status: 401 } }],
    ['a reveal refused', { status: 403, body: { status: 403 } }],
    ['rate limiting', { status: 429, body: { status: 429 } }],
    ['an answer out of contract', { status: 200, body: { id: 7 } }],
    [
      'another party than the one asked for',
      { status: 200, body: { ...party, id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' } },
    ],
  ])('turns %s into a 503 problem that names no one', async (_what, given) => {
    answer = given;
    const problem = await failureOf(directory().find(PARTY_ID, lookup));
    expect([problem.status, problem.type]).toEqual([503, 'dependency-unavailable']);
    expect(problem.message).not.toContain('张三');
  });

  it('gives up on a party-service that does not answer in time (503)', async () => {
    answer = { status: 200, hang: true };
    const started = Date.now();
    const problem = await failureOf(directory(200).find(PARTY_ID, lookup));
    expect(problem.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reads a party for a document with the reveals asked for, keeping what party-service showed and no more', async () => {
    const view = {
      ...party,
      gender: 'male',
      idNumber: '11010519491231002X',
      creditCode: null,
      contactName: null,
      address: { townCode: 'qingshui', villageCode: 'shangba', gridCode: null, detail: '3组12号' },
      revealed: ['idNumber'],
    };
    answer = { status: 200, body: view };
    expect(await directory().read(PARTY_ID, ['idNumber', 'phone'], lookup)).toEqual({
      id: PARTY_ID,
      kind: 'person',
      name: '张三',
      gender: 'male',
      idNumber: '11010519491231002X',
      creditCode: null,
      phone: '138****8000',
      contactName: null,
      addressDetail: '3组12号',
      revealed: ['idNumber'],
    });
    expect(seen[0]?.url).toBe(`/api/v1/parties/${PARTY_ID}?reveal=idNumber,phone`);
    expect(seen[0]?.headers.authorization).toBe('Bearer caller-token');
    await directory().read(PARTY_ID, [], lookup);
    expect(seen[1]?.url).toBe(`/api/v1/parties/${PARTY_ID}`);
    answer = { status: 404, body: { status: 404 } };
    expect(await directory().read(PARTY_ID, [], lookup)).toBeUndefined();
    answer = { status: 200, body: { ...view, id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' } };
    expect((await failureOf(directory().read(PARTY_ID, [], lookup))).status).toBe(503);
    answer = { status: 403, body: { status: 403 } };
    expect((await failureOf(directory().read(PARTY_ID, ['idNumber'], lookup))).status).toBe(503);
  });

  it('answers 503 when party-service is not listening', async () => {
    const closed = createHttpPartyDirectory({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 1_000 });
    expect((await failureOf(closed.find(PARTY_ID, lookup))).status).toBe(503);
  });
});

describe('requiring visible parties', () => {
  it('names every field whose party is unknown or invisible, asking party-service a few at a time', async () => {
    const directory = createInMemoryPartyDirectory();
    const ids = Array.from({ length: 20 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    ids.forEach((id, i) => {
      if (i % 7 !== 3) directory.add({ id, involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000006'] });
    });
    const named = ids.map((partyId, i) => ({ path: `parties.${i}.partyId`, partyId }));
    const problem = await failureOf(
      requireVisibleParties(directory, { ...lookupOf(), authorization: undefined }, named),
    );
    expect([problem.status, problem.type]).toEqual([422, 'unknown-party']);
    expect(problem.errors?.map((e) => e.path)).toEqual([
      'parties.3.partyId',
      'parties.10.partyId',
      'parties.17.partyId',
    ]);
    expect(directory.lookups).toEqual(ids);
  });

  it('passes when every party is visible, and asks nothing for none', async () => {
    const directory = createInMemoryPartyDirectory();
    directory.add({ id: PARTY_ID, involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000007'] });
    const coordinator = { principal: staff.coordinator, authorization: undefined, requestId: 'req-1' };
    await expect(
      requireVisibleParties(directory, coordinator, [{ path: 'reporterPartyId', partyId: PARTY_ID }]),
    ).resolves.toBeUndefined();
    await expect(requireVisibleParties(directory, coordinator, [])).resolves.toBeUndefined();
    expect(directory.lookups).toEqual([PARTY_ID]);
  });
});

function lookupOf() {
  return { principal: staff.villageMediator, requestId: 'req-2' };
}
