/**
 * A risk seen during the case (民转刑, a group forming, a key person), from staff or from party-service: the case may move.
 */
import { LADDER_LEVELS, type PartyRiskFlaggedInput, type RiskFlag } from '@gongzhi/contracts/dispute';
import { WORKFLOW_ACTOR, RISK_RULE } from './rules';
import type { CaseSteps } from './case-steps';
import { handedOnBy } from './repairs';
import { escalate } from './levels';

/** A risk flag set on one of the case's parties in party-service (told once per flag). */
export async function partyRiskFlagged(c: CaseSteps, input: PartyRiskFlaggedInput): Promise<void> {
  const s = c.state;
  if (s.partyRiskFlagIds?.includes(input.flagId)) return;
  s.partyRiskFlagIds = [...(s.partyRiskFlagIds ?? []), input.flagId];
  await raiseRisk(c, [input.flag], WORKFLOW_ACTOR, {
    source: 'party',
    agencyId: input.agencyId,
    partyId: input.partyId,
  });
}

/**
 * A risk seen after intake (民转刑, a group forming, a key person). The case carries it from now on, so a clock that
 * runs out escalates at once where the policy says so; and the town's policy, applied again with the case's risks,
 * may want the case at a higher level now (a violence risk at the village goes to the police): the case moves
 * there unless the agency there is the one that handed it on (the police do not get back what they transferred), or
 * it has an agreement already. Everything on the timeline, with the rule.
 */
export async function raiseRisk(
  c: CaseSteps,
  flags: readonly RiskFlag[],
  actor: string,
  origin: { source: 'case' | 'party'; agencyId: string; partyId?: string },
): Promise<void> {
  const s = c.state;
  const fresh = [...new Set(flags)].filter((flag) => !s.risks.includes(flag));
  if (fresh.length === 0) return;
  s.risks.push(...fresh);
  const movable = ['transfer', 'transfer-rejected', 'mediation', 'awaiting-decision'].includes(s.phase);
  const replanned = movable
    ? await c.effect('planCase', () =>
        c.agencyReads().planCase({
          caseId: s.caseId,
          townCode: s.townCode,
          villageCode: c.input.villageCode,
          intakeAgencyId: c.input.intakeAgencyId,
          disputeType: s.disputeType,
          risks: [...s.risks],
        }),
      )
    : null;
  const start = replanned?.route[0];
  const higher = start && s.level && LADDER_LEVELS.indexOf(start.level) > LADDER_LEVELS.indexOf(s.level);
  // Back to the agency that handed the case on: by the planner (the agency took the report), or here (it sent the
  // case up or down the ladder to where it is).
  const backToSender =
    (higher && start.agencyId === handedOnBy(c)) || (!higher && (replanned?.notBackToSender?.length ?? 0) > 0);
  const consequence = backToSender ? 'stays-not-back-to-sender' : higher ? 'moves' : 'stays';
  await c.timeline('risk-raised', actor, {
    flags: fresh,
    source: origin.source,
    byAgencyId: origin.agencyId,
    ...(origin.partyId ? { partyId: origin.partyId } : {}),
    level: s.level,
    consequence,
    toLevel: consequence === 'moves' ? (start?.level ?? null) : null,
    routingRules: replanned?.routingRulesApplied ?? [],
    rule: c.plan.urgentRiskEscalatesAtOnce ? c.plan.urgentRiskRule : RISK_RULE,
  });
  if (consequence !== 'moves' || !replanned) return;
  // The route the policy gives a case with these risks, from today's policy; the levels behind stay as they were.
  s.plan = replanned;
  s.policyVersion = replanned.policyVersion;
  await escalate(c, actor, 'risk-raised', 0);
}
