import type { DisputeState } from './definitions';

/** Which deadlines a version of the workflow counts as the case's next one (see {@link nextDeadlineOf}). */
export interface NextDeadlineRules {
  /** In follow-up: the visit not yet opened and the confirmation window not yet used or lapsed. */
  followUp: boolean;
  /** In mediation: the statutory first session while none has been held (the police's 3 working days). */
  firstSession: boolean;
}

const EVERY_RULE: NextDeadlineRules = { followUp: true, firstSession: true };

/**
 * The case's next deadline: the one rule behind every place that shows it (the workflow's search attribute
 * `GongzhiNextDeadline` and the case record it writes, and the live view of GET /cases/:id). The earliest of the open
 * actions' due dates and of the clocks the case's phase still counts: the acceptance clock while the transfer waits
 * (not once accepted: a met deadline is no longer ahead), the first-session clock until a session is held, the
 * mediation clock while mediating or deciding, and in follow-up the visit and the confirmation window. A deadline
 * already passed stays the next one until it is answered: that is what is overdue.
 */
export function nextDeadlineOf(state: DisputeState, rules: NextDeadlineRules = EVERY_RULE): string | null {
  if (state.phase === 'closed') return null;
  const { acceptance, firstSession, mediation } = state.clocks;
  const mediating = state.phase === 'mediation' || state.phase === 'awaiting-decision';
  const sessionsHere = state.levels.at(-1)?.sessions ?? 0;
  const agreement = state.phase === 'follow-up' ? state.agreement : null;
  const confirmation = agreement?.judicialConfirmation;
  const candidates = [
    ...state.openActions.map((action) => action.dueAt),
    state.phase === 'transfer' ? acceptance?.dueAt : null,
    mediating ? mediation?.dueAt : null,
    rules.firstSession && state.phase === 'mediation' && sessionsHere === 0 ? firstSession?.dueAt : null,
    rules.followUp && agreement && !agreement.visitTaskOpenedAt ? agreement.followUpVisitDueAt : null,
    rules.followUp && confirmation && !confirmation.appliedAt && !confirmation.lapsedAt
      ? confirmation.windowClosesAt
      : null,
  ].filter((at): at is string => typeof at === 'string' && !Number.isNaN(Date.parse(at)));
  // Instants compared as instants: the workflow writes them in UTC, a repair or an older run may not have.
  return candidates.reduce<string | null>(
    (earliest, at) => (earliest === null || Date.parse(at) < Date.parse(earliest) ? at : earliest),
    null,
  );
}
