/**
 * The whole stack for the browser journeys: the services and the dispute worker on fresh databases (TownStack, as the
 * e2e tier starts them, with the demo town's agencies and staff), and the web console on its own database cloned
 * from the migrated template, serving the built app on the test profile's console port.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { type AppProcess, startApp, testStack } from '@gongzhi/testing';
import { serviceUrl } from '@gongzhi/testing/apps';
import { TownStack } from '../../e2e/support/town-stack';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CONSOLE_WEB_DIR = path.join(REPO_ROOT, 'services', 'console', 'dist', 'web');

/** Ports of the browser tier's services: apart from the e2e suites' 240xx. */
export const BROWSER_PORTS = { party: 24031, case: 24032, agency: 24033, statistics: 24034 } as const;

/** Where the console's requests to the services come from. */
const CONSOLE_OUTGOING_ADDRESS = '127.0.0.1';

export function consolePort(): number {
  return Number(process.env['GONGZHI_TEST_CONSOLE_PORT'] ?? 23000);
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testStack().postgresAdminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface ConsoleStack {
  town: TownStack;
  console: AppProcess;
  consoleUrl: string;
  serviceUrls: { party: string; case: string; agency: string; statistics: string };
  /** Stops the console process only (a restart test starts it again on the same database). */
  restartConsole(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Where a stack listens and which Temporal server it runs on: by default the browser tier's ports, the test profile's
 * console port and the test stack's dev server. A journey that starts a stack of its own beside that one (on a
 * time-skipping test server, say) names other ports.
 */
export interface ConsoleStackOptions {
  servicePorts?: { party: number; case: number; agency: number; statistics: number };
  consolePort?: number;
  temporalAddress?: string;
}

export async function startConsoleStack(options: ConsoleStackOptions = {}): Promise<ConsoleStack> {
  const town = new TownStack();
  // Whatever started before a failure stops with it: services left listening would hold the next run's ports.
  try {
    return await startOn(town, options);
  } catch (error) {
    await town.stop().catch(() => undefined);
    throw error;
  }
}

async function startOn(town: TownStack, options: ConsoleStackOptions): Promise<ConsoleStack> {
  // statistics-service first (naming it gives it its database); it only consumes the topics.
  await town.start(
    ['statistics-service'],
    { ...(options.servicePorts ?? BROWSER_PORTS) },
    options.temporalAddress === undefined ? {} : { temporalAddress: options.temporalAddress },
  );
  // As `npm start` wires it: agency-service believes the browser address the console forwards (the console dials it
  // from 127.0.0.1), so its login back-off counts each browser, not the console, as the client.
  town.env.trustedProxies = [CONSOLE_OUTGOING_ADDRESS];
  for (const name of ['agency-service', 'party-service', 'case-service', 'dispute-worker'] as const)
    await town.startApp(name);
  const database = `console_t_${randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${database}" TEMPLATE "console_template"`));
  const url = new URL(testStack().postgresAdminUrl);
  url.pathname = `/${database}`;
  const port = options.consolePort ?? consolePort();
  const serviceUrls = {
    party: serviceUrl(town.env, 'party'),
    case: serviceUrl(town.env, 'case'),
    agency: serviceUrl(town.env, 'agency'),
    statistics: serviceUrl(town.env, 'statistics'),
  };
  const spec = {
    name: 'console',
    entry: 'services/console/src/server/main.ts',
    env: {
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL: url.toString(),
      CONSOLE_SESSION_KEYS: `t1:${randomBytes(32).toString('base64')}`,
      CONSOLE_WEB_DIR,
      PARTY_SERVICE_URL: serviceUrls.party,
      CASE_SERVICE_URL: serviceUrls.case,
      AGENCY_SERVICE_URL: serviceUrls.agency,
      STATISTICS_SERVICE_URL: serviceUrls.statistics,
      // The diagnosis page links a case to its workflow in the test stack's Temporal Web UI.
      ...(process.env['GONGZHI_TEST_TEMPORAL_UI_URL']
        ? {
            TEMPORAL_UI_URL: process.env['GONGZHI_TEST_TEMPORAL_UI_URL'],
            TEMPORAL_NAMESPACE: process.env['GONGZHI_TEST_TEMPORAL_NAMESPACE'] ?? 'default',
          }
        : {}),
    },
    readyUrl: `http://127.0.0.1:${port}/health/ready`,
  };
  const logDir = process.env['GONGZHI_TEST_LOG_DIR'] ?? path.join(REPO_ROOT, '.data', 'test', 'logs');
  const dropDatabase = () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  let consoleApp: Awaited<ReturnType<typeof startApp>>;
  try {
    consoleApp = await startApp(spec, logDir);
  } catch (error) {
    await dropDatabase().catch(() => undefined);
    throw error;
  }
  return {
    town,
    get console() {
      return consoleApp;
    },
    consoleUrl: `http://127.0.0.1:${port}`,
    serviceUrls,
    async restartConsole() {
      await consoleApp.stop();
      consoleApp = await startApp(spec, logDir);
    },
    async stop() {
      await consoleApp.stop();
      await town.stop();
      await dropDatabase();
    },
  };
}
