/**
 * What else the machine was doing while a figure was taken: the load average, the busiest process (on a shared
 * two-core machine a neighbour's test run can halve a figure), and the memory of the worker and Temporal.
 */
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
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
