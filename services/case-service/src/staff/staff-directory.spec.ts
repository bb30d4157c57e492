/**
 * The staff directory client against a local HTTP stand-in for agency-service: what it sends, and that every way
 * agency-service can fail becomes a 503 problem (never a 500), while "no such person" is an answer, not a failure.
 * staff-directory.int-spec.ts runs it against the real agency-service.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '@gongzhi/errors';
import { staff } from '../testing/fake-case-service';
import { createHttpStaffDirectory, withKnownVillages } from './staff-directory';

interface Answer {
  status: number;
  body?: unknown;
  hang?: boolean;
}

describe('the staff directory over HTTP', () => {
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

  const lookup = { principal: staff.policeLiaison, authorization: 'Bearer caller-token', requestId: 'req-7' };
  const directory = (timeoutMs = 2_000) => createHttpStaffDirectory({ baseUrl, timeoutMs });
  const member = {
    id: '0b8d7a52-5d55-4a43-9a53-1f5c2b7d0e11',
    username: 'mediator.police',
    displayName: 'Wang Wu',
    agencyId: '0a9e0000-0000-4000-8000-000000000005',
    townCode: 'qingshui',
    roles: ['mediator', 'liaison'],
    active: true,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
  };

  async function failureOf(promise: Promise<unknown>): Promise<AppError> {
    const error = await promise.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (!(error instanceof AppError)) throw new Error(`expected a problem, got ${String(error)}`);
    return error;
  }

  it('reads the staff member with the caller’s own token and request id, keeping only what it needs', async () => {
    answer = { status: 200, body: member };
    const found = await directory().find(member.id, lookup);
    expect(found).toEqual({
      id: member.id,
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
      townCode: 'qingshui',
      roles: ['mediator', 'liaison'],
      active: true,
    });
    expect(seen[0]?.url).toBe(`/api/v1/staff/${member.id}`);
    expect(seen[0]?.headers.authorization).toBe('Bearer caller-token');
    expect(seen[0]?.headers['x-request-id']).toBe('req-7');
  });

  it('answers "nobody" for a staff member the caller cannot see (404) or an id agency-service refuses (400)', async () => {
    answer = { status: 404, body: { type: 'urn:gongzhi:problem:not-found', status: 404 } };
    expect(await directory().find(member.id, lookup)).toBeUndefined();
    answer = { status: 400, body: { type: 'urn:gongzhi:problem:validation-failed', status: 400 } };
    expect(await directory().find('med-1', lookup)).toBeUndefined();
  });

  it('reads an agency the same way: kind and town only, "none" for one the caller cannot see, 503 out of contract', async () => {
    answer = {
      status: 200,
      body: {
        id: '0a9e0000-0000-4000-8000-000000000005',
        kind: 'police-station',
        name: '清水派出所',
        townCode: 'qingshui',
        version: 3,
      },
    };
    expect(await directory().findAgency('0a9e0000-0000-4000-8000-000000000005', lookup)).toEqual({
      id: '0a9e0000-0000-4000-8000-000000000005',
      kind: 'police-station',
      townCode: 'qingshui',
    });
    expect(seen[0]?.url).toBe('/api/v1/agencies/0a9e0000-0000-4000-8000-000000000005');
    expect(seen[0]?.headers.authorization).toBe('Bearer caller-token');
    answer = { status: 404, body: { type: 'urn:gongzhi:problem:not-found', status: 404 } };
    expect(await directory().findAgency('0a9e0000-0000-4000-8000-000000000002', lookup)).toBeUndefined();
    answer = {
      status: 200,
      body: { id: '0a9e0000-0000-4000-8000-000000000005', kind: 'barracks', townCode: 'qingshui' },
    };
    expect((await failureOf(directory().findAgency('0a9e0000-0000-4000-8000-000000000005', lookup))).status).toBe(503);
  });

  it('reads a village by town and code: the town, code and grids, "none" for a 404, 503 for another village', async () => {
    const village = {
      id: 'a9e10000-0000-4000-8000-000000000001',
      townCode: 'qingshui',
      code: 'shangba',
      name: '上坝村',
      gridCodes: ['shangba-01'],
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    answer = { status: 200, body: village };
    expect(await directory().findVillage('qingshui', 'shangba', lookup)).toEqual({
      townCode: 'qingshui',
      code: 'shangba',
      gridCodes: ['shangba-01'],
    });
    expect(seen[0]?.url).toBe('/api/v1/towns/qingshui/villages/shangba');
    expect(seen[0]?.headers.authorization).toBe('Bearer caller-token');
    answer = { status: 404, body: { type: 'urn:gongzhi:problem:not-found', status: 404 } };
    expect(await directory().findVillage('qingshui', 'nowhere', lookup)).toBeUndefined();
    answer = { status: 200, body: { ...village, code: 'xiaba' } };
    expect((await failureOf(directory().findVillage('qingshui', 'shangba', lookup))).status).toBe(503);
  });

  it('remembers villages that exist for a while, for callers of their town only; never an unknown one', async () => {
    const village = { townCode: 'qingshui', code: 'shangba', gridCodes: ['shangba-01'] };
    let clock = 0;
    const remembering = withKnownVillages(directory(), { ttlMs: 60_000, now: () => clock });
    answer = { status: 200, body: village };
    seen.length = 0;
    await remembering.findVillage('qingshui', 'shangba', lookup);
    await remembering.findVillage('qingshui', 'shangba', lookup);
    expect(seen).toHaveLength(1);
    // An administrator of no town asks agency-service themselves.
    await remembering.findVillage('qingshui', 'shangba', {
      ...lookup,
      principal: { ...lookup.principal, townCode: 'hetian' },
    });
    expect(seen).toHaveLength(2);
    // Unknown villages are asked again every time: one added to the registry is usable at once.
    answer = { status: 404, body: { type: 'urn:gongzhi:problem:not-found', status: 404 } };
    expect(await remembering.findVillage('qingshui', 'nowhere', lookup)).toBeUndefined();
    expect(await remembering.findVillage('qingshui', 'nowhere', lookup)).toBeUndefined();
    expect(seen).toHaveLength(4);
    // After a while, a village removed from the registry is unknown again.
    clock = 60_001;
    expect(await remembering.findVillage('qingshui', 'shangba', lookup)).toBeUndefined();
    expect(seen).toHaveLength(5);
  });

  it.each([
    ['a server error', { status: 500 }],
    ['a refused token', { status: 401, body: { status: 401 } }],
    ['rate limiting', { status: 429, body: { status: 429 } }],
    ['an answer out of contract', { status: 200, body: { id: 7, roles: 'all' } }],
  ])('turns %s into a 503 problem', async (_what, given) => {
    answer = given;
    const problem = await failureOf(directory().find(member.id, lookup));
    expect([problem.status, problem.type]).toEqual([503, 'dependency-unavailable']);
    expect(problem.message).not.toContain('Wang Wu');
  });

  it('gives up on an agency-service that does not answer in time (503)', async () => {
    answer = { status: 200, hang: true };
    const started = Date.now();
    const problem = await failureOf(directory(200).find(member.id, lookup));
    expect(problem.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers 503 when agency-service is not listening', async () => {
    const closed = createHttpStaffDirectory({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 1_000 });
    expect((await failureOf(closed.find(member.id, lookup))).status).toBe(503);
  });
});
