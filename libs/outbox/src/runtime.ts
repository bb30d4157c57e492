import { Kafka, logLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';
import { createKafkaPublisher } from './kafka';
import { createPgOutboxStore } from './outbox-store';
import { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './relay';

/** kafkajs' own log lines, through the service's logger (warnings and errors only: its info lines are chatter). */
function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, ...extra } = log;
      if (level === logLevel.ERROR) logger.error({ kafka: extra }, message);
      else if (level === logLevel.WARN) logger.warn({ kafka: extra }, message);
    };
}

/** A kafkajs client for one process. */
export function createKafkaClient(options: { brokers: string[]; clientId: string; logger: Logger }): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(options.logger),
    // Fail a send within seconds when the broker is down; the relay's own backoff takes over from there.
    retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 5_000 },
  });
}

export interface ServiceRelayOptions extends Pick<OutboxRelayOptions, 'batchSize' | 'pollIntervalMs' | 'afterPublish'> {
  databaseUrl: string;
  brokers: string[];
  /** The service's name: the Kafka client id and the log's subject. */
  service: string;
  logger: Logger;
}

/** The relay as a service process runs it: its own small pool on the service's database, its own producer. */
export function startServiceRelay(options: ServiceRelayOptions): OutboxRelay {
  const logger = options.logger.child({ component: 'outbox-relay' });
  const relay = createOutboxRelay({
    store: createPgOutboxStore({ connectionString: options.databaseUrl }),
    publisher: createKafkaPublisher(createKafkaClient({ brokers: options.brokers, clientId: options.service, logger })),
    logger,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.afterPublish ? { afterPublish: options.afterPublish } : {}),
  });
  relay.start();
  return relay;
}

/** The settings `outboxRelaySettings()` in libs/config gives every publishing service, plus its database. */
export interface RelayConfig {
  OUTBOX_RELAY: 'on' | 'off';
  DATABASE_URL: string;
  KAFKA_BROKERS: string[];
  OUTBOX_RELAY_BATCH_SIZE: number;
  OUTBOX_RELAY_POLL_MS: number;
}

/**
 * The relay a service's main starts from its configuration, or none with OUTBOX_RELAY=off: events are written with
 * every change either way, and wait in the outbox for a relay that runs.
 */
export function startConfiguredRelay(service: string, config: RelayConfig, logger: Logger): OutboxRelay | undefined {
  if (config.OUTBOX_RELAY !== 'on') return undefined;
  return startServiceRelay({
    service,
    databaseUrl: config.DATABASE_URL,
    brokers: config.KAFKA_BROKERS,
    batchSize: config.OUTBOX_RELAY_BATCH_SIZE,
    pollIntervalMs: config.OUTBOX_RELAY_POLL_MS,
    logger,
  });
}
