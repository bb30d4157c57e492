/**
 * An agreement and what follows it: joint sign-offs, the follow-up visit, judicial confirmation.
 */
import { patched } from '@temporalio/workflow';
import type { CaseSteps } from '../case-steps';
import { VISIT_WITHIN_PATCH, CONFIRMATION_ACCEPTANCE_PATCH } from '../patches';
import {
  CONFIRMATION_DECISION_CLOCK,
  CONFIRMATION_ACCEPTANCE_CLOCK,
  CONFIRMATION_ACCEPTANCE_RULE,
  CONFIRMATION_DECISION_RULE,
  CONFIRMATION_RULE,
  nowIso,
} from '../rules';
import type { ActionCheck, ActionHandlers, ActionStep } from './action-step';
import { DISPUTE_REJECTIONS, type DisputeState } from '@gongzhi/contracts/dispute';
import { type Rejection, reject, isInvolved } from '../rejections';
import {
  closeIfSettled,
  declineSignOff,
  finalizeAgreement,
  openVisitWithinPeriod,
  reopenAfterNonPerformance,
} from '../agreement-steps';

/** `record-agreement`: The parties agreed: the agreement takes effect once every joint agency has signed it off. */
async function recordAgreement(c: CaseSteps, act: ActionStep<'record-agreement'>): Promise<void> {
  const { action, who, completeTask } = act;
  const s = c.state;
  await completeTask();
  // An agreement ends the deciding too: nothing left to escalate.
  await c.closeActions((a) => a.kind === 'decide-escalation' || a.kind === 'approve-extension', 'cancelled', null);
  const now = nowIso();
  s.agreement = {
    level: c.step.level,
    agencyId: s.agencyId ?? c.step.agencyId,
    recordedAt: now,
    recordedBy: who,
    effectiveAt: action.effectiveAt ?? now,
    documentId: action.documentId ?? null,
    pendingSignOffs: [...s.jointAgencyIds],
    finalAt: null,
    followUpVisitDueAt: null,
    visitTaskOpenedAt: null,
    performance: 'pending',
    judicialConfirmation: {
      windowClosesAt: null,
      warnedAt: null,
      appliedAt: null,
      decision: null,
      decidedAt: null,
      lapsedAt: null,
    },
  };
  await c.timeline('agreement-recorded', who, {
    level: s.level,
    // When the agreement took effect (the parties' signing), which its clocks count from; not when it was typed in.
    effectiveAt: s.agreement.effectiveAt,
    documentId: action.documentId ?? null,
    pendingSignOffs: s.jointAgencyIds,
  });
  if (s.jointAgencyIds.length > 0) {
    s.phase = 'agreement-sign-off';
  } else {
    await finalizeAgreement(c);
  }
}

/** `sign-off`: A joint agency signs the agreement off. */
async function signOff(c: CaseSteps, act: ActionStep<'sign-off'>): Promise<void> {
  const { who, actorAgencyId, task, completeTask } = act;
  const s = c.state;
  await completeTask();
  const agreement = s.agreement;
  if (!agreement) return;
  agreement.pendingSignOffs = agreement.pendingSignOffs.filter((id) => id !== task?.agencyId);
  await c.timeline('agreement-signed-off', who, {
    level: s.level,
    signedFor: task?.agencyId ?? actorAgencyId,
    remaining: agreement.pendingSignOffs.length,
  });
  if (agreement.pendingSignOffs.length === 0) await finalizeAgreement(c);
}

/** `decline-sign-off`: A joint agency declines to sign the agreement off: the town's rule says what follows. */
async function declineSignOffAction(c: CaseSteps, act: ActionStep<'decline-sign-off'>): Promise<void> {
  const { action, who, actorAgencyId, task, completeTask } = act;
  const s = c.state;
  await completeTask();
  const agreement = s.agreement;
  if (!agreement) return;
  await declineSignOff(c, agreement, task?.agencyId ?? actorAgencyId, action.reason, who);
}

