/**
 * Steps several actions and clocks share: urging an agency, asking the coordinators to decide, re-timing mediation.
 */
import type { OpenAction } from '@gongzhi/contracts/dispute';
import { DECISION_CLOCK, PENALTY_TRACK_RULE, REFUSAL_RULE, nowIso } from './rules';
import type { CaseSteps } from './case-steps';

/** 督办: the coordinators' task to urge the receiving agency, due in one working day. */
export async function openUrging(c: CaseSteps, reason: string, from = nowIso()): Promise<OpenAction> {
  return c.openAction({
    kind: 'urge-acceptance',
    agencyId: c.plan.coordinatorAgencyId,
    roles: ['coordinator'],
    dueAt: (
      await c.deadline(from, { amount: 1, unit: 'working-days' }, c.plan.acceptance.rule, c.plan.coordinatorAgencyId)
    ).dueAt,
    rule: c.plan.acceptance.rule,
    reason,
  });
}

/** The agency a bounced transfer goes back to: the previous level's, or the coordinators' for the first. */
export function senderAgency(c: CaseSteps): string {
  const previous = c.state.levels
    .slice(0, -1)
    .reverse()
    .find((visit) => visit.acceptedAt !== null);
  return previous?.agencyId ?? c.plan.coordinatorAgencyId;
}

/** Opens the coordinator's decision task (escalate, extend or close). */
export async function askForDecision(
  c: CaseSteps,
  reason: 'clock-expired' | 'failure' | 'refusal' | 'early-request',
): Promise<void> {
  if (reason !== 'early-request') c.state.phase = 'awaiting-decision';
  if (c.state.openActions.some((a) => a.kind === 'decide-escalation')) return;
  await c.openAction({
    kind: 'decide-escalation',
    agencyId: c.plan.coordinatorAgencyId,
    roles: ['coordinator'],
    dueAt: (await c.deadline(nowIso(), DECISION_CLOCK, c.step.rule, c.plan.coordinatorAgencyId)).dueAt,
    rule: reason === 'refusal' ? REFUSAL_RULE : c.step.rule,
    reason,
  });
}

/**
 * Opens the mediate task of the agency that holds the case, for the mediator responsible, due when mediation is;
 * on the penalty track (治安调解) under that track's rule.
 */
export function openMediation(c: CaseSteps, assigneeStaffId: string | null, dueAt: string): Promise<OpenAction> {
  const s = c.state;
  return c.openAction({
    kind: 'mediate',
    agencyId: s.agencyId ?? c.step.agencyId,
    roles: ['mediator'],
    assigneeStaffId,
    dueAt,
    rule: s.penaltyTrack ? PENALTY_TRACK_RULE : c.step.rule,
    reason: s.penaltyTrack ? 'penalty-track' : null,
  });
}

/** The mediate task's due date follows the mediation clock when the clock moves. */
export async function retimeMediation(c: CaseSteps): Promise<void> {
  const s = c.state;
  const mediate = s.openActions.find((a) => a.kind === 'mediate');
  if (!mediate || !s.clocks.mediation) return;
  // The task is re-opened under a new id so its due date and history stay truthful in the task list.
  await c.closeActions((a) => a.actionId === mediate.actionId, 'cancelled', null);
  await c.openAction({
    kind: 'mediate',
    agencyId: mediate.agencyId,
    roles: mediate.roles,
    assigneeStaffId: mediate.assigneeStaffId,
    dueAt: s.clocks.mediation.dueAt,
    rule: mediate.rule,
    reason: 'extended',
  });
}
