import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { PrismaClient } from '../generated/prisma/client';
import { createProjectionConsumer, PROJECTION_CONSUMER } from '../projection/consumer';

export interface RebuildOptions {
  prisma: PrismaClient;
  kafka: Kafka;
  /** The live consumer group: the rebuild reads with it, so the service resumes where the rebuild ended. */
  groupId: string;
  topics: readonly string[];
  deadLetterTopic: string;
  logger: Logger;
  /** Gives up when the topics are not read to their end by then. */
  timeoutMs?: number;
}

export interface RebuildResult {
  /** Messages read (applied, skipped or dead-lettered). */
  messages: number;
  /** Events in the projection afterwards. */
  eventsApplied: number;
  ms: number;
}

/** The projection's tables, emptied in one statement before replaying. */
const PROJECTION_TABLES = [
  'processed_events',
  'projection_counters',
  'deadline_misses',
  'level_visits',
  'cases',
  'agencies',
];

export class ConsumerGroupActiveError extends Error {
  constructor(groupId: string, members: number) {
    super(
      `consumer group ${groupId} has ${members} active member(s): stop statistics-service (or run it with ` +
        'STATISTICS_CONSUMER=off) before rebuilding, so nothing writes the projection while it is replayed',
    );
    this.name = 'ConsumerGroupActiveError';
  }
}

/**
 * Rebuilds the projection from the beginning of the topics: empties it, moves the consumer group back to the earliest
 * offsets, and replays until every partition is read up to the end it had when the rebuild started. Requires the live
 * consumer to be stopped (checked); events published meanwhile are read too, or later by the service.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const started = Date.now();
  const admin = options.kafka.admin();
  await admin.connect();
  const targets = new Map<string, bigint>();
  try {
    const { groups } = await admin.describeGroups([options.groupId]);
    const members = groups[0]?.members.length ?? 0;
    if (members > 0) throw new ConsumerGroupActiveError(options.groupId, members);
    const existing = new Set(await admin.listTopics());
    for (const topic of options.topics.filter((t) => existing.has(t))) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(high) > BigInt(low)) targets.set(`${topic}:${partition}`, BigInt(high));
      }
    }
    await options.prisma.$executeRawUnsafe(`TRUNCATE ${PROJECTION_TABLES.join(', ')}`);
    for (const topic of options.topics.filter((t) => existing.has(t))) {
      await admin.resetOffsets({ groupId: options.groupId, topic, earliest: true });
    }
  } finally {
    await admin.disconnect();
  }
  options.logger.info({ partitions: targets.size }, 'projection emptied; replaying the topics from the beginning');

  let messages = 0;
  const remaining = new Set(targets.keys());
  let caughtUp!: () => void;
  const done = new Promise<void>((resolve) => {
    caughtUp = resolve;
  });
  if (remaining.size === 0) caughtUp();
  const consumer = createProjectionConsumer({
    prisma: options.prisma,
    kafka: options.kafka,
    groupId: options.groupId,
    topics: options.topics,
    deadLetterTopic: options.deadLetterTopic,
    logger: options.logger,
    onProcessed: (message) => {
      messages += 1;
      const key = `${message.topic}:${message.partition}`;
      const target = targets.get(key);
      if (
        target !== undefined &&
        BigInt(message.offset) + 1n >= target &&
        remaining.delete(key) &&
        remaining.size === 0
      ) {
        caughtUp();
      }
    },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.start();
    await Promise.race([
      done,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the topics were not read to their end within ${options.timeoutMs ?? 600_000} ms`)),
          options.timeoutMs ?? 600_000,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await consumer.stop();
  }
  // The counter rose event by event during the replay; set it from the table once at the end (one count, at rebuild
  // time only), so it is exact from here on whatever happened while replaying.
  const [counted] = await options.prisma.$queryRaw<{ eventsApplied: bigint }[]>`
    INSERT INTO projection_counters (consumer, events_applied)
    SELECT ${PROJECTION_CONSUMER}, count(*) FROM processed_events WHERE consumer = ${PROJECTION_CONSUMER}
    ON CONFLICT (consumer) DO UPDATE SET events_applied = EXCLUDED.events_applied
    RETURNING events_applied AS "eventsApplied"`;
  return { messages, eventsApplied: Number(counted?.eventsApplied ?? 0n), ms: Date.now() - started };
}
