import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type ActInput,
  actUpdate,
  caseMergedIntoThisSignal,
  type CloseDisputeInput,
  closeDisputeUpdate,
  DEFAULT_HISTORY_EVENT_LIMIT,
  DISPUTE_REJECTIONS,
  type DisputeState,
  type DisputeWorkflowInput,
  getDisputeStateQuery,
  newDisputeState,
  type PartyRiskFlaggedInput,
  partyRiskFlaggedUpdate,
  type ReassignInput,
  reassignUpdate,
  type RepairInput,
  repairUpdate,
} from '@gongzhi/contracts/dispute';
import { checkAction, checkArrivingAction, checkPartyRiskFlag, type Rejection } from './dispute-case/action-rules';
import { namedInAction, namedInReassign, namedInRepair } from './dispute-case/named';
import { checkReassign, checkRepair } from './dispute-case/repair-rules';
import { DisputeCase } from './dispute-case/dispute-case';
import { dueTimers, fireTimer } from './dispute-case/clocks';
import { reassignTask, repairCase } from './dispute-case/repairs';
import { partyRiskFlagged } from './dispute-case/risk';
import { mergeInto, mergedIn } from './dispute-case/merges';
import { nowIso } from './dispute-case/rules';
import { planAndEnter } from './dispute-case/levels';

/** Work the main loop does one item at a time, in arrival order, so transitions never interleave. */
type Command = (
  | { kind: 'act'; input: ActInput }
  | { kind: 'reassign'; input: ReassignInput }
  | { kind: 'merge-into'; input: CloseDisputeInput }
  | { kind: 'merged-in'; mergedCaseId: string }
  | { kind: 'repair'; input: RepairInput }
  | { kind: 'party-risk'; input: PartyRiskFlaggedInput }
) & {
  seq: number;
  rejection?: Rejection;
  /** The state right after this command, as its Update answers it (the next command may already be changing it). */
  result?: DisputeState;
};

/** Waits for the main loop to process a command, then answers with its outcome. */
async function answer(command: Command, processed: () => number): Promise<DisputeState> {
  await condition(() => processed() >= command.seq);
  if (command.rejection) throw failure(command.rejection);
  if (!command.result)
    throw failure({ type: DISPUTE_REJECTIONS.illegalAction, message: 'The action was not applied.' });
  return command.result;
}

function failure(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.nonRetryable(rejection.message, rejection.type);
}

/**
 * One durable workflow per dispute case, from intake to closure across the town's ladder (docs/domain.md): a transfer and
 * a mediation phase at every level on the route, legal clocks on the official calendar, and humans who accept,
 * decide and record through the `act` Update. Continues as new, carrying its state, before its history grows long.
 */
