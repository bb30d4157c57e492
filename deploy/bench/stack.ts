/**
 * The bench profile's own stack: PostgreSQL, Temporal and Kafka on the bench ports (deploy/local/lib/profile.ts),
 * the services and the dispute worker started as `npm start` starts them, plus the baselines' worker. Every run
 * starts from empty data (.data/bench-stack/ is removed first), so two runs measure the same thing.
 */
import { readFileSync, rmSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { type AppProcess, type AppSpec, startApp } from '@gongzhi/testing/app-process';
import { startReplicas } from '@gongzhi/testing/replicas';
import type { RoundRobinProxy } from '@gongzhi/testing/round-robin-proxy';
import { appSpecs, type AppEnvironment, type ServiceName, serviceUrl } from '@gongzhi/testing/apps';
import { SERVICE_DATABASES, startInfra, stopInfra } from '../local/infra-lib';
import { compileApps } from '../local/lib/compile-apps';
import { serviceDatabaseUrls, stackAppEnvironment } from '../local/lib/app-environment';
import { pidFile } from '../local/lib/process';
import { displayPath, InfraError, type Logger } from '../local/lib/log';
import { isPortFree } from '../local/lib/net';
import { loadProfile, type StackProfile } from '../local/lib/profile';
import { bundleWorkflows, generatePrismaClients, migrateDatabase, seedService, SERVICES } from '../local/prepare';

export const BASELINE_TASK_QUEUE = 'gongzhi-bench-baseline';
export const DEMO_PASSWORD = 'gongzhi-demo';

/** The demo staff the scenarios act as (agency-service's demo seed). */
export const BENCH_STAFF = ['grid.shangba', 'mediator.shangba', 'coordinator'] as const;
export type BenchStaffName = (typeof BENCH_STAFF)[number];

export interface Staff {
  username: string;
  token: string;
  staffId: string;
  agencyId: string;
}

export interface StackOptions {
  /**
   * Raise the services' per-address and per-user rate limits (as the issue's read rows were measured) so the
   * figures show what the code can do; off, the services keep the limits `npm start` gives them.
   */
  raiseLimits: boolean;
  log: Logger;
}

/** Far above any rate two cores reach: the limiter still runs (its cost is measured) but never refuses. */
const RAISED_LIMIT_PER_MINUTE = '10000000';

export interface BenchStack {
  profile: StackProfile;
  env: AppEnvironment;
  apps: Map<string, AppProcess>;
  /** How each app of the stack was started (compiled), for a scenario that starts another instance of one. */
  specs: readonly AppSpec[];
  staff: Record<BenchStaffName, Staff>;
  /** Logs the staff in again: access tokens last 15 minutes, a full run longer. */
  refreshLogins(): Promise<void>;
  temporal: Client;
  /** Raw connections to the service databases, for the bench's own observations and the raw-pg baseline. */
  db: { case: Pool; statistics: Pool };
  url(service: ServiceName): string;
  /** The pid of the Temporal dev server, for its memory. */
  temporalPid(): number | undefined;
  /** Starts one more process of the bench (the bare-http baseline) and stops it with the stack. */
  startExtra(spec: AppSpec): Promise<AppProcess>;
  /**
   * Restarts the stack's own processes as `replicas` copies each (the services' behind round-robin proxies on their
   * ports, as `npm start -- --replicas` runs them), or as they were started. The baselines and extras stay up.
   */
  scaleTo(replicas: number | 'as-started'): Promise<void>;
  stop(options: { keepInfra: boolean }): Promise<void>;
}

const SERVICE_PORT_KEYS = {
  party: 'partyService',
  case: 'caseService',
  agency: 'agencyService',
  statistics: 'statisticsService',
} as const;

export async function startBenchStack(options: StackOptions): Promise<BenchStack> {
  const { log } = options;
  const profile = loadProfile('bench');
  for (const service of SERVICES) {
    const port = profile.ports[SERVICE_PORT_KEYS[service]];
    if (!(await isPortFree(port))) {
      throw new InfraError(`port ${port} (${service}-service of the bench stack) is in use: is another bench running?`);
    }
  }
  // Empty data every run: a previous run's cases would change every figure that depends on table sizes.
  await stopInfra(profile, { log });
  log.info('bench', `starting from empty data in ${displayPath(profile.dataDir)}`);
  rmSync(profile.dataDir, { recursive: true, force: true });

  const infra = await startInfra(profile, {
    log,
    databases: SERVICE_DATABASES.filter((d) => d.database !== 'console'),
  });
  await Promise.all([generatePrismaClients(profile, log), bundleWorkflows(profile, log)]);
  const databaseUrls = serviceDatabaseUrls(infra);
  for (const service of SERVICES) await migrateDatabase(profile, service, databaseUrls[service], log);

  const env = stackAppEnvironment(profile, infra, databaseUrls);
  const limits: Record<string, string> = options.raiseLimits
    ? { RATE_LIMIT_PER_IP_PER_MINUTE: RAISED_LIMIT_PER_MINUTE, RATE_LIMIT_PER_USER_PER_MINUTE: RAISED_LIMIT_PER_MINUTE }
    : {};
  // Compiled JavaScript, as `npm start` runs them: a TypeScript loader would be measured too.
  const specs = (await compileApps(appSpecs(env))).map((spec) => ({ ...spec, env: { ...spec.env, ...limits } }));
  for (const service of ['agency', 'party'] as const) {
    const spec = specs.find((s) => s.name === `${service}-service`);
    if (spec) await seedService(service, spec, log);
  }

  const apps = new Map<string, AppProcess>();
  /** The round-robin proxies while the stack runs replicas (scaleTo). */
  const proxies = new Map<string, RoundRobinProxy>();
  const stopApps = async () => {
    await Promise.all([...apps.values()].reverse().map((app) => app.stop()));
    apps.clear();
  };
  try {
    for (const spec of specs) {
      log.info(spec.name, `starting; log: ${displayPath(`${profile.logDir}/${spec.name}.log`)}`);
      apps.set(spec.name, await startApp(spec, profile.logDir));
    }
    log.info('baseline-worker', 'starting (bundles its two workflows, ~20 s)');
    apps.set(
      'baseline-worker',
      await startApp(
        {
          name: 'baseline-worker',
          entry: 'deploy/bench/baseline/baseline-worker.ts',
          env: { TEMPORAL_ADDRESS: env.temporalAddress, BENCH_TASK_QUEUE: BASELINE_TASK_QUEUE },
          readyLine: /baseline worker polling/,
        },
        profile.logDir,
        120_000,
      ),
    );
  } catch (error) {
    await stopApps();
    throw error;
  }

  const staff = {} as Record<BenchStaffName, Staff>;
  for (const username of BENCH_STAFF) staff[username] = await login(serviceUrl(env, 'agency'), username);
  const connection = await Connection.connect({ address: env.temporalAddress });
  const db = {
    case: new Pool({ connectionString: databaseUrls.case, max: 4 }),
    statistics: new Pool({ connectionString: databaseUrls.statistics, max: 2 }),
  };

  return {
    profile,
    env,
    apps,
    specs,
    staff,
    async refreshLogins() {
      for (const username of BENCH_STAFF) staff[username] = await login(serviceUrl(env, 'agency'), username);
    },
    temporal: new Client({ connection }),
    db,
    url: (service) => serviceUrl(env, service),
    temporalPid: () => {
      try {
        return Number(readFileSync(pidFile(profile, 'temporal'), 'utf8').trim()) || undefined;
      } catch {
        return undefined;
      }
    },
    async scaleTo(replicas) {
      await Promise.all(specs.map((spec) => apps.get(spec.name)?.stop()));
      if (replicas === 'as-started') {
        await Promise.all([...proxies.values()].map((proxy) => proxy.close()));
        proxies.clear();
        for (const spec of specs) apps.set(spec.name, await startApp(spec, profile.logDir));
        return;
      }
      for (const spec of specs) {
        const started = await startReplicas(spec, replicas, profile.logDir, proxies.get(spec.name));
        if (started.proxy) proxies.set(spec.name, started.proxy);
        apps.set(spec.name, started.group);
      }
    },
    async startExtra(spec) {
      const app = await startApp(spec, profile.logDir);
      apps.set(spec.name, app);
      return app;
    },
    async stop({ keepInfra }) {
      await stopApps();
      await Promise.all([...proxies.values()].map((proxy) => proxy.close()));
      await connection.close();
      await Promise.all([db.case.end(), db.statistics.end()]);
      if (!keepInfra) await stopInfra(profile, { log });
    },
  };
}

/** Logs a demo staff member in through agency-service, as the console does for a person. */
async function login(agencyUrl: string, username: string): Promise<Staff> {
  const res = await fetch(`${agencyUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new InfraError(`logging in as ${username} failed: HTTP ${res.status}`);
  const body = (await res.json()) as { accessToken: string; staff: { id: string; agencyId: string } };
  return { username, token: body.accessToken, staffId: body.staff.id, agencyId: body.staff.agencyId };
}
