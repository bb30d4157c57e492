/**
 * The events case-service publishes (issue 7): ids, codes and instants only. Never the summary, a party's name, phone
 * or ID number, risk notes, a coordinator's reason text or a court filing reference: PIPL keeps them in this database.
 */
import {
  CLOSE_REASONS,
  type CaseOutcome,
  DEFAULT_EVENT_TOPICS,
  DOMAIN_EVENT_CATALOG,
  ESCALATION_TRIGGERS,
  type EventData,
  type EventTypeOf,
  LADDER_LEVELS,
  type LadderLevel,
  type PARTIES_SHARED_REASONS,
  type RecordTimelineRequest,
  REJECTION_REASONS,
} from '@gongzhi/contracts';
import { createEventFactory, type OutboxMessage } from '@gongzhi/outbox';
import type { CaseParty, DisputeType, RiskAssessment, RiskFlag, SourceChannel } from '@gongzhi/contracts';

type CaseEventType = EventTypeOf<'case'>;

/** The facts of a case its `opened` event carries (a CaseRecord has them; kept structural to avoid an import cycle). */
export interface OpenedCase {
  id: string;
  townCode: string;
  villageCode: string | null;
  disputeType: DisputeType;
  source: SourceChannel;
  riskAssessment: RiskAssessment;
  parties: CaseParty[];
  amountInDispute: string | null;
  openedAt: Date;
}

function riskFlags(risk: RiskAssessment): RiskFlag[] {
  return [
    ...(risk.violenceRisk ? (['violence-risk'] as const) : []),
    ...(risk.groupDispute ? (['group-dispute'] as const) : []),
    ...(risk.keyPerson ? (['key-person'] as const) : []),
  ];
}

/** What the timeline mapping needs besides the event itself, read in the recording transaction. */
export interface TimelineContext {
  townCode: string;
  /** The case's latest earlier `transfer-requested` event: the level it stands at and that level's acceptance clock. */
  lastTransfer: { level: LadderLevel | null; toAgencyId: string | null; acceptBy: string | null } | null;
  /** The policy version the workflow planned the route with (its `route-planned` event). */
  policyVersion: number | null;
}

/** A published event a timeline event could not become, and why (the workflow's event is recorded regardless). */
export interface SkippedEvent {
  caseId: string;
  timelineType: string;
  eventType: CaseEventType;
  problem: string;
}

export interface CaseEvents {
  opened(record: OpenedCase): OutboxMessage;
  reportLinked(
    record: { id: string; townCode: string },
    report: { id: string; source: SourceChannel; reporterPartyId: string | null },
    matchedBy: 'same-event' | 'same-reporter' | 'same-place',
    at: Date,
  ): OutboxMessage;
  merged(source: { id: string; townCode: string }, intoCaseId: string, at: Date): OutboxMessage;
  /** A case closed by case-service itself (an administrator's terminate), not by its workflow. */
  closed(
    record: { id: string; townCode: string; level: string | null; agencyId: string | null },
    outcome: CaseOutcome,
    at: Date,
  ): OutboxMessage;
  /**
   * The published event a workflow timeline event stands for, or null when it stands for none (a reminder, a session,
   * a decision to escalate — the `escalated` event that follows carries that). Never throws on the workflow's data: an
   * event whose details do not fit the contract is reported to `onSkipped` and left out, so a bad detail can never
   * block the workflow's write.
   */
  fromTimeline(caseId: string, event: RecordTimelineRequest, context: TimelineContext): OutboxMessage | null;
  /**
   * `parties-shared`: the agencies party-service is to let see the case's parties, in chunks the contract takes (none
   * when either list is empty). Ids only.
   */
  partiesShared(
    record: { id: string; townCode: string },
    share: PartiesShare,
    partyIds: readonly string[],
    at: Date,
  ): OutboxMessage[];
}

export type PartiesSharedReason = (typeof PARTIES_SHARED_REASONS)[number];

/** Which agencies come to hold a case, and why. */
export interface PartiesShare {
  agencyIds: string[];
  reason: PartiesSharedReason;
}

/**
 * The agencies a workflow timeline event makes holders of the case, whose staff must then read its parties: the
 * receiving agency of an accepted transfer, the joint agencies a coordinator added. Null for any other event (an agency
 * asked to accept a transfer sees the case, not its parties, until it accepts).
 */
