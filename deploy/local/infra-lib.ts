/**
 * The local stack's infrastructure (PostgreSQL, Temporal dev server, Kafka, and for the test profile SeaweedFS; plus
 * the Temporal test server tool) as functions, for the `infra.ts` CLI and for the start/test orchestrators.
 * Everything is idempotent: a second call checks and returns in seconds.
 */
import fs from 'node:fs';
import { cacheDir as defaultCacheDir, profileEnvPrefix, type ProfileName, type StackProfile } from './lib/profile';
import { COMPONENT_NAMES, type ComponentName, type ComponentStatus } from './lib/component';
import { consoleLogger, displayPath, type Logger } from './lib/log';
import type { StopHow } from './lib/process';
import { withProfileLock } from './lib/lock';
import {
  SERVICE_DATABASES,
  databaseUrl,
  ensureDatabases,
  postgresAdminUrl,
  postgresStatus,
  postgresToolsFor,
  preflightPostgres,
  provisionPostgres,
  startPostgres,
  stopPostgres,
  type DatabaseSpec,
  type PostgresTools,
} from './components/postgres';
import {
  TEMPORAL_NAMESPACE,
  preflightTemporal,
  provisionTemporalCli,
  startTemporal,
  stopTemporal,
  temporalAddress,
  temporalStatus,
  temporalUiUrl,
} from './components/temporal';
import {
  kafkaBrokers,
  kafkaStatus,
  preflightKafka,
  provisionKafka,
  startKafka,
  stopKafka,
  type KafkaTools,
} from './components/kafka';
import {
  preflightSeaweedfs,
  provisionSeaweedfs,
  s3Access,
  seaweedfsStatus,
  startSeaweedfs,
  stopSeaweedfs,
  type S3Access,
} from './components/seaweedfs';
import { provisionChineseFont } from './components/fonts';
import { ensureTestServer } from './components/test-server';
import { helmPath, provisionHelm } from './components/helm';
import { temporalTestServerPath } from '@gongzhi/testing/test-server-location';

export { COMPONENT_NAMES, SERVICE_DATABASES, type ComponentName, type ComponentStatus, type DatabaseSpec };

/** Paths of everything provisioned into the machine cache. */
export interface ProvisionedTools {
  postgres?: PostgresTools;
  temporalCli?: string;
  kafka?: KafkaTools;
  testServer?: string;
  /** The Chinese font file case-service embeds in generated documents. */
  chineseFont?: string;
  /** The pinned helm that renders the Kubernetes chart in its test. */
  helm?: string;
  /** SeaweedFS's `weed`, the S3-compatible server the S3 document store is tested against. */
  seaweedfs?: string;
}

/** Where a started stack can be reached; only the components that were started are present. */
export interface InfraSummary {
  profile: ProfileName;
  postgres?: {
    adminUrl: string;
    databases: { database: string; role: string; url: string }[];
  };
  temporal?: { address: string; namespace: string; uiUrl: string };
  kafka?: { brokers: string[] };
  /** The S3-compatible server (test profile, or `--only seaweedfs`). */
  s3?: S3Access;
  /** The time-skipping test server executable (test profile). */
  testServer?: string;
  /** The helm executable the chart's render test runs (test profile). */
  helm?: string;
}

export interface StartOptions {
  /**
   * Start only these components (default: postgres, temporal and kafka, in that order, and seaweedfs for the test
   * profile).
   */
  only?: readonly ComponentName[];
  /** Service databases to ensure after PostgreSQL is up (default: SERVICE_DATABASES). */
  databases?: readonly DatabaseSpec[];
  log?: Logger;
}

interface ProvisionPlan {
  postgres?: StackProfile | 'any';
  temporal: boolean;
  kafka: boolean;
  testServer: boolean;
  /** The Chinese font case-service's generated documents embed (a Debian package, no process to start). */
  chineseFont: boolean;
  /** helm, for the chart's render test (a Go build, after the Temporal CLI's: one at a time on two cores). */
  helm: boolean;
  /** SeaweedFS's weed (a Go build too, the longest: after helm's). */
  seaweedfs: boolean;
}

/**
 * Provisions what the plan needs. The Go build runs concurrently with the Maven downloads; the two Maven runs go one
 * after the other because concurrent Maven processes sharing ~/.m2 can corrupt it.
 */
