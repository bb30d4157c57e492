/**
 * The real stack for end-to-end tests: fresh databases cloned from the migrated templates, agency-service seeded
 * with the demo town (the seed `npm start` runs), the services and the dispute worker as separate processes on the
 * test profile's Temporal dev server, and staff who log in with their demo accounts.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import {
  type AppProcess,
  createTestDatabase,
  ensureLocalSecrets,
  eventually,
  type RoundRobinProxy,
  startApp,
  startReplicas,
  type TestDatabase,
  testStack,
} from '@gongzhi/testing';
import { appSpecs, serviceUrl, type AppEnvironment } from '@gongzhi/testing/apps';
import {
  FREE_TEXT_COLUMNS,
  partyNamesIn,
  scanDatabase,
  scanHistories,
  type ScanResult,
} from '../../privacy/personal-data-scan';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const DEMO_PASSWORD = 'gongzhi-demo';

export type AppName = 'agency-service' | 'case-service' | 'party-service' | 'statistics-service' | 'dispute-worker';

/** A staff member logged in through agency-service. */
export interface Staff {
  username: string;
  token: string;
  staffId: string;
  agencyId: string;
}

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  /** The `Retry-After` header, when the answer says to try again later. */
  retryAfter?: string;
}

/** The e2e suites wait on the workflow's writes with the shared condition helper. */
export { eventually };

/** The directory of the e2e run's logs (GONGZHI_TEST_LOG_DIR). */
export function e2eLogDir(): string {
  return process.env['GONGZHI_TEST_LOG_DIR'] ?? '.data/test/logs';
}

/**
 * Where every stack records the topics its services publish to, one a line: the privacy tier, run after this one
 * (test/privacy/personal-data-in-topics.privacy-spec.ts), reads them all from the beginning and empties the list.
 */
export function eventTopicsFile(): string {
  return path.join(e2eLogDir(), 'e2e-event-topics.txt');
}

/**
 * Where every stack records, as it stops, what the search for personal data in its databases (all but party-service's)
 * and its workflows' histories read and found, one JSON line a stack: the privacy tier checks them all (the databases
 * and histories are gone by then).
 */
export function privacyScansFile(): string {
  return path.join(e2eLogDir(), 'e2e-privacy-scans.jsonl');
}

/** The names of the parties every stack registered, one a line: the privacy tier looks for them in the logs. */
export function partyNamesFile(): string {
  return path.join(e2eLogDir(), 'e2e-party-names.txt');
}

/** One stack's line in privacyScansFile(). */
export interface StackPrivacyScan {
  partyNames: number;
  databases: ({ service: string } & ScanResult)[];
  histories: ScanResult;
}

/**
 * case-service's health sweep, passes a second apart: the suites manufacture a failing activity or workflow task and
 * wait for the stuck scan to see it, where in a town the sweep rests 30 s between passes at 50 describes a second.
 */
const QUICK_HEALTH_SWEEP = { HEALTH_SWEEP_PAUSE_MS: '1000', HEALTH_SWEEP_DESCRIBES_PER_SECOND: '500' };

/**
 * How many copies of each process a stack runs (GONGZHI_E2E_REPLICAS; `npm test` runs the e2e tier with 2): each
 * service's replicas behind a round-robin proxy on the service's port, so one client's consecutive calls reach
 * different processes, and as many workers on the stack's task queue. Nothing a suite does may depend on landing on
 * the process that answered its previous call.
 */
export function replicaCount(): number {
  const count = Number(process.env['GONGZHI_E2E_REPLICAS'] ?? '1');
  if (!Number.isInteger(count) || count < 1 || count > 4) {
    throw new Error(`GONGZHI_E2E_REPLICAS must be 1 to 4 (got ${process.env['GONGZHI_E2E_REPLICAS']})`);
  }
  return count;
}

export class TownStack {
  readonly apps = new Map<AppName, AppProcess>();
  /** Every replica of each process (one where the stack runs no replicas). */
  readonly replicas = new Map<AppName, AppProcess[]>();
  /** The round-robin proxy on each replicated service's port. */
  private readonly proxies = new Map<AppName, RoundRobinProxy>();
  replicaCount = replicaCount();
  private readonly databases: TestDatabase[] = [];
  temporal!: Connection;
  env!: AppEnvironment;
  private logDir = '';
  /** This stack's own topic names, so suites never read or mix each other's events. */
  private topicEnv: Record<string, string> = {};
  /** What `start` was asked to add to every process's environment; a restart keeps it. */
  private commonEnv: Record<string, string> = {};

