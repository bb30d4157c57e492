/**
 * Running short-lived commands: tool builds and downloads (output kept in a log file, tail shown on failure) and
 * quick probes (output captured in memory).
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { InfraError, displayPath } from './log';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this OS user (numeric ids); used for PostgreSQL, which refuses to run as root. */
  uid?: number;
  gid?: number;
}

/** Which executable on PATH, or undefined; used to turn "command not found" into an install hint. */
export function whichSync(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Last lines of a log file, indented, for error messages. */
export function tailFile(file: string, lines = 20): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join('\n');
}

/**
 * Runs a command to completion with stdout and stderr appended to `logFile`. Fails with the log's tail and `hint`, so
 * the developer sees the real error without opening the file.
 */
export async function runLogged(
  command: string,
  args: readonly string[],
  logFile: string,
  hint: string,
  options: RunOptions = {},
): Promise<void> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = fs.openSync(logFile, 'a');
  fs.writeSync(fd, `\n--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(command, args, { ...options, stdio: ['ignore', fd, fd] });
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    if (code !== 0) {
      throw new InfraError(
        `${command} ${args.join(' ')} failed (exit ${String(code)}). ${hint}\n` +
          `  last lines of ${displayPath(logFile)}:\n${tailFile(logFile)}`,
      );
    }
  } catch (err) {
    if (err instanceof InfraError) throw err;
    throw new InfraError(`could not run ${command}: ${(err as Error).message}. ${hint}`);
  } finally {
    fs.closeSync(fd);
  }
}

export interface CaptureResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a quick command and captures its output; never throws for a non-zero exit (probes expect failures). */
export async function capture(
  command: string,
  args: readonly string[],
  options: RunOptions & { timeoutMs?: number } = {},
): Promise<CaptureResult> {
  const { timeoutMs = 15_000, ...rest } = options;
  return await new Promise((resolve) => {
    execFile(command, args, { ...rest, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err?.message ?? '') });
    });
  });
}
