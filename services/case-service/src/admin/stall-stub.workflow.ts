/**
 * Stand-ins for the dispute workflow that stall on purpose, for the admin scan's tests against a real server: one
 * waits quietly (its workflow is killed behind the case's back), one whose side effect keeps failing and retrying,
 * and one blocked the way the dispute workflow reports it. Each answers getDisputeStateQuery like the real one.
 * Bundled by the test's worker, on a task queue of its own.
 */
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { type DisputeState, getDisputeStateQuery, newDisputeState } from '@gongzhi/contracts/dispute';

export interface StallStubActivities {
  recordTimeline(caseId: string): Promise<void>;
}

// Retried every second for ever, so a test sees attempt 2, 3… within seconds.
const { recordTimeline } = proxyActivities<StallStubActivities>({
  startToCloseTimeout: '5s',
  retry: { initialInterval: '1s', backoffCoefficient: 1, maximumInterval: '1s' },
});

function stateOf(caseId: string): DisputeState {
  return {
    ...newDisputeState({ caseId, townCode: 'qingshui', disputeType: 'neighbour', risks: [] }),
    level: 'L1',
    phase: 'mediation',
    agencyId: 'agency-shangba',
  };
}

export async function idleStubWorkflow(caseId: string): Promise<void> {
  const state = stateOf(caseId);
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