  /**
   * Starts the named processes on fresh databases; ports are the caller's so two suites never collide.
   * statistics-service (its own database, consumer group and dead-letter topic) runs only where named.
   * `temporalAddress` puts the stack on another Temporal server than the test stack's dev server (a time-skipping
   * test server, say); `env` is added to every process's environment (raised rate limits for fuzzing, say).
   */
  async start(
    names: AppName[],
    ports: AppEnvironment['ports'],
    options: { temporalAddress?: string; env?: Record<string, string>; replicas?: number } = {},
  ): Promise<void> {
    if (options.replicas !== undefined) this.replicaCount = options.replicas;
    const stack = testStack();
    const temporalAddress = options.temporalAddress ?? stack.temporalAddress;
    this.logDir = e2eLogDir();
    const tag = randomUUID().slice(0, 8);
    this.topicEnv = {
      KAFKA_TOPIC_CASE_EVENTS: `e2e.${tag}.case.events`,
      KAFKA_TOPIC_PARTY_EVENTS: `e2e.${tag}.party.events`,
      KAFKA_TOPIC_AGENCY_EVENTS: `e2e.${tag}.agency.events`,
      STATISTICS_CONSUMER_GROUP: `e2e.${tag}.statistics`,
      STATISTICS_DLQ_TOPIC: `e2e.${tag}.statistics.dlq`,
      PARTY_CONSUMER_GROUP: `e2e.${tag}.party`,
      PARTY_DLQ_TOPIC: `e2e.${tag}.party.dlq`,
      CASE_CONSUMER_GROUP: `e2e.${tag}.case`,
      CASE_DLQ_TOPIC: `e2e.${tag}.case.dlq`,
    };
    await mkdir(this.logDir, { recursive: true });
    const topics = [
      'KAFKA_TOPIC_CASE_EVENTS',
      'KAFKA_TOPIC_PARTY_EVENTS',
      'KAFKA_TOPIC_AGENCY_EVENTS',
      'STATISTICS_DLQ_TOPIC',
      'PARTY_DLQ_TOPIC',
      'CASE_DLQ_TOPIC',
    ];
    await appendFile(eventTopicsFile(), topics.map((name) => `${this.topicEnv[name]}\n`).join(''));
    const [party, caseDb, agency] = await Promise.all([
      createTestDatabase('party'),
      createTestDatabase('case'),
      createTestDatabase('agency'),
    ]);
    this.databases.push(party, caseDb, agency);
    const statistics = names.includes('statistics-service') ? await createTestDatabase('statistics') : undefined;
    if (statistics) this.databases.push(statistics);
    this.env = {
      temporalAddress,
      databaseUrls: {
        party: party.url,
        case: caseDb.url,
        agency: agency.url,
        ...(statistics ? { statistics: statistics.url } : {}),
      },
      ports,
      // The relays publish, as in production: the privacy tier checks what reached the topics.
      kafkaBrokers: stack.kafkaBrokers,
      logLevel: 'warn',
      // Its own task queue: another stack on the same Temporal server (a developer's run beside CI's) never runs
      // this stack's workflows against its own services.
      taskQueue: `gongzhi-dispute.e2e.${tag}`,
      secrets: ensureLocalSecrets(path.join(this.logDir, '..', 'keys')),
      documentsDir: path.join(this.logDir, '..', 'documents'),
    };
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'services/agency-service/src/seed/main.ts'], {
      cwd: REPO_ROOT,
      // The seed announces the agencies it creates on this stack's agency topic.
      env: { ...process.env, ...this.topicEnv, DATABASE_URL: agency.url },
    });
    this.commonEnv = options.env ?? {};
    for (const name of names) await this.startApp(name);
    this.temporal = await Connection.connect({ address: temporalAddress });
  }

  /**
   * (Re)starts one process, e.g. the worker after a kill -9; `env` overrides its environment (a worker with another
   * workflow bundle, say).
   */
  async startApp(name: AppName, env: Record<string, string> = {}): Promise<AppProcess> {
    const spec = appSpecs(this.env).find((s) => s.name === name);
    if (!spec) throw new Error(`no app ${name}`);
    const quick = name === 'case-service' ? QUICK_HEALTH_SWEEP : {};
    const fullEnv: Record<string, string> = { ...spec.env, ...this.topicEnv, ...quick, ...this.commonEnv, ...env };
    const full = { ...spec, env: fullEnv };
    if (this.replicaCount === 1) {
      const app = await startApp(full, this.logDir);
      this.apps.set(name, app);
      this.replicas.set(name, [app]);
      return app;
    }
    // Replicas: each service copy on a port of its own behind the proxy on the service's port; workers as they are.
    const { group, replicas, proxy } = await startReplicas(
      full,
      this.replicaCount,
      this.logDir,
      this.proxies.get(name),
    );
    if (proxy) this.proxies.set(name, proxy);
    this.apps.set(name, group);
    this.replicas.set(name, replicas);
    return group;
  }

  /** The round-robin proxy in front of a replicated service (a stack with replicas only). */
  proxy(name: AppName): RoundRobinProxy {
    const proxy = this.proxies.get(name);
    if (!proxy) throw new Error(`${name} runs no replicas behind a proxy`);
    return proxy;
  }

  /** This stack's own name of an owner's event topic (what a deployment calls `case.events` and so on). */
  topic(owner: 'case' | 'party' | 'agency'): string {
    const name = this.topicEnv[`KAFKA_TOPIC_${owner.toUpperCase()}_EVENTS`];
    if (!name) throw new Error('the stack has not started');
    return name;
  }

  app(name: AppName): AppProcess {
    const app = this.apps.get(name);
    if (!app) throw new Error(`${name} is not running`);
    return app;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apps.values()].map((app) => app.stop()));
    await Promise.all([...this.proxies.values()].map((proxy) => proxy.close()));
    try {
      if (this.temporal && this.env) {
        const workflowIds = await this.workflowIds();
        await this.scanForPersonalData(workflowIds);
        await this.endWorkflows(workflowIds);
      }
    } finally {
      await this.temporal?.close();
      await Promise.all(this.databases.map((db) => db.drop()));
    }
  }

  /** The workflows of the stack's cases (one workflow a case). */
  private async workflowIds(): Promise<string[]> {
    const db = new PgClient({ connectionString: this.env.databaseUrls.case });
    await db.connect();
    try {
      return (await db.query<{ workflow_id: string }>('SELECT workflow_id FROM cases')).rows.map(
        (row) => row.workflow_id,
      );
    } finally {
      await db.end();
    }
  }

  /**
   * Searches what the run left outside party-service — every other service's tables, every history of the stack's
   * workflows — for a national ID number, a phone number or a registered party's name, and records what it read and
   * found for the privacy tier. Done here because the databases are dropped and the workflows ended next.
   */
  private async scanForPersonalData(workflowIds: readonly string[]): Promise<void> {
    const names = await partyNamesIn(this.env.databaseUrls.party);
    const others = Object.entries(this.env.databaseUrls).filter(([service]) => service !== 'party');
    const scan: StackPrivacyScan = {
      partyNames: names.length,
      databases: await Promise.all(
        others.map(async ([service, url]) => ({
          service,
          ...(await scanDatabase(url, names, FREE_TEXT_COLUMNS[service])),
        })),
      ),
      histories: await scanHistories(this.temporal, workflowIds, names),
    };
    await appendFile(partyNamesFile(), names.map((name) => `${name}\n`).join(''));
    await appendFile(privacyScansFile(), `${JSON.stringify(scan)}\n`);
  }

  /**
   * The suite's cases go with its databases, so their workflows go too: left running on the shared dev server they
   * would retry writes to a case that no longer exists, and load the next suites' worker and admin scans.
   */
  private async endWorkflows(workflowIds: readonly string[]): Promise<void> {
    const client = new Client({ connection: this.temporal });
    await Promise.all(
      workflowIds.map(
        (id) =>
          client.workflow
            .getHandle(id)
            .terminate('end-to-end suite finished')
            .catch(() => undefined), // already finished
      ),
    );
  }

  async login(username: string): Promise<Staff> {
    const res = await fetch(`${serviceUrl(this.env, 'agency')}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login as ${username}: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { accessToken: string; staff: { id: string; agencyId: string } };
    return { username, token: body.accessToken, staffId: body.staff.id, agencyId: body.staff.agencyId };
  }

  /** A call to case-service as a staff member. */
  async call<T = Record<string, unknown>>(
    as: Staff | string,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    options: { body?: unknown; key?: string } = {},
  ): Promise<HttpResult<T>> {
    const res = await fetch(`${serviceUrl(this.env, 'case')}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${typeof as === 'string' ? as : as.token}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const retryAfter = res.headers.get('retry-after');
    return { status: res.status, body: (await res.json()) as T, ...(retryAfter ? { retryAfter } : {}) };
  }
}
