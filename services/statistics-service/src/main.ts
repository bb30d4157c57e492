/** statistics-service process: consumes the domain events into its projection and serves the town's figures. */
import { postgresPoolConfig } from '@gongzhi/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { createTokenVerifier, readVerifierKeys } from '@gongzhi/auth';
import { databaseReadiness, prismaRateLimitCounter, startServiceProcess } from '@gongzhi/http';
import { createKafkaClient, ensureTopics } from '@gongzhi/outbox';
import { loadStatisticsServiceConfig, topicsOf } from './config';
import { PrismaClient } from './generated/prisma/client';
import { createProjectionConsumer } from './projection/consumer';
import { createStatisticsServiceApp } from './statistics-service';
import { createStatisticsRepository } from './statistics/statistics.repository';

startServiceProcess('statistics-service', loadStatisticsServiceConfig, async ({ config, logger }) => {
  const verifier = await createTokenVerifier(readVerifierKeys(config));
  const prisma = new PrismaClient({ adapter: new PrismaPg(postgresPoolConfig(config.DATABASE_URL)) });
  const { app } = createStatisticsServiceApp({
    logger,
    trustedProxies: config.TRUSTED_PROXIES,
    repository: createStatisticsRepository(prisma),
    verifier,
    // Counted in the service's database: every replica behind the balancer counts the same windows.
    rateLimitCounter: prismaRateLimitCounter(prisma),
    rateLimits: { perIp: config.RATE_LIMIT_PER_IP_PER_MINUTE, perUser: config.RATE_LIMIT_PER_USER_PER_MINUTE },
    readiness: databaseReadiness(prisma),
  });
  let consumer: ReturnType<typeof createProjectionConsumer> | undefined;
  if (config.STATISTICS_CONSUMER === 'on') {
    const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'statistics-service', logger });
    // The topics exist before anyone subscribes, so a consumer that starts first does not miss their beginning.
    await ensureTopics(kafka, [...topicsOf(config), config.STATISTICS_DLQ_TOPIC]);
    consumer = createProjectionConsumer({
      prisma,
      kafka,
      groupId: config.STATISTICS_CONSUMER_GROUP,
      topics: topicsOf(config),
      deadLetterTopic: config.STATISTICS_DLQ_TOPIC,
      logger,
    });
    await consumer.start();
    logger.info({ topics: topicsOf(config), group: config.STATISTICS_CONSUMER_GROUP }, 'consuming domain events');
  }
  return {
    app,
    onShutdown: [async () => consumer?.stop(), () => prisma.$disconnect()],
  };
});
