/**
 * The project's own processes (the services and the dispute worker) and the environment each one needs.
 * `npm start` runs them against the dev stack; end-to-end tests run them against the test stack.
 */
import type { AppSpec } from './app-process';
import type { LocalSecrets } from './local-secrets';

export type ServiceName = 'party' | 'case' | 'agency' | 'statistics';
/** The services every environment names; statistics-service runs only where Kafka and its database are given. */
export type CoreServiceName = Exclude<ServiceName, 'statistics'>;

export interface AppEnvironment {
  temporalAddress: string;
  /** One database URL per service: each service sees only its own database. */
  databaseUrls: Record<CoreServiceName, string> & { statistics?: string };
  ports: Record<CoreServiceName, number> & { statistics?: number };
  /**
   * Kafka's bootstrap brokers. Given: the services' outbox relays publish their events, and statistics-service (with a
   * database and a port) consumes them. Left out: the relays are off and events wait in the outboxes.
   */
  kafkaBrokers?: string[];
  secrets: LocalSecrets;
  /** Where case-service keeps document bytes (a local stand-in for an object store). */
  documentsDir: string;
  logLevel?: string;
  /** The dispute workflows' task queue (case-service and the worker alike); the default one where left out. */
  taskQueue?: string;
  /**
   * agency-service's TRUSTED_PROXIES: where the web console runs in front of it, the console's address, so that the
   * login back-off counts the browser's address the console forwards, not the console's own for everyone.
   */
  trustedProxies?: string[];
}

export function serviceUrl(env: AppEnvironment, service: ServiceName): string {
  const port = env.ports[service];
  if (port === undefined) throw new Error(`no port for ${service}-service in this environment`);
  return `http://127.0.0.1:${port}`;
}

export function appSpecs(env: AppEnvironment): AppSpec[] {
  const common = { LOG_LEVEL: env.logLevel ?? 'info' };
  const events: Record<string, string> = env.kafkaBrokers
    ? { KAFKA_BROKERS: env.kafkaBrokers.join(','), OUTBOX_RELAY: 'on' }
    : { OUTBOX_RELAY: 'off' };
  const service = (name: ServiceName, extra: Record<string, string> = {}): AppSpec => ({
    name: `${name}-service`,
    entry: `services/${name}-service/src/main.ts`,
    env: {
      ...common,
      AUTH_PUBLIC_KEY_FILE: env.secrets.authPublicKeyFile,
      // Every service accepts the dispute worker's own tokens (role workflow-engine only).
      WORKFLOW_ENGINE_PUBLIC_KEY_FILE: env.secrets.workerPublicKeyFile,
      PORT: String(env.ports[name]),
      DATABASE_URL: env.databaseUrls[name] ?? '',
      ...events,
      ...(name === 'statistics' ? {} : { AUDIT_CHAIN_KEY_FILE: env.secrets.auditChainKeyFiles[name] }),
      ...extra,
    },
    readyUrl: `${serviceUrl(env, name)}/health/ready`,
  });
  return [
    service('agency', {
      AUTH_PRIVATE_KEY_FILE: env.secrets.authPrivateKeyFile,
      ...(env.trustedProxies?.length ? { TRUSTED_PROXIES: env.trustedProxies.join(',') } : {}),
    }),
    // Consumes the topics: only where there is Kafka to read and a statistics database to write.
    ...(env.kafkaBrokers && env.databaseUrls.statistics && env.ports.statistics !== undefined
      ? [service('statistics', { STATISTICS_CONSUMER: 'on' })]
      : []),
    service('party', {
      PARTY_ENCRYPTION_KEYS: env.secrets.partyEncryptionKeys,
      PARTY_ENCRYPTION_ACTIVE_KEY_ID: env.secrets.partyEncryptionActiveKeyId,
      PARTY_BLIND_INDEX_KEY: env.secrets.partyBlindIndexKey,
      // An agency to involve with a party is checked with agency-service, with the caller's own token.
      AGENCY_SERVICE_URL: serviceUrl(env, 'agency'),
      // Where there is Kafka, case.events' `parties-shared` lets the agencies that accept or join a case read its
      // parties; without it nothing is consumed (and nothing published to consume).
      PARTY_CONSUMER: env.kafkaBrokers ? 'on' : 'off',
    }),
    service('case', {
      TEMPORAL_ADDRESS: env.temporalAddress,
      ...(env.taskQueue ? { TEMPORAL_TASK_QUEUE: env.taskQueue } : {}),
      CASE_DOCUMENTS_DIR: env.documentsDir,
      // Who may be handed a task is asked of agency-service's staff accounts, with the caller's own token.
      AGENCY_SERVICE_URL: serviceUrl(env, 'agency'),
      // Whether a party named in a case exists and the caller may see it is asked of party-service, likewise.
      PARTY_SERVICE_URL: serviceUrl(env, 'party'),
      // Where there is Kafka, party.events' `risk-flag-set` reaches the workflows of the party's open cases.
      CASE_CONSUMER: env.kafkaBrokers ? 'on' : 'off',
    }),
    {
      name: 'dispute-worker',
      entry: 'workflows/worker/src/main.ts',
      env: {
        ...common,
        TEMPORAL_ADDRESS: env.temporalAddress,
        ...(env.taskQueue ? { TEMPORAL_TASK_QUEUE: env.taskQueue } : {}),
        WORKER_PRIVATE_KEY_FILE: env.secrets.workerPrivateKeyFile,
        CASE_SERVICE_URL: serviceUrl(env, 'case'),
        AGENCY_SERVICE_URL: serviceUrl(env, 'agency'),
      },
      readyLine: /dispute worker polling/,
    },
  ];
}
