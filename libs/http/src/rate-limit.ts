import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError, PROBLEM_TYPES } from '@gongzhi/errors';

export interface RateLimitOptions {
  /** Requests allowed per window for one key. */
  limit: number;
  windowMs?: number;
  /** Who a request counts against: an IP for the outer limit, the staff id once authenticated. */
  keyOf: (req: Request) => string | undefined;
  /** Names the limit in the problem, e.g. "per user". */
  label: string;
}

/**
 * A fixed-window limit answered with a 429 problem and `Retry-After`. Requests without a key (e.g. a user limit
 * on a public route) are not counted. In-memory per process: good for one instance; a shared store is for scale-out.
 */
export function rateLimiter(options: RateLimitOptions): RequestHandler {
  const windowMs = options.windowMs ?? 60_000;
  return rateLimit({
    windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
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
