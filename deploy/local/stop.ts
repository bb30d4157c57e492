/**
 * `npm stop`: stops a running `npm start` (which stops its services, worker and console, then the infrastructure it
 * started) and the dev stack's infrastructure if anything of it is still running (data stays); `--test` and `--bench`
 * stop the test and bench profiles' infrastructure instead.
 */
import { stopInfra } from './infra-lib';
import { consoleLogger } from './lib/log';
import { NPM_START, stopProcess } from './lib/process';
import { loadProfile, type ProfileName } from './lib/profile';

const profileName: ProfileName = process.argv.includes('--test')
  ? 'test'
  : process.argv.includes('--bench')
    ? 'bench'
    : 'dev';

async function main(): Promise<void> {
  const profile = loadProfile(profileName);
  if (profileName === 'dev') {
    // Its own shutdown stops the apps first, so none is left serving without its database.
    await stopProcess(profile, NPM_START, { signal: 'SIGTERM', graceMs: 30_000 }, consoleLogger);
  }
  await stopInfra(profile, { log: consoleLogger });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
