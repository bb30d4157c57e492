/**
 * What else the machine was doing while a figure was taken: the load average, the busiest process (on a shared
 * two-core machine a neighbour's test run can halve a figure), and the memory of the worker and Temporal.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';

export interface MachineSnapshot {
  /** 1-minute load average. */
  load1: number;
  cores: number;
  /**
   * The process with the highest %CPU as `ps` reports it (pid, %CPU, command). ps's %CPU is the share over the
   * process's lifetime, so a long-lived busy neighbour shows here; a short burst may not.
   */
  busiest: string;
}

export async function machineSnapshot(): Promise<MachineSnapshot> {
  let busiest = 'unknown';
  try {
    const { stdout } = await promisify(execFile)('ps', ['-eo', 'pid,pcpu,args', '--sort=-pcpu', '--no-headers'], {
      maxBuffer: 4 * 1024 * 1024,
    });
    const first = stdout.split('\n').find((line) => line.trim() !== '' && !/\bps -eo\b/.test(line));
    if (first) busiest = first.trim().replace(/\s+/g, ' ').slice(0, 120);
  } catch {
    // ps is missing (a minimal container): the snapshot says so instead of failing the run.
  }
  return { load1: Number(os.loadavg()[0]?.toFixed(2)), cores: os.cpus().length, busiest };
}

/** Resident memory of a process in MiB, or NaN when it is not running (or not on Linux). */
export function residentMiB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kib === undefined ? Number.NaN : Math.round(Number(kib) / 1024);
  } catch {
    return Number.NaN;
  }
}

/** A line describing the machine for the table's heading. */
export function machineDescription(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, ${os.platform()} ${os.release()}`;
}

/** A log file's size now, to count what is written after this point. */
export function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Lines written to a log since `offset` that match every pattern. */
export function countLogLines(file: string, offset: number, patterns: readonly RegExp[]): number {
  let text: string;
  try {
    text = readFileSync(file).subarray(offset).toString('utf8');
  } catch {
    return 0;
  }
  return text.split('\n').filter((line) => patterns.every((p) => p.test(line))).length;
}

/** The parts of the stack whose CPU the bench accounts for, by what their command line runs. */
const STACK_PARTS: readonly (readonly [string, RegExp])[] = [
  ['postgresql', /^postgres|\/bin\/postgres /],
  ['worker', /dispute-worker|workflows\/worker/],
  ['case-service', /case-service/],
  ['agency-service', /agency-service/],
  ['statistics-service', /statistics-service/],
  ['party-service', /party-service/],
  ['temporal', /\btemporal\b.*server/],
  ['kafka', /kafka/],
];

/**
 * CPU seconds every part of the stack has used so far (user + system, all its processes), from /proc: read before
 * and after a scenario, the difference says which process a case's work costs. Empty when /proc is not there.
 */
export function stackCpuSeconds(): Record<string, number> {
  const ticksPerSecond = 100; // USER_HZ on Linux, whatever the kernel's own tick
  const seconds: Record<string, number> = {};
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return seconds;
  }
  for (const pid of pids) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      const part = STACK_PARTS.find(([, pattern]) => pattern.test(command))?.[0];
      if (part === undefined) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th of them.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (Number.isFinite(ticks)) seconds[part] = (seconds[part] ?? 0) + ticks / ticksPerSecond;
    } catch {
      // the process ended between listing and reading: its time is gone with it
    }
  }
  return seconds;
}

/** CPU milliseconds per unit of work by part, from two readings of stackCpuSeconds, the largest first. */
export function cpuPerUnit(
  before: Record<string, number>,
  after: Record<string, number>,
  units: number,
): [part: string, ms: number][] {
  if (units <= 0) return [];
  return Object.entries(after)
    .map(([part, total]): [string, number] => [part, ((total - (before[part] ?? 0)) * 1000) / units])
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1]);
}

/**
 * Waits until the stack is quiet: its processes together use less than `busyCores` of CPU over a half second (idle,
 * the relays and consumers use about 0.2), or `maxMs` passed. Called before each side of a comparison, so neither
 * pays for the aftermath of the measurement before it (the workflows and consumers a burst of reports leaves busy):
 * without it the no-op baseline measured right after intake ran at a ninth of its speed in some rounds.
 * Resolves with how long it waited.
 */
export async function waitForQuiet(maxMs = 15_000, busyCores = 0.35): Promise<number> {
  const began = Date.now();
  const windowMs = 500;
  while (Date.now() - began < maxMs) {
    const before = stackCpuSeconds();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const used = Object.entries(stackCpuSeconds()).reduce((sum, [part, total]) => sum + total - (before[part] ?? 0), 0);
    if (used / (windowMs / 1000) < busyCores) break;
  }
  return Date.now() - began;
}
