/**
 * Which human action is legal when, and for whom. Pure functions of the state, shared by the Update validator (which
 * rejects without a trace in history) and the processing step (which re-checks, since several Updates may be
 * accepted before the first is processed).
 */
import {
  type ActInput,
  DISPUTE_REJECTIONS,
  disputeActionProblem,
  isUuid,
  type DisputeState,
  type OpenAction,
  type PartyRiskFlaggedInput,
  RISK_FLAGS,
  TASK_OF_ACTION,
} from '@gongzhi/contracts/dispute';
import { checkOfAction } from './actions';
import { checkActor, mayDo, type Rejection, reject } from './rejections';

export { type Rejection } from './rejections';

/**
 * The checks an action gets when it arrives (the Update's validator), beyond {@link checkAction}: first its fields,
 * with the schema case-service validates requests with (one definition of every action), then the case's state. Rules added after
 * workflows were running belong here: a validator never runs on replay, so a history that accepted such an action
 * before the rule existed replays as it ran, while every new action is held to the rule.
 */
export function checkArrivingAction(state: DisputeState, input: ActInput, now: number): Rejection | null {
  const problem = disputeActionProblem(input?.action);
  if (problem) return reject(DISPUTE_REJECTIONS.invalidInput, problem);
  const rejection = checkAction(state, input, now);
  if (rejection) return rejection;
  const action = input.action;
  // An agreement takes effect when the parties sign it: not later than it is recorded (a minute of clock skew aside).
  if (action.kind === 'record-agreement' && action.effectiveAt !== undefined) {
    if (Date.parse(action.effectiveAt) > now + 60_000) {
      return reject(
        DISPUTE_REJECTIONS.invalidInput,
        'An agreement takes effect when the parties sign it: give that moment, not one in the future.',
      );
    }
  }
  return null;
}

/**
 * The rejection for this input in this state, or null when it is legal: who acts, on which task, then the action's
 * own check in the table of actions. Its fields are the schema's to check (on arrival); this is run again when the
 * action is processed, against the state as it is then.
 */
export function checkAction(state: DisputeState, input: ActInput, now: number): Rejection | null {
  const { actor, action } = input;
  const unknownActor = checkActor(state, actor);
  if (unknownActor) return unknownActor;
  if (state.phase === 'planning' || !state.plan) {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'The case is still being planned: try again in a moment.');
  }
  const taskKind = TASK_OF_ACTION[action.kind];
  if (taskKind === undefined) return reject(DISPUTE_REJECTIONS.invalidInput, 'Unknown action.');

  let task: OpenAction | undefined;
  if (taskKind !== null) {
    if (!input.actionId) {
      return reject(DISPUTE_REJECTIONS.invalidInput, `Name the ${taskKind} task this action completes.`);
    }
    task = state.openActions.find((open) => open.actionId === input.actionId);
    if (!task) {
      return reject(
        DISPUTE_REJECTIONS.staleTask,
        'This task is no longer open: reload the case to see what is due now.',
      );
    }
    if (task.kind !== taskKind) {
      return reject(DISPUTE_REJECTIONS.illegalAction, `A ${task.kind} task cannot be completed with ${action.kind}.`);
    }
    if (!mayDo(actor, task)) {
      return reject(
        DISPUTE_REJECTIONS.notAllowed,
        `Only ${task.roles.join(' or ')} staff of the task's agency (or its assignee) may do this.`,
      );
    }
  }

  return checkOfAction(state, { actor, action, task, plan: state.plan, step: state.plan.route[state.stepIndex], now });
}

/** The rejection for a party's risk flag told to the workflow, or null when it can be applied. */
export function checkPartyRiskFlag(state: DisputeState, input: PartyRiskFlaggedInput): Rejection | null {
  if (
    !isUuid(input?.partyId) ||
    !isUuid(input.flagId) ||
    !isUuid(input.agencyId) ||
    !(RISK_FLAGS as readonly string[]).includes(input.flag)
  ) {
    return reject(DISPUTE_REJECTIONS.invalidInput, 'Say which party, flag, risk and agency (ids and a risk code).');
  }
  if (state.phase === 'closed') {
    return reject(DISPUTE_REJECTIONS.closed, 'The case is closed: a new risk is for a new case.');
  }
  return null;
}
