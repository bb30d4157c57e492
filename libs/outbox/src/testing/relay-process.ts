/**
 * A relay on its own, as a process, for crash tests: `OUTBOX_TEST_HANG_AFTER_PUBLISH=1` makes it stop between
 * publishing a batch and marking it sent (it prints `published to kafka` and waits), so a test can kill it there.
 */
import { createLogger } from '@gongzhi/http';
import { startServiceRelay } from '../runtime';

const hang = process.env['OUTBOX_TEST_HANG_AFTER_PUBLISH'] === '1';
const relay = startServiceRelay({
  service: 'outbox-test-relay',
  databaseUrl: process.env['DATABASE_URL'] ?? '',
  brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
  logger: createLogger('outbox-test-relay', 'info'),
  pollIntervalMs: 50,
  ...(hang
    ? {
        afterPublish: async (events) => {
          console.log(`published to kafka: ${events.length} events; not marking them sent`);
          await new Promise<never>(() => undefined);
        },
      }
    : {}),
});

process.once('SIGTERM', () => {
  void relay.stop().then(() => process.exit(0));
});
