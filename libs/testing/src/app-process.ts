import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

/** One of our Node processes (a service or the worker): from source with tsx, or compiled (production mode). */
export interface AppSpec {
  name: string;
  /** Entry file, relative to the repository root: a `.ts` source runs through tsx, a `.js` build runs as is. */
  entry: string;
  env: Record<string, string>;
  /** Polled until it answers 200; omit for processes without HTTP (the worker). */
  readyUrl?: string;
  /** A line on stdout that says the process is ready, for processes without HTTP. */
  readyLine?: RegExp;
}

export interface AppProcess {
  name: string;
  child: ChildProcess;
  /** Graceful stop: SIGTERM, then SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
  /** Crash on purpose (tests of durability): SIGKILL, no chance to clean up. */
  kill9(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitForHttp(url: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 in time`);
}

/**
 * Starts one app process with its output appended to `<logDir>/<name>.log`, and resolves once it is ready.
 * A process that dies or never gets ready rejects with the tail of its log, so failures explain themselves.
 */
export async function startApp(spec: AppSpec, logDir: string, timeoutMs = 60_000): Promise<AppProcess> {
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${spec.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  // Node itself with tsx as a loader, not the tsx CLI: the CLI runs the app in a child process of its own, so a
  // SIGKILL (a crash test) would kill the wrapper and leave the real app running.
  const nodeArgs = spec.entry.endsWith('.ts') ? ['--import', 'tsx'] : ['--enable-source-maps'];
  // `npm run bench -- --cpu-profile` sets it: each app writes a CPU profile there when it exits (Node refuses
  // --cpu-prof in NODE_OPTIONS, so it is passed here), named by its start so a restart does not overwrite the last.
  const profileDir = process.env['GONGZHI_CPU_PROFILE_DIR'];
  if (profileDir)
    nodeArgs.push(
      '--cpu-prof',
      `--cpu-prof-dir=${profileDir}`,
      `--cpu-prof-name=${spec.name}.${Date.now()}.cpuprofile`,
    );
  const child = spawn(process.execPath, [...nodeArgs, spec.entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let recent = '';
  let sawReadyLine = false;
  const onOutput = (chunk: Buffer) => {
    log.write(chunk);
    recent = (recent + chunk.toString()).slice(-4_000);
    if (spec.readyLine?.test(recent)) sawReadyLine = true;
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  child.once('exit', () => log.end());

  const app: AppProcess = {
    name: spec.name,
    child,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited(child);
      clearTimeout(timer);
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };

  const deadline = Date.now() + timeoutMs;
  try {
    if (spec.readyUrl) {
      await waitForHttp(spec.readyUrl, child, deadline);
    } else if (spec.readyLine) {
      while (!sawReadyLine) {
        if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode} before it was ready`);
        if (Date.now() > deadline) throw new Error('did not report ready in time');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } catch (error) {
    await app.stop(2_000);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${spec.name} ${reason}. Last output (full log: ${logFile}):\n${recent.trim()}`);
  }
  return app;
}
