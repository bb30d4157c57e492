import express from 'express';
import request from 'supertest';
import {
  canonicalJson,
  canonicalRoutePath,
  createPrismaIdempotencyStore,
  hashRequest,
  IDEMPOTENCY_CLAIM,
  idempotency,
  type IdempotencyRecordDelegate,
  type IdempotencyStore,
} from './idempotency';
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
      renew: async () => undefined,
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

/** The idempotency table as a map, with its unique key, for the store's logic. */
function tableDelegate(clock: { now: number }): IdempotencyRecordDelegate {
  type Row = { requestHash: string; responseStatus: number | null; responseBody: unknown; createdAt: Date };
  const rows = new Map<string, Row>();
  const id = (scope: string, key: string) => `${scope}|${key}`;
  return {
    create: async ({ data }) => {
      if (rows.has(id(data.scope, data.key))) throw Object.assign(new Error('unique'), { code: 'P2002' });
      rows.set(id(data.scope, data.key), {
        requestHash: data.requestHash,
        responseStatus: null,
        responseBody: null,
        createdAt: new Date(clock.now),
      });
      return { key: data.key };
    },
    findUnique: async ({ where }) => rows.get(id(where.scope_key.scope, where.scope_key.key)) ?? null,
    update: async ({ where, data }) =>
      Object.assign(rows.get(id(where.scope_key.scope, where.scope_key.key)) ?? {}, data),
    updateMany: async ({ where, data }) => {
      const row = rows.get(id(where.scope, where.key));
      if (row && row.responseStatus === null) row.createdAt = data.createdAt;
    },
    deleteMany: async ({ where }) => {
      if (rows.get(id(where.scope, where.key))?.responseStatus === null) rows.delete(id(where.scope, where.key));
    },
  };
}

describe('a claimed Idempotency-Key', () => {
  const lease = IDEMPOTENCY_CLAIM.leaseMs;

  it('is taken over by a retry once its request stopped renewing it (its process died), not before', async () => {
    const clock = { now: Date.parse('2026-12-07T09:00:00Z') };
    const store = createPrismaIdempotencyStore(tableDelegate(clock), () => new Date(clock.now));
    expect(await store.begin('s', 'k-0000000001', 'h')).toEqual({ state: 'new' });
    clock.now += lease - 1_000;
    expect(await store.begin('s', 'k-0000000001', 'h')).toEqual({ state: 'in-flight' });
    clock.now += 2_000;
    expect(await store.begin('s', 'k-0000000001', 'h')).toEqual({ state: 'new' });
  });

  it('stays with a slow request that keeps renewing it, however long it runs', async () => {
    const clock = { now: Date.parse('2026-12-07T09:00:00Z') };
    const store = createPrismaIdempotencyStore(tableDelegate(clock), () => new Date(clock.now));
    await store.begin('s', 'k-0000000002', 'h');
    for (let renewal = 0; renewal < 4; renewal++) {
      clock.now += IDEMPOTENCY_CLAIM.renewEveryMs;
      await store.renew('s', 'k-0000000002');
      expect(await store.begin('s', 'k-0000000002', 'h')).toEqual({ state: 'in-flight' });
    }
    await store.complete('s', 'k-0000000002', 201, { id: 'x' });
    expect(await store.begin('s', 'k-0000000002', 'h')).toEqual({ state: 'replay', status: 201, body: { id: 'x' } });
  });

  it('is renewed by the middleware while its request runs', async () => {
    let renewals = 0;
    let renewedTwice: () => void = () => undefined;
    const twice = new Promise<void>((resolve) => {
      renewedTwice = resolve;
    });
    const store: IdempotencyStore = {
      begin: async () => ({ state: 'new' }),
      complete: async () => undefined,
      release: async () => undefined,
      renew: async () => {
        renewals += 1;
        if (renewals === 2) renewedTwice();
      },
    };
    const app = express();
    app.use(express.json());
    app.use(idempotency(store, () => 'staff-1', undefined, 10));
    // A slow request: it answers once its claim was renewed twice.
    app.post('/api/v1/reports', (_req, res) => {
      void twice.then(() => res.status(201).json({ id: 'r-1' }));
    });
    const res = await request(app).post('/api/v1/reports').set('Idempotency-Key', 'k-0000000003').send({});
    expect(res.status).toBe(201);
    expect(renewals).toBeGreaterThanOrEqual(2);
  });

  it('is freed once the database is back when freeing it failed with the request', async () => {
    let releases = 0;
    let freed: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      freed = resolve;
    });
    const store: IdempotencyStore = {
      begin: async () => ({ state: 'new' }),
      complete: async () => undefined,
      renew: async () => undefined,
      release: async () => {
        releases += 1;
        // The database is down for the request's own try to free its key and for two tries after it.
        if (releases <= 3) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        freed();
      },
    };
    const app = express();
    app.use(express.json());
    app.use(idempotency(store, () => 'staff-1', undefined, 10));
    app.post('/api/v1/reports', (_req, res) => {
      res.status(503).json({ title: 'database down' });
    });
    app.use(problemMiddleware(createLogger('test', 'silent')));
    const res = await request(app).post('/api/v1/reports').set('Idempotency-Key', 'k-0000000004').send({});
    expect(res.status).toBeGreaterThanOrEqual(500);
    await released;
    expect(releases).toBe(4);
  });
});
