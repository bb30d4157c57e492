import type { Logger } from 'pino';
import { backoffDelay, type BackoffPolicy, createInterruptibleWait, DEFAULT_BACKOFF } from './backoff';

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
