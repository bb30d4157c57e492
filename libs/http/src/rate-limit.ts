import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { AppError, PROBLEM_TYPES } from '@gongzhi/errors';

/**
 * Counts a key's requests in fixed windows, in a place every replica of the service shares (its database), so a limit
 * means the same behind a load balancer as on one process.
 */
export interface RateLimitCounter {
  /** Counts one request of `key` in the window that contains now; answers the window's count and its end. */
  increment(key: string, windowMs: number): Promise<{ hits: number; resetAt: Date }>;
  /** Takes one request back (a request the limiter was told not to count after all). */
  decrement(key: string, windowMs: number): Promise<void>;
}

export interface RateLimitOptions {
  /** Requests allowed per window for one key. */
  limit: number;
  windowMs?: number;
  /** Who a request counts against: an IP for the outer limit, the staff id once authenticated. */
  keyOf: (req: Request) => string | undefined;
  /** Names the limit in the problem, e.g. "per user". */
  label: string;
  /** Where the counts are kept: shared by the replicas (the service's database); left out, in this process only. */
  counter?: RateLimitCounter;
}

/** express-rate-limit's store over a shared counter; each limiter's keys are kept apart by its label. */
function sharedStore(counter: RateLimitCounter, label: string, windowMs: number): Store {
  const scoped = (key: string) => `${label}:${key}`;
  return {
    // Counts in one replica are seen by the others: the library must not assume it holds them alone.
    localKeys: false,
    prefix: label,
    async increment(key) {
      const { hits, resetAt } = await counter.increment(scoped(key), windowMs);
      return { totalHits: hits, resetTime: resetAt };
    },
    async decrement(key) {
      await counter.decrement(scoped(key), windowMs);
    },
    // Nothing resets a key early (no route forgives requests); the window's end does.
    resetKey: () => undefined,
  };
}

/**
 * A fixed-window limit answered with a 429 problem and `Retry-After`. Requests without a key (e.g. a user limit
 * on a public route) are not counted. With a `counter`, every replica of the service counts in the same windows.
 */
export function rateLimiter(options: RateLimitOptions): RequestHandler {
  const windowMs = options.windowMs ?? 60_000;
  return rateLimit({
    windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(options.counter ? { store: sharedStore(options.counter, options.label, windowMs) } : {}),
    // A counter that cannot be reached (the database restarting) lets the request through: the handler behind it
    // answers the outage itself, and a limit must not turn a blip into refusals of its own.
    passOnStoreError: true,
    skip: (req) => options.keyOf(req) === undefined,
    keyGenerator: (req) => options.keyOf(req) ?? '',
    handler: (_req, _res, next) => {
      next(
        new AppError(429, PROBLEM_TYPES.rateLimited, 'Too many requests', {
          detail: `More than ${options.limit} requests in ${Math.round(windowMs / 1000)} s ${options.label}: wait a moment and retry.`,
        }),
      );
    },
  });
}

/** Runs one SQL statement with positional parameters and answers its rows (Prisma's $queryRawUnsafe, pg's query). */
export type SqlQuery = <T = unknown>(sql: string, ...values: unknown[]) => Promise<T[]>;

/** How long a finished window's row is kept before a later increment deletes it. */
const KEEP_FINISHED_WINDOWS_MS = 10 * 60_000;
/** One increment in this many also deletes finished windows: the table stays small without a timer of its own. */
const PRUNE_EVERY = 200;

/**
 * The counter in the service's own database (`rate_limit_windows`, in each service's migrations): one upsert per
 * request. Keys are stored as SHA-256 digests, so the table holds neither addresses nor staff ids.
 */
export function createSqlRateLimitCounter(query: SqlQuery): RateLimitCounter {
  let calls = 0;
  const digest = (key: string) => createHash('sha256').update(key).digest('hex');
  const windowOf = (windowMs: number) => new Date(Math.floor(Date.now() / windowMs) * windowMs);
  return {
    async increment(key, windowMs) {
      const start = windowOf(windowMs);
      const [row] = await query<{ hits: number }>(
        `INSERT INTO rate_limit_windows (key_digest, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (key_digest, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
         RETURNING hits`,
        digest(key),
        start,
      );
      calls += 1;
      if (calls % PRUNE_EVERY === 0) {
        await query(
          `DELETE FROM rate_limit_windows WHERE window_start < $1`,
          new Date(Date.now() - KEEP_FINISHED_WINDOWS_MS),
        );
      }
      return { hits: Number(row?.hits ?? 1), resetAt: new Date(start.getTime() + windowMs) };
    },
    async decrement(key, windowMs) {
      await query(
        `UPDATE rate_limit_windows SET hits = GREATEST(hits - 1, 0) WHERE key_digest = $1 AND window_start = $2`,
        digest(key),
        windowOf(windowMs),
      );
    },
  };
}

/** The limiter option for a service's counter, or nothing (this process counts) when it was not given one. */
export function counterOf(deps: { rateLimitCounter?: RateLimitCounter }): { counter?: RateLimitCounter } {
  return deps.rateLimitCounter ? { counter: deps.rateLimitCounter } : {};
}

/** A Prisma client's raw queries, which every service has over its own database. */
export interface RawQueries {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** The shared counter over a service's Prisma client. */
export function prismaRateLimitCounter(prisma: RawQueries): RateLimitCounter {
  return createSqlRateLimitCounter(<T>(sql: string, ...values: unknown[]) =>
    prisma.$queryRawUnsafe<T[]>(sql, ...values),
  );
}
