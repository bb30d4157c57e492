/**
 * Progress output and the one error type of the local stack scripts. Every step prints one `[component] …` line so a
 * developer watching `npm start` can tell a slow first-time build from a hang.
 */
import os from 'node:os';
import path from 'node:path';

/** Where progress lines go; the CLI prints them, an orchestrator may prefix or collect them. */
export interface Logger {
  info(component: string, message: string): void;
}

export const consoleLogger: Logger = {
  info(component, message) {
    process.stdout.write(`[${component}] ${message}\n`);
  },
};

export const silentLogger: Logger = { info: () => undefined };

/**
 * A failure the developer can act on: the message says what to install, free or change. The CLI prints only the
 * message (no stack), so it must stand on its own.
 */
export class InfraError extends Error {
  override readonly name = 'InfraError';
}

/** Short paths in messages: relative to the working directory when inside it, `~` for the home directory. */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
  const home = os.homedir();
  return p === home || p.startsWith(home + path.sep) ? '~' + p.slice(home.length) : p;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * Runs a step that can take minutes the first time (a Go build, a Maven download). Prints a heartbeat so silence is
 * never mistaken for a hang, and the duration at the end so slow machines can be diagnosed from the output alone.
 */
export async function longStep<T>(log: Logger, component: string, message: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  log.info(component, `${message} (this may take a few minutes the first time)…`);
  const heartbeat = setInterval(() => {
    log.info(component, `still working… (${formatDuration(Date.now() - started)})`);
  }, 30_000);
  try {
    const result = await run();
    log.info(component, `done in ${formatDuration(Date.now() - started)}`);
    return result;
  } finally {
    clearInterval(heartbeat);
  }
}