/** `record-follow-up-visit`: The follow-up visit found the agreement being performed, performed, or not performed. */
async function recordFollowUpVisit(c: CaseSteps, act: ActionStep<'record-follow-up-visit'>): Promise<void> {
  const { action, who, completeTask } = act;
  const s = c.state;
  await completeTask();
  const agreement = s.agreement;
  if (!agreement) return;
  agreement.performance = action.performance;
  await c.timeline('follow-up-visit-recorded', who, { performance: action.performance });
  if (action.performance === 'not-performed') {
    await reopenAfterNonPerformance(c, who);
  } else if (action.performance === 'performing') {
    // Still being performed: visit again after the same interval.
    agreement.visitTaskOpenedAt = null;
    agreement.followUpVisitDueAt = (
      await c.deadline(nowIso(), c.plan.followUp.visitAfter, c.plan.followUp.rule, agreement.agencyId)
    ).dueAt;
    if (patched(VISIT_WITHIN_PATCH)) await openVisitWithinPeriod(c, agreement);
  } else {
    await closeIfSettled(c, who);
  }
}

/** `record-confirmation-application`: The parties applied to the court for judicial confirmation of the agreement. */
async function recordConfirmationApplication(
  c: CaseSteps,
  act: ActionStep<'record-confirmation-application'>,
): Promise<void> {
  const { action, who } = act;
  const s = c.state;
  const agreement = s.agreement;
  if (!agreement) return;
  agreement.judicialConfirmation.appliedAt = action.appliedAt;
  await c.timeline('confirmation-applied', who, { appliedAt: action.appliedAt, rule: CONFIRMATION_RULE });
  const court = c.plan.route.find((step) => step.agencyKind === 'court')?.agencyId;
  // A route without the court: the coordinators follow the application up with the court themselves.
  const confirmingAgency = court ?? c.plan.coordinatorAgencyId;
  c.involve(confirmingAgency);
  if (patched(CONFIRMATION_ACCEPTANCE_PATCH)) {
    // First the court decides whether to accept the application; the 15 days to decide run from acceptance.
    await c.openAction({
      kind: 'judicial-confirmation',
      agencyId: confirmingAgency,
      roles: court ? ['liaison', 'mediator'] : ['coordinator'],
      dueAt: (
        await c.deadline(
          action.appliedAt,
          CONFIRMATION_ACCEPTANCE_CLOCK,
          CONFIRMATION_ACCEPTANCE_RULE,
          confirmingAgency,
        )
      ).dueAt,
      rule: CONFIRMATION_ACCEPTANCE_RULE,
      reason: 'awaiting-acceptance',
    });
    return;
  }
  await c.openAction({
    kind: 'judicial-confirmation',
    agencyId: confirmingAgency,
    roles: court ? ['liaison', 'mediator'] : ['coordinator'],
    dueAt: (await c.deadline(action.appliedAt, CONFIRMATION_DECISION_CLOCK, CONFIRMATION_DECISION_RULE)).dueAt,
    rule: CONFIRMATION_DECISION_RULE,
  });
}

/** `record-confirmation-acceptance`: The court accepted (受理) the application: its 15 days to decide start. */
async function recordConfirmationAcceptance(
  c: CaseSteps,
  act: ActionStep<'record-confirmation-acceptance'>,
): Promise<void> {
  const { action, who, task, completeTask } = act;
  const s = c.state;
  const agreement = s.agreement;
  if (!agreement || !task) return;
  agreement.judicialConfirmation.acceptedAt = action.acceptedAt;
  await c.timeline('confirmation-accepted', who, {
    appliedAt: agreement.judicialConfirmation.appliedAt,
    acceptedAt: action.acceptedAt,
    rule: CONFIRMATION_DECISION_RULE,
  });
  // The same task, due now by the end of the 15 days from acceptance.
  await completeTask();
  await c.openAction({
    kind: 'judicial-confirmation',
    agencyId: task.agencyId,
    roles: task.roles,
    dueAt: (await c.deadline(action.acceptedAt, CONFIRMATION_DECISION_CLOCK, CONFIRMATION_DECISION_RULE, task.agencyId))
      .dueAt,
    rule: CONFIRMATION_DECISION_RULE,
    reason: 'accepted',
  });
}

