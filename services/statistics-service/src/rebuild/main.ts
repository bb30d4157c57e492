/**
 * `npm run statistics:rebuild`: rebuilds statistics-service's projection from the beginning of the topics, with the
 * service's own configuration (DATABASE_URL, KAFKA_BROKERS, topics, group). Stop the service first.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { createLogger } from '@gongzhi/http';
import { createKafkaClient } from '@gongzhi/outbox';
import { loadConfig } from '@gongzhi/config';
import { StatisticsRebuildConfig, topicsOf } from '../config';
import { PrismaClient } from '../generated/prisma/client';
import { rebuildProjection } from './rebuild';

async function main(): Promise<void> {
  const config = loadConfig('statistics rebuild', StatisticsRebuildConfig, process.env);
  const logger = createLogger('statistics-rebuild', config.LOG_LEVEL);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.DATABASE_URL }) });
  try {
    const result = await rebuildProjection({
      prisma,
      kafka: createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'statistics-rebuild', logger }),
      groupId: config.STATISTICS_CONSUMER_GROUP,
      topics: topicsOf(config),
      deadLetterTopic: config.STATISTICS_DLQ_TOPIC,
      logger,
    });
    console.log(
      `statistics projection rebuilt: ${result.messages} messages read, ${result.eventsApplied} events applied, ` +
        `in ${(result.ms / 1000).toFixed(1)} s`,
    );
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
