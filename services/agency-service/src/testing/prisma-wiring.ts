import { createTokenIssuer, createTokenVerifier, generateSigningKeyPair } from '@gongzhi/auth';
import type { Principal } from '@gongzhi/contracts';
import { createAuditTrail, createLogger, createPrismaIdempotencyStore } from '@gongzhi/http';
import { type AgencyRepositories, type AgencyService, createAgencyService } from '../agency-service';
import type { PrismaClient } from '../generated/prisma/client';
import { createPrismaRepositories } from '../repositories';

export interface PrismaAgencyService extends AgencyService {
  repositories: AgencyRepositories;
  /** An access token for any principal, signed with the key pair this wiring generated. */
  tokenFor(principal: Principal): Promise<string>;
}

/**
 * The service as main.ts wires it (Prisma repositories, idempotency store and audit trail, real token issuer and
 * verifier), on a freshly generated key pair instead of key files: the integration-test wiring.
 */
export async function createPrismaAgencyService(prisma: PrismaClient): Promise<PrismaAgencyService> {
  const keys = generateSigningKeyPair();
  const repositories = createPrismaRepositories(prisma);
  const issuer = await createTokenIssuer({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 900 });
  const service = createAgencyService({
    logger: createLogger('agency-service', 'silent'),
    repositories,
    idempotencyStore: createPrismaIdempotencyStore(prisma.idempotencyRecord),
    audit: createAuditTrail(prisma.auditRecord),
    tokens: {
      issuer,
      verifier: await createTokenVerifier({ publicKeyPem: keys.publicKeyPem }),
      publicKeyPem: keys.publicKeyPem,
      refreshTokenTtlSeconds: 3600,
    },
    // A test file sends all its requests from one address; the limiter has its own tests.
    rateLimits: { perIpPerMinute: 100_000, perUserPerMinute: 100_000 },
  });
  return { ...service, repositories, tokenFor: async (principal) => (await issuer.issue(principal)).token };
}