/** `record-confirmation-decision`: The court confirmed the agreement, or did not. */
async function recordConfirmationDecision(
  c: CaseSteps,
  act: ActionStep<'record-confirmation-decision'>,
): Promise<void> {
  const { action, who, completeTask } = act;
  const s = c.state;
  await completeTask();
  const agreement = s.agreement;
  if (!agreement) return;
  agreement.judicialConfirmation.decision = action.confirmed ? 'confirmed' : 'refused';
  agreement.judicialConfirmation.decidedAt = nowIso();
  await c.timeline('confirmation-decided', who, { confirmed: action.confirmed });
  await closeIfSettled(c, who);
}

/** What the case's state says of `sign-off`, beyond who may do its task. */
function checkSignOff(state: DisputeState, _check: ActionCheck<'sign-off'>): Rejection | null {
  if (state.phase !== 'agreement-sign-off') {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'There is no agreement to sign off yet.');
  }
  return null;
}

/** What the case's state says of `decline-sign-off`, beyond who may do its task. */
function checkDeclineSignOff(state: DisputeState, _check: ActionCheck<'decline-sign-off'>): Rejection | null {
  if (state.phase !== 'agreement-sign-off') {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'There is no agreement to sign off yet.');
  }
  return null;
}

function checkRecordConfirmationAcceptance(
  state: DisputeState,
  check: ActionCheck<'record-confirmation-acceptance'>,
): Rejection | null {
  const { action, now } = check;
  const confirmation = state.agreement?.judicialConfirmation;
  if (!confirmation?.appliedAt || confirmation.decision) {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'There is no application for judicial confirmation to accept.');
  }
  if (confirmation.acceptedAt) {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'The court has already accepted the application.');
  }
  if (
    Date.parse(action.acceptedAt) > now + 60_000 ||
    Date.parse(action.acceptedAt) < Date.parse(confirmation.appliedAt)
  ) {
    return reject(
      DISPUTE_REJECTIONS.invalidInput,
      'Give when the court accepted the application (an ISO instant, after the application, not in the future).',
    );
  }
  return null;
}

function checkRecordConfirmationApplication(
  state: DisputeState,
  check: ActionCheck<'record-confirmation-application'>,
): Rejection | null {
  const { action, actor, now } = check;
  const agreement = state.agreement;
  if (state.phase !== 'follow-up' || !agreement) {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'Judicial confirmation is applied for after an agreement.');
  }
  if (!isInvolved(state, actor)) {
    return reject(DISPUTE_REJECTIONS.notAllowed, 'Only staff of an agency working the case may record this.');
  }
  if (agreement.judicialConfirmation.appliedAt) {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'An application for judicial confirmation is already recorded.');
  }
  if (Date.parse(action.appliedAt) > now + 60_000) {
    return reject(
      DISPUTE_REJECTIONS.invalidInput,
      'Give when the parties applied (an ISO instant, not in the future).',
    );
  }
  const closes = agreement.judicialConfirmation.windowClosesAt;
  if (closes && Date.parse(action.appliedAt) > Date.parse(closes)) {
    return reject(
      DISPUTE_REJECTIONS.illegalAction,
      'The 30-day window for judicial confirmation (人民调解法 art. 33) had closed by then.',
    );
  }
  return null;
}

export const agreementActions: ActionHandlers<
  | 'record-agreement'
  | 'sign-off'
  | 'decline-sign-off'
  | 'record-follow-up-visit'
  | 'record-confirmation-application'
  | 'record-confirmation-acceptance'
  | 'record-confirmation-decision'
> = {
  'record-agreement': { apply: recordAgreement },
  'sign-off': { check: checkSignOff, apply: signOff },
  'decline-sign-off': { check: checkDeclineSignOff, apply: declineSignOffAction },
  'record-follow-up-visit': { apply: recordFollowUpVisit },
  'record-confirmation-application': {
    check: checkRecordConfirmationApplication,
    apply: recordConfirmationApplication,
  },
  'record-confirmation-acceptance': { check: checkRecordConfirmationAcceptance, apply: recordConfirmationAcceptance },
  'record-confirmation-decision': { apply: recordConfirmationDecision },
};
