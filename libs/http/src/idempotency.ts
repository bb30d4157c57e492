import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ConflictError, IdempotencyKeyReusedError, ValidationError } from '@gongzhi/errors';
import { isUniqueViolation } from './infrastructure-errors';

/**
 * `Idempotency-Key` on POST: the same key with the same request returns the first response and never acts twice;
 * the same key with a different request is refused (422). Keys are scoped to the caller and the route, so two
 * users can never collide. Only successful (2xx) responses are remembered: a request that failed can be retried
 * with the same key once the caller fixed it.
 */

export type IdempotencyBegin =
  | { state: 'new' }
  | { state: 'replay'; status: number; body: unknown }
  | { state: 'mismatch' }
  | { state: 'in-flight' };

export interface IdempotencyStore {
  /** Claims the key for this request atomically (a unique constraint), or reports what an earlier request left. */
  begin(scope: string, key: string, requestHash: string): Promise<IdempotencyBegin>;
  complete(scope: string, key: string, status: number, body: unknown): Promise<void>;
  /** Frees a key whose request did not succeed. */
  release(scope: string, key: string): Promise<void>;
  /** Keeps a claim alive while its request is still being worked on, so a retry is not let in beside it. */
  renew(scope: string, key: string): Promise<void>;
}

/** Shape of the `IdempotencyRecord` Prisma delegate each service provides (see its schema). */
export interface IdempotencyRecordDelegate {
  create(args: {
    data: { scope: string; key: string; requestHash: string; resourceId: string };
    select: { key: true };
  }): PromiseLike<unknown>;
  findUnique(args: {
    where: { scope_key: { scope: string; key: string } };
    select: { requestHash: true; responseStatus: true; responseBody: true; createdAt: true };
  }): PromiseLike<{
    requestHash: string;
    responseStatus: number | null;
    responseBody: unknown;
    createdAt: Date;
  } | null>;
  update(args: {
    where: { scope_key: { scope: string; key: string } };
    data: { responseStatus: number; responseBody: object };
    select: { key: true };
  }): PromiseLike<unknown>;
  updateMany(args: {
    where: { scope: string; key: string; responseStatus: null };
    data: { createdAt: Date };
  }): PromiseLike<unknown>;
  deleteMany(args: { where: { scope: string; key: string; responseStatus: null } }): PromiseLike<unknown>;
}

/**
 * A claim is renewed this often while its request runs, and taken over by a retry once it went this long without
 * renewal (its process died): a slow request that is still alive keeps its claim however long it takes, and a request
 * that died with its process holds its key for at most the lease.
 */
export const IDEMPOTENCY_CLAIM = { renewEveryMs: 5_000, leaseMs: 15_000 } as const;

