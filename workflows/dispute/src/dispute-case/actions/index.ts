/**
 * The table of actions: each kind's effect on the case, grouped by the phase it belongs to. A kind missing from the
 * table, or listed twice, fails to compile.
 */
import type { DisputeActionKind } from '@gongzhi/contracts/dispute';
import type { DisputeCase } from '../dispute-case';
import { agreementActions } from './agreement';
import type { ActionHandlers, ActionStep } from './action-step';
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

/** Applies an accepted action to the case: the handler its kind names. */
export function applyAction(c: DisputeCase, step: ActionStep): Promise<void> {
  const apply = ACTIONS[step.action.kind] as (c: DisputeCase, step: ActionStep) => Promise<void>;
  return apply(c, step);
}
