/**
 * The versioned stub after a bad deploy: the same workflow type, whose code no longer starts the timer its running
 * workflows recorded. A worker with this bundle cannot replay them: their workflow task fails with a
 * non-determinism error on every attempt, which is what the admin scan must find (admin/stuck-scan/stuck-scan.int-spec.ts).
 */
import { condition, setHandler } from '@temporalio/workflow';
import { getDisputeStateQuery, newDisputeState } from '@gongzhi/contracts/dispute';
import { pokeSignal } from './stall-stub.workflow';

export async function versionedStubWorkflow(caseId: string): Promise<void> {
  const state = newDisputeState({ caseId, townCode: 'qingshui', disputeType: 'neighbour', risks: [] });
  setHandler(getDisputeStateQuery, () => state);
  let poked = false;
  setHandler(pokeSignal, () => void (poked = true));
  await condition(() => poked);
  await condition(() => false);
}
