/**
 * A stand-in for the dispute workflow's `partyRiskFlagged` Update, for testing case-service's party-risk consumer
 * against a real Temporal server: its validator refuses what the real one refuses (ids that are not UUIDs or a risk
 * that is not a code: InvalidInput; a closed case: CaseClosed), it applies a flag id once, and it remembers every
 * input its handler ran with (`receivedPartyRisksQuery`). Started `busy`, it accepts the Update and never answers it,
 * as a real workflow whose main loop waits on a failing activity. `closeDispute` ends it. Bundled by the test's worker.
 */
import { ApplicationFailure, condition, defineQuery, setHandler } from '@temporalio/workflow';
import {
  closeDisputeUpdate,
  DISPUTE_REJECTIONS,
  type DisputeState,
  getDisputeStateQuery,
  newDisputeState,
  type PartyRiskFlaggedInput,
  partyRiskFlaggedUpdate,
  RISK_FLAGS,
} from '@gongzhi/contracts/dispute';

/** Every input the Update handler ran with, in order (an Update id sent twice runs once). */
export const receivedPartyRisksQuery = defineQuery<PartyRiskFlaggedInput[]>('receivedPartyRisks');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isId = (value: unknown): boolean => typeof value === 'string' && UUID.test(value);

export async function partyRiskStubWorkflow(caseId: string, options: { busy?: boolean } = {}): Promise<DisputeState> {
  const state: DisputeState = {
    ...newDisputeState({ caseId, townCode: 'qingshui', disputeType: 'neighbour', risks: [] }),
    policyVersion: 1,
    level: 'L1',
    phase: 'mediation',
    agencyId: null,
    settling: false,
    partyRiskFlagIds: [],
  };
  const received: PartyRiskFlaggedInput[] = [];

  setHandler(getDisputeStateQuery, () => state);
  setHandler(receivedPartyRisksQuery, () => received);
  setHandler(
    partyRiskFlaggedUpdate,
    async (input) => {
      received.push(input);
      if (options.busy) await condition(() => false);
      if (!state.partyRiskFlagIds?.includes(input.flagId)) {
        state.partyRiskFlagIds = [...(state.partyRiskFlagIds ?? []), input.flagId];
        if (!state.risks.includes(input.flag)) state.risks.push(input.flag);
      }
      return state;
    },
    {
      validator: (input) => {
        const valid =
          isId(input?.partyId) &&
          isId(input.flagId) &&
          isId(input.agencyId) &&
          (RISK_FLAGS as readonly string[]).includes(input.flag);
        if (!valid) {
          throw ApplicationFailure.nonRetryable(
            'Say which party, flag, risk and agency (ids and a risk code).',
            DISPUTE_REJECTIONS.invalidInput,
          );
        }
        if (state.phase === 'closed') {
          throw ApplicationFailure.nonRetryable('The case is closed.', DISPUTE_REJECTIONS.closed);
        }
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
