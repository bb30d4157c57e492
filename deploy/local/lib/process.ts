/**
 * Long-running processes of a profile: started detached (they outlive `infra up`), one log file and one pid file each,
 * recognised later by a marker in their command line so a recycled pid is never mistaken for ours.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { StackProfile } from './profile';
import { tailFile } from './exec';
import { InfraError, displayPath, formatDuration, type Logger } from './log';
import { sleep } from './net';

/** Identifies one managed process of a profile. */
export interface ProcessIdentity {
  /** Name of the pid file (`<runDir>/<name>.pid`) and log file (`<logDir>/<name>.log`). */
  name: string;
  /**
   * A string that appears in the process's command line and nowhere else, e.g. its data directory. Checked before we
   * trust or signal a pid, because pids are recycled after reboots.
   */
  marker: string;
}

/** A running `npm start` (it owns the services, the worker and the console it started): `npm stop` asks it to stop. */
export const NPM_START: ProcessIdentity = { name: 'npm-start', marker: 'deploy/local/start.ts' };

export function pidFile(profile: StackProfile, name: string): string {
  return path.join(profile.runDir, `${name}.pid`);
}

export function logFile(profile: StackProfile, name: string): string {
  return path.join(profile.logDir, `${name}.log`);
}

function readPid(file: string): number | undefined {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
  const pid = Number(raw);
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

/** Alive and not a zombie: a child that died but was not reaped yet still answers kill(pid, 0). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user, which is still "alive".
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    // No procfs (macOS): kill(pid, 0) is the best we have.
    return true;
  }
}

function commandLine(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

/** Whether `pid` is alive and is the process named by `identity` (its command line carries the marker). */
export function isOurProcess(pid: number, identity: ProcessIdentity): boolean {
  if (!isAlive(pid)) return false;
  const cmd = commandLine(pid);
  // Without procfs we cannot read the command line; trusting a live pid from our own pid file is the fallback.
  return cmd === undefined || cmd.includes(identity.marker);
}

/** The pid of our live process, if its pid file points at one; read-only (status uses it). */
export function runningPid(profile: StackProfile, identity: ProcessIdentity): number | undefined {
  const pid = readPid(pidFile(profile, identity.name));
  return pid !== undefined && isOurProcess(pid, identity) ? pid : undefined;
}

/** Like runningPid, but removes a pid file that no longer points at our process so the next start is clean. */
export function claimRunningPid(profile: StackProfile, identity: ProcessIdentity): number | undefined {
  const pid = runningPid(profile, identity);
  if (pid === undefined) fs.rmSync(pidFile(profile, identity.name), { force: true });
  return pid;
}

export function writePidFile(profile: StackProfile, name: string, pid: number): void {
  fs.mkdirSync(profile.runDir, { recursive: true });
  fs.writeFileSync(pidFile(profile, name), `${pid}\n`);
}

export interface SpawnSpec {
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
}

/**
 * Starts a process in its own session (so Ctrl-C on `infra up` or the orchestrator does not kill it), with stdout and
 * stderr appended to its log file, and records its pid. The returned handle lets the caller notice an early exit.
 */
export function spawnDetached(profile: StackProfile, name: string, spec: SpawnSpec): ChildProcess {
  const file = logFile(profile, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a');
  fs.writeSync(
    fd,
    `\n--- ${new Date().toISOString()} started by deploy/local/infra: ${spec.command} ${spec.args.join(' ')}\n`,
  );
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      uid: spec.uid,
      gid: spec.gid,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    // Without a listener a failed exec (ENOENT) would crash the CLI instead of failing readiness with a message.
    child.once('error', (err) => fs.appendFileSync(file, `could not start ${spec.command}: ${err.message}\n`));
    if (child.pid === undefined) {
      throw new InfraError(`could not start ${spec.command} (see ${displayPath(file)})`);
    }
    child.unref();
    writePidFile(profile, name, child.pid);
    return child;
  } finally {
    fs.closeSync(fd);
  }
}

export interface ReadinessSpec {
  name: string;
  pid: number;
  logFile: string;
  timeoutMs: number;
  /** One probe; returns true when ready. Exceptions count as "not yet". */
  probe: () => Promise<boolean>;
  /** Describes what was being waited for, for the timeout message. */
  waitingFor: string;
}

/**
 * Polls `probe` until it succeeds; fails at once (with the log's tail) if the process dies, and after the timeout if
 * it never becomes ready.
 */
export async function waitUntilReady(spec: ReadinessSpec): Promise<void> {
  const deadline = Date.now() + spec.timeoutMs;
  for (;;) {
    if (!isAlive(spec.pid)) {
      throw new InfraError(
        `${spec.name} exited during startup. Last lines of ${displayPath(spec.logFile)}:\n` +
          tailFile(spec.logFile, 30),
      );
    }
    if (await spec.probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new InfraError(
        `${spec.name} (pid ${spec.pid}) did not become ready within ${formatDuration(spec.timeoutMs)}: ` +
          `${spec.waitingFor}. It is still running; see ${displayPath(spec.logFile)}:\n${tailFile(spec.logFile)}`,
      );
    }
    await sleep(200);
  }
}

/** How a server is stopped: cleanly (`down`), or the way a crash would stop it (`kill`, for the chaos run). */
export type StopHow = 'clean' | 'crash';

export interface StopSpec {
  /** The polite signal: SIGTERM for most, SIGINT for PostgreSQL's fast shutdown. */
  signal: NodeJS.Signals;
  graceMs: number;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/**
 * Stops our process: the polite signal, then SIGKILL to its whole process group after the grace period (so helpers it
 * forked go too). Returns false when nothing of ours was running.
 */
export async function stopProcess(
  profile: StackProfile,
  identity: ProcessIdentity,
  stop: StopSpec,
  log: Logger,
): Promise<boolean> {
  const file = pidFile(profile, identity.name);
  const pid = readPid(file);
  if (pid === undefined || !isOurProcess(pid, identity)) {
    fs.rmSync(file, { force: true });
    return false;
  }
  log.info(identity.name, `stopping pid ${pid}…`);
  try {
    process.kill(pid, stop.signal);
  } catch {
    // Exited between the check and the signal.
  }
  if (!(await waitForExit(pid, stop.graceMs))) {
    log.info(identity.name, `still running after ${formatDuration(stop.graceMs)}; sending SIGKILL`);
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
        break;
      } catch {
        // No such process group (not started by us detached) or already gone: try the pid itself.
      }
    }
    if (!(await waitForExit(pid, 10_000))) {
      throw new InfraError(
        `${identity.name} (pid ${pid}) survived SIGKILL; check it with \`ps -o pid,stat,cmd -p ${pid}\`.`,
      );
    }
  }
  fs.rmSync(file, { force: true });
  log.info(identity.name, 'stopped');
  return true;
}
