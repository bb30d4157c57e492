/**
 * The project's own processes (three services and the dispute worker) and the environment each one needs.
 * `npm start` runs them against the dev stack; end-to-end tests run them against the test stack.
 */
import type { AppSpec } from './app-process';
import type { LocalSecrets } from './local-secrets';

export type ServiceName = 'party' | 'case' | 'agency';

export interface AppEnvironment {
  temporalAddress: string;
  /** One database URL per service: each service sees only its own database. */
  databaseUrls: Record<ServiceName, string>;
  ports: Record<ServiceName, number>;
  secrets: LocalSecrets;
  /** Where case-service keeps document bytes (a local stand-in for an object store). */
  documentsDir: string;
  logLevel?: string;
}

export function serviceUrl(env: AppEnvironment, service: ServiceName): string {
  return `http://127.0.0.1:${env.ports[service]}`;
}

export function appSpecs(env: AppEnvironment): AppSpec[] {
  const common = { LOG_LEVEL: env.logLevel ?? 'info' };
  const service = (name: ServiceName, extra: Record<string, string> = {}): AppSpec => ({
    name: `${name}-service`,
    entry: `services/${name}-service/src/main.ts`,
    env: {
      ...common,
      AUTH_PUBLIC_KEY_FILE: env.secrets.authPublicKeyFile,
      // Every service accepts the dispute worker's own tokens (role workflow-engine only).
      WORKFLOW_ENGINE_PUBLIC_KEY_FILE: env.secrets.workerPublicKeyFile,
      PORT: String(env.ports[name]),
      DATABASE_URL: env.databaseUrls[name],
      ...extra,
    },
    readyUrl: `${serviceUrl(env, name)}/health/ready`,
  });
  return [
    service('agency', { AUTH_PRIVATE_KEY_FILE: env.secrets.authPrivateKeyFile }),
    service('party', {
      PARTY_ENCRYPTION_KEYS: env.secrets.partyEncryptionKeys,
      PARTY_ENCRYPTION_ACTIVE_KEY_ID: env.secrets.partyEncryptionActiveKeyId,
      PARTY_BLIND_INDEX_KEY: env.secrets.partyBlindIndexKey,
    }),
    service('case', {
      TEMPORAL_ADDRESS: env.temporalAddress,
      CASE_DOCUMENTS_DIR: env.documentsDir,
      // Who may be handed a task is asked of agency-service's staff accounts, with the caller's own token.
      AGENCY_SERVICE_URL: serviceUrl(env, 'agency'),
    }),
    {
      name: 'dispute-worker',
      entry: 'workflows/worker/src/main.ts',
      env: {
        ...common,
        TEMPORAL_ADDRESS: env.temporalAddress,
        WORKER_PRIVATE_KEY_FILE: env.secrets.workerPrivateKeyFile,
        CASE_SERVICE_URL: serviceUrl(env, 'case'),
        AGENCY_SERVICE_URL: serviceUrl(env, 'agency'),
      },
      readyLine: /dispute worker polling/,
    },
  ];
}
