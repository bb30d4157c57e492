/**
 * The clocks of a case: which timers are due next, and what each does when it fires.
 */
import { WORKFLOW_ACTOR, VISIT_CLOCK, CONFIRMATION_RULE, nowIso } from './rules';
import type { CaseSteps } from './case-steps';
import { escalate } from './levels';
import { askForDecision, openUrging } from './decision-steps';

/** A clock-driven step the main loop waits for. */
export interface DueTimer {
  at: number;
  kind:
    | 'acceptance-reminder'
    | 'acceptance-deadline'
    | 'acceptance-urge-again'
    | 'first-session-deadline'
    | 'mediation-deadline'
    | 'follow-up-visit'
    | 'confirmation-warning'
    | 'confirmation-window';
}

/** The clock-driven steps still ahead, earliest first. */
export function dueTimers(c: CaseSteps): DueTimer[] {
  const s = c.state;
  const out: DueTimer[] = [];
  const acceptance = s.clocks.acceptance;
  if (s.phase === 'transfer' && acceptance) {
    const start = Date.parse(acceptance.startedAt);
    const due = Date.parse(acceptance.dueAt);
    const fraction = c.plan.acceptance.remindAtFraction;
    if (!acceptance.remindedAt && !acceptance.expiredAt) {
      out.push({ at: start + Math.round((due - start) * fraction), kind: 'acceptance-reminder' });
    }
    if (!acceptance.expiredAt) out.push({ at: due, kind: 'acceptance-deadline' });
    if (acceptance.urgeAgainAt && !s.openActions.some((a) => a.kind === 'urge-acceptance')) {
      out.push({ at: Date.parse(acceptance.urgeAgainAt), kind: 'acceptance-urge-again' });
    }
  }
  if (s.phase === 'mediation' || s.phase === 'awaiting-decision') {
    const first = s.phase === 'mediation' ? s.clocks.firstSession : null;
    if (first && !first.expiredAt && (c.visit?.sessions ?? 0) === 0) {
      out.push({ at: Date.parse(first.dueAt), kind: 'first-session-deadline' });
    }
    const mediation = s.clocks.mediation;
    if (s.phase === 'mediation' && mediation && !mediation.expiredAt) {
      out.push({ at: Date.parse(mediation.dueAt), kind: 'mediation-deadline' });
    }
  }
  const agreement = s.agreement;
  if (s.phase === 'follow-up' && agreement) {
    if (agreement.followUpVisitDueAt && !agreement.visitTaskOpenedAt && agreement.performance !== 'performed') {
      out.push({ at: Date.parse(agreement.followUpVisitDueAt), kind: 'follow-up-visit' });
    }
    const confirmation = agreement.judicialConfirmation;
    if (confirmation.windowClosesAt && !confirmation.appliedAt && !confirmation.lapsedAt) {
      const closes = Date.parse(confirmation.windowClosesAt);
      if (!confirmation.warnedAt) {
        out.push({
          at: closes - c.plan.followUp.confirmationWarningDays * 86_400_000,
          kind: 'confirmation-warning',
        });
      }
      out.push({ at: closes, kind: 'confirmation-window' });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

export async function fireTimer(c: CaseSteps, timer: DueTimer): Promise<void> {
  const s = c.state;
  const now = nowIso();
  switch (timer.kind) {
    case 'acceptance-reminder': {
      const acceptance = s.clocks.acceptance;
      if (!acceptance) return;
      acceptance.remindedAt = now;
      const accept = s.openActions.find((a) => a.kind === 'accept-transfer');
      if (accept) {
        await c.write({
          kind: 'remindTask',
          input: { caseId: s.caseId, actionId: accept.actionId, remindedAt: now },
        });
      }
      await c.timeline('transfer-reminder', WORKFLOW_ACTOR, { level: s.level, acceptBy: acceptance.dueAt });
      return;
    }
    case 'acceptance-deadline':
    case 'acceptance-urge-again': {
      const acceptance = s.clocks.acceptance;
      if (!acceptance) return;
      if (timer.kind === 'acceptance-deadline') {
        acceptance.expiredAt = now;
        await c.timeline('transfer-overdue', WORKFLOW_ACTOR, { level: s.level, acceptBy: acceptance.dueAt });
      } else {
        delete acceptance.urgeAgainAt;
      }
      // 督办: the coordinator urges; the acceptance clock keeps counting (the task stays open, now overdue).
      await openUrging(c, timer.kind === 'acceptance-deadline' ? 'acceptance-overdue' : 'still-not-accepted', now);
      return;
    }
    case 'first-session-deadline': {
      const first = s.clocks.firstSession;
      if (!first) return;
      first.expiredAt = now;
      await c.timeline('first-session-overdue', WORKFLOW_ACTOR, { level: s.level, dueAt: first.dueAt });
      return;
    }
    case 'mediation-deadline': {
      const mediation = s.clocks.mediation;
      if (!mediation) return;
      mediation.expiredAt = now;
      // Beyond the last level there is nowhere to escalate to at once: the coordinators decide there.
      const lastLevel = s.stepIndex >= c.plan.route.length - 1;
      const urgent = c.plan.urgentRiskEscalatesAtOnce && s.risks.length > 0 && !lastLevel;
      await c.timeline('mediation-clock-expired', WORKFLOW_ACTOR, {
        level: s.level,
        dueAt: mediation.dueAt,
        escalatesAtOnce: urgent,
        ...(urgent ? { rule: c.plan.urgentRiskRule } : {}),
      });
      if (urgent) {
        await escalate(c, WORKFLOW_ACTOR, 'urgent-risk');
      } else {
        await askForDecision(c, 'clock-expired');
      }
      return;
    }
    case 'follow-up-visit': {
      const agreement = s.agreement;
      if (!agreement) return;
      agreement.visitTaskOpenedAt = now;
      await c.openAction({
        kind: 'follow-up-visit',
        agencyId: agreement.agencyId,
        roles: ['mediator', 'grid-worker'],
        dueAt: (await c.deadline(now, VISIT_CLOCK, c.plan.followUp.rule, agreement.agencyId)).dueAt,
        rule: c.plan.followUp.rule,
      });
      return;
    }
    case 'confirmation-warning': {
      const agreement = s.agreement;
      if (!agreement) return;
      agreement.judicialConfirmation.warnedAt = now;
      await c.timeline('confirmation-window-closing', WORKFLOW_ACTOR, {
        closesAt: agreement.judicialConfirmation.windowClosesAt,
        rule: CONFIRMATION_RULE,
      });
      return;
    }
    case 'confirmation-window': {
      const agreement = s.agreement;
      if (!agreement) return;
      agreement.judicialConfirmation.lapsedAt = now;
      await c.timeline('confirmation-window-closed', WORKFLOW_ACTOR, { applied: false });
      return;
    }
  }
}
