/**
 * When is a new report the same dispute as an open case? Three rules, tried in this order (docs/domain.md):
 *
 * 1. same-event (多人同报): another report in the town carries the same event reference (a police incident number,
 *    a 12345 ticket) — many people reporting one event. No time limit: the reference is specific.
 * 2. same-reporter (一人多报): the same person (party id) reported a dispute of the same type within 30 days.
 * 3. same-place (一地多报): a dispute of the same type was reported at the same grid cell (or village, when no grid
 *    is given) within 7 days.
 *
 * Only cases still being worked (opening or open) are candidates; among several, the most recently reported wins.
 * A wrong link is undone by a coordinator's split; a missed one by a merge.
 */
import type { DisputeType } from '@gongzhi/contracts';

export const MATCH_RULES = ['same-event', 'same-reporter', 'same-place'] as const;
export type MatchRule = (typeof MATCH_RULES)[number];

export const SAME_REPORTER_WINDOW_DAYS = 30;
export const SAME_PLACE_WINDOW_DAYS = 7;

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

/** One rule made concrete for a report: what to look for, and the lock that serialises competing reports. */
export interface MatchProbe {
  rule: MatchRule;
  lockKey: string;
  since?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

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
  const place = facts.gridCode
    ? `grid:${facts.gridCode}`
    : facts.villageCode
      ? `village:${facts.villageCode}`
      : undefined;
  if (place) {
    probes.push({
      rule: 'same-place',
      lockKey: `place:${facts.townCode}:${place}:${facts.disputeType}`,
      since: new Date(facts.receivedAt.getTime() - SAME_PLACE_WINDOW_DAYS * DAY_MS),
    });
  }
  return probes;
}