export function sharingFromTimeline(event: RecordTimelineRequest, context: TimelineContext): PartiesShare | null {
  const d = event.details as Record<string, unknown>;
  if (event.type === 'transfer-accepted') {
    const agencyId = event.agencyId ?? context.lastTransfer?.toAgencyId ?? null;
    return agencyId ? { agencyIds: [agencyId], reason: 'transfer-accepted' } : null;
  }
  if (event.type === 'joint-agencies-added') {
    const ids = Array.isArray(d['agencyIds']) ? d['agencyIds'].filter((v): v is string => typeof v === 'string') : [];
    return ids.length > 0 ? { agencyIds: [...new Set(ids)], reason: 'joint-agency' } : null;
  }
  return null;
}

/** The agencies that hold a case, from its timeline: every agency that accepted a transfer of it, every joint agency. */
export function holdersFromTimeline(
  events: readonly { type: string; agencyId: string | null; details: unknown }[],
): string[] {
  const holders = new Set<string>();
  for (const event of events) {
    const d = (event.details ?? {}) as Record<string, unknown>;
    if (event.type === 'transfer-accepted' && event.agencyId) holders.add(event.agencyId);
    if (event.type === 'joint-agencies-added' && Array.isArray(d['agencyIds'])) {
      for (const id of d['agencyIds']) if (typeof id === 'string') holders.add(id);
    }
  }
  return [...holders];
}

/** Most party ids one `parties-shared` event carries (the contract's limit); more go in further events. */
const PARTY_IDS_PER_EVENT = 200;
/** Most agency ids one event carries. */
const AGENCY_IDS_PER_EVENT = 50;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
/** An ISO instant as the contract writes it (UTC, milliseconds), or null for anything else. */
const instantOf = (value: unknown): string | null => {
  const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? null : new Date(at).toISOString();
};
function oneOf<T extends string>(values: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : null;
}
const levelOf = (value: unknown): LadderLevel | null => oneOf(LADDER_LEVELS, value);

/** The `via` of a level entry, from the reason the workflow gave for the transfer. */
function entryRoute(reason: string | null, penaltyTrack: boolean) {
  if (penaltyTrack) return 'penalty-track' as const;
  if (reason === null || reason === 'intake') return 'initial' as const;
  if (reason === 'rerouted') return 'reroute' as const;
  // A coordinator's or the policy's escalation, or the next level after an agreement was not performed.
  return 'escalation' as const;
}

/** One candidate payload per timeline type; checked against the contract before it is built. */
function timelinePayload(
  caseId: string,
  event: RecordTimelineRequest,
  context: TimelineContext,
): { type: CaseEventType; data: Record<string, unknown> } | null {
  const d = event.details as Record<string, unknown>;
  const base = { caseId, townCode: context.townCode };
  const level = levelOf(d['level']);
  const acceptanceDueAt = context.lastTransfer?.acceptBy ?? null;
  switch (event.type) {
    case 'transfer-requested':
      return {
        type: 'gongzhi.case.level-entered',
        data: {
          ...base,
          level,
          agencyId: text(d['toAgencyId']) ?? event.agencyId,
          previousLevel: context.lastTransfer?.level ?? null,
          via: entryRoute(text(d['reason']), d['penaltyTrack'] === true),
          acceptanceDueAt: text(d['acceptBy']),
          policyVersion: context.policyVersion,
        },
      };
    case 'transfer-accepted':
      return {
        type: 'gongzhi.case.transfer-accepted',
        data: {
          ...base,
          level,
          agencyId: event.agencyId ?? context.lastTransfer?.toAgencyId ?? null,
          acceptedBy: event.actor,
          responsibleStaffId: text(d['responsibleStaffId']),
          acceptanceDueAt,
        },
      };
    case 'transfer-rejected':
      return {
        type: 'gongzhi.case.transfer-rejected',
        data: {
          ...base,
          level,
          agencyId: event.agencyId ?? context.lastTransfer?.toAgencyId ?? null,
          rejectedBy: event.actor,
          reason: oneOf(REJECTION_REASONS, d['reason']),
          acceptanceDueAt,
        },
      };
    case 'transfer-overdue':
    case 'first-session-overdue':
    case 'mediation-clock-expired':
      return {
        type: 'gongzhi.case.deadline-missed',
        data: {
          ...base,
          level,
          agencyId: event.agencyId,
          clock:
            event.type === 'transfer-overdue'
              ? 'acceptance'
              : event.type === 'first-session-overdue'
                ? 'first-session'
                : 'mediation',
          dueAt: text(event.type === 'transfer-overdue' ? d['acceptBy'] : d['dueAt']),
        },
      };
    case 'escalated':
      // Every escalation, whoever decided it: a coordinator's decision (its trigger is the decide task's reason) or
      // the policy's own for urgent risk. Only this event knows the level the case goes to.
      return {
        type: 'gongzhi.case.escalation-approved',
        data: {
          ...base,
          fromLevel: levelOf(d['fromLevel']),
          toLevel: levelOf(d['toLevel']),
          decidedBy: event.actor,
          trigger: oneOf(ESCALATION_TRIGGERS, d['reason']),
        },
      };
    case 'decision-made': {
      const decision = text(d['decision']);
      if (decision !== 'extend' && decision !== 'close') return null;
      return {
        type: 'gongzhi.case.escalation-refused',
        data: {
          ...base,
          level,
          decidedBy: event.actor,
          trigger: oneOf(ESCALATION_TRIGGERS, d['reason']),
          instead: decision,
        },
      };
    }
    case 'agreement-recorded':
      return {
        type: 'gongzhi.case.agreement-recorded',
        data: {
          ...base,
          level,
          agencyId: event.agencyId,
          // The date the agreement took effect, as the workflow recorded it; entries written before it carried that
          // date fall back to the moment the agreement was recorded.
          effectiveAt: instantOf(d['effectiveAt']) ?? event.at,
          jointAgencyIds: Array.isArray(d['pendingSignOffs']) ? d['pendingSignOffs'] : [],
        },
      };
    case 'case-closed':
      return {
        type: 'gongzhi.case.closed',
        data: {
          ...base,
          outcome: text(d['outcome']),
          level,
          agencyId: event.agencyId,
          // `detail` is a close-reason code, a merged-into case id or a court filing reference: only codes leave.
          closeReason: oneOf(CLOSE_REASONS, d['detail']),
        },
      };
    default:
      return null;
  }
}

