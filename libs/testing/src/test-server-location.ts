/**
 * Where the Java time-skipping test server that `deploy/local` provisions lives. Kept apart from the SDK-facing
 * helper so the deploy scripts can use these paths without loading Temporal's native module.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** io.temporal:temporal-test-server release that deploy/local/components/test-server.ts installs. */
export const TEMPORAL_TEST_SERVER_VERSION = '1.38.0';

/** Overrides where the test server executable is looked for (e.g. a CI image that ships it elsewhere). */
export const TEST_SERVER_ENV = 'GONGZHI_TEMPORAL_TEST_SERVER';

/** The wrapper script deploy/local writes: `<cacheDir>/tools/temporal-test-server-<version>/temporal-test-server`. */
export function temporalTestServerPath(cacheDir: string): string {
  return path.join(cacheDir, 'tools', `temporal-test-server-${TEMPORAL_TEST_SERVER_VERSION}`, 'temporal-test-server');
}

/** Same default as deploy/local/lib/profile.ts; duplicated because a library must not import the deploy scripts. */
function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  return env.GONGZHI_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'gongzhi');
}

/** The test server executable to use, or an error that says how to provision it. */
export function locateTemporalTestServer(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[TEST_SERVER_ENV];
  const candidate = override !== undefined && override !== '' ? override : temporalTestServerPath(defaultCacheDir(env));
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
  } catch {
    throw new Error(
      `Temporal test server not found at ${candidate}` +
        (override ? ` (from ${TEST_SERVER_ENV})` : '') +
        ': run `npm run infra -- up --profile test` or `npx tsx deploy/local/infra.ts provision` once to install it.',
    );
  }
  return candidate;
}
