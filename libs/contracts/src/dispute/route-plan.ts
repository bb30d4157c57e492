/**
 * Turns a town's escalation policy and its agencies into the route one case follows. Pure, so the planning activity,
 * its tests and any preview in a client compute the same route.
 */
import type { AgencyKind } from '../identity';
import type { CasePlan, OfficeClosing, RouteStep, UnroutedReason } from './definitions';
import type { ClockSpec, DisputeType, JointDeclineRule, LadderLevel, RiskFlag } from './vocabulary';
import { LADDER_LEVELS } from './vocabulary';

/** The parts of a policy version the planner reads (structurally the agency API's `Policy`). */
export interface PlannablePolicy {
  version: number;
  ladder: {
    level: LadderLevel;
    agencyKind: AgencyKind;
    mediationClock: ClockSpec;
    extension: ClockSpec | null;
    firstSessionWithin: ClockSpec | null;
    rule: string;
    onJointDecline?: JointDeclineRule | undefined;
  }[];
  acceptance: { clock: ClockSpec; remindAtFraction: number; rule: string };
  routing: {
    id: string;
    match: { disputeTypes?: DisputeType[] | undefined; anyRisk?: RiskFlag[] | undefined };
    startAt?: LadderLevel | undefined;
    skip?: LadderLevel[] | undefined;
  }[];
  followUp?: { visitAfter: ClockSpec; confirmationWarningDays: number; rule: string } | undefined;
  urgentRisk?: { escalateAtOnce: boolean; rule: string } | undefined;
  officeClosing?: OfficeClosing | undefined;
}

/** An agency of the town, as far as routing is concerned. */
export interface RoutableAgency {
  id: string;
  kind: AgencyKind;
  areaCodes: string[];
}

export interface RouteDispute {
  disputeType: DisputeType;
  risks: RiskFlag[];
  villageCode: string | null;
  intakeAgencyId: string | null;
}

/** Policy versions stored before follow-up rules existed get these (人民调解法 art. 33: a 30-day window). */
export const DEFAULT_FOLLOW_UP = {
  visitAfter: { amount: 15, unit: 'calendar-days' },
  confirmationWarningDays: 5,
  rule: '调解协议履行回访；司法确认须在协议生效之日起30日内共同申请（人民调解法第三十三条）',
} as const satisfies CasePlan['followUp'];

export const DEFAULT_URGENT_RISK = {
  escalateAtOnce: true,
  rule: '有民转刑风险、群体性或涉重点人员的纠纷，期限届满未化解的立即上报',
} as const;

/** Days the parties have to apply jointly for judicial confirmation after the agreement takes effect (art. 33). */
export const JUDICIAL_CONFIRMATION_WINDOW_DAYS = 30;

/** The planner could not find an agency the route needs. */
export class MissingAgencyError extends Error {
  constructor(
    readonly kind: AgencyKind,
    readonly townCode: string,
  ) {
    super(`Town ${townCode} has no ${kind} agency: create one in agency-service, then retry the case's planning.`);
  }
}

function matches(rule: PlannablePolicy['routing'][number], dispute: RouteDispute): boolean {
  const { disputeTypes, anyRisk } = rule.match;
  const typeOk = !disputeTypes?.length || disputeTypes.includes(dispute.disputeType);
  const riskOk = !anyRisk?.length || anyRisk.some((risk) => dispute.risks.includes(risk));
  return typeOk && riskOk;
}

/** The agency of a kind that takes the dispute, or why none can be chosen without the coordinators. */
function agencyFor(
  kind: AgencyKind,
  townCode: string,
  agencies: readonly RoutableAgency[],
  dispute: RouteDispute,
): RoutableAgency | UnroutedReason {
  const ofKind = agencies.filter((a) => a.kind === kind).sort((a, b) => a.id.localeCompare(b.id));
  if (ofKind.length === 0) throw new MissingAgencyError(kind, townCode);
  if (kind !== 'mediation-committee') return ofKind[0] as RoutableAgency;
  // The village's own committee: the one that took the report, else the one whose area covers the village. Never
  // another village's committee: people there do not know the parties, and the case would sit in a stranger's queue.
  const intake = ofKind.find((a) => a.id === dispute.intakeAgencyId);
  const village = dispute.villageCode ? ofKind.find((a) => a.areaCodes.includes(dispute.villageCode ?? '')) : undefined;
  return intake ?? village ?? (dispute.villageCode ? 'village-without-committee' : 'no-village-given');
}

