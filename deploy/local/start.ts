/**
 * `npm start`: the whole stack on this machine. Provisions what is missing, starts PostgreSQL, Temporal (with its
 * Web UI) and Kafka, applies migrations, starts the services and the worker, seeds a demo town, and prints
 * where everything is. Ctrl-C stops what this command started; data stays in .data/ for the next start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type AppProcess, type AppSpec, startApp } from '@gongzhi/testing/app-process';
import { startReplicas } from '@gongzhi/testing/replicas';
import type { RoundRobinProxy } from '@gongzhi/testing/round-robin-proxy';
import { appSpecs, type AppEnvironment, type ServiceName, serviceUrl } from '@gongzhi/testing/apps';
import { COMPONENT_NAMES, infraStatus, startInfra, stopInfra } from './infra-lib';
import { consoleLogger as log, displayPath, formatDuration, InfraError } from './lib/log';
import { isPortFree } from './lib/net';
import { NPM_START, pidFile, writePidFile } from './lib/process';
import { loadProfile, portEnvName, type StackPorts } from './lib/profile';
import { buildConsoleWeb, consoleAppSpec, ensureConsoleSessionKeys } from './lib/console';
import { compileApps } from './lib/compile-apps';
import { serviceDatabaseUrls, stackAppEnvironment } from './lib/app-environment';
import {
  bundleWorkflows,
  generatePrismaClients,
  migrateConsoleDatabase,
  migrateDatabase,
  seedService,
  SERVICES,
} from './prepare';
import { seedDemoTown } from './seed';
import tryCommandsData from './cli/try-commands.json';

/** Where the console's requests to the services come from: it dials them on 127.0.0.1, so that is its address. */
const CONSOLE_OUTGOING_ADDRESS = '127.0.0.1';

const SERVICE_PORT_KEYS: Record<ServiceName, keyof StackPorts> = {
  party: 'partyService',
  case: 'caseService',
  agency: 'agencyService',
  statistics: 'statisticsService',
};

/** The largest --replicas: on two cores, four copies of each process already leave each a sliver of a core. */
const MAX_REPLICAS = 4;

/** `--replicas N`: how many copies of each service, the console and the worker to run (1, the default, to 4). */
function replicasOf(argv: readonly string[]): number {
  const at = argv.indexOf('--replicas');
  if (at === -1) return 1;
  const count = Number(argv[at + 1]);
  if (!Number.isInteger(count) || count < 1 || count > MAX_REPLICAS) {
    throw new InfraError(
      `--replicas takes a whole number from 1 to ${MAX_REPLICAS} (got ${argv[at + 1] ?? 'nothing'})`,
    );
  }
  return count;
}

