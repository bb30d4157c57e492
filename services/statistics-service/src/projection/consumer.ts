import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import {
  createIdempotentConsumer,
  type IdempotentConsumer,
  type IdempotentConsumerOptions,
  recordProcessedEvent,
} from '@gongzhi/outbox';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { applyEvent, PROJECTED_EVENT_TYPES } from './projection';

/** The name processed events are recorded under. */
export const PROJECTION_CONSUMER = 'statistics-projection';

export interface ProjectionConsumerOptions {
  prisma: PrismaClient;
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  deadLetterTopic: string;
  logger: Logger;
  onProcessed?: IdempotentConsumerOptions<Prisma.TransactionClient>['onProcessed'];
}

/**
 * Raises the consumer's count of applied events by one. Called only in the transaction that recorded the event in
 * processed_events for the first time (the handler never runs for a duplicate), so the count stays equal to the
 * consumer's rows there, and the figures read it instead of counting that table.
 */
export async function countAppliedEvent(tx: Prisma.TransactionClient, consumer: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO projection_counters (consumer, events_applied) VALUES (${consumer}, 1)
    ON CONFLICT (consumer) DO UPDATE SET events_applied = projection_counters.events_applied + 1`;
}

/** Feeds the projection from the topics: each event once, in its transaction, poison to the dead-letter topic. */
export function createProjectionConsumer(options: ProjectionConsumerOptions): IdempotentConsumer {
  return createIdempotentConsumer<Prisma.TransactionClient>({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: options.topics,
    deadLetterTopic: options.deadLetterTopic,
    consumer: PROJECTION_CONSUMER,
    fromBeginning: true,
    transaction: (work) => options.prisma.$transaction(work),
    recordProcessed: (tx, event) => recordProcessedEvent(tx, PROJECTION_CONSUMER, event),
    handle: async (event, tx) => {
      await applyEvent(tx, event);
      // Last in the transaction: every event locks this one row, so it is held only from here to the commit; and an
      // event the handler refuses rolls back with its processed_events row, uncounted.
      await countAppliedEvent(tx, PROJECTION_CONSUMER);
    },
    handles: (type) => PROJECTED_EVENT_TYPES.has(type),
    logger: options.logger.child({ component: 'projection-consumer' }),
    ...(options.onProcessed ? { onProcessed: options.onProcessed } : {}),
  });
}
