import express, { type Express } from 'express';
import request from 'supertest';
import { rateLimiter, type RateLimitCounter } from './rate-limit';

/** A counter as the database keeps it, shared by every app given it. */
function sharedCounter(): RateLimitCounter & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  return {
    counts,
    async increment(key) {
      const hits = (counts.get(key) ?? 0) + 1;
      counts.set(key, hits);
      return { hits, resetAt: new Date(Date.now() + 60_000) };
    },
    async decrement(key) {
      counts.set(key, Math.max((counts.get(key) ?? 0) - 1, 0));
    },
  };
}

/** One replica of a service: its own process state, the limit in front of a route. */
function replica(counter?: RateLimitCounter): Express {
  const app = express();
  app.use(
    rateLimiter({ limit: 3, keyOf: (req) => req.header('x-user'), label: 'per user', ...(counter ? { counter } : {}) }),
  );
  app.get('/', (_req, res) => res.json({ ok: true }));
  app.use((error: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(error.status ?? 500).json({});
  });
  return app;
}

describe('rate limits behind a load balancer', () => {
  async function statuses(replicas: Express[], user: string, count: number): Promise<number[]> {
    const seen: number[] = [];
    // Round robin, as the balancer sends one person's requests.
    for (let i = 0; i < count; i++) {
      const target = replicas[i % replicas.length] as Express;
      seen.push((await request(target).get('/').set('x-user', user)).status);
    }
    return seen;
  }

  it('counts a person’s requests across replicas that share the counter', async () => {
    const counter = sharedCounter();
    const replicas = [replica(counter), replica(counter)];
    expect(await statuses(replicas, 'staff-1', 5)).toEqual([200, 200, 200, 429, 429]);
    // Someone else has a limit of their own.
    expect(await statuses(replicas, 'staff-2', 1)).toEqual([200]);
  });

  it('would let twice the limit through two replicas that each count alone (why services share a counter)', async () => {
    const replicas = [replica(), replica()];
    expect(await statuses(replicas, 'staff-1', 6)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('lets requests through while the counter cannot be reached: the limit never turns a blip into refusals', async () => {
    const broken: RateLimitCounter = {
      increment: () => Promise.reject(new Error('database restarting')),
      decrement: () => Promise.resolve(),
    };
    expect(await statuses([replica(broken)], 'staff-1', 5)).toEqual([200, 200, 200, 200, 200]);
  });
});
