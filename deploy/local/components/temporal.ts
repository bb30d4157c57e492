/**
 * Temporal's development server (`temporal server start-dev` from the Temporal CLI), one per profile, persisting to
 * SQLite under `<dataDir>/temporal` and registering our custom search attributes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CASE_SEARCH_ATTRIBUTES } from '@gongzhi/contracts/search-attributes';
import type { StackProfile } from '../lib/profile';
import { assertStartable, ensureServer, serverStatus, type ComponentStatus } from '../lib/component';
import { capture } from '../lib/exec';
import { InfraError, displayPath, type Logger } from '../lib/log';
import { LOOPBACK, type PortNeed } from '../lib/net';
import { stopProcess, type ProcessIdentity, type StopHow, type StopSpec } from '../lib/process';
import { goInstallTool, toolsDir } from '../lib/tools';

export const TEMPORAL_CLI_VERSION = '1.5.1';
export const TEMPORAL_NAMESPACE = 'default';

const PORTS: readonly PortNeed[] = [
  { key: 'temporal', what: 'temporal frontend' },
  { key: 'temporalUi', what: 'temporal web UI' },
];

export function temporalCliPath(cacheDir: string): string {
  return path.join(toolsDir(cacheDir), `temporal-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

export function temporalAddress(profile: StackProfile): string {
  return `${LOOPBACK}:${profile.ports.temporal}`;
}

export function temporalUiUrl(profile: StackProfile): string {
  return `http://${LOOPBACK}:${profile.ports.temporalUi}`;
}

function dbFile(profile: StackProfile): string {
  return path.join(profile.dataDir, 'temporal', 'temporal.db');
}

function identity(profile: StackProfile): ProcessIdentity & { name: 'temporal' } {
  return { name: 'temporal', marker: dbFile(profile) };
}

/** Builds the Temporal CLI with `go install` once per machine (lib/tools.ts, goInstallTool). */
export function provisionTemporalCli(cacheDir: string, log: Logger): Promise<string> {
  return goInstallTool(cacheDir, log, {
    component: 'temporal',
    what: `the Temporal CLI ${TEMPORAL_CLI_VERSION}`,
    module: `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
    binary: 'temporal',
    target: temporalCliPath(cacheDir),
    logName: 'go-install',
  });
}

function searchAttributeArgs(): string[] {
  return Object.entries(CASE_SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
}

/** Arguments every client call needs; the developer's own Temporal CLI config must not redirect us elsewhere. */
function clientArgs(profile: StackProfile): string[] {
  return [
    '--address',
    temporalAddress(profile),
    '--namespace',
    TEMPORAL_NAMESPACE,
    '--disable-config-file',
    '--disable-config-env',
    '--command-timeout',
    '5s',
  ];
}

async function namespaceReady(profile: StackProfile, cli: string): Promise<boolean> {
  const { code } = await capture(cli, ['operator', 'namespace', 'describe', ...clientArgs(profile)], {
    timeoutMs: 10_000,
  });
  return code === 0;
}

/**
 * start-dev registers `--search-attribute`s only when it creates the database, so attributes added to the contract
 * after a profile's first start are created here; then the list is checked so a typo in the contract fails loudly.
 */
export async function ensureSearchAttributes(profile: StackProfile, cli: string, log: Logger): Promise<void> {
  const list = async (): Promise<Record<string, string>> => {
    const res = await capture(cli, [
      'operator',
      'search-attribute',
      'list',
      '--output',
      'json',
      ...clientArgs(profile),
    ]);
    if (res.code !== 0) throw new InfraError(`temporal operator search-attribute list failed: ${res.stderr.trim()}`);
    const parsed = JSON.parse(res.stdout) as { customAttributes?: Record<string, string> };
    return parsed.customAttributes ?? {};
  };
  const existing = await list();
  const missing = Object.entries(CASE_SEARCH_ATTRIBUTES).filter(([name]) => existing[name] === undefined);
  for (const [name, type] of missing) {
    log.info('temporal', `registering search attribute ${name} (${type})`);
    const res = await capture(cli, [
      'operator',
      'search-attribute',
      'create',
      '--name',
      name,
      '--type',
      type,
      ...clientArgs(profile),
    ]);
    if (res.code !== 0) throw new InfraError(`could not create search attribute ${name}: ${res.stderr.trim()}`);
  }
  const final = await list();
  const wrong = Object.entries(CASE_SEARCH_ATTRIBUTES).filter(
    ([name, type]) => final[name]?.toLowerCase() !== `indexed_value_type_${type.toLowerCase()}`,
  );
  if (wrong.length > 0) {
    throw new InfraError(
      `search attributes ${wrong.map(([n, t]) => `${n}=${t}`).join(', ')} are missing or have another type ` +
        `(server has ${JSON.stringify(final)}). A type cannot be changed in place: stop the stack and delete ` +
        `${displayPath(path.dirname(dbFile(profile)))} to recreate Temporal's database.`,
    );
  }
}

