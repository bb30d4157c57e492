import type { Express, Request } from 'express';
import type { Logger } from 'pino';
import {
  authenticate,
  limitByAddress,
  limitByUser,
  routePolicy,
  type TokenIssuer,
  type TokenVerifier,
} from '@gongzhi/auth';
import {
  type ApiRoutes,
  type AuditTrail,
  createHttpApp,
  idempotency,
  type IdempotencyStore,
  type ReadinessCheck,
  infrastructureErrorMapper,
  publicRoutesOf,
  type RouteEntry,
  type RateLimitCounter,
  counterOf,
} from '@gongzhi/http';
import { agenciesRoutes } from './agencies/agencies.controller';
import type { AgenciesRepository } from './agencies/agencies.repository';
import { createAgenciesService } from './agencies/agencies.service';
import { authRoutes } from './auth/auth.controller';
import type { AuthRepository } from './auth/auth.repository';
import { createAuthService } from './auth/auth.service';
import type { LoginThrottlePolicy } from './auth/login-throttle';
import { calendarRoutes } from './calendar/calendar.controller';
import { createCalendarService } from './calendar/calendar.service';
import { directoryRoutes } from './directory/directory.controller';
import type { DirectoryLimits, DirectoryRepository } from './directory/directory.repository';
import { createDirectoryService } from './directory/directory.service';
import { policyRoutes } from './policy/policy.controller';
import type { PolicyRepository } from './policy/policy.repository';
import { createPolicyService } from './policy/policy.service';
import { staffRoutes } from './staff/staff.controller';
import type { StaffRepository } from './staff/staff.repository';
import { createStaffService } from './staff/staff.service';
import { villagesRoutes } from './villages/villages.controller';
import type { VillagesRepository } from './villages/villages.repository';
import { createVillagesService } from './villages/villages.service';

export interface AgencyRepositories {
  agencies: AgenciesRepository;
  staff: StaffRepository;
  auth: AuthRepository;
  policies: PolicyRepository;
  villages: VillagesRepository;
  /** Reads a town's villages, agencies and staff by name, for the directory. */
  directory: DirectoryRepository;
}

export interface RateLimits {
  /** Every request from one IP address, counted before authentication (slows down credential guessing). */
  perIpPerMinute: number;
  /** Every request of one authenticated staff member. */
  perUserPerMinute: number;
}

export interface AgencyServiceDeps {
  logger: Logger;
  repositories: AgencyRepositories;
  idempotencyStore: IdempotencyStore;
  audit: AuditTrail;
  tokens: {
    issuer: TokenIssuer;
    verifier: TokenVerifier;
    /** SPKI PEM, published at /api/v1/auth/public-key. */
    publicKeyPem: string;
    refreshTokenTtlSeconds: number;
    /**
     * Keys the login back-off's hashes (unknown-username buckets, known sources): derived from the signing private key
     * (`deriveLoginThrottleSecret`), so it needs no setting of its own and no client can compute the hashes.
     */
    loginSecret: Buffer;
  };
  rateLimits?: RateLimits;
  /** Where the rate limits count: the service's database, so every replica counts alike; left out, this process. */
  rateLimitCounter?: RateLimitCounter;
  /** Login back-off per account and per address (DEFAULT_LOGIN_THROTTLE unless a test needs other numbers). */
  loginThrottle?: LoginThrottlePolicy;
  /** Proxies whose X-Forwarded-For names the client (Express `trust proxy`); none by default. */
  trustedProxies?: readonly string[];
  readiness?: Record<string, ReadinessCheck>;
  now?: () => Date;
  /** How many villages, agencies and staff one directory answer carries (DIRECTORY_LIMITS by default). */
  directoryLimits?: DirectoryLimits;
}

export interface AgencyService {
  app: Express;
  /** Every route of the service, for route-table driven tests (the authorization matrix). */
  routes: readonly RouteEntry[];
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perIpPerMinute: 600, perUserPerMinute: 300 };

/** The one wiring function of agency-service: real and fake dependencies plug in here. */
export function createAgencyService(deps: AgencyServiceDeps): AgencyService {
  const limits = deps.rateLimits ?? DEFAULT_RATE_LIMITS;
  const agencies = createAgenciesService({
    repository: deps.repositories.agencies,
    signers: deps.repositories.staff,
    audit: deps.audit,
  });
  const staff = createStaffService({
    repository: deps.repositories.staff,
    agencies,
    audit: deps.audit,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const auth = createAuthService({
    repository: deps.repositories.auth,
    staff: deps.repositories.staff,
    issuer: deps.tokens.issuer,
    audit: deps.audit,
    logger: deps.logger,
    refreshTokenTtlSeconds: deps.tokens.refreshTokenTtlSeconds,
    secret: deps.tokens.loginSecret,
    ...(deps.loginThrottle ? { loginThrottle: deps.loginThrottle } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const policy = createPolicyService({
    repository: deps.repositories.policies,
    townOfAgency: async (agencyId) => (await deps.repositories.agencies.findById(agencyId))?.townCode,
    audit: deps.audit,
  });
  const calendar = createCalendarService();
  const villages = createVillagesService({ repository: deps.repositories.villages, audit: deps.audit });
  const directory = createDirectoryService({
    repository: deps.repositories.directory,
    audit: deps.audit,
    ...(deps.directoryLimits ? { limits: deps.directoryLimits } : {}),
  });

  const routeSets: ApiRoutes[] = [
    authRoutes(auth, deps.tokens.publicKeyPem),
    agenciesRoutes(agencies),
    staffRoutes(staff),
    policyRoutes(policy),
    calendarRoutes(calendar),
    villagesRoutes(villages),
    directoryRoutes(directory),
  ];

  const routes = routeSets.flatMap((set) => set.routes);
  const remembered = idempotency(deps.idempotencyStore, (req: Request) => req.principal?.staffId ?? 'anonymous');
  const app = createHttpApp({
    logger: deps.logger,
    openapi: {
      title: 'Gongzhi agency-service',
      version: '0.1.0',
      description: 'Owns who is who and the rules of the town (agencies, staff, escalation policy, calendar)',
    },
    routes: routeSets,
    // Each route declares its callers (the workflow engine only where WORKFLOW_ENGINE_OPERATIONS says, refused before
    // its input is read) and whether retried creations are answered from the Idempotency-Key middleware; login, refresh
    // and logout are public and never replayed: their responses carry tokens, which must never be stored.
    policy: routePolicy({ replay: remembered }),
    refusals: { trail: deps.audit, actorOf: (req) => req.principal?.staffId },
    readiness: deps.readiness ?? {},
    // The client address counts for the login back-off and the per-address limit; behind the console's server or a
    // load balancer that is the address they forward, and only theirs is believed.
    ...(deps.trustedProxies ? { trustedProxies: deps.trustedProxies } : {}),
    mapError: infrastructureErrorMapper({ database: 'The agency database' }),
    before: [
      // A verified worker token is exempt from both limits: the workflow engine acts for every case of every town.
      ...limitByAddress(deps.tokens.verifier, { limit: limits.perIpPerMinute, ...counterOf(deps) }),
      // Signing in, refreshing, signing out and the public key are the routes declared public.
      authenticate(deps.tokens.verifier, { publicRoutes: publicRoutesOf(routeSets) }),
      limitByUser({ limit: limits.perUserPerMinute, ...counterOf(deps) }),
    ],
  });
  return { app, routes };
}
