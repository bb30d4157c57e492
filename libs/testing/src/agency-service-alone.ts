/**
 * agency-service by itself, for integration tests that ask it one thing (its calendar, its staff accounts, its
 * agencies and policy): on the test's own database, on a port the system picks, with no relay (no Kafka given).
 */
import { createServer } from 'node:net';
import { type AppProcess, startApp } from './app-process';
import { appSpecs, serviceUrl } from './apps';
import type { LocalSecrets } from './local-secrets';

/** A TCP port free on loopback right now, chosen by the system. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

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