export function createPrismaIdempotencyStore(
  delegate: IdempotencyRecordDelegate,
  now: () => Date = () => new Date(),
): IdempotencyStore {
  const where = (scope: string, key: string) => ({ scope_key: { scope, key } });
  const store: IdempotencyStore = {
    async begin(scope, key, requestHash) {
      try {
        await delegate.create({ data: { scope, key, requestHash, resourceId: '' }, select: { key: true } });
        return { state: 'new' };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const earlier = await delegate.findUnique({
        where: where(scope, key),
        select: { requestHash: true, responseStatus: true, responseBody: true, createdAt: true },
      });
      if (!earlier) return store.begin(scope, key, requestHash);
      if (earlier.requestHash !== requestHash) return { state: 'mismatch' };
      if (earlier.responseStatus !== null)
        return { state: 'replay', status: earlier.responseStatus, body: earlier.responseBody };
      // `createdAt` is when the claim was made or last renewed.
      if (now().getTime() - earlier.createdAt.getTime() > IDEMPOTENCY_CLAIM.leaseMs) {
        await store.release(scope, key);
        return store.begin(scope, key, requestHash);
      }
      return { state: 'in-flight' };
    },
    async complete(scope, key, status, body) {
      await delegate.update({
        where: where(scope, key),
        data: { responseStatus: status, responseBody: body as object },
        select: { key: true },
      });
    },
    async release(scope, key) {
      await delegate.deleteMany({ where: { scope, key, responseStatus: null } });
    },
    async renew(scope, key) {
      await delegate.updateMany({ where: { scope, key, responseStatus: null }, data: { createdAt: now() } });
    },
  };
  return store;
}

/** The same contract as createPrismaIdempotencyStore, kept in memory: for tests, or a single process. */
export function createInMemoryIdempotencyStore(): IdempotencyStore {
  const entries = new Map<string, { requestHash: string; status?: number; body?: unknown }>();
  const id = (scope: string, key: string) => `${scope}|${key}`;
  return {
    async begin(scope, key, requestHash) {
      const earlier = entries.get(id(scope, key));
      if (!earlier) {
        entries.set(id(scope, key), { requestHash });
        return { state: 'new' };
      }
      if (earlier.requestHash !== requestHash) return { state: 'mismatch' };
      if (earlier.status !== undefined) return { state: 'replay', status: earlier.status, body: earlier.body };
      return { state: 'in-flight' };
    },
    async complete(scope, key, status, body) {
      const entry = entries.get(id(scope, key));
      if (entry) Object.assign(entry, { status, body });
    },
    async release(scope, key) {
      if (entries.get(id(scope, key))?.status === undefined) entries.delete(id(scope, key));
    },
    // A claim here dies with the process that holds it.
    renew: async () => undefined,
  };
}

/**
 * Tries to free a claim again every `everyMs / 5` until it is freed or its lease has run out anyway (in the background,
 * the answer does not wait for it).
 */
function releaseWhenPossible(store: IdempotencyStore, scope: string, key: string, everyMs: number): void {
  const spacingMs = Math.max(1, Math.round(everyMs / 5));
  let attemptsLeft = Math.ceil(IDEMPOTENCY_CLAIM.leaseMs / spacingMs);
  const attempt = (): void => {
    attemptsLeft -= 1;
    store.release(scope, key).catch(() => {
      if (attemptsLeft > 0) setTimeout(attempt, spacingMs).unref();
    });
  };
  setTimeout(attempt, spacingMs).unref();
}

/** What an Idempotency-Key may look like. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\w.:-]{8,128}$/;

/**
 * The request's Idempotency-Key, if it sent one; a key that cannot be one is refused with a 400 that says why.
 * Used by the middleware and by routes that store their key in the same transaction as what they create.
 */
export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined || IDEMPOTENCY_KEY_PATTERN.test(key)) return key;
  throw new ValidationError('The Idempotency-Key header is not usable.', [
    {
      path: 'Idempotency-Key',
      message: 'use 8–128 letters, digits, dots, colons, hyphens or underscores (a UUID works)',
      code: 'invalid-format',
    },
  ]);
}

/**
 * Canonical JSON (sorted keys), so that the same request always hashes the same. Written with a work list rather than
 * recursion: however deeply a value nests, this never overflows the stack (the body parser bounds request bodies
 * anyway). For JSON values the text is the same as the recursive form always gave, so remembered hashes still match.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Pending work, last first: a value still to write, or literal text (brackets, commas, keys).
  const work: ({ text: string } | { value: unknown })[] = [{ value }];
  while (work.length > 0) {
    const item = work.pop() as { text: string } | { value: unknown };
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const current = item.value;
    const pieces: ({ text: string } | { value: unknown })[] = [];
    if (Array.isArray(current)) {
      pieces.push({ text: '[' });
      current.forEach((element: unknown, index) => {
        if (index > 0) pieces.push({ text: ',' });
        pieces.push({ value: element });
      });
      pieces.push({ text: ']' });
    } else if (current && typeof current === 'object') {
      const entries = Object.entries(current as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1));
      pieces.push({ text: '{' });
      entries.forEach(([k, v], index) => {
        pieces.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(k)}:` }, { value: v });
      });
      pieces.push({ text: '}' });
    } else {
      // Not JSON (undefined, a function) inside an array: written as nothing, as Array.join did.
      out.push(JSON.stringify(current) ?? '');
      continue;
    }
    for (let i = pieces.length - 1; i >= 0; i -= 1) work.push(pieces[i] as { text: string } | { value: unknown });
  }
  return out.join('');
}

export function hashRequest(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * The one spelling of a path shared by every spelling Express routes to the same route with the same parameters, for
 * idempotency keys: Express ignores case and a trailing slash, and decodes each parameter, so `/API/V1/AGENCIES/`,
 * `/cases/<id>/MERGE` and `/cases/%33fa…/merge` must key as `/api/v1/agencies`, `/cases/<id>/merge` and
 * `/cases/3fa…/merge`. Each segment is decoded and re-encoded (an encoded `/` stays one segment), then lower-cased:
 * the parameters of remembered routes are UUIDs, codes and names that name one object in either case. A segment that
 * is not valid percent-encoding is kept as sent (the input guards refuse such a path before any route runs).
 */
