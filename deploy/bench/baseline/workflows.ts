/**
 * The Temporal baselines: what starting and awaiting a workflow costs on this Temporal server with nothing of
 * Gongzhi in it. Bundled by the baseline worker (baseline-worker.ts); never part of the dispute workflows.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { BaselineActivities } from './activities';

// The same kind of timeout the dispute workflows give a service call; the activity itself answers at once.
const { echo } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });

/** Does nothing: intake's baseline (a report opens a case and starts its workflow). */
export async function benchNoop(): Promise<void> {
  // Nothing: the cost measured is the start, one workflow task and the completion.
}

/** One activity: claim+complete's baseline (a completion is an Update that runs activities). */
export async function benchOneActivity(input: string): Promise<string> {
  return await echo(input);
}
