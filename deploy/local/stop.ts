/**
 * `npm stop`: stops the dev stack's infrastructure if a previous `npm start` left it running (data stays);
 * `--test` and `--bench` stop the test and bench profiles' instead.
 */
import { stopInfra } from './infra-lib';
import { consoleLogger } from './lib/log';
import { loadProfile, type ProfileName } from './lib/profile';

const profile: ProfileName = process.argv.includes('--test')
  ? 'test'
  : process.argv.includes('--bench')
    ? 'bench'
    : 'dev';
stopInfra(loadProfile(profile), { log: consoleLogger }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
