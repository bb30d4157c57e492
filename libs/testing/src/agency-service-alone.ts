/**
 * agency-service by itself, for integration tests that ask it one thing (its calendar, its staff accounts, its
 * agencies and policy): on the test's own database, on a port the system picks, with no relay (no Kafka given).
 */
import { freePort } from './free-port';
import { type AppProcess, startApp } from './app-process';
import { appSpecs, serviceUrl } from './apps';
import type { LocalSecrets } from './local-secrets';

export interface AgencyServiceAlone {
  app: AppProcess;
  baseUrl: string;
}

export async function startAgencyServiceAlone(options: {
  databaseUrl: string;
  secrets: LocalSecrets;
  logDir: string;
}): Promise<AgencyServiceAlone> {
  const port = await freePort();
  const env = {
    // agency-service talks to neither Temporal nor the other services: their addresses are never dialled.
    temporalAddress: '127.0.0.1:1',
    databaseUrls: { party: '', case: '', agency: options.databaseUrl },
    ports: { party: 0, case: 0, agency: port },
    secrets: options.secrets,
    documentsDir: '',
    logLevel: 'warn',
  };
  const spec = appSpecs(env).find((s) => s.name === 'agency-service');
  if (!spec) throw new Error('no agency-service spec');
  return { app: await startApp(spec, options.logDir), baseUrl: serviceUrl(env, 'agency') };
}
