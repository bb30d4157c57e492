/**
 * What a coordinator's decision will do, worked out before it is sent: where an escalation goes (the route the case's
 * plan fixed, from the timeline), how long an extension may be (the town's policy, within the workflow's own bound),
 * whether a refusal rules an extension out, and the words that ask for confirmation and report the outcome.
 */
import type { TFunction } from 'i18next';
import type { AgencySchemas, CaseSchemas, DisputeAction, Level, Task } from '../common/api/client';
import { LEVELS, REJECTION_REASONS } from '../common/api/vocabulary';
import { UNROUTED_REASONS } from '../common/task-labels';

export type Clock = AgencySchemas['Clock'];
/** A level of the town's policy, as far as decisions need it (null: the level grants no extension). */
export interface PolicyLevel {
  level: Level;
  agencyKind: string;
  extension: Clock | null;
}
type TimelineEvent = Pick<CaseSchemas['TimelineEvent'], 'type' | 'details'>;
type StateSummary = Pick<CaseSchemas['DisputeStateSummary'], 'level' | 'phase'>;

/** i18next's `t`: these functions name every key with its namespace. */
export type Translate = TFunction;

/** The most days a coordinator may extend a level by: the action's limit in the contracts (a spec keeps them equal). */
export const MAX_EXTEND_DAYS = 60;

const DAY_MS = 24 * 3600 * 1000;
/** Asia/Shanghai keeps +08:00 all year. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** The events of the level the case is at now: from the last time it was sent to a level (or waited to be). */
export function currentVisit<E extends TimelineEvent>(timeline: readonly E[]): E[] {
  let entered = -1;
  timeline.forEach((event, index) => {
    if (event.type === 'transfer-requested' || event.type === 'routing-needed') entered = index;
  });
  return entered < 0 ? [...timeline] : timeline.slice(entered);
}

/** The levels the case's plan visits, in order (the workflow's `route-planned` entry), or null when not recorded. */
export function plannedRoute(timeline: readonly TimelineEvent[]): Level[] | null {
  const planned = [...timeline].reverse().find((event) => event.type === 'route-planned');
  const route = planned?.details['route'];
  if (!Array.isArray(route)) return null;
  return route.filter((level): level is Level => (LEVELS as readonly string[]).includes(level));
}

export type EscalationTarget = { kind: 'level'; level: Level } | { kind: 'last' } | { kind: 'unknown' };

/** Where escalating sends the case: the next level of its route; past the last one it closes (referred to court). */
export function escalationTarget(route: readonly Level[] | null, current: Level | null): EscalationTarget {
  if (!route || !current) return { kind: 'unknown' };
  const index = route.indexOf(current);
  if (index < 0) return { kind: 'unknown' };
  const next = route[index + 1];
  return next ? { kind: 'level', level: next } : { kind: 'last' };
}

/** A party refused mediation at the level the case is at (人民调解法 art. 17): no extension, ever. */
export function refusedAtThisLevel(timeline: readonly TimelineEvent[]): boolean {
  return currentVisit(timeline).some((event) => event.type === 'mediation-refused');
}

export type ExtendChoice =
  /** `ruleClock` is what leaving the days empty grants (null: the policy could not be read). */
  { allowed: true; maxDays: number; ruleClock: Clock | null } | { allowed: false; why: 'refusal' | 'not-in-policy' };

/**
 * Whether a decision may extend the level's clock, and by at most how many calendar days: what the town's policy
 * grants the level (`undefined` while it cannot be read, null when it grants none), never more than the workflow
 * takes. A working-day extension spans more calendar days than it counts: `spanDays` is that span from where the
 * extension would start, once agency-service's calendar has said; until then the working days themselves are the
 * bound (never too generous).
 */
export function extendChoice(
  task: Pick<Task, 'reason'>,
  refused: boolean,
  extension: Clock | null | undefined,
  spanDays?: number,
): ExtendChoice {
  if (refused || task.reason === 'refusal') return { allowed: false, why: 'refusal' };
  if (extension === null) return { allowed: false, why: 'not-in-policy' };
  if (extension === undefined) return { allowed: true, maxDays: MAX_EXTEND_DAYS, ruleClock: null };
  const days = extension.unit === 'calendar-days' ? extension.amount : Math.max(extension.amount, spanDays ?? 0);
  return { allowed: true, maxDays: Math.max(1, Math.min(days, MAX_EXTEND_DAYS)), ruleClock: extension };
}

/** The policy's extension for a level: a clock, null when it grants none, undefined when the policy is not known. */
export function levelExtension(
  ladder: readonly PolicyLevel[] | undefined,
  level: Level | null,
): Clock | null | undefined {
  if (!ladder || !level) return undefined;
  const step = ladder.find((candidate) => candidate.level === level);
  return step ? (step.extension ?? null) : undefined;
}

