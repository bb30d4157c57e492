/**
 * `npm test`: every check the project has, against the real stack, ending with one line `N passed, N failed`.
 * Uses the `test` profile (own ports, own data under .data/test) so a running `npm start` is never touched, and
 * stops the infrastructure it started when done.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { COMPONENT_NAMES, type DatabaseSpec, infraStatus, SERVICE_DATABASES, startInfra, stopInfra } from './infra-lib';
import { consoleLogger as log, formatDuration } from './lib/log';
import { loadProfile, REPO_ROOT } from './lib/profile';
import { provisionBrowser } from './components/browser';
import { buildConsoleWeb } from './lib/console';
import { bundleWorkflows, generatePrismaClients, migrateConsoleDatabase, migrateDatabase, SERVICES } from './prepare';

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  ms: number;
}

const results: StepResult[] = [];

/**
 * Ctrl-C reaches the running step's processes too (same process group), so they stop on their own; this process
 * only has to skip the remaining steps and still stop the infrastructure it started.
 */
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log.info(
    'test',
    'interrupted: skipping the remaining steps and stopping what was started (Ctrl-C again to quit now)',
  );
});

/** Runs a command with its output streamed to ours; resolves with its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', () => resolve(127));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** A check that is one pass or one failure (lint, type check). */
async function check(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (interrupted) return;
  log.info('test', `${name}…`);
  const started = Date.now();
  const code = await run(command, args, env);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, ms: Date.now() - started });
}

interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numRuntimeErrorTestSuites: number;
  numTotalTests: number;
}

/** A Jest tier: every test counts; a suite that fails to load counts as a failure too. */
async function jestTier(name: string, config: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (interrupted) return;
  log.info('test', `${name} tests…`);
  const started = Date.now();
  const reportDir = path.join(REPO_ROOT, '.data', 'test', 'reports');
  mkdirSync(reportDir, { recursive: true });
  const report = path.join(reportDir, `${name}.json`);
  rmSync(report, { force: true });
  const code = await run(
    path.join(REPO_ROOT, 'node_modules/.bin/jest'),
    ['-c', config, '--json', `--outputFile=${report}`],
    env,
  );
  let summary: JestSummary | undefined;
  try {
    summary = JSON.parse(readFileSync(report, 'utf8')) as JestSummary;
  } catch {
    summary = undefined;
  }
  const ms = Date.now() - started;
  if (!summary) {
    results.push({ name, passed: 0, failed: 1, skipped: 0, ms });
    return;
  }
  const failed =
    summary.numFailedTests +
    summary.numRuntimeErrorTestSuites +
    (code !== 0 && summary.numFailedTests === 0 && summary.numRuntimeErrorTestSuites === 0 ? 1 : 0);
  results.push({ name, passed: summary.numPassedTests, failed, skipped: summary.numPendingTests, ms });
}

interface PlaywrightReport {
  stats?: { expected: number; unexpected: number; flaky: number; skipped: number };
}

/**
 * The browser tier: the console's journeys in Debian's Chromium against the real stack (test/browser). Installs the
 * browser when missing and builds the console first; every journey counts as one test.
 */
