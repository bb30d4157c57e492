/**
 * One object of another service, read over HTTP on behalf of the person whose request is being served. Services never
 * read each other's databases; where one must know whether an id names something real (a party, an agency, a staff
 * member), it asks the owner with the caller's own bearer token, so the owner's visibility rule decides, and the
 * answer can be "nothing you may see" without disclosing more.
 */
import { DependencyUnavailableError } from '@gongzhi/errors';
import type { z } from 'zod';

/** Whose request a read is made for: the token is forwarded as it came, the request id joins both services' logs. */
export interface CallerCredentials {
  authorization: string | undefined;
  requestId: string;
}

export interface CallerReaderOptions {
  /** The owning service's base URL, e.g. http://127.0.0.1:3003. */
  baseUrl: string;
  /** Per request: a person's request must not hang on a slow neighbour. */
  timeoutMs: number;
  /** Named in the 503 problem, e.g. "agency-service (the staff directory)". */
  what: string;
  fetch?: typeof fetch;
}

/**
 * Reads `path` and parses it with `schema`: the object, or undefined when the owner answers 404 (no such object, or
 * one the caller may not see) or 400 (not an id it gives out). Anything else — refused, reset, timed out, another
 * status, an answer out of contract — is the neighbour's failure, never the caller's: 503, and no body is logged.
 */
export type CallerReader = <T>(path: string, schema: z.ZodType<T>, caller: CallerCredentials) => Promise<T | undefined>;

export function createCallerReader(options: CallerReaderOptions): CallerReader {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const send = options.fetch ?? fetch;
  const unavailable = (cause: unknown) => new DependencyUnavailableError(options.what, cause);

  return async (path, schema, caller) => {
    let res: Response;
    try {
      res = await send(`${baseUrl}${path}`, {
        headers: {
          accept: 'application/json',
          ...(caller.authorization ? { authorization: caller.authorization } : {}),
          'x-request-id': caller.requestId,
        },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      // Nothing was decided, and the caller may retry.
      throw unavailable(error);
    }
    if (res.status === 404 || res.status === 400) {
      await res.body?.cancel();
      return undefined;
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw unavailable(new Error(`answered ${res.status}`));
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch (error) {
      throw unavailable(error);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw unavailable(new Error('answer out of contract'));
    return parsed.data;
  };
}

/**
 * One object by id, read as the caller with `read`: `collection` is its path without the id (e.g. `/api/v1/staff`).
 * The answer must be about exactly the id asked for. The owner matching another spelling of it (a UUID in capitals)
 * means the id asked for is not one it gives out — none, as for an unknown id — since an id stored in that spelling
 * would match no one later (no token carries it); an answer about another id altogether is the owner's failure (503).
 */
export async function findByIdAsCaller<T extends { id: string }>(
  read: CallerReader,
  what: string,
  collection: string,
  id: string,
  schema: z.ZodType<T>,
  caller: CallerCredentials,
): Promise<T | undefined> {
  const found = await read(`${collection}/${encodeURIComponent(id)}`, schema, caller);
  if (found === undefined || found.id === id) return found;
  if (found.id.toLowerCase() === id.toLowerCase()) return undefined;
  throw new DependencyUnavailableError(what, new Error('answer about another object'));
}