export function canonicalRoutePath(req: Pick<Request, 'path'>): string {
  const segments = req.path.split('/').map((segment) => {
    try {
      return encodeURIComponent(decodeURIComponent(segment)).toLowerCase();
    } catch {
      return segment.toLowerCase();
    }
  });
  return segments.join('/').replace(/\/+$/, '') || '/';
}

/**
 * Express middleware for every POST. `scopeOf` names who is asking (e.g. the staff id; an IP for public routes),
 * so keys never collide across callers. `routeOf` names the route the request reaches, as the key's other half: by
 * default the path's canonical form ({@link canonicalRoutePath}), so every spelling of a retry replays the first
 * answer instead of acting again.
 */
export function idempotency(
  store: IdempotencyStore,
  scopeOf: (req: Request) => string,
  routeOf: (req: Request) => string = canonicalRoutePath,
  renewEveryMs: number = IDEMPOTENCY_CLAIM.renewEveryMs,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const key = req.get('idempotency-key');
    if (req.method !== 'POST' || key === undefined) {
      next();
      return;
    }
    try {
      idempotencyKeyOf(req);
    } catch (error) {
      next(error);
      return;
    }
    const scope = `${scopeOf(req)} POST ${routeOf(req)}`;
    store.begin(scope, key, hashRequest(req.body ?? null)).then(
      (begun) => {
        switch (begun.state) {
          case 'replay':
            res.setHeader('Idempotent-Replayed', 'true');
            res.status(begun.status).json(begun.body);
            return;
          case 'mismatch':
            next(new IdempotencyKeyReusedError());
            return;
          case 'in-flight':
            // Retry-After tells a client this refusal is temporary: the first request answers, or its claim is given
            // up once abandoned (its process died), and the same request again then gets the one answer.
            res.setHeader('Retry-After', '1');
            next(new ConflictError('A request with this Idempotency-Key is still being processed: retry in a moment.'));
            return;
          case 'new': {
            const json = res.json.bind(res);
            let settled = false;
            // The claim stays ours while the request runs (see IDEMPOTENCY_CLAIM); a failed renewal is tried again.
            const renewing = setInterval(() => void store.renew(scope, key).catch(() => undefined), renewEveryMs);
            renewing.unref();
            res.json = (body: unknown) => {
              settled = true;
              clearInterval(renewing);
              const status = res.statusCode;
              const finish =
                status >= 200 && status < 300
                  ? store.complete(scope, key, status, body)
                  : store.release(scope, key).catch((error: unknown) => {
                      // The database is what failed (the answer says so): the key is freed once it is back, so the
                      // retry is not turned away as in flight for the whole lease.
                      releaseWhenPossible(store, scope, key, renewEveryMs);
                      throw error;
                    });
              // The response waits for the record, so a client that got a 201 can rely on the replay.
              finish.then(
                () => json(body),
                (error: unknown) => next(error),
              );
              return res;
            };
            res.once('close', () => {
              clearInterval(renewing);
              if (!settled)
                void store.release(scope, key).catch(() => releaseWhenPossible(store, scope, key, renewEveryMs));
            });
            next();
          }
        }
      },
      (error: unknown) => next(error),
    );
  };
}