async function browserTier(profile: ReturnType<typeof loadProfile>, env: NodeJS.ProcessEnv): Promise<void> {
  if (interrupted) return;
  const name = 'browser';
  log.info('test', 'browser tests…');
  const started = Date.now();
  const report = path.join(REPO_ROOT, '.data', 'test', 'reports', 'browser.json');
  rmSync(report, { force: true });
  let chromium: string;
  try {
    chromium = await provisionBrowser(profile.cacheDir, log);
    await buildConsoleWeb(profile, log);
  } catch (error) {
    console.error(`the browser tier could not start: ${error instanceof Error ? error.message : String(error)}`);
    results.push({ name, passed: 0, failed: 1, skipped: 0, ms: Date.now() - started });
    return;
  }
  const code = await run(
    path.join(REPO_ROOT, 'node_modules/.bin/playwright'),
    ['test', '-c', 'test/browser/playwright.config.ts'],
    { ...env, GONGZHI_CHROMIUM: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', GONGZHI_BROWSER_REPORT: report },
  );
  let stats: PlaywrightReport['stats'];
  try {
    stats = (JSON.parse(readFileSync(report, 'utf8')) as PlaywrightReport).stats;
  } catch {
    stats = undefined;
  }
  const ms = Date.now() - started;
  if (!stats) {
    results.push({ name, passed: 0, failed: 1, skipped: 0, ms });
    return;
  }
  const failed = stats.unexpected + (code !== 0 && stats.unexpected === 0 ? 1 : 0);
  results.push({ name, passed: stats.expected + stats.flaky, failed, skipped: stats.skipped, ms });
}

async function dropTemplatesAndLeftovers(adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Databases left by an interrupted earlier run, and the templates, so they are rebuilt from the migrations.
    const leftovers = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname ~ '^(party|case|agency|statistics|console)_(t_[0-9a-f]+|template)$'",
    );
    for (const { datname } of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * `npm test -- --prepare`: everything before the tests (infrastructure up, templates rebuilt from the migrations,
 * Prisma clients, the workflow bundle, the browser), left running, so one test file can be run by hand (docs/testing.md).
 */
const prepareOnly = process.argv.slice(2).includes('--prepare');

async function main(): Promise<void> {
  const began = Date.now();
  const profile = loadProfile('test');
  const runningBefore = new Set((await infraStatus(profile)).filter((s) => s.state === 'running').map((s) => s.name));
  let exitCode = 1;
  try {
    const templates: DatabaseSpec[] = SERVICE_DATABASES.map((db) => ({ ...db, database: `${db.database}_template` }));
    // PostgreSQL first, to clear the templates before the databases are ensured.
    const pg = await startInfra(profile, { log, only: ['postgres'], databases: [] });
    await dropTemplatesAndLeftovers(pg.postgres?.adminUrl ?? '');
    const infra = await startInfra(profile, { log, databases: templates });
    await Promise.all([generatePrismaClients(profile, log), bundleWorkflows(profile, log)]);
    for (const [index, service] of SERVICES.entries()) {
      const url = infra.postgres?.databases[index]?.url;
      if (!url) throw new Error(`no template database for ${service}`);
      await migrateDatabase(profile, service, url, log);
    }
    const consoleTemplate = infra.postgres?.databases.find((db) => db.database === 'console_template')?.url;
    if (!consoleTemplate) throw new Error('no template database for the console');
    await migrateConsoleDatabase(profile, consoleTemplate, log);

    const testEnv: NodeJS.ProcessEnv = {
      ...process.env,
      GONGZHI_TEST_POSTGRES_ADMIN_URL: infra.postgres?.adminUrl ?? '',
      GONGZHI_TEST_TEMPORAL_ADDRESS: infra.temporal?.address ?? '',
      // The console's diagnosis page links to the workflow in this Web UI (the browser tier checks the link).
      GONGZHI_TEST_TEMPORAL_UI_URL: infra.temporal?.uiUrl ?? '',
      GONGZHI_TEST_TEMPORAL_NAMESPACE: infra.temporal?.namespace ?? 'default',
      GONGZHI_TEST_KAFKA_BROKERS: infra.kafka?.brokers.join(',') ?? '',
      GONGZHI_TEST_LOG_DIR: profile.logDir,
      ...(infra.testServer ? { GONGZHI_TEMPORAL_TEST_SERVER: infra.testServer } : {}),
      ...(infra.helm ? { GONGZHI_HELM: infra.helm } : {}),
      // The S3 document store's integration tests run against the test profile's SeaweedFS.
      ...(infra.s3
        ? {
            GONGZHI_TEST_S3_ENDPOINT: infra.s3.endpoint,
            GONGZHI_TEST_S3_BUCKET: infra.s3.bucket,
            GONGZHI_TEST_S3_ACCESS_KEY: infra.s3.accessKeyId,
            GONGZHI_TEST_S3_SECRET_KEY: infra.s3.secretAccessKey,
          }
        : {}),
    };
    log.info('test', `stack ready in ${formatDuration(Date.now() - began)}`);
    if (prepareOnly) {
      // A journey run by hand needs the browser too (installed here when missing, as the browser tier would).
      await provisionBrowser(profile.cacheDir, log);
      log.info('test', 'prepared; now: eval "$(npm run -s infra -- env --profile test)" and run jest on one file');
      process.exit(0);
    }

    // Type checks first: Nx computes and caches the project graph on the way, and the lint rule that enforces the
    // module boundaries reads that cache (in a fresh clone without it, the rule is silently skipped).
    await check('typecheck', path.join(REPO_ROOT, 'node_modules/.bin/nx'), [
      'run-many',
      '-t',
      'typecheck',
      '--outputStyle=static',
      // Nx caches results in ~/.nx, shared by every clone on the machine: fine for a developer, but CI must prove it.
      ...(process.env.CI ? ['--skip-nx-cache'] : []),
    ]);
    // Type-aware rules load every project's program at once: about 5 GB for the whole tree, past Node's default heap.
    await check('lint', path.join(REPO_ROOT, 'node_modules/.bin/eslint'), ['.', '--max-warnings=0'], {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim(),
    });
    await check('format', path.join(REPO_ROOT, 'node_modules/.bin/prettier'), ['--check', '--log-level=warn', '.']);
    await jestTier('unit', 'test/jest/unit.config.cjs', testEnv);
    await jestTier('integration', 'test/jest/integration.config.cjs', testEnv);
    // Two of every process behind round-robin proxies (test/e2e/support/town-stack.ts): nothing a suite does may
    // depend on reaching the process that answered its previous call.
    await jestTier('e2e', 'test/jest/e2e.config.cjs', { ...testEnv, GONGZHI_E2E_REPLICAS: '2' });
    // A small crash-chaos run (`npm run chaos` runs larger ones): a few cases, a few kills.
    await jestTier('chaos', 'test/jest/chaos.config.cjs', { ...testEnv, CHAOS_CASES: '6', CHAOS_KILLS: '3' });
    await browserTier(profile, testEnv);
    // Last: what every end-to-end stack published, searched for personal data.
    await jestTier('privacy', 'test/jest/privacy.config.cjs', testEnv);
    exitCode = interrupted || results.some((r) => r.failed > 0) ? 1 : 0;
    if (interrupted) results.push({ name: 'interrupted', passed: 0, failed: 1, skipped: 0, ms: 0 });
  } catch (error) {
    console.error(`\nnpm test could not run the tests: ${error instanceof Error ? error.message : String(error)}`);
    results.push({ name: 'setup', passed: 0, failed: 1, skipped: 0, ms: Date.now() - began });
  } finally {
    // Stop what this run started; whatever was already up (e.g. a developer's `infra up`) stays up.
    const startedHere = COMPONENT_NAMES.filter((name) => !runningBefore.has(name));
    await stopInfra(profile, { log, only: startedHere }).catch(() => undefined);
  }

  console.log('');
  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${r.skipped ? `${r.skipped} skipped ` : ''}(${formatDuration(r.ms)})`,
    );
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`  total time ${formatDuration(Date.now() - began)}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : exitCode);
}

void main();
