import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { backoffDelay, type BackoffPolicy, createInterruptibleWait, DEFAULT_BACKOFF } from './backoff';
import type { IdempotentConsumer } from './consumer';
import { ensureTopics } from './kafka';

/**
 * Runs `start` until it succeeds, in the background: Kafka being down when a service starts must not keep it from
 * answering its API (the events wait on the topic meanwhile, as events wait in an outbox). `what` names the consumer
 * in the log. `stop` ends the attempts; it resolves once no attempt is running.
 */
export function keepStarting(
  what: string,
  start: () => Promise<void>,
  logger: Pick<Logger, 'warn'>,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): { done: Promise<void>; stop(): Promise<void> } {
  const pause = createInterruptibleWait();
  let stopping = false;
  const done = (async () => {
    for (let failures = 1; !stopping; failures += 1) {
      try {
        await start();
        return;
      } catch (error) {
        if (stopping) return;
        const delayMs = backoffDelay(policy, failures);
        logger.warn(
          { err: error instanceof Error ? error.message : String(error), delayMs },
          `${what} not started; trying again`,
        );
        await pause.wait(delayMs);
      }
    }
  })();
  return {
    done,
    async stop() {
      stopping = true;
      pause.interrupt();
      await done;
    },
  };
}

/**
 * A service's consumer, started in the background with {@link keepStarting}: its topics and dead-letter topic exist
 * before it subscribes (so a consumer that starts first does not miss their beginning), then it consumes. `stop` ends
 * the attempts, then the consumer: what it is applying finishes, or is left uncommitted for the restart.
 */
export function startConsumerInBackground(spec: {
  /** Names it in the log, e.g. "party events consumer". */
  what: string;
  kafka: Kafka;
  consumer: IdempotentConsumer;
  topics: readonly string[];
  deadLetterTopic: string;
  groupId: string;
  logger: Pick<Logger, 'warn' | 'info'>;
}): { stop(): Promise<void> } {
  const { what, kafka, consumer, topics, deadLetterTopic, groupId, logger } = spec;
  const starting = keepStarting(
    what,
    async () => {
      await ensureTopics(kafka, [...topics, deadLetterTopic]);
      await consumer.start();
      logger.info({ topics, group: groupId }, `${what} consuming`);
    },
    logger,
  );
  return {
    async stop() {
      await starting.stop();
      await consumer.stop();
    },
  };
}
