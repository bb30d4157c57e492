/**
 * What case-service publishes on its topic (default `case.events`), keyed by the case id. Ids, codes and instants
 * only: parties are party-service ids, staff are agency-service ids, never a name, number or free-text summary.
 */
import { YuanAmount } from '../case/case-api';
import { Instant } from '../case/schema-helpers';
import { CASE_OUTCOMES } from '../dispute/definitions';
import { CLOSE_REASONS, REJECTION_REASONS } from '../dispute/vocabulary';
import { DISPUTE_TYPES, LADDER_LEVELS, RISK_FLAGS, SOURCE_CHANNELS } from '../dispute/vocabulary';
import { z } from '../zod';
import { EntityRef } from './envelope';

const id = z.string().uuid();
const townCode = z.string().regex(/^[a-z0-9-]{2,40}$/);
/** A staff id, or `workflow` for what the clocks and rules did on their own. */
const actorId = EntityRef;
const level = z.enum(LADDER_LEVELS);

const caseFields = { caseId: id, townCode };

/** How a case came to be at a level. */
export const LEVEL_ENTRY_ROUTES = ['initial', 'escalation', 'reroute', 'penalty-track'] as const;

/** The legal clocks whose expiry is published. */
export const MISSED_CLOCKS = ['acceptance', 'first-session', 'mediation', 'decision'] as const;

/** Why the coordinators were asked to decide on escalation (the decide-escalation task's reason). */
export const ESCALATION_TRIGGERS = [
  'clock-expired',
  'failure',
  'refusal',
  'early-request',
  'urgent-risk',
  'not-performed',
] as const;

/** A case was opened by intake (its first report). */
export const CaseOpenedData = z
  .object({
    ...caseFields,
    villageCode: townCode.nullable(),
    disputeType: z.enum(DISPUTE_TYPES),
    source: z.enum(SOURCE_CHANNELS),
    riskFlags: z.array(z.enum(RISK_FLAGS)).max(RISK_FLAGS.length),
    parties: z.array(z.object({ partyId: id, role: z.enum(['applicant', 'respondent', 'other']) }).strict()).max(50),
    amountInDispute: YuanAmount.nullable(),
  })
  .strict()
  .openapi('CaseOpenedData');

/** Another report of the same dispute joined the case (一人多报, 一地多报, 多人同报). */
export const CaseReportLinkedData = z
  .object({
    ...caseFields,
    reportId: id,
    source: z.enum(SOURCE_CHANNELS),
    matchedBy: z.enum(['same-event', 'same-reporter', 'same-place']),
    reporterPartyId: id.nullable(),
  })
  .strict()
  .openapi('CaseReportLinkedData');

/** A coordinator merged this case into another one; it closes with outcome `merged`. */
export const CaseMergedData = z
  .object({ ...caseFields, intoCaseId: id })
  .strict()
  .openapi('CaseMergedData');

/** The case reached a level of the ladder: a transfer to its agency starts (acceptance clock running). */
export const CaseLevelEnteredData = z
  .object({
    ...caseFields,
    level,
    agencyId: EntityRef,
    previousLevel: level.nullable(),
    via: z.enum(LEVEL_ENTRY_ROUTES),
    acceptanceDueAt: Instant.nullable(),
    policyVersion: z.number().int().min(0).nullable(),
  })
  .strict()
  .openapi('CaseLevelEnteredData');

/** The receiving agency accepted the transfer; on time when the event's `time` ≤ `acceptanceDueAt`. */
export const CaseTransferAcceptedData = z
  .object({
    ...caseFields,
    level,
    agencyId: EntityRef,
    acceptedBy: actorId,
    responsibleStaffId: EntityRef,
    acceptanceDueAt: Instant.nullable(),
  })
  .strict()
  .openapi('CaseTransferAcceptedData');

/** The receiving agency rejected the transfer, with a reason code. */
export const CaseTransferRejectedData = z
  .object({
    ...caseFields,
    level,
    agencyId: EntityRef,
    rejectedBy: actorId,
    reason: z.enum(REJECTION_REASONS),
    acceptanceDueAt: Instant.nullable(),
  })
  .strict()
  .openapi('CaseTransferRejectedData');

/** A legal clock ran out before the action it waits for (久调不结, an unanswered transfer). */
export const CaseDeadlineMissedData = z
  .object({
    ...caseFields,
    level: level.nullable(),
    agencyId: EntityRef.nullable(),
    clock: z.enum(MISSED_CLOCKS),
    dueAt: Instant,
  })
  .strict()
  .openapi('CaseDeadlineMissedData');

/** The coordinators (or, for urgent risk, the policy) escalated the case to the next level. */
export const CaseEscalationApprovedData = z
  .object({
    ...caseFields,
    fromLevel: level,
    toLevel: level,
    decidedBy: actorId,
    trigger: z.enum(ESCALATION_TRIGGERS),
  })
  .strict()
  .openapi('CaseEscalationApprovedData');

/** The coordinators decided against escalating: the case is extended or closed at its level. */
export const CaseEscalationRefusedData = z
  .object({
    ...caseFields,
    level,
    decidedBy: actorId,
    trigger: z.enum(ESCALATION_TRIGGERS),
    instead: z.enum(['extend', 'close']),
  })
  .strict()
  .openapi('CaseEscalationRefusedData');

/** A mediation agreement (调解协议书) was recorded at a level. */
export const CaseAgreementRecordedData = z
  .object({
    ...caseFields,
    level,
    agencyId: EntityRef,
    effectiveAt: Instant,
    jointAgencyIds: z.array(EntityRef).max(20),
  })
  .strict()
  .openapi('CaseAgreementRecordedData');

/** The case ended. `level` and `agencyId` are where it stood when it closed (null if it never reached a level). */
export const CaseClosedData = z
  .object({
    ...caseFields,
    outcome: z.enum(CASE_OUTCOMES),
    level: level.nullable(),
    agencyId: EntityRef.nullable(),
    /** A coordinator's reason code when closed without agreement. */
    closeReason: z.enum(CLOSE_REASONS).nullable(),
  })
  .strict()
  .openapi('CaseClosedData');

/** Why agencies are to see a case's parties in party-service. */
export const PARTIES_SHARED_REASONS = ['transfer-accepted', 'joint-agency', 'party-added'] as const;

/**
 * Agencies came to hold the case (accepted its transfer, joined it for joint mediation), or a party joined a case that
 * agencies hold: party-service lets each of `agencyIds` see each of `partyIds` (of the event's town only). Ids only.
 */
export const CasePartiesSharedData = z
  .object({
    ...caseFields,
    agencyIds: z.array(EntityRef).min(1).max(50),
    partyIds: z.array(id).min(1).max(200),
    reason: z.enum(PARTIES_SHARED_REASONS),
  })
  .strict()
  .openapi('CasePartiesSharedData');