function coordinatorsOf(townCode: string, agencies: readonly RoutableAgency[]): RoutableAgency {
  const centre = agencies.filter((a) => a.kind === 'governance-centre').sort((a, b) => a.id.localeCompare(b.id))[0];
  if (!centre) throw new MissingAgencyError('governance-centre', townCode);
  return centre;
}

/**
 * Whether starting at `level` would hand the case straight back to the agency that transferred it in (the police
 * pass a risky neighbours' quarrel to the town: the risk rule must not send it back to the police at once).
 */
function backToSender(
  level: LadderLevel,
  townCode: string,
  policy: PlannablePolicy,
  agencies: readonly RoutableAgency[],
  dispute: RouteDispute,
): boolean {
  const kind = policy.ladder.find((step) => step.level === level)?.agencyKind;
  if (!kind || dispute.intakeAgencyId === null) return false;
  const receiving = agencyFor(kind, townCode, agencies, dispute);
  return typeof receiving !== 'string' && receiving.id === dispute.intakeAgencyId;
}

/**
 * The route: the ladder from the first matching rule's `startAt` (default L1), without the levels any matching rule
 * skips (the starting level is never skipped), each level resolved to the town's agency of its kind. A `startAt` that
 * would send the case back to the agency that transferred it in is not taken.
 */
export function planRoute(
  townCode: string,
  policy: PlannablePolicy,
  agencies: readonly RoutableAgency[],
  dispute: RouteDispute,
): CasePlan {
  const applied: string[] = [];
  const notBackToSender: string[] = [];
  let startAt: LadderLevel | undefined;
  const skipped = new Set<LadderLevel>();
  for (const rule of policy.routing) {
    if (!matches(rule, dispute)) continue;
    let used = false;
    if (rule.startAt && !startAt) {
      if (backToSender(rule.startAt, townCode, policy, agencies, dispute)) {
        notBackToSender.push(rule.id);
      } else {
        startAt = rule.startAt;
        used = true;
      }
    }
    for (const level of rule.skip ?? []) {
      skipped.add(level);
      used = true;
    }
    if (used) applied.push(rule.id);
  }
  const startIndex = startAt ? LADDER_LEVELS.indexOf(startAt) : 0;
  const coordinator = coordinatorsOf(townCode, agencies);
  const route: RouteStep[] = policy.ladder
    .filter((step) => LADDER_LEVELS.indexOf(step.level) >= startIndex)
    .filter((step) => step.level === (startAt ?? policy.ladder[0]?.level) || !skipped.has(step.level))
    .map((step) => {
      const agency = agencyFor(step.agencyKind, townCode, agencies, dispute);
      const routed = typeof agency !== 'string';
      return {
        level: step.level,
        agencyId: routed ? agency.id : coordinator.id,
        ...(routed ? {} : { unrouted: agency }),
        agencyKind: step.agencyKind,
        mediationClock: step.mediationClock,
        extension: step.extension,
        firstSessionWithin: step.firstSessionWithin,
        rule: step.rule,
        ...(step.onJointDecline ? { onJointDecline: step.onJointDecline } : {}),
      };
    });
  const urgent = policy.urgentRisk ?? DEFAULT_URGENT_RISK;
  return {
    policyVersion: policy.version,
    route,
    routingRulesApplied: applied,
    coordinatorAgencyId: coordinator.id,
    acceptance: policy.acceptance,
    followUp: policy.followUp ?? DEFAULT_FOLLOW_UP,
    urgentRiskEscalatesAtOnce: urgent.escalateAtOnce,
    urgentRiskRule: urgent.rule,
    ...(policy.officeClosing ? { officeClosing: policy.officeClosing } : {}),
    ...(notBackToSender.length > 0 ? { notBackToSender } : {}),
  };
}
