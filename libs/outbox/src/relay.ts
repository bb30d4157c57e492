import type { Logger } from 'pino';
import { backoffDelay, type BackoffPolicy, createInterruptibleWait, DEFAULT_BACKOFF } from './backoff';
import type { EventPublisher } from './kafka';
import type { ClaimedEvent, OutboxStore } from './outbox-store';

export interface OutboxRelayOptions {
  store: OutboxStore;
  publisher: EventPublisher;
  logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
  /** Rows per claim-publish-mark transaction. */
  batchSize?: number;
  /** How long to wait when the outbox is empty before looking again. */
  pollIntervalMs?: number;
  /**
   * How long after a write's notification the relay looks (default 25 ms). The write's request is still finishing
   * then — a person's click waits on the workflow task that committed it — and the events' fan-out (Kafka, every
   * consumer) would take the same cores from it; 25 ms later the click has its answer, and the events reach the
   * consumers 25 ms later than they could, batched with whatever else was written meanwhile.
   */
  notifiedDelayMs?: number;
  /** Waits after failures (Kafka or the database down). */
  backoff?: BackoffPolicy;
  /**
   * Test seam: runs after the events reached Kafka and before they are marked sent. Crash tests block here and kill
   * the process, to show that such rows are sent again (and consumers dedupe them).
   */
  afterPublish?: (events: readonly ClaimedEvent[]) => Promise<void>;
}

export interface OutboxRelay {
  /** Starts the loop in the background; returns at once. */
  start(): void;
  /** Finishes the batch in flight, stops, and closes the store and the publisher (the relay owns both). */
  stop(): Promise<void>;
  /** One pass until the outbox is empty (or a failure): for tools and tests that do not run the loop. */
  drain(): Promise<number>;
}

/**
 * Moves events from the outbox to Kafka: claims a batch (row locks, SKIP LOCKED), publishes it, marks it sent, and
 * repeats; waits when the outbox is empty (until the next poll, or until a write's notification wakes it) and backs off
 * while Kafka or the database fails. Several relays on one
 * database share the work without sending a row twice in the normal case; after a crash between publish and mark the
 * batch is sent again, which consumers absorb by deduplicating on the event id.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const batchSize = options.batchSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const notifiedDelayMs = options.notifiedDelayMs ?? 25;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const pause = createInterruptibleWait();
  let running: Promise<void> | undefined;
  let stopping = false;
  let unlisten: (() => Promise<void>) | undefined;
  /**
   * The one look that notifications have scheduled: a write notified while it is pending committed before it, so that
   * look's claim finds it too, and a burst of writes costs one pass rather than one each.
   */
  let notifiedLook: NodeJS.Timeout | undefined;

  const publishOnce = () =>
    options.store.publishBatch(batchSize, async (events) => {
      await options.publisher.publish(events);
      await options.afterPublish?.(events);
    });

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      try {
        const published = await publishOnce();
        if (failures > 0) options.logger.info({ afterFailures: failures }, 'outbox relay recovered');
        failures = 0;
        if (published > 0) options.logger.debug({ published }, 'outbox events published');
        // A full batch means more may be waiting: go again at once.
        if (published < batchSize) await pause.wait(pollIntervalMs);
      } catch (error) {
        failures += 1;
        const delayMs = backoffDelay(backoff, failures);
        options.logger.warn(
          { err: error instanceof Error ? { name: error.name, message: error.message } : String(error), delayMs },
          'outbox relay could not publish; retrying',
        );
        await pause.wait(delayMs);
      }
    }
  }

  return {
    start() {
      if (running) return;
      stopping = false;
      pause.reset();
      // A committed outbox write ends the wait at once; the poll interval only bounds how late a missed one is seen.
      unlisten = options.store.listen?.(() => {
        if (notifiedDelayMs === 0) pause.nudge();
        else
          notifiedLook ??= setTimeout(() => {
            notifiedLook = undefined;
            pause.nudge();
          }, notifiedDelayMs).unref();
      });
      running = loop();
      options.logger.info({ batchSize, pollIntervalMs }, 'outbox relay started');
    },

    async stop() {
      stopping = true;
      pause.interrupt();
      await unlisten?.();
      unlisten = undefined;
      clearTimeout(notifiedLook);
      notifiedLook = undefined;
      await running;
      running = undefined;
      await options.publisher.close().catch(() => undefined);
      await options.store.close().catch(() => undefined);
      options.logger.info('outbox relay stopped');
    },

    async drain() {
      let total = 0;
      for (;;) {
        const published = await publishOnce();
        total += published;
        if (published < batchSize) return total;
      }
    },
  };
}
