import {
  ApplicationFailure,
  condition,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  CaseSearchAttributes,
  type CloseDisputeInput,
  closeDisputeUpdate,
  type DisputeState,
  type DisputeWorkflowInput,
  getDisputeStateQuery,
} from '@gongzhi/contracts/dispute';
import type { SearchAttributeUpdatePair } from '@temporalio/common';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One durable workflow per dispute case. This first version holds the village mediation level: its clock runs
 * from intake, a human can close the case, and when the clock runs out the case waits for a decision. The full
 * ladder (transfers, approvals, follow-up) grows from here.
 */
export async function disputeCaseWorkflow(input: DisputeWorkflowInput): Promise<DisputeState> {
  // Date.now() inside a workflow is the deterministic workflow clock, replayed identically.
  const deadline = new Date(Date.now() + input.firstLevelClockDays * DAY_MS);
  const state: DisputeState = {
    caseId: input.caseId,
    level: 'L1',
    stage: 'village-mediation',
    deadline: deadline.toISOString(),
  };

  const publish = (): void => {
    const pairs: SearchAttributeUpdatePair[] = [
      { key: CaseSearchAttributes.level, value: state.level },
      { key: CaseSearchAttributes.phase, value: state.stage },
      { key: CaseSearchAttributes.nextDeadline, value: state.stage === 'closed' ? null : new Date(state.deadline) },
    ];
    upsertSearchAttributes(pairs);
    setCurrentDetails(`**${state.level}** · ${state.stage} · deadline ${state.deadline}`);
  };

  setHandler(getDisputeStateQuery, () => state);
  setHandler(
    closeDisputeUpdate,
    (close: CloseDisputeInput) => {
      state.stage = 'closed';
      state.closure = { reason: close.reason, closedBy: close.actorId, closedAt: new Date(Date.now()).toISOString() };
      publish();
      return state;
    },
    {
      // Validators reject without leaving a trace in history.
      validator: (close: CloseDisputeInput) => {
        if (state.stage === 'closed') {
          throw ApplicationFailure.nonRetryable('The case is already closed.', 'CaseAlreadyClosed');
        }
        if (!close.actorId) throw ApplicationFailure.nonRetryable('Say who closes the case.', 'ActorRequired');
      },
    },
  );

  publish();
  const closedInTime = await condition(() => state.stage === 'closed', deadline.getTime() - Date.now());
  if (!closedInTime) {
    state.stage = 'mediation-clock-expired';
    publish();
    await condition(() => state.stage === 'closed');
  }
  return state;
}
