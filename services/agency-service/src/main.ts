/** agency-service process: owns who is who and the rules of the town (agencies, staff, escalation policy, calendar). */
import { postgresPoolConfig } from '@gongzhi/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { createTokenIssuer, createTokenVerifier, readPem, readVerifierKeys } from '@gongzhi/auth';
import {
  createPrismaAuditTrail,
  readAuditChainKey,
  createPrismaIdempotencyStore,
  startServiceProcess,
  databaseReadiness,
  prismaRateLimitCounter,
} from '@gongzhi/http';
import { startConfiguredRelay } from '@gongzhi/outbox';
import { createAgencyService } from './agency-service';
import { deriveLoginThrottleSecret } from './auth/login-throttle';
import { loadAgencyServiceConfig } from './config';
import { createAgencyEvents } from './events/agency-events';
import { PrismaClient } from './generated/prisma/client';
import { createPrismaRepositories } from './repositories';

startServiceProcess('agency-service', loadAgencyServiceConfig, async ({ config, logger }) => {
  const prisma = new PrismaClient({ adapter: new PrismaPg(postgresPoolConfig(config.DATABASE_URL)) });
  const verifierKeys = readVerifierKeys(config);
  const privateKeyPem = readPem(config.AUTH_PRIVATE_KEY_FILE);
  const { app } = createAgencyService({
    logger,
    repositories: createPrismaRepositories(prisma, createAgencyEvents(config.KAFKA_TOPIC_AGENCY_EVENTS)),
    idempotencyStore: createPrismaIdempotencyStore(prisma.idempotencyRecord),
    audit: createPrismaAuditTrail(prisma, { chainKey: readAuditChainKey(config.AUDIT_CHAIN_KEY_FILE) }),
    tokens: {
      issuer: await createTokenIssuer({ privateKeyPem, ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS }),
      verifier: await createTokenVerifier(verifierKeys),
      publicKeyPem: verifierKeys.publicKeyPem,
      refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
      loginSecret: deriveLoginThrottleSecret(privateKeyPem),
    },
    trustedProxies: config.TRUSTED_PROXIES,
    // Counted in the service's database: every replica behind the balancer counts the same windows.
    rateLimitCounter: prismaRateLimitCounter(prisma),
    rateLimits: {
      perIpPerMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE,
      perUserPerMinute: config.RATE_LIMIT_PER_USER_PER_MINUTE,
    },
    readiness: databaseReadiness(prisma),
  });
  const relay = startConfiguredRelay('agency-service', config, logger);
  return {
    app,
    onShutdown: [async () => relay?.stop(), () => prisma.$disconnect()],
  };
});