export function createCaseEvents(
  topic: string = DEFAULT_EVENT_TOPICS.case,
  options: { onSkipped?: (skipped: SkippedEvent) => void } = {},
): CaseEvents {
  const factory = createEventFactory({ owner: 'case', topic });
  const build = <T extends CaseEventType>(type: T, caseId: string, data: EventData<T>, at: Date) =>
    factory.build(type, caseId, data, at);
  return {
    opened: (record) =>
      build(
        'gongzhi.case.opened',
        record.id,
        {
          caseId: record.id,
          townCode: record.townCode,
          villageCode: record.villageCode,
          disputeType: record.disputeType,
          source: record.source,
          riskFlags: riskFlags(record.riskAssessment),
          parties: record.parties.map((p) => ({ partyId: p.partyId, role: p.role })),
          amountInDispute: record.amountInDispute,
        },
        record.openedAt,
      ),
    reportLinked: (record, report, matchedBy, at) =>
      build(
        'gongzhi.case.report-linked',
        record.id,
        {
          caseId: record.id,
          townCode: record.townCode,
          reportId: report.id,
          source: report.source,
          matchedBy,
          reporterPartyId: report.reporterPartyId,
        },
        at,
      ),
    merged: (source, intoCaseId, at) =>
      build('gongzhi.case.merged', source.id, { caseId: source.id, townCode: source.townCode, intoCaseId }, at),
    closed: (record, outcome, at) =>
      build(
        'gongzhi.case.closed',
        record.id,
        {
          caseId: record.id,
          townCode: record.townCode,
          outcome,
          level: levelOf(record.level),
          agencyId: record.agencyId,
          closeReason: null,
        },
        at,
      ),
    partiesShared(record, share, partyIds, at) {
      const parties = [...new Set(partyIds)];
      const agencies = [...new Set(share.agencyIds)];
      return chunks(agencies, AGENCY_IDS_PER_EVENT).flatMap((agencyIds) =>
        chunks(parties, PARTY_IDS_PER_EVENT).map((ids) =>
          build(
            'gongzhi.case.parties-shared',
            record.id,
            { caseId: record.id, townCode: record.townCode, agencyIds, partyIds: ids, reason: share.reason },
            at,
          ),
        ),
      );
    },
    fromTimeline(caseId, event, context) {
      const payload = timelinePayload(caseId, event, context);
      if (!payload) return null;
      const checked = DOMAIN_EVENT_CATALOG[payload.type].data.safeParse(payload.data);
      if (!checked.success) {
        // Rule and path only: the values are the workflow's, but a message is no place to repeat them.
        const problem = checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`).join('; ');
        options.onSkipped?.({ caseId, timelineType: event.type, eventType: payload.type, problem });
        return null;
      }
      return build(payload.type, caseId, checked.data as EventData<typeof payload.type>, new Date(event.at));
    },
  };
}
