import { eventTopicSettings, kafkaSettings, loadConfig, serviceSettings } from '@gongzhi/config';
import { z } from 'zod';

const topic = z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'a Kafka topic name');

export const StatisticsServiceConfig = z.object({
  ...serviceSettings(3004),
  ...kafkaSettings(),
  ...eventTopicSettings,
  /** `off` serves the API from the projection as it is, without consuming (e.g. while a rebuild runs elsewhere). */
  STATISTICS_CONSUMER: z.enum(['on', 'off']).default('on'),
  /** The Kafka consumer group; its committed offsets are how far the projection has read. */
  STATISTICS_CONSUMER_GROUP: z.string().min(1).max(200).default('statistics-service'),
  /** Where messages that can never be applied go, with the reason in their headers. */
  STATISTICS_DLQ_TOPIC: topic.default('statistics.dlq'),
});
export type StatisticsServiceConfig = z.output<typeof StatisticsServiceConfig>;

export function loadStatisticsServiceConfig(
  source: Record<string, string | undefined> = process.env,
): StatisticsServiceConfig {
  return loadConfig('statistics-service', StatisticsServiceConfig, source);
}

/** What the rebuild command needs: the service's database, Kafka and names, without the HTTP settings. */
export const StatisticsRebuildConfig = StatisticsServiceConfig.pick({
  DATABASE_URL: true,
  LOG_LEVEL: true,
  KAFKA_BROKERS: true,
  KAFKA_TOPIC_CASE_EVENTS: true,
  KAFKA_TOPIC_PARTY_EVENTS: true,
  KAFKA_TOPIC_AGENCY_EVENTS: true,
  STATISTICS_CONSUMER_GROUP: true,
  STATISTICS_DLQ_TOPIC: true,
});
export type StatisticsRebuildConfig = z.output<typeof StatisticsRebuildConfig>;

export function topicsOf(
  config: Pick<StatisticsServiceConfig, `KAFKA_TOPIC_${'CASE' | 'PARTY' | 'AGENCY'}_EVENTS`>,
): string[] {
  return [config.KAFKA_TOPIC_CASE_EVENTS, config.KAFKA_TOPIC_PARTY_EVENTS, config.KAFKA_TOPIC_AGENCY_EVENTS];
}
