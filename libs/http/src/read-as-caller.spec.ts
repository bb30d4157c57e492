import { z } from 'zod';
import { createCallerReader, findByIdAsCaller } from './read-as-caller';

const Thing = z.object({ id: z.string(), town: z.string() });
const caller = { authorization: 'Bearer t', requestId: 'req-1' };
const ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/** A neighbour that answers every request with `status` and `body`, and records what it was asked. */
function neighbour(status: number, body: unknown = {}) {
  const asked: { url: string; headers: Record<string, string> }[] = [];
  const fake = (async (url: string, init?: RequestInit) => {
    asked.push({ url, headers: init?.headers as Record<string, string> });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as typeof fetch;
  const read = createCallerReader({ baseUrl: 'http://agency/', timeoutMs: 1_000, what: 'agency-service', fetch: fake });
  return { read, asked };
}

describe('createCallerReader', () => {
  it("reads as the caller: their token and request id are forwarded, the answer is parsed to the schema's fields", async () => {
    const { read, asked } = neighbour(200, { id: ID, town: 'qingshui', phone: '13800000000' });
    expect(await read(`/api/v1/things/${ID}`, Thing, caller)).toEqual({ id: ID, town: 'qingshui' });
    expect(asked).toEqual([
      {
        url: `http://agency/api/v1/things/${ID}`,
        headers: expect.objectContaining({ authorization: 'Bearer t', 'x-request-id': 'req-1' }),
      },
    ]);
  });

  it.each([404, 400])('answers "none" when the owner says %i', async (status) => {
    expect(await neighbour(status).read('/x', Thing, caller)).toBeUndefined();
  });

  it.each([
    ['another status', neighbour(500)],
    ['a body that is not JSON', neighbour(200, 'not json')],
    ['an answer out of contract', neighbour(200, { id: 7 })],
  ])('turns %s into a 503 problem naming the neighbour', async (_, { read }) => {
    await expect(read('/x', Thing, caller)).rejects.toMatchObject({ status: 503, type: 'dependency-unavailable' });
  });

  it('turns a refused connection into a 503 problem', async () => {
    const read = createCallerReader({
      baseUrl: 'http://agency',
      timeoutMs: 1_000,
      what: 'agency-service',
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    await expect(read('/x', Thing, caller)).rejects.toMatchObject({ status: 503 });
  });
});

describe('findByIdAsCaller', () => {
  const answering = (id: string) => neighbour(200, { id, town: 'qingshui' });

  it('finds the object whose id is exactly the one asked for, asking with the id percent-encoded', async () => {
    const { read, asked } = answering(ID);
    expect(await findByIdAsCaller(read, 'agency-service', '/api/v1/things', ID, Thing, caller)).toMatchObject({
      id: ID,
    });
    const odd = neighbour(404);
    await findByIdAsCaller(odd.read, 'agency-service', '/api/v1/things', 'a/b', Thing, caller);
    expect([asked[0]?.url, odd.asked[0]?.url]).toEqual([
      `http://agency/api/v1/things/${ID}`,
      'http://agency/api/v1/things/a%2Fb',
    ]);
  });

  it('answers "none" for an id in another spelling than the one the owner gives out (a UUID in capitals)', async () => {
    const { read } = answering(ID);
    expect(await findByIdAsCaller(read, 'agency-service', '/api/v1/things', ID.toUpperCase(), Thing, caller)).toBe(
      undefined,
    );
  });

  it('refuses an answer about another object with a 503', async () => {
    const { read } = answering('9b2d6c1e-0f7a-4d39-9a55-2f1c4a9e8b10');
    await expect(findByIdAsCaller(read, 'agency-service', '/api/v1/things', ID, Thing, caller)).rejects.toMatchObject({
      status: 503,
    });
  });
});
