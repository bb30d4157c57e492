import express, { type Express, type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppError } from '@gongzhi/errors';
import { HEALTH_PATHS } from '@gongzhi/contracts';
import type { Logger } from 'pino';
import { type ApiRoutes, buildOpenApiDocument, type OpenApiInfo } from './api-routes';
import type { RoutePolicyEnforcement } from './route-policy';
import { guardJsonBody, guardUrl } from './input-guards';
import { problemMiddleware, requireJsonBody, routeNotFound } from './problem-middleware';
import type { RefusalAudit } from './refusal-audit';
import { requestId, requestScope } from './request-context';

/** A readiness check resolves when the dependency answers and rejects (or times out) when it doesn't. */
export type ReadinessCheck = () => Promise<void>;

export interface HttpAppOptions {
  logger: Logger;
  openapi: OpenApiInfo;
  routes: ApiRoutes[];
  /** How the service enforces what its routes declare (who may call them, how a retry is answered). */
  policy: RoutePolicyEnforcement;
  /** Checked by `GET /health/ready`: the service takes traffic only when all of them pass. */
  readiness?: Record<string, ReadinessCheck>;
  /**
   * Checked and reported by `GET /health/ready` too, but the service stays ready without them ("degraded"): a
   * dependency only some routes need (case-service's document store), whose outage would otherwise take every replica
   * out of the balancer at once and every other route with them.
   */
  degradedWithout?: Record<string, ReadinessCheck>;
  /** Middleware that runs before the routes (authentication, rate limits). */
  before?: RequestHandler[];
  /** Turns a service's infrastructure errors (database, Temporal) into problems; others become a 500. */
  mapError?: (error: unknown) => AppError | undefined;
  /**
   * Requests that carry raw bytes rather than JSON (document uploads): they skip the JSON-only rule, and the service
   * parses them itself, with its own size limit, after authentication.
   */
  acceptsRawBody?: (req: Request) => boolean;
  /** Largest accepted JSON body. */
  bodyLimit?: string;
  /** Audits signed-in callers' 403s and 404s on objects (services with an audit trail). */
  refusals?: RefusalAudit;
  /**
   * Proxies whose `X-Forwarded-For` names the client (Express `trust proxy`: addresses, CIDRs, named ranges), from
   * TRUSTED_PROXIES. None by default: `req.ip` is the socket's peer, whatever a client sends. Behind a proxy without
   * it, every person shares the proxy's address and its per-address limit.
   */
  trustedProxies?: readonly string[];
}

const READINESS_TIMEOUT_MS = 2_000;

const TIMED_OUT = `no answer within ${READINESS_TIMEOUT_MS} ms`;

/**
 * 'ok', or what failed in fixed words: the dependency's own error (an address, a host name, a path) goes to the log,
 * not into an answer anyone who reaches the port can read.
 */
async function runCheck(name: string, check: ReadinessCheck, logger: Logger): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(TIMED_OUT)), READINESS_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn({ check: name, err: message }, 'readiness check failed');
    return message === TIMED_OUT ? TIMED_OUT : 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The Express bootstrap every Gongzhi service shares: request ids, logs without bodies or query strings
 * (they can carry personal data), security headers, `Cache-Control: no-store`, JSON-only bodies with a size limit
 * and no input the database cannot store (see input-guards), OpenAPI at `/openapi.json`, liveness and readiness, and
 * RFC 9457 problems for every error including unknown routes.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.trustedProxies && options.trustedProxies.length > 0) app.set('trust proxy', [...options.trustedProxies]);
  app.set('etag', false);
  app.use(helmet());
  // Responses carry personal data (names, masked or revealed ID numbers, notes): no browser or proxy may keep a copy.
  // Set on every response, problems included, before anything can answer.
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(requestId);
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req) => (req as express.Request).requestId,
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // The caller's own id (validated, never personal data) joins its trace to ours.
      customProps: (req) => {
        const callerRequestId = (req as express.Request).callerRequestId;
        return callerRequestId ? { callerRequestId } : {};
      },
      // Health probes run every few seconds; logging them buries everything else.
      autoLogging: { ignore: (req) => req.url?.startsWith('/health/') ?? false },
    }),
  );

  const document = buildOpenApiDocument(options.openapi, options.routes);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.get(HEALTH_PATHS.live, (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get(HEALTH_PATHS.ready, async (_req, res) => {
    const run = (checks: Record<string, ReadinessCheck> | undefined) =>
      Promise.all(
        Object.entries(checks ?? {}).map(
          async ([name, check]) => [name, await runCheck(name, check, options.logger)] as const,
        ),
      );
    const [required, optional] = await Promise.all([run(options.readiness), run(options.degradedWithout)]);
    const failing = (results: (readonly [string, string])[]) => results.some(([, outcome]) => outcome !== 'ok');
    const status = failing(required) ? 'not-ready' : failing(optional) ? 'degraded' : 'ready';
    res.status(status === 'not-ready' ? 503 : 200).json({
      status,
      checks: Object.fromEntries([...required, ...optional]),
    });
  });

  app.use(guardUrl);
  // Express would answer OPTIONS itself with the methods a path serves, outside every route's guard. No browser calls
  // a service directly (the console's server does), so no preflight needs answering: OPTIONS is no route.
  app.use((req, res, next) => (req.method === 'OPTIONS' ? routeNotFound(req, res, next) : next()));
  const acceptsRawBody = options.acceptsRawBody;
  app.use(
    acceptsRawBody
      ? (req, res, next) => (acceptsRawBody(req) ? next() : requireJsonBody(req, res, next))
      : requireJsonBody,
  );
  app.use(
    express.json({
      limit: options.bodyLimit ?? '100kb',
      strict: true,
      type: ['application/json', 'application/*+json'],
    }),
  );
  app.use(guardJsonBody);
  app.use(requestScope);
  for (const middleware of options.before ?? []) app.use(middleware);
  for (const routes of options.routes) {
    routes.enforceWith(options.policy);
    app.use(routes.router);
  }
  app.use(routeNotFound);
  app.use(problemMiddleware(options.logger, options.mapError, options.refusals));
  return app;
}
