/**
 * When is a new report the same dispute as an open case? Three rules, tried in this order (docs/domain.md):
 *
 * 1. same-event (多人同报): another report in the town carries the same event reference (a police incident number,
 *    a 12345 ticket) — many people reporting one event. No time limit: the reference is specific.
 * 2. same-reporter (一人多报): the same person (party id) reported a dispute of the same type within 30 days.
 * 3. same-place (一地多报): a dispute of the same type was reported at the same grid cell within 7 days, and a party
 *    the new report names (its reporter or another party) is already a party of that case.
 *
 * These link the report to the case. The place alone is weak evidence: two families of one village, quarrelling about
 * the same kind of thing on the same afternoon, are two disputes. So the same place and type within the window without
 * a shared party — or with only the village to go on (a report naming no grid cell) — links nothing: the report opens
 * its own case, which carries a possible-duplicate suggestion naming the earlier case, for a mediator or coordinator
 * to confirm (a merge) or dismiss.
 *
 * Only cases still being worked (opening or open) are candidates; among several, the most recently reported wins.
 * A wrong link is undone by a coordinator's split; a missed one by a merge.
 */
import type { DisputeType, DuplicateEvidence, ReportedParty } from '@gongzhi/contracts';

export const MATCH_RULES = ['same-event', 'same-reporter', 'same-place'] as const;
export type MatchRule = (typeof MATCH_RULES)[number];

export const SAME_REPORTER_WINDOW_DAYS = 30;
export const SAME_PLACE_WINDOW_DAYS = 7;
/**
 * At most this many possible duplicates per new case, the most recently reported first: a busy village would
 * otherwise hang every case of the week on each new one.
 */
export const MAX_POSSIBLE_DUPLICATES = 3;

/** The facts of a report that the rules look at. */
export interface MatchFacts {
  townCode: string;
  disputeType: DisputeType;
  villageCode: string | null;
  gridCode: string | null;
  reporterPartyId: string | null;
  eventRef: string | null;
  receivedAt: Date;
}

/** Where a report was made, as precisely as it says: its grid cell, else its village. */
export interface Place {
  level: 'grid' | 'village';
  code: string;
}

/** One rule made concrete for a report: what to look for, and the lock that serialises competing reports. */
export interface MatchProbe {
  rule: MatchRule;
  lockKey: string;
  since?: Date;
  /** same-place only: where to look. */
  place?: Place;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** The report's place: the grid cell when it names one, else the village; none without either. */
export function placeOf(facts: Pick<MatchFacts, 'gridCode' | 'villageCode'>): Place | undefined {
  if (facts.gridCode) return { level: 'grid', code: facts.gridCode };
  if (facts.villageCode) return { level: 'village', code: facts.villageCode };
  return undefined;
}

/** The parties a report names: its reporter and the others, each once. */
export function partiesOfReport(report: {
  reporterPartyId: string | null;
  otherParties?: readonly ReportedParty[] | undefined;
}): string[] {
  const ids = [
    ...(report.reporterPartyId ? [report.reporterPartyId] : []),
    ...(report.otherParties ?? []).map((p) => p.partyId),
  ];
  return [...new Set(ids)];
}

/** The rules that apply to these facts, in priority order (a report without a reporter skips same-reporter …). */
export function matchProbes(facts: MatchFacts): MatchProbe[] {
  const probes: MatchProbe[] = [];
  if (facts.eventRef) probes.push({ rule: 'same-event', lockKey: `event:${facts.townCode}:${facts.eventRef}` });
  if (facts.reporterPartyId) {
    probes.push({
      rule: 'same-reporter',
      lockKey: `reporter:${facts.reporterPartyId}:${facts.disputeType}`,
      since: new Date(facts.receivedAt.getTime() - SAME_REPORTER_WINDOW_DAYS * DAY_MS),
    });
  }
  const place = placeOf(facts);
  if (place) {
    probes.push({
      rule: 'same-place',
      // The lock covers the weak matches too: two reports of one place at once see each other, so the second one
      // carries the suggestion instead of both opening cases unaware.
      lockKey: `place:${facts.townCode}:${place.level}:${place.code}:${facts.disputeType}`,
      since: new Date(facts.receivedAt.getTime() - SAME_PLACE_WINDOW_DAYS * DAY_MS),
      place,
    });
  }
  return probes;
}

/** What an earlier report at the same place (same type, within the window) says about the new one. */
export type PlaceVerdict =
  /** The same grid cell and a shared party: the same dispute, linked. */
  | { kind: 'link'; sharedPartyIds: string[] }
  /** The same place without that: a possible duplicate, for people to decide. */
  | { kind: 'possible-duplicate'; sharedPartyIds: string[] };

/**
 * Judges a same-place candidate: `reportParties` are the new report's parties, `caseParties` the candidate case's.
 * Only a grid cell is precise enough for a shared party to make the link: a village is many households, and one
 * person can be party to two quarrels there.
 */
export function judgePlaceCandidate(
  place: Place,
  reportParties: readonly string[],
  caseParties: readonly string[],
): PlaceVerdict {
  const onCase = new Set(caseParties);
  const sharedPartyIds = reportParties.filter((id) => onCase.has(id));
  return place.level === 'grid' && sharedPartyIds.length > 0
    ? { kind: 'link', sharedPartyIds }
    : { kind: 'possible-duplicate', sharedPartyIds };
}

/** The evidence a possible duplicate carries: codes, ids and numbers, nothing a person wrote. */
export function possibleDuplicateEvidence(
  place: Place,
  disputeType: DisputeType,
  candidateReport: { id: string; receivedAt: Date },
  receivedAt: Date,
  sharedPartyIds: readonly string[],
): DuplicateEvidence {
  return {
    place: place.level,
    placeCode: place.code,
    disputeType,
    candidateReportId: candidateReport.id,
    minutesApart: Math.max(0, Math.floor((receivedAt.getTime() - candidateReport.receivedAt.getTime()) / MINUTE_MS)),
    windowDays: SAME_PLACE_WINDOW_DAYS,
    sharedPartyIds: [...sharedPartyIds],
  };
}

/**
 * The candidate cases of possible duplicates, from the earlier reports at the place (most recent first): each case
 * once (by its most recent report there), at most MAX_POSSIBLE_DUPLICATES.
 */
export function possibleDuplicateCandidates<R extends { caseId: string }>(reports: readonly R[]): R[] {
  const seen = new Set<string>();
  const chosen: R[] = [];
  for (const report of reports) {
    if (seen.has(report.caseId)) continue;
    seen.add(report.caseId);
    chosen.push(report);
    if (chosen.length === MAX_POSSIBLE_DUPLICATES) break;
  }
  return chosen;
}
