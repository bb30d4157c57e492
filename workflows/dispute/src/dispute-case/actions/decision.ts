/**
 * The coordinators' decisions: an extension asked for, and what happens to a case whose mediation stopped.
 */
import type { ClockSpec } from '@gongzhi/contracts/dispute';
import type { CaseSteps } from '../case-steps';
import { iso, nowIso } from '../rules';
import type { ActionCheck, ActionHandlers, ActionStep } from './action-step';
import { type Rejection, reject } from '../rejections';
import { CLOSE_REASONS, DISPUTE_REJECTIONS, type DisputeState } from '@gongzhi/contracts/dispute';
import { closeCase, escalate } from '../levels';
import { openMediation, retimeMediation } from '../decision-steps';

/** `decide-extension`: A coordinator approves or refuses the extension asked for. */
async function decideExtension(c: CaseSteps, act: ActionStep<'decide-extension'>): Promise<void> {
  const { action, who, completeTask } = act;
  const s = c.state;
  await completeTask();
  const step = c.step;
  const mediation = s.clocks.mediation;
  if (action.approve && step.extension && mediation) {
    const from = Math.max(Date.parse(mediation.dueAt), Date.now());
    s.clocks.mediation = await c.deadline(iso(from), step.extension, step.rule);
    const visit = c.visit;
    if (visit) visit.extensionsGranted += 1;
    // Approved after the clock had already run out: the extension answers the coordinators' open question.
    if (s.phase === 'awaiting-decision') {
      s.phase = 'mediation';
      await c.closeActions((a) => a.kind === 'decide-escalation' && a.reason === 'clock-expired', 'cancelled', null);
    }
    await retimeMediation(c);
  }
  await c.timeline('extension-decided', who, {
    level: s.level,
    approved: action.approve,
    mediateBy: s.clocks.mediation?.dueAt ?? null,
  });
}

/** `decide`: A coordinator decides on a case whose mediation stopped or ran out: escalate, extend, or close. */
async function decide(c: CaseSteps, act: ActionStep<'decide'>): Promise<void> {
  const { action, who, task, completeTask } = act;
  const s = c.state;
  await completeTask();
  await c.timeline('decision-made', who, {
    level: s.level,
    decision: action.decision,
    reason: task?.reason ?? null,
    closeReason: action.closeReason ?? null,
  });
  if (action.decision === 'escalate') {
    await escalate(c, who, task?.reason ?? 'coordinator-decision');
  } else if (action.decision === 'close') {
    c.leaveLevel('closed');
    await closeCase(c, 'closed-unresolved', who, action.closeReason ?? null);
  } else {
    const step = c.step;
    const clock: ClockSpec = action.extendDays
      ? { amount: action.extendDays, unit: 'calendar-days' }
      : (step.extension ?? { amount: 15, unit: 'calendar-days' });
    const from = Math.max(Date.parse(s.clocks.mediation?.dueAt ?? nowIso()), Date.now());
    s.clocks.mediation = await c.deadline(iso(from), clock, step.rule);
    const visit = c.visit;
    if (visit) visit.extensionsGranted += 1;
    s.phase = 'mediation';
    if (!s.openActions.some((a) => a.kind === 'mediate')) {
      await openMediation(c, s.responsibleStaffId, s.clocks.mediation.dueAt);
    } else {
      await retimeMediation(c);
    }
  }
}

/** What the case's state says of `decide-extension`, beyond who may do its task. */
function checkDecideExtension(state: DisputeState, check: ActionCheck<'decide-extension'>): Rejection | null {
  const { action } = check;
  if (action.approve && state.levels.at(-1)?.mediationRefused) {
    return reject(
      DISPUTE_REJECTIONS.illegalAction,
      'A party refused mediation (人民调解法 art. 17): it cannot be extended.',
    );
  }
  return null;
}

/** What the case's state says of `decide`, beyond who may do its task. */
function checkDecide(state: DisputeState, check: ActionCheck<'decide'>): Rejection | null {
  const { action, task } = check;
  if (action.decision === 'close' && action.closeReason === undefined) {
    return reject(DISPUTE_REJECTIONS.invalidInput, `Closing needs a reason: one of ${CLOSE_REASONS.join(', ')}.`);
  }
  if (action.decision === 'extend') {
    if (task?.reason === 'refusal' || state.levels.at(-1)?.mediationRefused) {
      return reject(
        DISPUTE_REJECTIONS.illegalAction,
        'A party refused mediation (人民调解法 art. 17): mediation cannot be extended, only escalated or closed.',
      );
    }
  }
  return null;
}

export const decisionActions: ActionHandlers<'decide-extension' | 'decide'> = {
  'decide-extension': { check: checkDecideExtension, apply: decideExtension },
  decide: { check: checkDecide, apply: decide },
};
