import express from 'express';
import request from 'supertest';
import { canonicalJson, canonicalRoutePath, hashRequest, idempotency, type IdempotencyStore } from './idempotency';
import { createLogger } from './logger';
import { problemMiddleware } from './problem-middleware';

/** The recursive form the hash was first written with: stored request hashes were computed with it. */
function recursiveCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(recursiveCanonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${recursiveCanonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonical JSON of a request', () => {
  it('is the text the recursive form gave, so hashes remembered before still match', () => {
    const samples: unknown[] = [
      null,
      0,
      'x',
      [],
      {},
      { b: 1, a: [true, null, { d: '调解', c: -1.5e-7 }], e: undefined },
      [[[]], [{}], { '': '', 'z\n': '"quoted"' }],
      { action: { kind: 'accept-transfer', responsibleStaffId: '5aff0000-0000-4000-8000-000000000002' } },
    ];
    for (const sample of samples) expect(canonicalJson(sample)).toBe(recursiveCanonicalJson(sample));
  });

  it('sorts keys, so the same request in another key order hashes the same', () => {
    expect(hashRequest({ a: 1, b: { c: 2, d: 3 } })).toBe(hashRequest({ b: { d: 3, c: 2 }, a: 1 }));
  });

  it('walks nesting far deeper than the stack allows recursion', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200_000; i += 1) deep = i % 2 === 0 ? [deep] : { k: deep };
    expect(() => recursiveCanonicalJson(deep)).toThrow(RangeError);
    expect(hashRequest(deep)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the canonical path an idempotency key is scoped to', () => {
  const id = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
  it.each([
    ['/api/v1/agencies', '/api/v1/agencies'],
    ['/API/V1/AGENCIES/', '/api/v1/agencies'],
    [`/api/v1/cases/${id}/merge`, `/api/v1/cases/${id}/merge`],
    [`/api/v1/cases/%33${id.slice(1)}/MERGE//`, `/api/v1/cases/${id}/merge`],
    [`/api/v1/cases/${id.toUpperCase()}/merge`, `/api/v1/cases/${id}/merge`],
    ['/api/v1/parties/lookup-or%2Dcreate', '/api/v1/parties/lookup-or-create'],
  ])('keys %s as %s, the path Express routes it to', (path, canonical) => {
    expect(canonicalRoutePath({ path })).toBe(canonical);
  });

  it('keeps an encoded slash inside its segment, and a segment that is not percent-encoding as sent', () => {
    expect(canonicalRoutePath({ path: '/a%2Fb/c' })).toBe('/a%2fb/c');
    expect(canonicalRoutePath({ path: '/a%E0%A4%A/c' })).toBe('/a%e0%a4%a/c');
    expect(canonicalRoutePath({ path: '/' })).toBe('/');
  });
});

describe('the Idempotency-Key middleware', () => {
  it('tells a retry arriving while the first request is in flight to come back (409 with Retry-After)', async () => {
    const inFlight: IdempotencyStore = {
      begin: async () => ({ state: 'in-flight' }),
      complete: async () => undefined,
      release: async () => undefined,
    };
    const app = express();
    app.use(express.json());
    app.use(idempotency(inFlight, () => 'staff-1'));
    app.post('/api/v1/tasks/t/complete', (_req, res) => {
      res.json({ acted: true });
    });
    app.use(problemMiddleware(createLogger('test', 'silent')));
    const res = await request(app)
      .post('/api/v1/tasks/t/complete')
      .set('Idempotency-Key', 'k-0000000001')
      .send({ action: { kind: 'record-session' } });
    expect(res.status).toBe(409);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.detail).toContain('retry in a moment');
  });
});
