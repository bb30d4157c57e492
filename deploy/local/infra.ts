/**
 * CLI over infra-lib: `npx tsx deploy/local/infra.ts <provision|up|down|status|env> [--profile dev|test]
 * [--only postgres,temporal,kafka,seaweedfs]`. Exits non-zero with a message that says what to do when something fails.
 */
import { parseArgs } from 'node:util';
import { loadProfile, type ProfileName } from './lib/profile';
import { InfraError, consoleLogger, formatDuration } from './lib/log';
import {
  COMPONENT_NAMES,
  formatSummary,
  infraStatus,
  provisionAll,
  stackEnv,
  startInfra,
  stopInfra,
  type ComponentName,
} from './infra-lib';

const USAGE = `usage: npx tsx deploy/local/infra.ts <command> [options]

commands:
  provision   install, build and download every tool both profiles need (starts nothing)
  up          provision what is missing, then start the profile's servers (idempotent)
  down        stop the profile's servers; data is kept (delete .data/, .data/test/ or .data/bench-stack/ to reset)
  kill        stop them the way a crash would (kill -9; PostgreSQL: immediate shutdown), for chaos runs; up restarts
  status      show what runs for the profile
  env         print the profile's addresses as shell exports: eval "$(npx tsx deploy/local/infra.ts env --profile test)"

options:
  --profile dev|test|bench    default: dev
  --only postgres,temporal,kafka,seaweedfs   up, down, kill: just these`;

function parseProfile(raw: string | undefined): ProfileName {
  if (raw === undefined || raw === 'dev' || raw === 'test' || raw === 'bench') return raw ?? 'dev';
  throw new InfraError(`unknown profile "${raw}": use --profile dev, test or bench.`);
}

function parseOnly(raw: string | undefined): ComponentName[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = names.filter((n) => !(COMPONENT_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new InfraError(`--only takes a comma-separated list of ${COMPONENT_NAMES.join(', ')}; got "${raw}".`);
  }
  return names as ComponentName[];
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      profile: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help === true || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    if (command === undefined && values.help !== true) process.exitCode = 2;
    return;
  }
  if (positionals.length > 1) throw new InfraError(`unexpected argument "${positionals[1]}".\n${USAGE}`);
  const profile = loadProfile(parseProfile(values.profile));
  const started = Date.now();

  switch (command) {
    case 'provision':
      await provisionAll(consoleLogger);
      consoleLogger.info('infra', `all tools provisioned in ${formatDuration(Date.now() - started)}`);
      return;
    case 'up': {
      const summary = await startInfra(profile, { only: parseOnly(values.only), log: consoleLogger });
      consoleLogger.info('infra', `up in ${formatDuration(Date.now() - started)}; ${formatSummary(summary)}`);
      return;
    }
    case 'down':
      await stopInfra(profile, { log: consoleLogger, only: parseOnly(values.only) });
      return;
    case 'kill':
      await stopInfra(profile, { log: consoleLogger, only: parseOnly(values.only), how: 'crash' });
      return;
    case 'status': {
      for (const s of await infraStatus(profile)) {
        const where = s.addresses.length > 0 ? `  ${s.addresses.join('  ')}` : '';
        process.stdout.write(`${s.name.padEnd(9)} ${s.state.padEnd(13)} ${s.detail}${where}\n`);
      }
      return;
    }
    case 'env':
      for (const [name, value] of Object.entries(stackEnv(profile)))
        process.stdout.write(`export ${name}='${value}'\n`);
      return;
    default:
      throw new InfraError(`unknown command "${command}".\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if ((err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true) {
    process.stderr.write(`[infra] error: ${(err as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  // InfraError messages are written for the developer; anything else is a bug worth its stack.
  const message =
    err instanceof InfraError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`[infra] error: ${message}\n`);
  process.exitCode = 1;
});
