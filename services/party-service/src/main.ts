/** party-service process: owns the people in disputes (persons, organisations, risk flags). */
import { postgresPoolConfig } from '@gongzhi/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { createTokenVerifier, readVerifierKeys } from '@gongzhi/auth';
import {
  createPrismaAuditTrail,
  readAuditChainKey,
  createPrismaIdempotencyStore,
  startServiceProcess,
  databaseReadiness,
  prismaRateLimitCounter,
} from '@gongzhi/http';
import { createKafkaClient, startConsumerInBackground, startConfiguredRelay } from '@gongzhi/outbox';
import { createHttpAgencyDirectory } from './agencies/agency-directory';
import { createCaseAccessConsumer } from './case-access/case-access-consumer';
import { cryptoKeysOf, loadPartyServiceConfig } from './config';
import { createPartyCrypto } from './crypto/party-crypto';
import { createPartyEvents } from './events/party-events';
import { PrismaClient } from './generated/prisma/client';
import { createPartiesRepository } from './parties/parties.repository';
import { createPartyService } from './party-service';
import { createRiskFlagsRepository } from './risk-flags/risk-flags.repository';

startServiceProcess('party-service', loadPartyServiceConfig, async ({ config, logger }) => {
  const verifier = await createTokenVerifier(readVerifierKeys(config));
  const keys = cryptoKeysOf(config);
  const prisma = new PrismaClient({ adapter: new PrismaPg(postgresPoolConfig(config.DATABASE_URL)) });
  const events = createPartyEvents(config.KAFKA_TOPIC_PARTY_EVENTS);
  const auditChainKey = readAuditChainKey(config.AUDIT_CHAIN_KEY_FILE);
  const { app } = createPartyService({
    logger,
    trustedProxies: config.TRUSTED_PROXIES,
    parties: createPartiesRepository(prisma, events),
    riskFlags: createRiskFlagsRepository(prisma, events),
    crypto: createPartyCrypto(keys),
    audit: createPrismaAuditTrail(prisma, { chainKey: auditChainKey }),
    idempotencyStore: createPrismaIdempotencyStore(prisma.idempotencyRecord),
    idempotencyHashKey: keys.blindIndexKey,
    agencies: createHttpAgencyDirectory({
      baseUrl: config.AGENCY_SERVICE_URL,
      timeoutMs: config.AGENCY_SERVICE_TIMEOUT_MS,
    }),
    verifier,
    // Counted in the service's database: every replica behind the balancer counts the same windows.
    rateLimitCounter: prismaRateLimitCounter(prisma),
    rateLimits: { perIp: config.RATE_LIMIT_PER_IP_PER_MINUTE, perUser: config.RATE_LIMIT_PER_USER_PER_MINUTE },
    readiness: databaseReadiness(prisma),
  });
  const relay = startConfiguredRelay('party-service', config, logger);
  let caseAccess: { stop(): Promise<void> } | undefined;
  if (config.PARTY_CONSUMER === 'on') {
    const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'party-service', logger });
    const topics = [config.KAFKA_TOPIC_CASE_EVENTS];
    caseAccess = startConsumerInBackground({
      what: 'case events consumer (parties shared)',
      kafka,
      consumer: createCaseAccessConsumer({
        prisma,
        kafka,
        groupId: config.PARTY_CONSUMER_GROUP,
        topics,
        deadLetterTopic: config.PARTY_DLQ_TOPIC,
        events,
        auditChainKey,
        logger,
      }),
      topics,
      deadLetterTopic: config.PARTY_DLQ_TOPIC,
      groupId: config.PARTY_CONSUMER_GROUP,
      logger,
    });
  }
  return {
    app,
    onShutdown: [
      async () => {
        await caseAccess?.stop();
      },
      async () => relay?.stop(),
      () => prisma.$disconnect(),
    ],
  };
});
