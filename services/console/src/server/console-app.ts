import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { HEALTH_PATHS } from '@gongzhi/contracts';
import { problemMiddleware, requestId, routeNotFound } from '@gongzhi/http';
import { apiProxy, type Upstream } from './proxy/proxy';
import { contentSecurityPolicy } from './security/content-security-policy';
import { requireCsrfHeader } from './security/csrf';
import type { AgencyAuth } from './session/agency-auth';
import { sessionRoutes } from './session/session.routes';
import type { SessionStore } from './session/session-store';
import { createSessions } from './session/sessions';
import { type TemporalUi, webAssets } from './web-assets/web-assets';

export interface ConsoleDeps {
  logger: Logger;
  store: SessionStore;
  agency: AgencyAuth;
  upstreams: Record<Upstream, string>;
  upstreamTimeoutMs: number;
  /** The built browser app; left out in unit tests of the BFF alone. */
  webDir?: string;
  /** Temporal's Web UI, linked from a case's diagnosis; none: no link. */
  temporalUi?: TemporalUi;
  /**
   * Proxies in front of the console whose X-Forwarded-For / X-Forwarded-Proto are believed (Express `trust proxy`,
   * as agency-service's TRUSTED_PROXIES); none: the socket's peer is the client.
   */
  trustedProxies?: readonly string[];
  readiness?: () => Promise<void>;
  now?: () => Date;
  /** How the proxy reaches the services; a fake in unit tests. */
  fetch?: typeof fetch;
}

/** The one wiring function of the console: the backend-for-frontend and the built app on one port. */
export function createConsoleApp(deps: ConsoleDeps): Express {
  const sessions = createSessions({ store: deps.store, agency: deps.agency, ...(deps.now ? { now: deps.now } : {}) });
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Without trusted proxies Express leaves `trust proxy` off: req.ip is the socket's peer, whatever a browser sends.
  if (deps.trustedProxies && deps.trustedProxies.length > 0) app.set('trust proxy', [...deps.trustedProxies]);
  app.use(requestId);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req) => (req as express.Request).requestId,
      // Paths only: query strings and bodies can carry personal data; cookies and tokens never reach a log.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url?.startsWith('/health/') || req.url?.startsWith('/assets/') || false },
    }),
  );
  app.use(...contentSecurityPolicy());
  app.get(HEALTH_PATHS.live, (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get(HEALTH_PATHS.ready, async (_req, res) => {
    try {
      await deps.readiness?.();
      res.json({ status: 'ready' });
    } catch (error) {
      // The console faces the browsers: why (an address, a host name) goes to the log, not to whoever asks.
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'readiness check failed');
      res.status(503).json({ status: 'not-ready', detail: 'a dependency is unavailable' });
    }
  });
  app.use(requireCsrfHeader());
  app.use(sessionRoutes({ sessions, store: deps.store }));
  app.use(
    apiProxy({
      sessions,
      upstreams: deps.upstreams,
      timeoutMs: deps.upstreamTimeoutMs,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    }),
  );
  if (deps.webDir) app.use(webAssets(deps.webDir, deps.temporalUi));
  app.use(routeNotFound);
  app.use(problemMiddleware(deps.logger));
  return app;
}
