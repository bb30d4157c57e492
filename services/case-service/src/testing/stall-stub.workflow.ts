/**
 * Stand-ins for the dispute workflow that stall on purpose, for the admin scan's tests against a real server: one
 * waits quietly (its workflow is killed behind the case's back), one waits on actions of its own (for tasks that
 * disagree with it), one whose side effect keeps failing and retrying, one blocked the way the dispute workflow
 * reports it, and one whose next deploy changes its code (stall-stub-next.workflow.ts). Each answers
 * getDisputeStateQuery like the real one, with its effects written (`settling` false). Bundled by the test's worker,
 * on a task queue of its own.
 */
import { condition, defineSignal, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { type DisputeState, getDisputeStateQuery, newDisputeState, type OpenAction } from '@gongzhi/contracts/dispute';

export interface StallStubActivities {
  recordTimeline(caseId: string): Promise<void>;
}

/** Wakes the versioned stub: the new workflow task a worker with the next version's code has to replay. */
export const pokeSignal = defineSignal('poke');

// Retried every second for ever, so a test sees attempt 2, 3… within seconds.
const { recordTimeline } = proxyActivities<StallStubActivities>({
  startToCloseTimeout: '5s',
  retry: { initialInterval: '1s', backoffCoefficient: 1, maximumInterval: '1s' },
});

function stateOf(caseId: string, openActions: OpenAction[] = []): DisputeState {
  return {
    ...newDisputeState({ caseId, townCode: 'qingshui', disputeType: 'neighbour', risks: [] }),
    level: 'L1',
    phase: 'mediation',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    openActions,
    settling: false,
  };
}

export async function idleStubWorkflow(caseId: string): Promise<void> {
  const state = stateOf(caseId);
  setHandler(getDisputeStateQuery, () => state);
  await condition(() => false);
}

/** Awaits the given actions, as the dispute workflow does while their tasks are open. */
export async function awaitingStubWorkflow(caseId: string, openActions: OpenAction[]): Promise<void> {
  const state = stateOf(caseId, openActions);
  setHandler(getDisputeStateQuery, () => state);
  await condition(() => false);
}

export async function failingActivityStubWorkflow(caseId: string): Promise<void> {
  const state = stateOf(caseId);
  setHandler(getDisputeStateQuery, () => state);
  await recordTimeline(caseId);
  await condition(() => false);
}

export async function blockedStubWorkflow(caseId: string, since: string): Promise<void> {
  const state: DisputeState = {
    ...stateOf(caseId),
    blocked: {
      activity: 'planCase',
      type: 'AgencyMissing',
      message: 'town qingshui has no agency at level L2',
      since,
      retryAt: since,
    },
  };
  setHandler(getDisputeStateQuery, () => state);
  await condition(() => false);
}

/** Version 1: starts a day-long timer, then waits to be poked. The next version starts no timer. */
export async function versionedStubWorkflow(caseId: string): Promise<void> {
  const state = stateOf(caseId);
  setHandler(getDisputeStateQuery, () => state);
  let poked = false;
  setHandler(pokeSignal, () => void (poked = true));
  await Promise.race([sleep('1 day'), condition(() => poked)]);
  await condition(() => false);
}
