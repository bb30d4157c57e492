/**
 * The table of actions: each kind's state check and its effect on the case, grouped by the phase it belongs to (which
 * task an action works under is TASK_OF_ACTION in the contracts, its fields the contracts' schema). A kind missing from
 * the table fails to compile.
 */
import type { DisputeAction, DisputeActionKind, DisputeState } from '@gongzhi/contracts/dispute';
import type { Rejection } from '../rejections';
import type { CaseSteps } from '../case-steps';
import { agreementActions } from './agreement';
import type { ActionCheck, ActionHandlers, ActionStep, ReadAhead } from './action-step';
import { caseWideActions } from './case-wide';
import { decisionActions } from './decision';
import { mediationActions } from './mediation';
import { transferActions } from './transfer';

const ACTIONS: ActionHandlers<DisputeActionKind> = {
  ...transferActions,
  ...mediationActions,
  ...decisionActions,
  ...agreementActions,
  ...caseWideActions,
};

/** What the action's kind says of the case's state: its rejection, or null when the state allows it. */
export function checkOfAction(state: DisputeState, check: ActionCheck): Rejection | null {
  const rule = ACTIONS[check.action.kind] as { check?: (state: DisputeState, check: ActionCheck) => Rejection | null };
  return rule.check?.(state, check) ?? null;
}

/** The reads an action's kind starts ahead of its checks (READ_AHEAD_PATCH), or undefined when it has none. */
export function readAheadOf(action: DisputeAction): ReadAhead | undefined {
  const rule = ACTIONS[action.kind] as { readAhead?: ReadAhead };
  return rule.readAhead;
}

/** Applies an accepted action to the case: the handler its kind names. */
export function applyAction(c: CaseSteps, step: ActionStep): Promise<void> {
  const rule = ACTIONS[step.action.kind] as { apply: (c: CaseSteps, step: ActionStep) => Promise<void> };
  return rule.apply(c, step);
}
