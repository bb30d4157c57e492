/**
 * Loopback port checks. Every address here is 127.0.0.1: the local stack never listens on or dials another interface.
 */
import net from 'node:net';
import { portEnvName, profileEnvPrefix, type StackPorts, type StackProfile } from './profile';
import { capture, whichSync } from './exec';
import { InfraError } from './log';

export const LOOPBACK = '127.0.0.1';

/** A port a component needs, with what to tell the developer when it is taken. */
export interface PortNeed {
  key: keyof StackPorts;
  /** What listens there, e.g. "postgres" or "kafka controller". */
  what: string;
}

/** The variable that overrides a port for this profile, as `loadProfile` reads it (the test profile: GONGZHI_TEST_*). */
export function portOverrideEnv(profile: StackProfile, key: keyof StackPorts): string {
  return portEnvName(key).replace(/^GONGZHI_/, profileEnvPrefix(profile.name));
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export async function isPortOpen(port: number, timeoutMs = 1000): Promise<boolean> {
  return await new Promise((resolve) => {
    const socket = net.connect({ host: LOOPBACK, port });
    const done = (open: boolean): void => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * True when we could listen on 127.0.0.1:port. Binding (rather than dialling) also catches a program that listens on
 * 0.0.0.0 or has the port half-open, which would make our server fail to start.
 */
export async function isPortFree(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host: LOOPBACK, port, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** A free port chosen by the kernel on loopback, for throwaway processes such as a smoke test. */
export async function freeLoopbackPort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: 0 }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** "pid 123 (java)" for whoever listens on a port, when `ss` can tell; empty otherwise. */
async function describeHolder(port: number): Promise<string> {
  if (whichSync('ss') === undefined) return '';
  const { code, stdout } = await capture('ss', ['-Hltnp', `sport = :${port}`], { timeoutMs: 3000 });
  if (code !== 0) return '';
  const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(stdout);
  return match ? ` (pid ${match[2]}, ${match[1]})` : '';
}

/** Fails with the message the brief promises: which port, for what, held by whom, and the variable to change it. */
export async function assertPortsFree(profile: StackProfile, needs: readonly PortNeed[]): Promise<void> {
  for (const need of needs) {
    const port = profile.ports[need.key];
    if (await isPortFree(port)) continue;
    const holder = await describeHolder(port);
    throw new InfraError(
      `port ${port} (${need.what}) is in use by another program${holder}: stop it or set ` +
        `${portOverrideEnv(profile, need.key)} to a free port.`,
    );
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
