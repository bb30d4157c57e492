/**
 * Mediation at a level: sessions, requests for more time or a decision, a refusal or a failure, joint agencies.
 */
import { freshJointAgencies } from '../named';
import type { CaseSteps } from '../case-steps';
import { DECISION_CLOCK, REFUSAL_RULE, JOINT_RULE, nowIso } from '../rules';
import type { ActionCheck, ActionHandlers, ActionStep } from './action-step';
import { type Rejection, reject, isCoordinator } from '../rejections';
import { DISPUTE_REJECTIONS, MAX_JOINT_AGENCIES, type DisputeState } from '@gongzhi/contracts/dispute';
import { closeCase } from '../levels';
import { askForDecision } from '../decision-steps';

/** `record-session`: A mediation session was held: counted for the level. */
async function recordSession(c: CaseSteps, act: ActionStep<'record-session'>): Promise<void> {
  const { action, who } = act;
  const s = c.state;
  const visit = c.visit;
  if (visit) visit.sessions += 1;
  await c.timeline('session-recorded', who, {
    level: s.level,
    heldAt: action.heldAt,
    n: visit?.sessions ?? 1,
  });
}

/** `request-extension`: The mediator asks the coordinators for the extension the level allows. */
async function requestExtension(c: CaseSteps, act: ActionStep<'request-extension'>): Promise<void> {
  const { who } = act;
  const s = c.state;
  await c.timeline('extension-requested', who, { level: s.level });
  await c.openAction({
    kind: 'approve-extension',
    agencyId: c.plan.coordinatorAgencyId,
    roles: ['coordinator'],
    dueAt: (await c.deadline(nowIso(), DECISION_CLOCK, c.step.rule, c.plan.coordinatorAgencyId)).dueAt,
    rule: c.step.rule,
    reason: 'extension-requested',
  });
}

/** `request-escalation`: The mediator asks the coordinators to escalate before the clock runs out. */
async function requestEscalation(c: CaseSteps, act: ActionStep<'request-escalation'>): Promise<void> {
  const { who } = act;
  const s = c.state;
  await c.timeline('escalation-requested', who, { level: s.level });
  await askForDecision(c, 'early-request');
}

/** `record-refusal`: A party refuses mediation (人民调解法 art. 17): mediation stops and the coordinators decide. */
async function recordRefusal(c: CaseSteps, act: ActionStep<'record-refusal'>): Promise<void> {
  const { action, who, completeTask } = act;
  const s = c.state;
  await completeTask();
  const visit = c.visit;
  if (visit) visit.mediationRefused = true;
  // Mediation has stopped: a pending request for more time is moot.
  await c.closeActions((a) => a.kind === 'approve-extension', 'cancelled', null);
  await c.timeline('mediation-refused', who, { level: s.level, party: action.party, rule: REFUSAL_RULE });
  await askForDecision(c, 'refusal');
}

/** `record-failure`: Mediation failed: at the last level the parties are referred to court, elsewhere the coordinators decide. */
async function recordFailure(c: CaseSteps, act: ActionStep<'record-failure'>): Promise<void> {
  const { action, who, completeTask } = act;
  const s = c.state;
  await completeTask();
  await c.closeActions((a) => a.kind === 'approve-extension', 'cancelled', null);
  const last = s.stepIndex === c.plan.route.length - 1;
  await c.timeline('mediation-failed', who, { level: s.level, courtFilingRef: action.courtFilingRef ?? null });
  if (last) {
    c.leaveLevel('referred-to-litigation');
    await closeCase(c, 'referred-to-litigation', who, action.courtFilingRef ?? null);
  } else {
    await askForDecision(c, 'failure');
  }
}

