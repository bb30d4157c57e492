/**
 * party-service by itself, for integration tests that ask it about parties (does this party exist, may this caller
 * see it): on the test's own database, on a port the system picks, with no relay (no Kafka given).
 */
import { type AppProcess, startApp } from './app-process';
import { freePort } from './free-port';
import { appSpecs, serviceUrl } from './apps';
import type { LocalSecrets } from './local-secrets';

export interface PartyServiceAlone {
  app: AppProcess;
  baseUrl: string;
}

export async function startPartyServiceAlone(options: {
  databaseUrl: string;
  secrets: LocalSecrets;
  logDir: string;
}): Promise<PartyServiceAlone> {
  const port = await freePort();
  const env = {
    // party-service talks to neither Temporal nor the other services: their addresses are never dialled.
    temporalAddress: '127.0.0.1:1',
    databaseUrls: { party: options.databaseUrl, case: '', agency: '' },
    ports: { party: port, case: 0, agency: 0 },
    secrets: options.secrets,
    documentsDir: '',
    logLevel: 'warn',
  };
  const spec = appSpecs(env).find((s) => s.name === 'party-service');
  if (!spec) throw new Error('no party-service spec');
  return { app: await startApp(spec, options.logDir), baseUrl: serviceUrl(env, 'party') };
}
