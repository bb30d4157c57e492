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
    handle: (event, tx) => applyEvent(tx, event),
    handles: (type) => PROJECTED_EVENT_TYPES.has(type),
    logger: options.logger.child({ component: 'projection-consumer' }),
    ...(options.onProcessed ? { onProcessed: options.onProcessed } : {}),
  });
}
