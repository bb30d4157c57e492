/**
 * The web console as a process of the local stack: its session key, its built browser app and its environment.
 * `npm start` runs it on the dev profile (port 3000); the browser tier of `npm test` on the test profile's port.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppSpec } from '@gongzhi/testing/app-process';
import { runLogged } from './exec';
import { formatDuration, type Logger } from './log';
import { REPO_ROOT, type StackProfile } from './profile';

export const CONSOLE_DIR = path.join(REPO_ROOT, 'services', 'console');
/** Where `vite build` writes the browser app the console serves. */
export const CONSOLE_WEB_DIR = path.join(CONSOLE_DIR, 'dist', 'web');

/**
 * The key that seals the tokens in the console's session table, made on first start and kept beside the other
 * local keys (like them: production keys come from a secret manager). Losing it only signs everyone out.
 */
export function ensureConsoleSessionKeys(keysDir: string): string {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const file = path.join(keysDir, 'console-session-keys');
  if (!existsSync(file)) writeFileSync(file, `s1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Builds the browser app with Vite (about half a minute); its log goes to <logDir>/console-build.log. */
export async function buildConsoleWeb(profile: StackProfile, log: Logger): Promise<void> {
  const started = Date.now();
  log.info('console', 'building the web console…');
  await runLogged(
    path.join(REPO_ROOT, 'node_modules', '.bin', 'vite'),
    ['build', '--config', path.join(CONSOLE_DIR, 'vite.config.mts'), '--logLevel', 'warn'],
    path.join(profile.logDir, 'console-build.log'),
    'The web console does not build.',
    { cwd: REPO_ROOT },
  );
  log.info('console', `built in ${formatDuration(Date.now() - started)}`);
}

export interface ConsoleEnvironment {
  port: number;
  databaseUrl: string;
  sessionKeys: string;
  serviceUrls: { party: string; case: string; agency: string; statistics: string };
  logLevel?: string;
  /** Temporal's Web UI and the workflows' namespace: the administrators' link from a diagnosis to its workflow. */
  temporalUi?: { url: string; namespace: string };
}

export function consoleAppSpec(env: ConsoleEnvironment): AppSpec {
  return {
    name: 'console',
    entry: 'services/console/src/server/main.ts',
    env: {
      LOG_LEVEL: env.logLevel ?? 'info',
      PORT: String(env.port),
      DATABASE_URL: env.databaseUrl,
      CONSOLE_SESSION_KEYS: env.sessionKeys,
      CONSOLE_WEB_DIR: CONSOLE_WEB_DIR,
      PARTY_SERVICE_URL: env.serviceUrls.party,
      CASE_SERVICE_URL: env.serviceUrls.case,
      AGENCY_SERVICE_URL: env.serviceUrls.agency,
      STATISTICS_SERVICE_URL: env.serviceUrls.statistics,
      ...(env.temporalUi ? { TEMPORAL_UI_URL: env.temporalUi.url, TEMPORAL_NAMESPACE: env.temporalUi.namespace } : {}),
    },
    readyUrl: `http://127.0.0.1:${env.port}/health/ready`,
  };
}
