import { type Kafka, type Message, type Producer } from 'kafkajs';
import { CLOUDEVENTS_JSON_CONTENT_TYPE } from '@gongzhi/contracts';
import type { ClaimedEvent } from './outbox-store';

export interface EventPublisher {
  /** Sends the events in order and resolves once every in-sync replica has them (acks = all). */
  publish(events: readonly ClaimedEvent[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * A kafkajs idempotent producer: retries never duplicate or reorder a message within a partition
 * (maxInFlightRequests 1), and `acks: -1` waits for all in-sync replicas, so a published row is durable before the
 * relay marks it sent.
 */
export function createKafkaPublisher(kafka: Kafka): EventPublisher {
  let producer: Producer | undefined;
  let connecting: Promise<Producer> | undefined;

  const connected = (): Promise<Producer> => {
    connecting ??= (async () => {
      const created = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
      try {
        await created.connect();
      } catch (error) {
        connecting = undefined;
        await created.disconnect().catch(() => undefined);
        throw error;
      }
      producer = created;
      return created;
    })();
    return connecting;
  };

  return {
    async publish(events) {
      if (events.length === 0) return;
      const byTopic = new Map<string, Message[]>();
      for (const event of events) {
        const messages = byTopic.get(event.topic) ?? [];
        messages.push({
          key: event.key,
          value: event.value,
          headers: { 'content-type': CLOUDEVENTS_JSON_CONTENT_TYPE },
        });
        byTopic.set(event.topic, messages);
      }
      const client = await connected();
      await client.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    },
    async close() {
      const current = producer;
      producer = undefined;
      connecting = undefined;
      await current?.disconnect();
    },
  };
}

/** Creates the topics that do not exist yet (the broker's defaults otherwise: partitions and replication). */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly string[],
  options: { numPartitions?: number; replicationFactor?: number } = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: options.numPartitions ?? 3,
        replicationFactor: options.replicationFactor ?? 1,
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
