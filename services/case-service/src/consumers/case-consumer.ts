/**
 * What every case-service consumer of another service's topic shares: its own group and topics, the dead-letter topic,
 * reading from the beginning (a group that starts late still applies what happened before it ran), and each event
 * recorded in `processed_events` in the transaction of its effects, under the consumer's name.
 */
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import {
  type BackoffPolicy,
  createIdempotentConsumer,
  type IdempotentConsumer,
  type IdempotentConsumerOptions,
  type MessageProcessorOptions,
  recordProcessedEvent,
} from '@gongzhi/outbox';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

export interface CaseConsumerOptions {
  prisma: PrismaClient;
  kafka: Kafka;
  groupId: string;
  /** The producing service's topic. */
  topics: readonly string[];
  deadLetterTopic: string;
  logger: Logger;
  retry?: BackoffPolicy;
  onProcessed?: IdempotentConsumerOptions<Prisma.TransactionClient>['onProcessed'];
}

export type CaseConsumerHandling = Pick<
  MessageProcessorOptions<Prisma.TransactionClient>,
  'consumer' | 'handle' | 'handles' | 'isTransient'
>;

export function createCaseConsumer(
  options: CaseConsumerOptions,
  handling: CaseConsumerHandling,
  { logger, transactionTimeoutMs }: { logger: Logger; transactionTimeoutMs: number },
): IdempotentConsumer {
  return createIdempotentConsumer<Prisma.TransactionClient>({
    ...handling,
    kafka: options.kafka,
    groupId: options.groupId,
    topics: options.topics,
    deadLetterTopic: options.deadLetterTopic,
    fromBeginning: true,
    transaction: (work) => options.prisma.$transaction(work, { timeout: transactionTimeoutMs }),
    recordProcessed: (tx, event) => recordProcessedEvent(tx, handling.consumer, event),
    logger,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.onProcessed ? { onProcessed: options.onProcessed } : {}),
  });
}
