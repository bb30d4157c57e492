/**
 * Where the case stands, told to the world after every transition: the case record, the search attributes, the
 * workflow's current details.
 */
import { patched, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { nextDeadlineOf, type OpenAction, CaseSearchAttributes } from '@gongzhi/contracts/dispute';
import { FOLLOW_UP_DEADLINES_PATCH, FIRST_SESSION_DEADLINE_PATCH } from './patches';
import type { CaseSteps } from './case-steps';

/** Search attributes, the readable summary, and the case record in case-service, when anything they show changed. */
export async function publishProgress(c: CaseSteps): Promise<void> {
  const s = c.state;
  const awaited = awaitedAction(c);
  const next = nextDeadline(c);
  const signature = JSON.stringify([s.level, s.phase, s.agencyId, awaited?.kind, next, s.closure?.outcome, s.blocked]);
  if (signature === c.lastPublished && c.newlyInvolved.length === 0) return;
  c.lastPublished = signature;
  const pairs: SearchAttributeUpdatePair[] = [
    { key: CaseSearchAttributes.level, value: s.level },
    { key: CaseSearchAttributes.phase, value: s.phase },
    { key: CaseSearchAttributes.agency, value: s.agencyId },
    { key: CaseSearchAttributes.awaitedAction, value: awaited?.kind ?? null },
    { key: CaseSearchAttributes.nextDeadline, value: next ? new Date(next) : null },
  ];
  upsertSearchAttributes(pairs);
  setCurrentDetails(summary(c, awaited, next));
  s.sequence.progress += 1;
  const involved = c.newlyInvolved;
  c.newlyInvolved = [];
  await c.write({
    kind: 'updateCaseProgress',
    input: {
      caseId: s.caseId,
      progressSeq: s.sequence.progress,
      level: s.level,
      phase: s.phase,
      agencyId: s.agencyId,
      involvedAgencyIds: involved,
      outcome: s.closure?.outcome ?? null,
      awaitedAction: awaited?.kind ?? null,
      nextDeadline: next,
    },
  });
}

export function awaitedAction(c: CaseSteps): OpenAction | undefined {
  return [...c.state.openActions].sort(
    (a, b) => Date.parse(a.dueAt ?? '9999-12-31') - Date.parse(b.dueAt ?? '9999-12-31'),
  )[0];
}

export function nextDeadline(c: CaseSteps): string | null {
  const s = c.state;
  const mediatingUnmet = s.phase === 'mediation' && s.clocks.firstSession !== null && (c.visit?.sessions ?? 0) === 0;
  return nextDeadlineOf(s, {
    followUp: followUpDeadlinesCounted(c),
    // Asked only when it could change the answer, so histories that never had a first session pending stay unmarked.
    firstSession: mediatingUnmet && patched(FIRST_SESSION_DEADLINE_PATCH),
  });
}

/**
 * In follow-up the next deadlines are the visit and the confirmation window. Added after follow-up cases were
 * running: it changes when the case record is updated, so histories without the marker keep the old behaviour.
 */
export function followUpDeadlinesCounted(c: CaseSteps): boolean {
  return c.state.phase === 'follow-up' && c.state.agreement !== null && patched(FOLLOW_UP_DEADLINES_PATCH);
}

export function summary(c: CaseSteps, awaited: OpenAction | undefined, next: string | null): string {
  const s = c.state;
  if (s.closure) return `**Closed** · ${s.closure.outcome} · ${s.closure.closedAt}`;
  const where = s.level ? `**${s.level}** ${s.plan?.route[s.stepIndex]?.agencyKind ?? ''}` : '**planning**';
  const waiting = awaited ? ` · waiting for ${awaited.kind}${awaited.dueAt ? ` by ${awaited.dueAt}` : ''}` : '';
  const clock = next ? ` · next deadline ${next}` : '';
  const joint = s.jointAgencyIds.length ? ` · joint with ${s.jointAgencyIds.length} agencies` : '';
  return `${where} · ${s.phase}${waiting}${clock}${joint}`;
}