export async function startTemporal(profile: StackProfile, cli: string, log: Logger): Promise<void> {
  await ensureServer(
    profile,
    {
      identity: identity(profile),
      ports: PORTS,
      prepare: async () => {
        fs.mkdirSync(path.dirname(dbFile(profile)), { recursive: true });
        return {
          command: cli,
          args: [
            'server',
            'start-dev',
            '--db-filename',
            dbFile(profile),
            '--ip',
            LOOPBACK,
            '--port',
            String(profile.ports.temporal),
            '--ui-port',
            String(profile.ports.temporalUi),
            '--namespace',
            TEMPORAL_NAMESPACE,
            '--log-level',
            'warn',
            // The server would otherwise phone home to check for newer versions.
            '--dynamic-config-value',
            'frontend.enableServerVersionCheck=false',
            // An activity the workflow schedules goes straight back to the worker that scheduled it, in the answer to
            // its workflow task, instead of waiting for the next poll: one round trip less per activity.
            '--dynamic-config-value',
            'system.enableActivityEagerExecution=true',
            // One partition per task queue: with the default four, a task and the poll that would take it can land
            // on different partitions and wait to be forwarded, which one server and one worker never need.
            '--dynamic-config-value',
            'matching.numTaskqueueReadPartitions=1',
            '--dynamic-config-value',
            'matching.numTaskqueueWritePartitions=1',
            // SQLite's defaults (a rollback journal, a full sync per transaction) make every history write wait for
            // the disk several times. With a write-ahead log synced at checkpoints, a killed server loses nothing it
            // acknowledged; only a power cut can lose the last transactions, acceptable for one machine's stack.
            '--sqlite-pragma',
            'journal_mode=WAL',
            '--sqlite-pragma',
            'synchronous=NORMAL',
            ...searchAttributeArgs(),
          ],
          cwd: path.dirname(dbFile(profile)),
        };
      },
      probe: () => namespaceReady(profile, cli),
      waitingFor: `namespace "${TEMPORAL_NAMESPACE}" to answer on ${temporalAddress(profile)}`,
      startTimeoutMs: 60_000,
    },
    log,
  );
  await ensureSearchAttributes(profile, cli, log);
}

export async function stopTemporal(profile: StackProfile, log: Logger, how: StopHow = 'clean'): Promise<boolean> {
  const stop: StopSpec =
    how === 'crash' ? { signal: 'SIGKILL', graceMs: 10_000 } : { signal: 'SIGTERM', graceMs: 15_000 };
  return await stopProcess(profile, identity(profile), stop, log);
}

export async function temporalStatus(profile: StackProfile): Promise<ComponentStatus> {
  return await serverStatus(profile, identity(profile), PORTS, [
    `${temporalAddress(profile)} (namespace ${TEMPORAL_NAMESPACE})`,
    temporalUiUrl(profile),
  ]);
}

/** Throws if temporal is not running and another program holds one of its ports. */
export async function preflightTemporal(profile: StackProfile): Promise<void> {
  await assertStartable(profile, identity(profile), PORTS);
}