/** Calendar days from the town's date of `from` to `lastDay` (YYYY-MM-DD, a town date). */
export function calendarDaysUntil(from: string, lastDay: string): number {
  const fromDay = new Date(Date.parse(from) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
  return Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS);
}

/** Where an extension starts: when the level's clock runs out, or now if it already has (as the workflow counts). */
export function extensionStart(mediationDueAt: string | null | undefined, now: number): string {
  const due = mediationDueAt ? Date.parse(mediationDueAt) : Number.NaN;
  return new Date(Number.isNaN(due) ? now : Math.max(due, now)).toISOString();
}

export function clockText(clock: Clock, t: Translate): string {
  return t(`coordination:clock.${clock.unit}`, { count: clock.amount });
}

/** "三级（司法所）": a level and the kind of agency that holds it. */
export function levelText(level: Level, agencyKind: string, t: Translate): string {
  return t('coordination:levelAndKind', {
    level: t(`common:levels.${level}`),
    kind: t(`common:agencyKinds.${agencyKind}`),
  });
}

/** Why the task exists, in words: the workflow's reason code, or the receiving agency's reason for a bounced transfer. */
export function reasonText(task: Pick<Task, 'kind' | 'reason'>, t: Translate): string {
  const reason = task.reason ?? '';
  if (task.kind === 'handle-rejection') {
    if (UNROUTED_REASONS.includes(reason)) return t(`coordination:reasons.${reason}`);
    if ((REJECTION_REASONS as readonly string[]).includes(reason)) {
      return t('coordination:reasons.rejected', { reason: t(`common:rejectionReasons.${reason}`) });
    }
    return t('coordination:reasons.unknown');
  }
  const known = ['clock-expired', 'failure', 'refusal', 'early-request', 'extension-requested'];
  return known.includes(reason) ? t(`coordination:reasons.${reason}`) : t('coordination:reasons.unknown');
}

/** What the confirmation needs to know beyond the action. */
export interface DecisionContext {
  escalation: EscalationTarget;
  /** The level's extension under the town's policy (undefined: not known). */
  extension: Clock | null | undefined;
  /** The kind of agency that holds a level (the town's ladder). */
  agencyKindOf: (level: Level) => string;
  agencyName: (agencyId: string) => string;
}

/** "Are you sure?" in words: what sending this action will do to the case. */
export function confirmationText(action: DisputeAction, context: DecisionContext, t: Translate): string {
  switch (action.kind) {
    case 'decide':
      if (action.decision === 'escalate') {
        const target = context.escalation;
        if (target.kind === 'level') {
          return t('coordination:confirm.escalate', {
            target: levelText(target.level, context.agencyKindOf(target.level), t),
          });
        }
        return t(target.kind === 'last' ? 'coordination:confirm.escalateLast' : 'coordination:confirm.escalateNext');
      }
      if (action.decision === 'extend') {
        if (action.extendDays !== undefined) return t('coordination:confirm.extendDays', { days: action.extendDays });
        return context.extension
          ? t('coordination:confirm.extendRule', { clock: clockText(context.extension, t) })
          : t('coordination:confirm.extendRuleUnknown');
      }
      return t('coordination:confirm.close', { reason: t(`case:closeReasons.${action.closeReason ?? 'other'}`) });
    case 'decide-extension':
      if (!action.approve) return t('coordination:confirm.refuse');
      return context.extension
        ? t('coordination:confirm.approve', { clock: clockText(context.extension, t) })
        : t('coordination:confirm.approveUnknown');
    case 'reroute': {
      const target = levelText(action.toLevel, context.agencyKindOf(action.toLevel), t);
      return action.agencyId
        ? t('coordination:confirm.reroute', { target, agency: context.agencyName(action.agencyId) })
        : t('coordination:confirm.rerouteDefault', { target });
    }
    case 'close-case':
      return t('coordination:confirm.close', { reason: t(`case:closeReasons.${action.reason}`) });
    default:
      return '';
  }
}

/** Where the case stands after a decision, from the state the workflow answered with. */
export function resultText(state: StateSummary | undefined, t: Translate): string {
  if (!state) return t('coordination:result.done');
  if (state.phase === 'closed') return t('coordination:result.closed');
  if (!state.level) return t('coordination:result.done');
  return t('coordination:result.state', {
    where: t('coordination:levelAndPhase', {
      level: t(`common:levels.${state.level}`),
      phase: t(`common:phases.${state.phase}`),
    }),
  });
}
