import express, { type Request, type Response, type Router } from 'express';
import { AppError, DependencyUnavailableError, NotFoundError } from '@gongzhi/errors';
import { readCookie, SESSION_COOKIE, clearSessionCookie } from '../security/cookies';
import { callerHeaders, callerOf } from '../session/agency-auth';
import { SessionExpiredError, type Sessions } from '../session/sessions';

export const UPSTREAMS = ['party', 'case', 'agency', 'statistics'] as const;
export type Upstream = (typeof UPSTREAMS)[number];

/** Request headers a service needs from the browser; everything else (cookies above all) stays behind. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'idempotency-key', 'if-match', 'if-none-match'];
/** Response headers the page may need. */
const RETURNED_RESPONSE_HEADERS = ['content-type', 'etag', 'content-disposition', 'retry-after', 'last-modified'];

/** Largest body the console passes on: a 20 MiB document upload (case-service's own limit) and some slack. */
const BODY_LIMIT = '21mb';

export interface ProxyOptions {
  sessions: Sessions;
  upstreams: Record<Upstream, string>;
  timeoutMs: number;
  /** How requests reach the services; a fake in unit tests. */
  fetch?: typeof fetch;
}

/**
 * `/api/{party,case,agency,statistics}/api/v1/…` → that service's `/api/v1/…`, as the signed-in person: the
 * session's access token is added as a bearer token, and Idempotency-Key, If-Match and the request id go along.
 * When a service refuses the token (401), the session is refreshed once and the request sent once more, which is
 * safe because a 401 means the service did nothing with it.
 */
export function apiProxy(options: ProxyOptions): Router {
  const router = express.Router();
  router.use('/api/:service', express.raw({ type: () => true, limit: BODY_LIMIT }), async (req, res, next) => {
    try {
      await forward(req, res, options);
    } catch (error) {
      if (error instanceof SessionExpiredError) clearSessionCookie(req, res);
      next(error);
    }
  });
  return router;
}

function targetOf(req: Request, upstreams: Record<Upstream, string>): URL {
  const service = req.params['service'] as string;
  if (!(UPSTREAMS as readonly string[]).includes(service)) throw new NotFoundError('service', service);
  // req.url is the part after /api/:service, query string included. Only the public API is reachable: never the
  // workflow engine's /internal routes, health probes or anything else a service serves.
  const rest = req.url;
  if (!rest.startsWith('/api/v1/') || rest.includes('/../') || rest.includes('\\')) {
    throw new AppError(404, 'route-not-found', 'No such route', {
      detail: `The console passes on /api/${service}/api/v1/… only.`,
    });
  }
  return new URL(rest, upstreams[service as Upstream]);
}

async function forward(req: Request, res: Response, options: ProxyOptions): Promise<void> {
  const target = targetOf(req, options.upstreams);
  const cookie = readCookie(req, SESSION_COOKIE);
  const caller = callerOf(req);
  // The request id, and the client's address for the per-address limits of a service that trusts the console.
  const headers: Record<string, string> = callerHeaders(caller);
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.get(name);
    if (value !== undefined) headers[name] = value;
  }
  const hasBody = !['GET', 'HEAD'].includes(req.method) && Buffer.isBuffer(req.body) && req.body.length > 0;
  const fetchUpstream = options.fetch ?? fetch;
  const send = async (token: string): Promise<globalThis.Response> => {
    try {
      return await fetchUpstream(target, {
        method: req.method,
        headers: { ...headers, authorization: `Bearer ${token}` },
        ...(hasBody ? { body: req.body as Buffer } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new DependencyUnavailableError(`${req.params['service']}-service`, error);
    }
  };

  let token = await options.sessions.accessToken(cookie, caller);
  let upstream = await send(token);
  if (upstream.status === 401) {
    await upstream.arrayBuffer().catch(() => undefined);
    token = await options.sessions.accessToken(cookie, caller, token);
    upstream = await send(token);
  }

  res.status(upstream.status);
  for (const name of RETURNED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) res.setHeader(name, value);
  }
  const location = upstream.headers.get('location');
  // A created resource's address, as the page reaches it through the console.
  if (location?.startsWith('/api/v1/')) res.setHeader('location', `/api/${req.params['service']}${location}`);
  // Answers carry case and party data: never kept in the browser's cache.
  res.setHeader('cache-control', 'no-store');
  res.send(Buffer.from(await upstream.arrayBuffer()));
}
