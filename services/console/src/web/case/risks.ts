/**
 * The risks a case carries, and what a `risk-raised` timeline entry says. Risks reach a case at intake (its risk
 * assessment) and later through the workflow (raised on the case, or set on a party): the workflow's entries and its
 * tasks carry the latter, the case record only the former.
 */
import type { CaseSchemas, CaseView, Level, RiskFlag, Task } from '../common/api/client';
import { LEVELS, RISK_FLAGS } from '../common/api/vocabulary';

type TimelineEvent = CaseSchemas['TimelineEvent'];

const isRiskFlag = (value: unknown): value is RiskFlag => (RISK_FLAGS as readonly unknown[]).includes(value);

/** Every risk the case carries, from intake, the timeline's `risk-raised` entries and the open tasks, in list order. */
export function carriedRisks(
  caseView: Pick<CaseView, 'riskAssessment'>,
  timeline: readonly Pick<TimelineEvent, 'type' | 'details'>[],
  tasks: readonly Pick<Task, 'risks'>[],
): RiskFlag[] {
  const { riskAssessment: r } = caseView;
  const carried = new Set<RiskFlag>([
    ...(r.violenceRisk ? (['violence-risk'] as const) : []),
    ...(r.groupDispute ? (['group-dispute'] as const) : []),
    ...(r.keyPerson ? (['key-person'] as const) : []),
    ...timeline.flatMap((event) => (event.type === 'risk-raised' ? riskRaisedOf(event.details).flags : [])),
    ...tasks.flatMap((task) => task.risks),
  ]);
  return RISK_FLAGS.filter((flag) => carried.has(flag));
}

export type RiskConsequence = 'moves' | 'stays' | 'stays-not-back-to-sender';
const CONSEQUENCES: readonly RiskConsequence[] = ['moves', 'stays', 'stays-not-back-to-sender'];

/** What a `risk-raised` entry records: the new risks, where they came from, and what the town's policy did. */
export interface RiskRaised {
  flags: RiskFlag[];
  source: 'case' | 'party' | null;
  consequence: RiskConsequence | null;
  /** Where the case moved to (`moves` only). */
  toLevel: Level | null;
}

/** Reads a `risk-raised` entry's details, leaving out anything it does not know (an older or newer entry's). */
export function riskRaisedOf(details: TimelineEvent['details']): RiskRaised {
  const flags = details['flags'];
  const source = details['source'];
  const consequence = details['consequence'];
  const toLevel = details['toLevel'];
  return {
    flags: Array.isArray(flags) ? flags.filter(isRiskFlag) : [],
    source: source === 'case' || source === 'party' ? source : null,
    consequence: (CONSEQUENCES as readonly unknown[]).includes(consequence) ? (consequence as RiskConsequence) : null,
    toLevel: (LEVELS as readonly unknown[]).includes(toLevel) ? (toLevel as Level) : null,
  };
}
