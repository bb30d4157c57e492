/**
 * Actions on the case at any time: a withdrawal, a risk seen during the case.
 */
import type { CaseSteps } from '../case-steps';
import type { ActionCheck, ActionHandlers, ActionStep } from './action-step';
import { raiseRisk } from '../risk';
import { type Rejection, reject, isCoordinator, isInvolved } from '../rejections';
import { DISPUTE_REJECTIONS, type DisputeState } from '@gongzhi/contracts/dispute';
import { closeCase } from '../levels';

/** `withdraw`: The applicant withdrew: the case closes. */
async function withdraw(c: CaseSteps, act: ActionStep<'withdraw'>): Promise<void> {
  const { who } = act;
  c.leaveLevel('withdrawn');
  await closeCase(c, 'withdrawn', who, null);
}

/** `raise-risk`: Someone working the case, or a coordinator, saw a risk: the case may move up the ladder. */
async function raiseRiskAction(c: CaseSteps, act: ActionStep<'raise-risk'>): Promise<void> {
  const { action, who, actorAgencyId } = act;
  await raiseRisk(c, action.flags, who, { source: 'case', agencyId: actorAgencyId });
}

/** What the case's state says of `withdraw`, beyond who may do its task. */
function checkWithdraw(state: DisputeState, check: ActionCheck<'withdraw'>): Rejection | null {
  const { actor } = check;
  if (!isCoordinator(state, actor) && !isInvolved(state, actor)) {
    return reject(
      DISPUTE_REJECTIONS.notAllowed,
      'Only staff working the case or a coordinator may record a withdrawal.',
    );
  }
  return null;
}

/** What the case's state says of `raise-risk`, beyond who may do its task. */
function checkRaiseRisk(state: DisputeState, check: ActionCheck<'raise-risk'>): Rejection | null {
  const { actor } = check;
  if (!isCoordinator(state, actor) && !isInvolved(state, actor)) {
    return reject(DISPUTE_REJECTIONS.notAllowed, 'Only staff working the case or a coordinator may raise a risk.');
  }
  return null;
}

export const caseWideActions: ActionHandlers<'withdraw' | 'raise-risk'> = {
  withdraw: { check: checkWithdraw, apply: withdraw },
  'raise-risk': { check: checkRaiseRisk, apply: raiseRiskAction },
};