async function provision(cacheDir: string, plan: ProvisionPlan, log: Logger): Promise<ProvisionedTools> {
  const tools: ProvisionedTools = {};
  if (plan.chineseFont) tools.chineseFont = await provisionChineseFont(cacheDir, log);
  if (plan.postgres !== undefined) {
    tools.postgres =
      plan.postgres === 'any' ? await provisionPostgres(cacheDir, log) : await postgresToolsFor(plan.postgres, log);
  }
  const goBuild = (async () => {
    if (plan.temporal) tools.temporalCli = await provisionTemporalCli(cacheDir, log);
    if (plan.helm) tools.helm = await provisionHelm(cacheDir, log);
    if (plan.seaweedfs) tools.seaweedfs = await provisionSeaweedfs(cacheDir, log);
  })();
  const mavenChain = (async () => {
    if (plan.kafka) tools.kafka = await provisionKafka(cacheDir, log);
    if (plan.testServer) tools.testServer = await ensureTestServer(cacheDir, log);
  })();
  // allSettled so a Maven failure does not abandon a Go build mid-way (its staging dir would leak).
  const results = await Promise.allSettled([goBuild, mavenChain]);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
  return tools;
}

/** Installs, builds and downloads everything both profiles need; starts nothing. */
export async function provisionAll(log: Logger = consoleLogger): Promise<ProvisionedTools> {
  const cacheDir = defaultCacheDir();
  log.info('infra', `provisioning tools into ${displayPath(cacheDir)}`);
  const tools = await provision(
    cacheDir,
    {
      postgres: 'any',
      temporal: true,
      kafka: true,
      testServer: true,
      chineseFont: true,
      helm: true,
      seaweedfs: true,
    },
    log,
  );
  if (tools.postgres) log.info('postgres', `PostgreSQL ${tools.postgres.major} binaries in ${tools.postgres.binDir}`);
  if (tools.temporalCli) log.info('temporal', `Temporal CLI at ${displayPath(tools.temporalCli)}`);
  if (tools.kafka) log.info('kafka', `Kafka jars in ${displayPath(tools.kafka.libDir)}`);
  if (tools.testServer) log.info('test-server', `time-skipping test server at ${displayPath(tools.testServer)}`);
  if (tools.chineseFont) log.info('font', `Chinese font at ${tools.chineseFont}`);
  if (tools.helm) log.info('helm', `helm at ${displayPath(tools.helm)}`);
  if (tools.seaweedfs) log.info('seaweedfs', `weed at ${displayPath(tools.seaweedfs)}`);
  return tools;
}

/**
 * What to start: `only`, or the profile's own set. SeaweedFS serves only the S3 document store's tests, so only the
 * test profile starts it unasked; the dev and bench stacks keep documents on the local disk.
 */
function selected(profile: StackProfile, only: readonly ComponentName[] | undefined): ComponentName[] {
  if (only !== undefined) return COMPONENT_NAMES.filter((name) => only.includes(name));
  return COMPONENT_NAMES.filter((name) => name !== 'seaweedfs' || profile.name === 'test');
}

/**
 * Provisions what is missing, then starts the selected components in order (PostgreSQL, Temporal, Kafka, SeaweedFS),
 * reusing any that this profile already runs. Throws InfraError with an actionable message on failure; components
 * started before the failure stay up (stopInfra stops them).
 */
export async function startInfra(profile: StackProfile, opts: StartOptions = {}): Promise<InfraSummary> {
  const log = opts.log ?? consoleLogger;
  return await withProfileLock(profile, log, () => start(profile, opts, log));
}

async function start(profile: StackProfile, opts: StartOptions, log: Logger): Promise<InfraSummary> {
  const components = selected(profile, opts.only);
  for (const dir of [profile.dataDir, profile.logDir, profile.runDir]) fs.mkdirSync(dir, { recursive: true });
  const preflights: Record<ComponentName, (p: StackProfile) => Promise<void>> = {
    postgres: preflightPostgres,
    temporal: preflightTemporal,
    kafka: preflightKafka,
    seaweedfs: preflightSeaweedfs,
  };
  for (const name of components) await preflights[name](profile);

  const tools = await provision(
    profile.cacheDir,
    {
      postgres: components.includes('postgres') ? profile : undefined,
      temporal: components.includes('temporal'),
      kafka: components.includes('kafka'),
      // Tests need it even though it is not a long-running process; a narrowed --only means "just these".
      testServer: profile.name === 'test' && opts.only === undefined,
      // The whole stack runs case-service, which generates documents with it.
      chineseFont: opts.only === undefined,
      helm: profile.name === 'test' && opts.only === undefined,
      seaweedfs: components.includes('seaweedfs'),
    },
    log,
  );

  const summary: InfraSummary = { profile: profile.name };
  if (tools.postgres) {
    await startPostgres(profile, tools.postgres, log);
    const databases = opts.databases ?? SERVICE_DATABASES;
    log.info('postgres', `ensuring databases ${databases.map((d) => d.database).join(', ')} and their roles`);
    await ensureDatabases(profile, databases);
    summary.postgres = {
      adminUrl: postgresAdminUrl(profile),
      databases: databases.map((d) => ({ database: d.database, role: d.role, url: databaseUrl(profile, d) })),
    };
  }
  if (tools.temporalCli !== undefined) {
    await startTemporal(profile, tools.temporalCli, log);
    summary.temporal = {
      address: temporalAddress(profile),
      namespace: TEMPORAL_NAMESPACE,
      uiUrl: temporalUiUrl(profile),
    };
  }
  if (tools.kafka) {
    await startKafka(profile, tools.kafka, log);
    summary.kafka = { brokers: kafkaBrokers(profile) };
  }
  if (tools.seaweedfs !== undefined) {
    await startSeaweedfs(profile, tools.seaweedfs, log);
    summary.s3 = s3Access(profile);
  }
  if (tools.testServer !== undefined) summary.testServer = tools.testServer;
  if (tools.helm !== undefined) summary.helm = tools.helm;
  return summary;
}

