/**
 * The steps after an agreement: sign-offs declined or complete, the follow-up visit, performance, closing.
 */
import { patched } from '@temporalio/workflow';
import {
  type AgreementState,
  DEFAULT_JOINT_DECLINE,
  type SignOffDeclineReason,
  JUDICIAL_CONFIRMATION_WINDOW_DAYS,
} from '@gongzhi/contracts/dispute';
import { VISIT_WITHIN_PATCH } from './patches';
import {
  WORKFLOW_ACTOR,
  PENALTY_TRACK_RULE,
  JOINT_RULE,
  JOINT_DECLINE_RULE_TEXT,
  CONFIRMATION_RULE,
  nowIso,
} from './rules';
import type { CaseSteps } from './case-steps';
import { closeCase, enterLevel } from './levels';

/**
 * A joint agency will not sign the agreement off. The level's rule decides what becomes of it: final on the
 * others' sign-offs (proceed-without), or back to mediation with the level's clock as it stands, every joint agency
 * still on the level to sign the next agreement (return-to-mediation). Either way the sign-off cannot hang on an
 * agency that said no.
 */
export async function declineSignOff(
  c: CaseSteps,
  agreement: AgreementState,
  agencyId: string,
  reason: SignOffDeclineReason,
  who: string,
): Promise<void> {
  const s = c.state;
  const rule = c.step.onJointDecline ?? DEFAULT_JOINT_DECLINE;
  agreement.pendingSignOffs = agreement.pendingSignOffs.filter((id) => id !== agencyId);
  agreement.declinedSignOffs = [...(agreement.declinedSignOffs ?? []), { agencyId, reason, at: nowIso() }];
  await c.timeline('agreement-sign-off-declined', who, {
    level: s.level,
    declinedFor: agencyId,
    reason,
    consequence: rule,
    remaining: rule === 'proceed-without' ? agreement.pendingSignOffs.length : 0,
    rule: JOINT_DECLINE_RULE_TEXT[rule],
  });
  if (rule === 'proceed-without') {
    if (agreement.pendingSignOffs.length === 0) await finalizeAgreement(c);
    return;
  }
  // Back to mediation: the other agencies' sign-off tasks go, the level's mediator gets the mediate task again.
  await c.closeActions((a) => a.kind === 'joint-sign-off', 'cancelled', null);
  s.agreement = null;
  s.phase = 'mediation';
  const step = c.step;
  await c.openAction({
    kind: 'mediate',
    agencyId: s.agencyId ?? step.agencyId,
    roles: ['mediator'],
    assigneeStaffId: s.responsibleStaffId,
    dueAt: s.clocks.mediation?.dueAt ?? null,
    rule: step.rule,
    reason: 'sign-off-declined',
  });
  for (const jointAgencyId of s.jointAgencyIds) {
    await c.openAction({
      kind: 'joint-sign-off',
      agencyId: jointAgencyId,
      roles: ['mediator', 'liaison'],
      dueAt: s.clocks.mediation?.dueAt ?? null,
      rule: JOINT_RULE,
    });
  }
}

export async function finalizeAgreement(c: CaseSteps): Promise<void> {
  const s = c.state;
  const agreement = s.agreement;
  if (!agreement) return;
  await c.closeActions((a) => a.kind === 'joint-sign-off' || a.kind === 'mediate', 'cancelled', null);
  agreement.finalAt = nowIso();
  s.phase = 'follow-up';
  c.leaveLevel('agreement');
  s.clocks = { acceptance: null, firstSession: null, mediation: null };
  agreement.followUpVisitDueAt = (
    await c.deadline(agreement.effectiveAt, c.plan.followUp.visitAfter, c.plan.followUp.rule, agreement.agencyId)
  ).dueAt;
  agreement.judicialConfirmation.windowClosesAt = (
    await c.deadline(
      agreement.effectiveAt,
      { amount: JUDICIAL_CONFIRMATION_WINDOW_DAYS, unit: 'calendar-days' },
      CONFIRMATION_RULE,
    )
  ).dueAt;
  await c.timeline('agreement-final', WORKFLOW_ACTOR, {
    level: agreement.level,
    effectiveAt: agreement.effectiveAt,
    followUpVisitDueAt: agreement.followUpVisitDueAt,
    confirmationWindowClosesAt: agreement.judicialConfirmation.windowClosesAt,
  });
  if (patched(VISIT_WITHIN_PATCH)) await openVisitWithinPeriod(c, agreement);
}

/** The follow-up visit's task, open now and due by the end of the period the town's rule gives (VISIT_WITHIN_PATCH). */
export async function openVisitWithinPeriod(c: CaseSteps, agreement: AgreementState): Promise<void> {
  agreement.visitTaskOpenedAt = nowIso();
  await c.openAction({
    kind: 'follow-up-visit',
    agencyId: agreement.agencyId,
    roles: ['mediator', 'grid-worker'],
    dueAt: agreement.followUpVisitDueAt,
    rule: c.plan.followUp.rule,
  });
}

/** Performed, and no application for confirmation still waiting for the court: the case is resolved. */
export async function closeIfSettled(c: CaseSteps, actor: string): Promise<void> {
  const agreement = c.state.agreement;
  if (!agreement || agreement.performance !== 'performed') return;
  const confirmation = agreement.judicialConfirmation;
  if (confirmation.appliedAt && !confirmation.decision) return;
  await closeCase(c, 'resolved', actor, confirmation.decision === 'confirmed' ? 'judicially-confirmed' : null);
}

/**
 * The agreement was not performed. A police mediation agreement goes back to the police on the penalty track
 * (治安管理处罚法 art. 9); any other goes to the next level of the route, or the court when it was the last.
 */
export async function reopenAfterNonPerformance(c: CaseSteps, actor: string): Promise<void> {
  const s = c.state;
  const agreement = s.agreement;
  if (!agreement) return;
  await c.closeActions(() => true, 'cancelled', null);
  const at = c.plan.route.findIndex((step) => step.level === agreement.level);
  let target: number;
  if (agreement.level === 'L2') {
    s.penaltyTrack = true;
    target = at;
  } else {
    target = Math.min(at + 1, c.plan.route.length - 1);
  }
  await c.timeline('agreement-not-performed', actor, {
    agreementLevel: agreement.level,
    reopenAt: c.plan.route[target]?.level ?? null,
    penaltyTrack: s.penaltyTrack,
    ...(s.penaltyTrack ? { rule: PENALTY_TRACK_RULE } : {}),
  });
  s.agreement = null;
  await enterLevel(c, target, { agencyId: agreement.agencyId, reason: 'agreement-not-performed' });
}
