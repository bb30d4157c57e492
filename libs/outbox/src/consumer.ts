import type { IHeaders, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DEAD_LETTER_HEADERS, type DomainEvent, type DomainEventType, parseDomainEvent } from '@gongzhi/contracts';
import { isDatabaseOutage, isTransactionConflict } from '@gongzhi/errors';
import { backoffDelay, type BackoffPolicy, createInterruptibleWait, DEFAULT_BACKOFF } from './backoff';
import { PROCESSED_EVENTS_TABLE, type SqlTransaction } from './sql';

/** A Kafka record as the consumer sees it. */
export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

/** A message moved to the dead-letter topic: the original key, value and headers, plus why. */
export interface DeadLetter {
  topic: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

export type MessageOutcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';

export interface MessageProcessorOptions<Tx> {
  /** Name under which processed events are recorded (one consumer's dedupe is not another's). */
  consumer: string;
  deadLetterTopic: string;
  /** Runs `work` in one database transaction: the processed-event record and the effect commit together. */
  transaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  /** Records the event as processed in `tx`; false when it already was (a duplicate delivery). */
  recordProcessed: (tx: Tx, event: DomainEvent) => Promise<boolean>;
  /** The effect of one event. Throws to refuse it: a transient error is retried, any other dead-letters it. */
  handle: (event: DomainEvent, tx: Tx) => Promise<void>;
  /** The event types this consumer applies; others are skipped (a new type from a newer producer is not poison). */
  handles: (type: DomainEventType) => boolean;
  /** Failures worth retrying (the database down): the message is retried, never dead-lettered. */
  isTransient?: (error: unknown) => boolean;
  sendDeadLetter: (letter: DeadLetter) => Promise<void>;
  logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
  now?: () => Date;
}

/** Infrastructure failures: the database down or cut off, Kafka unreachable, timeouts, serialization failures. */
export function isTransientError(error: unknown): boolean {
  if (isDatabaseOutage(error) || isTransactionConflict(error)) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'KafkaJSConnectionError' || (typeof message === 'string' && /timed out/i.test(message));
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1_000);
}

/**
 * The consumer's decision for one message, without Kafka: decode and validate, skip what it does not handle, apply
 * once (the processed-event record commits with the effect), dead-letter what can never be applied. Transient
 * failures throw, and the caller retries the same message.
 */
export function createMessageProcessor<Tx>(options: MessageProcessorOptions<Tx>) {
  const isTransient = options.isTransient ?? isTransientError;
  const now = options.now ?? (() => new Date());

  async function deadLetter(message: RawMessage, reason: string, error: string): Promise<MessageOutcome> {
    await options.sendDeadLetter({
      topic: options.deadLetterTopic,
      key: message.key,
      value: message.value,
      headers: {
        ...message.headers,
        [DEAD_LETTER_HEADERS.reason]: reason,
        [DEAD_LETTER_HEADERS.error]: error,
        [DEAD_LETTER_HEADERS.consumer]: options.consumer,
        [DEAD_LETTER_HEADERS.topic]: message.topic,
        [DEAD_LETTER_HEADERS.partition]: String(message.partition),
        [DEAD_LETTER_HEADERS.offset]: message.offset,
        [DEAD_LETTER_HEADERS.at]: now().toISOString(),
      },
    });
    // Where and why only: the value may be anything, so it is not logged.
    options.logger.warn(
      { topic: message.topic, partition: message.partition, offset: message.offset, reason },
      'message dead-lettered',
    );
    return 'dead-lettered';
  }

  return async function processMessage(message: RawMessage): Promise<MessageOutcome> {
    let decoded: unknown;
    try {
      decoded = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      return deadLetter(message, 'invalid-envelope', 'the value is not JSON');
    }
    const parsed = parseDomainEvent(decoded);
    if (!parsed.ok) {
      if (parsed.reason === 'unknown-type') {
        options.logger.debug({ topic: message.topic, offset: message.offset }, 'event of an unknown type skipped');
        return 'ignored';
      }
      return deadLetter(message, parsed.reason, parsed.message);
    }
    const event = parsed.event;
    if (!options.handles(event.type)) return 'ignored';
    try {
      return await options.transaction(async (tx) => {
        if (!(await options.recordProcessed(tx, event))) return 'duplicate' as const;
        await options.handle(event, tx);
        return 'applied' as const;
      });
    } catch (error) {
      if (isTransient(error)) throw error;
      return deadLetter(message, 'handler-failed', errorText(error));
    }
  };
}

