/**
 * The project's own processes (three services and the dispute worker) and the environment each one needs.
 * `npm start` runs them against the dev stack; end-to-end tests run them against the test stack.
 */
import type { AppSpec } from './app-process';

export type ServiceName = 'party' | 'case' | 'agency';

export interface AppEnvironment {
  temporalAddress: string;
  /** One database URL per service: each service sees only its own database. */
  databaseUrls: Record<ServiceName, string>;
  ports: Record<ServiceName, number>;
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
    env: { ...common, PORT: String(env.ports[name]), DATABASE_URL: env.databaseUrls[name], ...extra },
    readyUrl: `${serviceUrl(env, name)}/health/ready`,
  });
  return [
    service('agency'),
    service('party'),
    service('case', { TEMPORAL_ADDRESS: env.temporalAddress }),
    {
      name: 'dispute-worker',
      entry: 'workflows/worker/src/main.ts',
      env: { ...common, TEMPORAL_ADDRESS: env.temporalAddress },
      readyLine: /dispute worker polling/,
    },
  ];
}