async function main(): Promise<void> {
  const began = Date.now();
  const replicas = replicasOf(process.argv.slice(2));
  const profile = loadProfile('dev');
  const runningBefore = new Set((await infraStatus(profile)).filter((s) => s.state === 'running').map((s) => s.name));
  const apps: AppProcess[] = [];
  const proxies: RoundRobinProxy[] = [];

  /**
   * One process, or with --replicas its copies: a service's on ports of their own behind a round-robin proxy on the
   * service's port (what everything else dials), the worker's side by side on the task queue.
   */
  const run = async (spec: AppSpec): Promise<AppProcess[]> => {
    if (replicas === 1) return [await startApp(spec, profile.logDir)];
    const started = await startReplicas(spec, replicas, profile.logDir);
    if (started.proxy) proxies.push(started.proxy);
    return started.replicas;
  };
  const logOf = (name: string) =>
    displayPath(`${profile.logDir}/${name}${replicas === 1 ? '' : `.{1..${replicas}}`}.log`);

  let stopping = false;
  const shutdown = async (code: number): Promise<never> => {
    if (stopping) {
      log.info('stop', 'second interrupt: quitting without waiting (run `npm stop` to stop the infrastructure)');
      process.exit(130);
    }
    stopping = true;
    log.info('stop', 'stopping the services and the worker…');
    fs.rmSync(pidFile(profile, NPM_START.name), { force: true });
    await Promise.all([...apps].reverse().map((app) => app.stop()));
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await stopInfra(profile, { log, only: COMPONENT_NAMES.filter((name) => !runningBefore.has(name)) });
    if (runningBefore.size > 0) {
      log.info('stop', `left running what was already up before this start: ${[...runningBefore].join(', ')}`);
    }
    log.info('stop', 'stopped; data kept in .data/ for the next start');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    for (const service of SERVICES) {
      const key = SERVICE_PORT_KEYS[service];
      if (!(await isPortFree(profile.ports[key]))) {
        throw new InfraError(
          `port ${profile.ports[key]} (${service}-service) is in use: is another \`npm start\` running? ` +
            `Stop it, or set ${portEnvName(key)} to a free port.`,
        );
      }
    }

    if (!(await isPortFree(profile.ports.console))) {
      throw new InfraError(
        `port ${profile.ports.console} (the web console) is in use: is another \`npm start\` running? ` +
          `Stop it, or set ${portEnvName('console')} to a free port.`,
      );
    }

    // So that `npm stop` from another terminal stops this start too, not only the infrastructure under its services.
    writePidFile(profile, NPM_START.name, process.pid);
    const infra = await startInfra(profile, { log });
    await Promise.all([
      generatePrismaClients(profile, log),
      bundleWorkflows(profile, log),
      buildConsoleWeb(profile, log),
    ]);
    const databaseUrls = serviceDatabaseUrls(infra);
    for (const service of SERVICES) await migrateDatabase(profile, service, databaseUrls[service], log);
    const consoleDatabaseUrl = infra.postgres?.databases.find((db) => db.database === 'console')?.url;
    if (!consoleDatabaseUrl) throw new InfraError('no database for the console');
    await migrateConsoleDatabase(profile, consoleDatabaseUrl, log);

    const env: AppEnvironment = {
      ...stackAppEnvironment(profile, infra, databaseUrls),
      // The web console signs people in from 127.0.0.1 and forwards each browser's address: agency-service believes
      // that address from the console alone, so one person's failed logins never make everyone else wait.
      trustedProxies: [CONSOLE_OUTGOING_ADDRESS],
    };
    // Production mode: the services and the worker run compiled JavaScript, not TypeScript through a loader.
    const compiling = Date.now();
    const specs = await compileApps(appSpecs(env));
    log.info('build', `services and worker compiled to dist/apps/ in ${formatDuration(Date.now() - compiling)}`);
    // Agencies and staff first: the other services' demo data refers to them.
    for (const service of ['agency', 'party'] as const) {
      const spec = specs.find((s) => s.name === `${service}-service`);
      if (spec) await seedService(service, spec, log);
    }
    for (const spec of specs) {
      log.info(spec.name, `starting${replicas === 1 ? '' : ` ${replicas} replicas`}; log: ${logOf(spec.name)}`);
      for (const app of await run(spec)) {
        app.child.once('exit', (code, signal) => {
          if (!stopping)
            log.info(
              app.name,
              `exited unexpectedly (${signal ?? `code ${code}`}); see its log, then restart npm start`,
            );
        });
        apps.push(app);
      }
    }
    const demoCases = await seedDemoTown(serviceUrl(env, 'case'), env.secrets, log);

    // The web console, once the services it signs in to and calls are up.
    const [consoleSpec] = await compileApps([
      consoleAppSpec({
        port: profile.ports.console,
        databaseUrl: consoleDatabaseUrl,
        sessionKeys: ensureConsoleSessionKeys(path.join(profile.dataDir, 'keys')),
        serviceUrls: {
          party: serviceUrl(env, 'party'),
          case: serviceUrl(env, 'case'),
          agency: serviceUrl(env, 'agency'),
          statistics: serviceUrl(env, 'statistics'),
        },
        ...(infra.temporal ? { temporalUi: { url: infra.temporal.uiUrl, namespace: infra.temporal.namespace } } : {}),
      }),
    ]);
    if (!consoleSpec) throw new InfraError('the console did not compile');
    log.info('console', `starting${replicas === 1 ? '' : ` ${replicas} replicas`}; log: ${logOf('console')}`);
    for (const consoleApp of await run(consoleSpec)) {
      consoleApp.child.once('exit', (code, signal) => {
        if (!stopping) log.info(consoleApp.name, `exited unexpectedly (${signal ?? `code ${code}`}); see its log`);
      });
      apps.push(consoleApp);
    }
    const consoleUrl = `http://127.0.0.1:${profile.ports.console}`;

    const line = (label: string, value: string) => `  ${label.padEnd(22)} ${value}`;
    console.log(
      [
        '',
        `Gongzhi is running (ready in ${formatDuration(Date.now() - began)}). Press Ctrl-C to stop.`,
        ...(replicas === 1
          ? []
          : [
              `${replicas} replicas of each service, the console and the worker; the ports below are round-robin proxies.`,
            ]),
        '',
        line(
          'web console',
          `${consoleUrl}  (sign in as mediator.shangba, liaison.police, grid.shangba… / gongzhi-demo)`,
        ),
        '',
        ...SERVICES.flatMap((service) => [
          line(`${service}-service API`, `${serviceUrl(env, service)}/api/v1`),
          line(`${service}-service OpenAPI`, `${serviceUrl(env, service)}/openapi.json`),
        ]),
        line('Temporal Web UI', infra.temporal?.uiUrl ?? '-'),
        line('Temporal gRPC', `${infra.temporal?.address ?? '-'} (namespace ${infra.temporal?.namespace ?? '-'})`),
        line('Kafka bootstrap', infra.kafka?.brokers.join(',') ?? '-'),
        ...SERVICES.map((service) => line(`${service} database`, databaseUrls[service])),
        line('logs', `${displayPath(profile.logDir)}/`),
        line('data', `${displayPath(profile.dataDir)}/ (reset: npm stop, then delete it)`),
        '',
        ...tryCommands(serviceUrl(env, 'case'), demoCases[0] ?? '<id>').map(
          (command, i) => `${i === 0 ? 'Try: ' : '     '}${command}`,
        ),
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}

/** The banner's suggestions, filled in: every API call needs a signed-in staff member's token, hence `npm run token`. */
function tryCommands(caseServiceUrl: string, demoCaseId: string): string[] {
  return tryCommandsData.commands.map((command) =>
    command.replaceAll('{caseServiceUrl}', caseServiceUrl).replaceAll('{demoCaseId}', demoCaseId),
  );
}

void main();