/** Records an event as processed by `consumer` in the caller's transaction; false when it already was. */
export async function recordProcessedEvent(tx: SqlTransaction, consumer: string, event: DomainEvent): Promise<boolean> {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO ${PROCESSED_EVENTS_TABLE} (consumer, event_source, event_id, event_type)
     VALUES ($1, $2, $3::uuid, $4) ON CONFLICT DO NOTHING`,
    consumer,
    event.source,
    event.id,
    event.type,
  );
  return inserted === 1;
}

export interface IdempotentConsumerOptions<Tx> extends Omit<MessageProcessorOptions<Tx>, 'sendDeadLetter'> {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  /** Where a new consumer group starts: the beginning of the topics (the projection is built from all history). */
  fromBeginning?: boolean;
  retry?: BackoffPolicy;
  /** Called after each message is done with (applied, skipped or dead-lettered), e.g. to track catching up. */
  onProcessed?: (message: RawMessage, outcome: MessageOutcome) => void;
}

export interface IdempotentConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** How long a consumer's session outlives its last heartbeat, and how often it heartbeats. */
const CONSUMER_SESSION_MS = 10_000;
const CONSUMER_HEARTBEAT_MS = 3_000;

/**
 * A Kafka consumer that applies each event once and never stalls on a bad one. Offsets are committed after a message
 * is done with; a redelivery after a crash is recognised by its processed-event record. Transient failures are
 * retried with backoff on the same message (order is kept); anything else goes to the dead-letter topic.
 */
export function createIdempotentConsumer<Tx>(options: IdempotentConsumerOptions<Tx>): IdempotentConsumer {
  const consumer = options.kafka.consumer({
    groupId: options.groupId,
    allowAutoTopicCreation: true,
    // A member that died (kill -9, a lost machine) holds its partitions until its session times out: a restarted
    // service's consumer waits that long to join. 10 s instead of kafkajs's 30, heartbeating every 3 s.
    sessionTimeout: CONSUMER_SESSION_MS,
    heartbeatInterval: CONSUMER_HEARTBEAT_MS,
  });
  const producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const retry = options.retry ?? DEFAULT_BACKOFF;
  const pause = createInterruptibleWait();
  let stopping = false;
  const processMessage = createMessageProcessor({
    ...options,
    sendDeadLetter: async (letter) => {
      await producer.send({
        topic: letter.topic,
        acks: -1,
        messages: [{ key: letter.key, value: letter.value, headers: letter.headers }],
      });
    },
  });

  return {
    async start() {
      stopping = false;
      pause.reset();
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
      await consumer.run({
        eachMessage: async ({ topic, partition, message, heartbeat }) => {
          const raw: RawMessage = {
            topic,
            partition,
            offset: message.offset,
            key: message.key,
            value: message.value,
            headers: message.headers,
          };
          for (let failures = 1; ; failures++) {
            try {
              const outcome = await processMessage(raw);
              options.onProcessed?.(raw, outcome);
              return;
            } catch (error) {
              // Stopping: leave the offset uncommitted, so the message is processed after the restart.
              if (stopping) throw error;
              const delayMs = backoffDelay(retry, failures);
              options.logger.warn(
                { topic, partition, offset: message.offset, err: errorText(error), delayMs },
                'event not applied (transient failure); retrying',
              );
              // Heartbeating while it waits: a backoff longer than the session must not cost the group its member.
              for (let waited = 0; waited < delayMs && !stopping; waited += CONSUMER_HEARTBEAT_MS) {
                await pause.wait(Math.min(CONSUMER_HEARTBEAT_MS, delayMs - waited));
                await heartbeat();
              }
            }
          }
        },
      });
    },

    async stop() {
      stopping = true;
      pause.interrupt();
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