/**
 * Stops this profile's processes (reverse start order); data stays in place. `how: 'crash'` stops them the way a crash
 * would (kill -9; PostgreSQL's immediate shutdown), for the chaos run: `startInfra` brings them back and they recover.
 */
export async function stopInfra(
  profile: StackProfile,
  opts: { log?: Logger; only?: readonly ComponentName[]; how?: StopHow } = {},
): Promise<void> {
  const log = opts.log ?? consoleLogger;
  await withProfileLock(profile, log, () => stop(profile, log, opts.only, opts.how ?? 'clean'));
}

async function stop(
  profile: StackProfile,
  log: Logger,
  only: readonly ComponentName[] | undefined,
  how: StopHow,
): Promise<void> {
  const stoppers: [ComponentName, (p: StackProfile, l: Logger, how: StopHow) => Promise<boolean>][] = [
    ['seaweedfs', stopSeaweedfs],
    ['kafka', stopKafka],
    ['temporal', stopTemporal],
    ['postgres', stopPostgres],
  ];
  for (const [name, stop] of stoppers) {
    if (only !== undefined && !only.includes(name)) continue;
    if (!(await stop(profile, log, how))) log.info(name, 'not running');
  }
}

/** What runs for this profile, read from pid files and ports; changes nothing. */
export async function infraStatus(profile: StackProfile): Promise<ComponentStatus[]> {
  return await Promise.all([
    postgresStatus(profile),
    temporalStatus(profile),
    kafkaStatus(profile),
    seaweedfsStatus(profile),
  ]);
}

/**
 * The variables that point tests and services at a profile's stack (`infra env` prints them as shell exports). The
 * test and bench profiles' names carry their infix (TEST_, BENCH_), like their port overrides, so they cannot leak into a
 * dev shell.
 */
export function stackEnv(profile: StackProfile): Record<string, string> {
  const prefix = profileEnvPrefix(profile.name);
  const s3 = s3Access(profile);
  const env: Record<string, string> = {
    [`${prefix}POSTGRES_ADMIN_URL`]: postgresAdminUrl(profile),
    [`${prefix}TEMPORAL_ADDRESS`]: temporalAddress(profile),
    [`${prefix}TEMPORAL_NAMESPACE`]: TEMPORAL_NAMESPACE,
    [`${prefix}TEMPORAL_UI_URL`]: temporalUiUrl(profile),
    [`${prefix}KAFKA_BROKERS`]: kafkaBrokers(profile).join(','),
    // The S3 document store's tests (services/case-service/src/testing/test-s3.ts).
    [`${prefix}S3_ENDPOINT`]: s3.endpoint,
    [`${prefix}S3_BUCKET`]: s3.bucket,
    [`${prefix}S3_ACCESS_KEY`]: s3.accessKeyId,
    [`${prefix}S3_SECRET_KEY`]: s3.secretAccessKey,
  };
  if (profile.name === 'test') {
    env.GONGZHI_TEMPORAL_TEST_SERVER = temporalTestServerPath(profile.cacheDir);
    env.GONGZHI_HELM = helmPath(profile.cacheDir);
  }
  return env;
}

/** The lines `infra up` ends with. */
export function formatSummary(summary: InfraSummary): string {
  const lines = [`${summary.profile} stack is up:`];
  if (summary.postgres) {
    lines.push(`  postgres     ${summary.postgres.adminUrl}`);
    for (const db of summary.postgres.databases) lines.push(`               ${db.url}`);
  }
  if (summary.temporal) {
    lines.push(`  temporal     ${summary.temporal.address} (namespace ${summary.temporal.namespace})`);
    lines.push(`  temporal UI  ${summary.temporal.uiUrl}`);
  }
  if (summary.kafka) lines.push(`  kafka        ${summary.kafka.brokers.join(',')}`);
  if (summary.s3) lines.push(`  s3           ${summary.s3.endpoint} (bucket ${summary.s3.bucket})`);
  if (summary.testServer !== undefined) lines.push(`  test server  ${displayPath(summary.testServer)}`);
  if (summary.helm !== undefined) lines.push(`  helm         ${displayPath(summary.helm)}`);
  return lines.join('\n');
}