export async function disputeCaseWorkflow(input: DisputeWorkflowInput): Promise<DisputeState> {
  const state = input.carriedState ?? newDisputeState(input);
  if (input.carriedState) state.runs += 1;
  const dispute = new DisputeCase(state, input);
  const queue: Command[] = [];
  let accepted = 0;
  let processed = 0;
  const claimedActionIds = new Set<string>();
  /** Set the moment a merge starts being applied, so a second merge is refused while the first is still closing. */
  let merging = false;

  setHandler(getDisputeStateQuery, () => state);

  /** Queues an accepted Update for the main loop and answers it once the loop has applied it. */
  const enqueue = (command: Command): Promise<DisputeState> => {
    queue.push(command);
    return answer(command, () => processed);
  };
  /** A second completion of a task already being completed, in the same batch, is refused by its validator. */
  const refuseIfBeingCompleted = (actionId: string | undefined): void => {
    if (actionId && claimedActionIds.has(actionId)) {
      throw failure({ type: DISPUTE_REJECTIONS.staleTask, message: 'This task is being completed already.' });
    }
  };

  setHandler(
    actUpdate,
    async (act: ActInput) => {
      if (act.actionId && completesTask(act)) claimedActionIds.add(act.actionId);
      return enqueue({ seq: ++accepted, kind: 'act', input: act });
    },
    {
      // Runs before anything is written to history: a rejected action leaves no trace.
      validator: (act: ActInput) => {
        refuseIfBeingCompleted(act?.actionId);
        const rejection = checkArrivingAction(state, act, Date.now());
        if (rejection) throw failure(rejection);
      },
    },
  );

  setHandler(
    reassignUpdate,
    async (reassign: ReassignInput) => enqueue({ seq: ++accepted, kind: 'reassign', input: reassign }),
    {
      validator: (reassign: ReassignInput) => {
        refuseIfBeingCompleted(reassign?.actionId);
        const rejection = checkReassign(state, reassign);
        if (rejection) throw failure(rejection);
      },
    },
  );

  setHandler(
    closeDisputeUpdate,
    async (close: CloseDisputeInput) => enqueue({ seq: ++accepted, kind: 'merge-into', input: close }),
    {
      validator: (close: CloseDisputeInput) => {
        if (state.phase === 'closed' || merging || queue.some((c) => c.kind === 'merge-into')) {
          throw failure({ type: DISPUTE_REJECTIONS.closed, message: 'The case is already closed.' });
        }
        if (close?.reason !== 'merged' || !close.actorId) {
          throw failure({ type: DISPUTE_REJECTIONS.invalidInput, message: 'Say who merged the case, and into which.' });
        }
      },
    },
  );

  setHandler(
    repairUpdate,
    async (repair: RepairInput) => {
      if (repair.repair.kind === 'retry-now') {
        // Not queued: the main loop is waiting inside the blocked side effect, and this is what wakes it.
        await dispute.retryNow();
        return snapshot(state);
      }
      return enqueue({ seq: ++accepted, kind: 'repair', input: repair });
    },
    {
      validator: (repair: RepairInput) => {
        const repairing = repair?.repair;
        refuseIfBeingCompleted(repairing && 'actionId' in repairing ? repairing.actionId : undefined);
        const rejection = checkRepair(state, repair);
        if (rejection) throw failure(rejection);
      },
    },
  );

  setHandler(
    partyRiskFlaggedUpdate,
    async (flagged: PartyRiskFlaggedInput) => enqueue({ seq: ++accepted, kind: 'party-risk', input: flagged }),
    {
      validator: (flagged: PartyRiskFlaggedInput) => {
        const rejection = checkPartyRiskFlag(state, flagged);
        if (rejection) throw failure(rejection);
      },
    },
  );

  setHandler(caseMergedIntoThisSignal, ({ mergedCaseId }) => {
    queue.push({ seq: ++accepted, kind: 'merged-in', mergedCaseId });
  });

  async function process(command: Command): Promise<void> {
    if (command.kind === 'repair') {
      const rejection =
        checkRepair(state, command.input) ?? (await dispute.refusalOfNamed(namedInRepair(state, command.input)));
      if (rejection) command.rejection = rejection;
      else await repairCase(dispute, command.input);
    } else if (command.kind === 'party-risk') {
      const rejection = checkPartyRiskFlag(state, command.input);
      if (rejection) command.rejection = rejection;
      else await partyRiskFlagged(dispute, command.input);
    } else if (command.kind === 'merged-in') {
      await mergedIn(dispute, command.mergedCaseId);
    } else if (command.kind === 'reassign') {
      const rejection =
        checkReassign(state, command.input) ?? (await dispute.refusalOfNamed(namedInReassign(state, command.input)));
      if (rejection) command.rejection = rejection;
      else await reassignTask(dispute, command.input);
    } else if (command.kind === 'merge-into') {
      if (state.phase === 'closed') {
        // Closed by an action queued before it (a withdrawal): the merge did not happen, and the caller must know.
        command.rejection = { type: DISPUTE_REJECTIONS.closed, message: 'The case was closed before the merge.' };
      } else {
        merging = true;
        await mergeInto(dispute, command.input.actorId, command.input.mergedIntoCaseId);
      }
    } else {
      // Several Updates can be accepted before the first is processed: check again against the state as it is now;
      // then whoever and whatever the action names, with agency-service, while the reads the action will make anyway
      // run alongside (an action whose reads ran ahead was taken when they started).
      let rejection = checkAction(state, command.input, Date.now());
      let takenAt: string | undefined;
      if (!rejection) {
        const at = nowIso();
        const named = dispute.refusalOfNamed(namedInAction(state, command.input));
        const ahead = dispute.readAhead(command.input.action, at);
        if (ahead) takenAt = at;
        [rejection] = await Promise.all([named, ahead]);
      }
      if (rejection) {
        command.rejection = rejection;
      } else {
        await dispute.apply(command.input, takenAt);
      }
      if (command.input.actionId) claimedActionIds.delete(command.input.actionId);
    }
  }

  await dispute.transition(async () => {
    if (state.phase === 'planning') await planAndEnter(dispute);
  });
  state.settling = false;

  const historyLimit = input.historyEventLimit ?? DEFAULT_HISTORY_EVENT_LIMIT;
  for (;;) {
    const command = queue.shift();
    if (command) {
      state.settling = true;
      // The case record is current before the Update answers, so whoever sent it reads what it did.
      await dispute.transition(() => process(command));
      state.settling = false;
      if (!command.rejection) command.result = snapshot(state);
      processed = command.seq;
      continue;
    }
    if (state.phase === 'closed') break;

    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= historyLimit) {
      // Only between commands, with no Update still waiting for its answer; the state carries everything.
      // An Update arriving meanwhile waits on the queue, so the wait must end for it too, or neither could proceed.
      await condition(() => allHandlersFinished() || queue.length > 0);
      if (queue.length === 0) await continueAsNew<typeof disputeCaseWorkflow>({ ...input, carriedState: state });
      continue;
    }

    const timer = dueTimers(dispute)[0];
    if (timer && timer.at <= Date.now()) {
      state.settling = true;
      await dispute.transition(() => fireTimer(dispute, timer));
      state.settling = false;
      continue;
    }
    if (timer) {
      await condition(() => queue.length > 0, timer.at - Date.now());
    } else {
      await condition(() => queue.length > 0);
    }
  }

  // Answer any Update still waiting before the run ends.
  await condition(allHandlersFinished);
  return state;
}

/** A copy of the state that later changes cannot reach (what an Update answers with). */
function snapshot(state: DisputeState): DisputeState {
  return JSON.parse(JSON.stringify(state)) as DisputeState;
}

/** Actions that work under the mediate task without completing it; every other task-bound action completes its task. */
const WORKS_UNDER_TASK = new Set<string>(['record-session', 'request-extension', 'request-escalation']);

function completesTask(act: ActInput): boolean {
  return !WORKS_UNDER_TASK.has(act.action.kind);
}
