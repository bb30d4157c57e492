/**
 * A stand-in for the dispute workflow with the same Update and Query names, for testing case-service's Temporal
 * adapter against a real server: it accepts actions, rejects them the way the real validator does (the rejection
 * type is named by the action id, `reject:<Type>`), takes reassignments the same way, and closes on `closeDispute`.
 * Bundled by the test's worker.
 */
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  actUpdate,
  closeDisputeUpdate,
  type DisputeState,
  getDisputeStateQuery,
  newDisputeState,
  reassignUpdate,
} from '@gongzhi/contracts/dispute';

export async function actStubWorkflow(caseId: string): Promise<DisputeState> {
  const state: DisputeState = {
    ...newDisputeState({ caseId, townCode: 'qingshui', disputeType: 'neighbour', risks: [] }),
    policyVersion: 1,
    level: 'L1',
    phase: 'mediation',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    settling: false,
  };

  setHandler(getDisputeStateQuery, () => state);
  setHandler(
    actUpdate,
    async (act) => {
      // Counts the actions applied: an Update id sent twice must count once.
      state.sequence.action += 1;
      state.responsibleStaffId = act.actor.staffId;
      return state;
    },
    {
      validator: (act) => {
        const rejection = /^reject:(\w+)$/.exec(act.actionId ?? '')?.[1];
        if (rejection) throw ApplicationFailure.nonRetryable(`The stub rejects with ${rejection}.`, rejection);
      },
    },
  );
  setHandler(
    reassignUpdate,
    async (reassign) => {
      // Counted with the actions: a reassignment's Update id sent twice must count once too.
      state.sequence.action += 1;
      state.responsibleStaffId = reassign.toStaffId;
      return state;
    },
    {
      validator: (reassign) => {
        const rejection = /^reject:(\w+)$/.exec(reassign.actionId)?.[1];
        if (rejection) throw ApplicationFailure.nonRetryable(`The stub rejects with ${rejection}.`, rejection);
      },
    },
  );
  setHandler(closeDisputeUpdate, async (close) => {
    state.phase = 'closed';
    state.closure = {
      outcome: 'merged',
      closedBy: close.actorId,
      closedAt: new Date().toISOString(),
      detail: close.mergedIntoCaseId ?? null,
    };
    return state;
  });

  await condition(() => state.phase === 'closed');
  return state;
}
