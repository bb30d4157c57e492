/**
 * The start/status skeleton shared by every server of the stack, so each component module only says how to launch
 * itself and how to tell it is ready.
 */
import type { ChildProcess } from 'node:child_process';
import type { StackProfile } from './profile';
import { displayPath, type Logger } from './log';
import { assertPortsFree, isPortFree, isPortOpen, type PortNeed } from './net';
import {
  claimRunningPid,
  logFile,
  runningPid,
  spawnDetached,
  waitUntilReady,
  type ProcessIdentity,
  type SpawnSpec,
} from './process';

export type ComponentName = 'postgres' | 'temporal' | 'kafka' | 'seaweedfs';

export const COMPONENT_NAMES: readonly ComponentName[] = ['postgres', 'temporal', 'kafka', 'seaweedfs'];

/** What `infra status` reports for one server of a profile. */
export interface ComponentStatus {
  name: ComponentName;
  /**
   * running: our pid is alive and its ports accept connections; starting: alive but not all ports open yet;
   * stopped: nothing of ours, ports free; port-conflict: nothing of ours, but another program holds a port.
   */
  state: 'running' | 'starting' | 'stopped' | 'port-conflict';
  pid?: number;
  /** Human-readable addresses, e.g. "postgresql://postgres@127.0.0.1:25432/postgres". */
  addresses: string[];
  detail: string;
}

export interface ServerSpec {
  identity: ProcessIdentity & { name: ComponentName };
  ports: readonly PortNeed[];
  /** Called only when the server is not running; prepares state (config, formatting) and returns how to launch. */
  prepare: () => Promise<SpawnSpec>;
  /** One readiness probe beyond "the ports accept connections". */
  probe: () => Promise<boolean>;
  waitingFor: string;
  startTimeoutMs: number;
}

/**
 * Starts a server unless our own live process already runs it (then only re-checks readiness). Ports are checked
 * before spawning, so a clash is reported as such instead of as a crash in the server's log.
 */
export async function ensureServer(profile: StackProfile, spec: ServerSpec, log: Logger): Promise<void> {
  const { name } = spec.identity;
  const file = logFile(profile, name);
  const allPortsOpen = async (): Promise<boolean> => {
    for (const need of spec.ports) if (!(await isPortOpen(profile.ports[need.key]))) return false;
    return true;
  };
  const probe = async (): Promise<boolean> => (await allPortsOpen()) && (await spec.probe());

  const existing = claimRunningPid(profile, spec.identity);
  if (existing !== undefined) {
    log.info(name, `already running (pid ${existing}); checking it is ready`);
    await waitUntilReady({
      name,
      pid: existing,
      logFile: file,
      timeoutMs: spec.startTimeoutMs,
      probe,
      waitingFor: spec.waitingFor,
    });
    return;
  }
  await assertPortsFree(profile, spec.ports);
  const launch = await spec.prepare();
  const ports = spec.ports.map((p) => `${p.what} ${profile.ports[p.key]}`).join(', ');
  log.info(name, `starting on 127.0.0.1 (${ports}); log: ${displayPath(file)}`);
  const child: ChildProcess = spawnDetached(profile, name, launch);
  const pid = child.pid ?? 0;
  const started = Date.now();
  await waitUntilReady({
    name,
    pid,
    logFile: file,
    timeoutMs: spec.startTimeoutMs,
    probe,
    waitingFor: spec.waitingFor,
  });
  log.info(name, `ready (pid ${pid}) after ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/**
 * Fails early when a server that is not running yet could not start because another program holds its ports, so
 * `up` reports a clash before starting anything rather than after half the stack is up.
 */
export async function assertStartable(
  profile: StackProfile,
  identity: ProcessIdentity,
  ports: readonly PortNeed[],
): Promise<void> {
  if (runningPid(profile, identity) === undefined) await assertPortsFree(profile, ports);
}

/** Status from the pid file and the ports alone; never changes anything. */
export async function serverStatus(
  profile: StackProfile,
  identity: ProcessIdentity & { name: ComponentName },
  ports: readonly PortNeed[],
  addresses: string[],
): Promise<ComponentStatus> {
  const pid = runningPid(profile, identity);
  const closed: string[] = [];
  for (const need of ports) {
    if (!(await isPortOpen(profile.ports[need.key]))) closed.push(`${need.what} 127.0.0.1:${profile.ports[need.key]}`);
  }
  if (pid !== undefined) {
    return closed.length === 0
      ? { name: identity.name, state: 'running', pid, addresses, detail: `pid ${pid}` }
      : {
          name: identity.name,
          state: 'starting',
          pid,
          addresses,
          detail: `pid ${pid}; not listening yet on ${closed.join(', ')}`,
        };
  }
  const taken: string[] = [];
  for (const need of ports)
    if (!(await isPortFree(profile.ports[need.key]))) taken.push(`${need.what} ${profile.ports[need.key]}`);
  return taken.length === 0
    ? { name: identity.name, state: 'stopped', addresses: [], detail: 'not running' }
    : {
        name: identity.name,
        state: 'port-conflict',
        addresses: [],
        detail: `not running, but another program holds port ${taken.join(', ')}`,
      };
}
