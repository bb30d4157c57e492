import { randomUUID } from 'node:crypto';
import type { Express, Request } from 'express';
import type { Logger } from 'pino';
import { authenticate, limitByAddress, limitByUser, principalOf, routePolicy, type TokenVerifier } from '@gongzhi/auth';
import {
  type ApiRoutes,
  type AuditTrail,
  createHttpApp,
  idempotency,
  type IdempotencyStore,
  type ReadinessCheck,
  infrastructureErrorMapper,
  type RateLimitCounter,
  counterOf,
} from '@gongzhi/http';
import type { AgencyDirectory } from './agencies/agency-directory';
import type { PartyCrypto } from './crypto/party-crypto';
import { keyedIdempotencyStore } from './keyed-idempotency';
import { partiesRoutes } from './parties/parties.controller';
import type { PartiesRepository } from './parties/parties.repository';
import { createPartiesService, type PartiesService } from './parties/parties.service';
import { riskFlagsRoutes } from './risk-flags/risk-flags.controller';
import type { RiskFlagsRepository } from './risk-flags/risk-flags.repository';
import { createRiskFlagsService, type RiskFlagsService } from './risk-flags/risk-flags.service';

export interface PartyServiceDeps {
  logger: Logger;
  parties: PartiesRepository;
  riskFlags: RiskFlagsRepository;
  crypto: PartyCrypto;
  audit: AuditTrail;
  idempotencyStore: IdempotencyStore;
  /** HMAC key for the stored idempotency request hashes (the blind-index key serves, with its own prefix). */
  idempotencyHashKey: Buffer;
  /** agency-service's agencies (over HTTP in production), asked before an agency is involved with a party. */
  agencies: AgencyDirectory;
  verifier: TokenVerifier;
  /** Requests per minute: per client IP before authentication, per staff member after. */
  rateLimits?: { perIp: number; perUser: number };
  /** Where the rate limits count: the service's database, so every replica counts alike; left out, this process. */
  rateLimitCounter?: RateLimitCounter;
  /** Proxies whose X-Forwarded-For names the client (Express `trust proxy`); none by default. */
  trustedProxies?: readonly string[];
  readiness?: Record<string, ReadinessCheck>;
  newId?: () => string;
  now?: () => Date;
}

export interface PartyService {
  app: Express;
  /** Every route set, for route-table driven tests (the authorization matrix). */
  routes: ApiRoutes[];
  parties: PartiesService;
  riskFlags: RiskFlagsService;
}

/** The service's route table; also built on its own by route-table driven tests. */
export function partyServiceRoutes(parties: PartiesService, riskFlags: RiskFlagsService): ApiRoutes[] {
  return [partiesRoutes(parties), riskFlagsRoutes(riskFlags)];
}

/** The one wiring function of party-service: real and fake dependencies plug in here. */
export function createPartyService(deps: PartyServiceDeps): PartyService {
  const newId = deps.newId ?? randomUUID;
  const now = deps.now ?? (() => new Date());
  const parties = createPartiesService({
    repository: deps.parties,
    crypto: deps.crypto,
    audit: deps.audit,
    agencies: deps.agencies,
    newId,
  });
  const riskFlags = createRiskFlagsService({ repository: deps.riskFlags, parties, audit: deps.audit, newId, now });
  const routes = partyServiceRoutes(parties, riskFlags);
  const limits = deps.rateLimits ?? { perIp: 600, perUser: 300 };
  const app = createHttpApp({
    logger: deps.logger,
    openapi: {
      title: 'Gongzhi party-service',
      version: '0.1.0',
      description: 'Owns the people in disputes (persons, organisations, risk flags)',
    },
    routes,
    // Staff only, as every route declares (each route's guard refuses the dispute worker's token before its input is
    // read; see requireStaff); the routes that create or change return their first answer to a retried
    // Idempotency-Key, which only a signed-in staff member's request reaches.
    policy: routePolicy({
      replay: idempotency(
        keyedIdempotencyStore(deps.idempotencyStore, deps.idempotencyHashKey),
        (req: Request) => `staff:${principalOf(req).staffId}`,
      ),
    }),
    ...(deps.trustedProxies ? { trustedProxies: deps.trustedProxies } : {}),
    refusals: { trail: deps.audit, actorOf: (req) => req.principal?.staffId },
    readiness: deps.readiness ?? {},
    before: [
      // Outer limit by address; only a token claiming the workflow engine is verified before it (and exempt if real).
      ...limitByAddress(deps.verifier, { limit: limits.perIp, ...counterOf(deps) }),
      authenticate(deps.verifier),
      limitByUser({ limit: limits.perUser, ...counterOf(deps) }),
    ],
    mapError: infrastructureErrorMapper({ database: 'The party database' }),
  });
  return { app, routes, parties, riskFlags };
}
