/**
 * What a scenario is: something measured once per round (Gongzhi and its baseline one after the other, in an order
 * that alternates between rounds), whose figures the bench takes the median of over the rounds and turns into rows.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../local/lib/log';
import type { BenchStack } from './stack';
import { type MachineSnapshot, machineSnapshot, waitForQuiet } from './system';
import type { ResultRow } from './stats';

export interface BenchMode {
  name: 'quick' | 'full';
  /** How long one closed- or open-loop measurement runs. */
  measureMs: number;
  /** Reports filed at once by the burst scenario (the burst was 372). */
  burstSize: number;
  /** How long the burst may take to show every case's first task before the rest count as not drained. */
  drainTimeoutMs: number;
  rounds: number;
  /** Cases the growth scenario seeds, cumulatively, measuring after each (and once before, at the base). */
  growthSizes: number[];
}

export const MODES: Record<BenchMode['name'], BenchMode> = {
  quick: {
    name: 'quick',
    measureMs: 5_000,
    burstSize: 60,
    drainTimeoutMs: 120_000,
    rounds: 3,
    growthSizes: [1_000, 10_000],
  },
  full: {
    name: 'full',
    measureMs: 20_000,
    burstSize: 372,
    drainTimeoutMs: 600_000,
    rounds: 3,
    growthSizes: [1_000, 10_000, 100_000],
  },
};

/** One round's figures of a scenario, by name (`rate`, `baseline.rate`, `p99`…). */
export type Figures = Record<string, number>;

export interface RoundContext {
  stack: BenchStack;
  mode: BenchMode;
  log: Logger;
  /** 1-based. */
  round: number;
  /** Whether this round measures the baseline first (alternates, so neither side always runs on a warmer machine). */
  baselineFirst: boolean;
  /** Figures other scenarios measured earlier in this round (the half-max scenario reads the maxima). */
  earlier: Record<string, Figures>;
  /** Records what the machine was doing at this moment, under a label, in the JSON. */
  note(label: string): Promise<void>;
}

export interface Scenario {
  name: string;
  run(ctx: RoundContext): Promise<Figures>;
  /** The table's rows, from the medians of the rounds' figures. */
  rows(medians: Figures): ResultRow[];
}

/** Runs the two sides of a comparison in this round's order, each once the stack is quiet (waitForQuiet). */
export async function sideBySide<A, B>(
  ctx: RoundContext,
  gongzhi: () => Promise<A>,
  baseline: () => Promise<B>,
): Promise<[A, B]> {
  const quietly = async <T>(side: () => Promise<T>): Promise<T> => {
    await waitForQuiet();
    return side();
  };
  if (ctx.baselineFirst) {
    const b = await quietly(baseline);
    return [await quietly(gongzhi), b];
  }
  const a = await quietly(gongzhi);
  return [a, await quietly(baseline)];
}

/** A snapshot recorder for the JSON, shared by the rounds. */
export function snapshotLog(): {
  snapshots: (MachineSnapshot & { label: string })[];
  note(label: string): Promise<void>;
} {
  const snapshots: (MachineSnapshot & { label: string })[] = [];
  return {
    snapshots,
    async note(label) {
      snapshots.push({ label, ...(await machineSnapshot()) });
    },
  };
}

/** This run's tag: in grid codes and workflow ids, so nothing of one run matches another's. */
export const RUN_TAG = randomUUID().slice(0, 8);
let reportSeq = 0;

/**
 * A report that opens a case of its own: every report has a grid cell no other report of the run has, so the
 * same-place rule never links it to an earlier one (and no event reference or reporter for the other rules).
 */
export function newCaseReport(): Record<string, unknown> {
  reportSeq += 1;
  return {
    disputeType: 'neighbour',
    source: 'grid-report',
    summary: `基准测试第${reportSeq}号：邻里之间因排水沟堵塞发生争执。`,
    townCode: 'qingshui',
    villageCode: 'shangba',
    gridCode: `bench-${RUN_TAG}-${reportSeq}`,
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function idempotent(token: string): Record<string, string> {
  return { ...bearer(token), 'idempotency-key': randomUUID() };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