/** `add-joint-agencies`: Agencies join the level's mediation; each must sign off an agreement. */
async function addJointAgencies(c: CaseSteps, act: ActionStep<'add-joint-agencies'>): Promise<void> {
  const { action, who } = act;
  const s = c.state;
  const fresh = freshJointAgencies(s, action.agencyIds);
  s.jointAgencyIds.push(...fresh);
  const visit = c.visit;
  if (visit) visit.jointAgencyIds.push(...fresh);
  fresh.forEach((id) => c.involve(id));
  await c.timeline('joint-agencies-added', who, { level: s.level, agencyIds: fresh });
  for (const agencyId of fresh) {
    await c.openAction({
      kind: 'joint-sign-off',
      agencyId,
      roles: ['mediator', 'liaison'],
      dueAt: s.clocks.mediation?.dueAt ?? null,
      rule: JOINT_RULE,
    });
  }
}

/** What the case's state says of `record-session`, beyond who may do its task. */
function checkRecordSession(state: DisputeState, check: ActionCheck<'record-session'>): Rejection | null {
  const { action, now } = check;
  if (Date.parse(action.heldAt) > now + 60_000) {
    return reject(
      DISPUTE_REJECTIONS.invalidInput,
      'Give when the session was held (an ISO instant, not in the future).',
    );
  }
  return null;
}

/** What the case's state says of `request-extension`, beyond who may do its task. */
function checkRequestExtension(state: DisputeState, check: ActionCheck<'request-extension'>): Rejection | null {
  const { step } = check;
  if (state.phase !== 'mediation') {
    return reject(
      DISPUTE_REJECTIONS.illegalAction,
      'The clock has run out and the coordinators are deciding: ask them to extend it.',
    );
  }
  if (!step?.extension) {
    return reject(DISPUTE_REJECTIONS.illegalAction, `The rule at ${step?.level ?? 'this level'} allows no extension.`);
  }
  if ((state.levels.at(-1)?.extensionsGranted ?? 0) > 0) {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'The extension this level allows was already granted.');
  }
  if (state.openActions.some((open) => open.kind === 'approve-extension')) {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'An extension request is already waiting for a coordinator.');
  }
  return null;
}

/** What the case's state says of `request-escalation`, beyond who may do its task. */
function checkRequestEscalation(state: DisputeState, _check: ActionCheck<'request-escalation'>): Rejection | null {
  if (state.openActions.some((open) => open.kind === 'decide-escalation')) {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'A coordinator is already deciding on escalation.');
  }
  return null;
}

/** What the case's state says of `add-joint-agencies`, beyond who may do its task. */
function checkAddJointAgencies(state: DisputeState, check: ActionCheck<'add-joint-agencies'>): Rejection | null {
  const { action, actor } = check;
  if (!isCoordinator(state, actor)) {
    return reject(DISPUTE_REJECTIONS.notAllowed, "Only the town's coordinators may add agencies to a mediation.");
  }
  if (state.phase !== 'mediation' && state.phase !== 'awaiting-decision') {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'Agencies join a level while it is being mediated.');
  }
  const fresh = action.agencyIds.filter((id) => id !== state.agencyId && !state.jointAgencyIds.includes(id));
  if (fresh.length === 0) {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'Those agencies already work this level.');
  }
  if (state.jointAgencyIds.length + fresh.length > MAX_JOINT_AGENCIES) {
    return reject(DISPUTE_REJECTIONS.invalidInput, `At most ${MAX_JOINT_AGENCIES} agencies can join one level.`);
  }
  return null;
}

export const mediationActions: ActionHandlers<
  | 'record-session'
  | 'request-extension'
  | 'request-escalation'
  | 'record-refusal'
  | 'record-failure'
  | 'add-joint-agencies'
> = {
  'record-session': { check: checkRecordSession, apply: recordSession },
  'request-extension': { check: checkRequestExtension, apply: requestExtension },
  'request-escalation': { check: checkRequestEscalation, apply: requestEscalation },
  'record-refusal': { apply: recordRefusal },
  'record-failure': { apply: recordFailure },
  'add-joint-agencies': { check: checkAddJointAgencies, apply: addJointAgencies },
};
