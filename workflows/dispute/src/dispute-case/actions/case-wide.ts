/**
 * Actions on the case at any time: a withdrawal, a risk seen during the case.
 */
import type { DisputeCase } from '../dispute-case';
import type { ActionHandlers, ActionStep } from './action-step';
import { raiseRisk } from '../risk';

/** `withdraw`: The applicant withdrew: the case closes. */
async function withdraw(c: DisputeCase, act: ActionStep<'withdraw'>): Promise<void> {
  const { who } = act;
  c.leaveLevel('withdrawn');
  await c.close('withdrawn', who, null);
}

/** `raise-risk`: Someone working the case, or a coordinator, saw a risk: the case may move up the ladder. */
async function raiseRiskAction(c: DisputeCase, act: ActionStep<'raise-risk'>): Promise<void> {
  const { action, who, actorAgencyId } = act;
  await raiseRisk(c, action.flags, who, { source: 'case', agencyId: actorAgencyId });
}

export const caseWideActions: ActionHandlers<'withdraw' | 'raise-risk'> = {
  withdraw,
  'raise-risk': raiseRiskAction,
};
