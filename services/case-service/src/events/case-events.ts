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
   * event the entry alone says everything of (its details are typed by its type, checked at the route); one whose
   * payload still does not fit the event's contract is reported to `onSkipped` and left out, so a bad detail can never
   * block the workflow's write.
   */
  fromTimeline(caseId: string, townCode: string, event: RecordTimelineRequest): OutboxMessage | null;
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
export function sharingFromTimeline(event: RecordTimelineRequest): PartiesShare | null {
  if (event.type === 'transfer-accepted') {
    return event.agencyId ? { agencyIds: [event.agencyId], reason: 'transfer-accepted' } : null;
  }
  if (event.type === 'joint-agencies-added') {
    const ids = [...new Set(event.details.agencyIds)];
    return ids.length > 0 ? { agencyIds: ids, reason: 'joint-agency' } : null;
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

/** An ISO instant as the contract writes it (UTC, milliseconds): the workflow may give an action's own offset. */
const utc = (value: string | null): string | null => (value === null ? null : new Date(value).toISOString());
function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

const levelOf = (value: string | null): LadderLevel | null => oneOf(LADDER_LEVELS, value);

/** The `via` of a level entry, from the reason the workflow gave for the transfer. */
function entryRoute(reason: string, penaltyTrack: boolean) {
  if (penaltyTrack) return 'penalty-track' as const;
  if (reason === 'intake') return 'initial' as const;
  if (reason === 'rerouted') return 'reroute' as const;
  // A coordinator's or the policy's escalation, or the next level after an agreement was not performed.
  return 'escalation' as const;
}

/** The payload a timeline entry stands for, from the entry alone; checked against the contract before it is built. */
function timelinePayload(
  caseId: string,
  townCode: string,
  event: RecordTimelineRequest,
): { type: CaseEventType; data: Record<string, unknown> } | null {
  const base = { caseId, townCode };
  switch (event.type) {
    case 'transfer-requested': {
      const d = event.details;
      return {
        type: 'gongzhi.case.level-entered',
        data: {
          ...base,
          level: d.level,
          agencyId: d.toAgencyId,
          previousLevel: d.previousLevel,
          via: entryRoute(d.reason, d.penaltyTrack),
          acceptanceDueAt: utc(d.acceptBy),
          policyVersion: d.policyVersion,
        },
      };
    }
    case 'transfer-accepted':
      return {
        type: 'gongzhi.case.transfer-accepted',
        data: {
          ...base,
          level: event.details.level,
          agencyId: event.agencyId,
          acceptedBy: event.actor,
          responsibleStaffId: event.details.responsibleStaffId,
          acceptanceDueAt: utc(event.details.acceptBy),
        },
      };
    case 'transfer-rejected':
      return {
        type: 'gongzhi.case.transfer-rejected',
        data: {
          ...base,
          level: event.details.level,
          agencyId: event.agencyId,
          rejectedBy: event.actor,
          reason: event.details.reason,
          acceptanceDueAt: utc(event.details.acceptBy),
        },
      };
    case 'transfer-overdue':
      return missed(base, event.details.level, event.agencyId, 'acceptance', event.details.acceptBy);
    case 'first-session-overdue':
      return missed(base, event.details.level, event.agencyId, 'first-session', event.details.dueAt);
    case 'mediation-clock-expired':
      return missed(base, event.details.level, event.agencyId, 'mediation', event.details.dueAt);
    case 'escalated':
      // Every escalation, whoever decided it: a coordinator's decision (its trigger is the decide task's reason) or
      // the policy's own for urgent risk. Only this event knows the level the case goes to.
      return {
        type: 'gongzhi.case.escalation-approved',
        data: {
          ...base,
          fromLevel: event.details.fromLevel,
          toLevel: event.details.toLevel,
          decidedBy: event.actor,
          trigger: oneOf(ESCALATION_TRIGGERS, event.details.reason),
        },
      };
    case 'decision-made': {
      const { decision } = event.details;
      if (decision === 'escalate') return null;
      return {
        type: 'gongzhi.case.escalation-refused',
        data: {
          ...base,
          level: event.details.level,
          decidedBy: event.actor,
          trigger: oneOf(ESCALATION_TRIGGERS, event.details.reason),
          instead: decision,
        },
      };
    }
    case 'agreement-recorded':
      return {
        type: 'gongzhi.case.agreement-recorded',
        data: {
          ...base,
          level: event.details.level,
          agencyId: event.agencyId,
          // When the parties signed it, which its clocks count from; not when it was typed in.
          effectiveAt: utc(event.details.effectiveAt),
          jointAgencyIds: event.details.pendingSignOffs,
        },
      };
    case 'case-closed':
      return {
        type: 'gongzhi.case.closed',
        data: {
          ...base,
          outcome: event.details.outcome,
          level: event.details.level,
          agencyId: event.agencyId,
          // `detail` is a close-reason code, a merged-into case id or a court filing reference: only codes leave.
          closeReason: oneOf(CLOSE_REASONS, event.details.detail),
        },
      };
    default:
      return null;
  }
}

/** `deadline-missed`: which clock of which level ran out, and when it was due. */
function missed(
  base: { caseId: string; townCode: string },
  level: LadderLevel | null,
  agencyId: string | null,
  clock: 'acceptance' | 'first-session' | 'mediation',
  dueAt: string,
) {
  return {
    type: 'gongzhi.case.deadline-missed' as const,
    data: { ...base, level, agencyId, clock, dueAt: utc(dueAt) },
  };
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
    fromTimeline(caseId, townCode, event) {
      const payload = timelinePayload(caseId, townCode, event);
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
