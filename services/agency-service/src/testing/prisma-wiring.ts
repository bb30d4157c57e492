import {
  createServiceTokenSource,
  createTokenIssuer,
  createTokenVerifier,
  generateSigningKeyPair,
} from '@gongzhi/auth';
import type { Principal } from '@gongzhi/contracts';
import { createPrismaAuditTrail, createLogger, createPrismaIdempotencyStore } from '@gongzhi/http';
import { type AgencyRepositories, type AgencyService, createAgencyService } from '../agency-service';
import { deriveLoginThrottleSecret, type LoginThrottlePolicy } from '../auth/login-throttle';
import type { DirectoryLimits } from '../directory/directory.repository';
import type { PrismaClient } from '../generated/prisma/client';
import { createPrismaRepositories } from '../repositories';
import { TEST_AUDIT_CHAIN_KEY } from '@gongzhi/testing';

export interface PrismaAgencyService extends AgencyService {
  repositories: AgencyRepositories;
  /** An access token for any principal, signed with the key pair this wiring generated. */
  tokenFor(principal: Principal): Promise<string>;
  /** A token of the dispute worker (role workflow-engine), signed with its own key as in production. */
  workerToken(): Promise<string>;
  /** The private key the app's staff tokens are verified against: for forging tokens a real signer never would. */
  staffPrivateKeyPem: string;
}

/**
 * The service as main.ts wires it (Prisma repositories, idempotency store and audit trail, real token issuer and
 * verifier, the dispute worker's key beside agency-service's), on freshly generated key pairs instead of key files:
 * the integration-test wiring. `now` drives the login back-off's clock (tokens keep the real one).
 */
export async function createPrismaAgencyService(
  prisma: PrismaClient,
  options: { now?: () => Date; loginThrottle?: LoginThrottlePolicy; directoryLimits?: DirectoryLimits } = {},
): Promise<PrismaAgencyService> {
  const keys = generateSigningKeyPair();
  const workerKeys = generateSigningKeyPair();
  const repositories = createPrismaRepositories(prisma);
  const issuer = await createTokenIssuer({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 900 });
  const worker = await createServiceTokenSource({ privateKeyPem: workerKeys.privateKeyPem, ttlSeconds: 300 });
  const service = createAgencyService({
    logger: createLogger('agency-service', 'silent'),
    repositories,
    idempotencyStore: createPrismaIdempotencyStore(prisma.idempotencyRecord),
    audit: createPrismaAuditTrail(prisma, { chainKey: TEST_AUDIT_CHAIN_KEY }),
    tokens: {
      issuer,
      verifier: await createTokenVerifier({
        publicKeyPem: keys.publicKeyPem,
        workflowEnginePublicKeyPem: workerKeys.publicKeyPem,
      }),
      publicKeyPem: keys.publicKeyPem,
      refreshTokenTtlSeconds: 3600,
      loginSecret: deriveLoginThrottleSecret(keys.privateKeyPem),
    },
    // A test file sends all its requests from one address; the limiter has its own tests.
    rateLimits: { perIpPerMinute: 100_000, perUserPerMinute: 100_000 },
    ...(options.loginThrottle ? { loginThrottle: options.loginThrottle } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.directoryLimits ? { directoryLimits: options.directoryLimits } : {}),
  });
  return {
    ...service,
    repositories,
    tokenFor: async (principal) => (await issuer.issue(principal)).token,
    workerToken: () => worker.token(),
    staffPrivateKeyPem: keys.privateKeyPem,
  };
}
