/**
 * `npm run chaos [-- --cases N] [--kills N] [--seed N] [--parallel N]`: the crash-chaos run
 * (test/chaos/crash-chaos.chaos-spec.ts) on the test profile's stack — prepared as `npm test -- --prepare` does,
 * and left running afterwards (`npm run infra -- down --profile test` stops it). Prints the seed, the kills, the
 * retried requests and the time each kill took to settle.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './lib/profile';

const USAGE = 'usage: npm run chaos [-- --cases N] [--kills N] [--seed N] [--parallel N]';

function positive(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) {
    console.error(`--${name} takes a positive whole number, not "${value}".\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

function main(): void {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        cases: { type: 'string' },
        kills: { type: 'string' },
        seed: { type: 'string' },
        parallel: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  if (values['help']) {
    console.log(USAGE);
    return;
  }
  const settings: Record<string, string | undefined> = {
    CHAOS_CASES: positive('cases', values['cases'] as string | undefined),
    CHAOS_KILLS: positive('kills', values['kills'] as string | undefined),
    CHAOS_SEED: positive('seed', values['seed'] as string | undefined),
    CHAOS_PARALLEL: positive('parallel', values['parallel'] as string | undefined),
  };

  const node = process.execPath;
  const prepared = spawnSync(node, ['--import', 'tsx', 'deploy/local/test.ts', '--prepare'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);
  const exports = spawnSync(node, ['--import', 'tsx', 'deploy/local/infra.ts', 'env', '--profile', 'test'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  const stackEnv = Object.fromEntries(
    [...exports.stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((match) => [match[1], match[2]]),
  );
  const chaos = spawnSync(
    node,
    [path.join(REPO_ROOT, 'node_modules/jest/bin/jest.js'), '-c', 'test/jest/chaos.config.cjs', '--verbose'],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        ...stackEnv,
        ...Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)),
      },
    },
  );
  console.log('\nThe test stack is still running: npm run infra -- down --profile test stops it.');
  process.exit(chaos.status ?? 1);
}

main();
