/**
 * What each timeline entry the dispute workflow writes carries, by its type: one schema per type, so the workflow
 * cannot write a detail case-service does not expect, and case-service maps an entry to its published event from the
 * entry alone. Ids, codes, rule citations and instants only: the workflow never holds personal data.
 */
import { AGENCY_KINDS } from '../identity';
import { instant } from '../primitives';
import { z } from '../zod';
import { CASE_OUTCOMES, HUMAN_ACTION_KINDS, UNROUTED_REASONS, WORKFLOW_REPAIR_KINDS } from './definitions';
import {
  JOINT_DECLINE_RULES,
  LADDER_LEVELS,
  REJECTION_REASONS,
  RISK_FLAGS,
  SIGN_OFF_DECLINE_REASONS,
} from './vocabulary';

/** Timeline event types the workflow writes (case-service writes its own intake, merge and document events). */
export const WORKFLOW_TIMELINE_EVENTS = [
  'route-planned',
  'transfer-requested',
  /** No agency of a level could be chosen by rule: the coordinators name it (a village without a committee). */
  'routing-needed',
  'transfer-reminder',
  'transfer-overdue',
  'transfer-urged',
  'transfer-accepted',
  'task-reassigned',
  'transfer-rejected',
  'rerouted',
  'session-recorded',
  'first-session-overdue',
  'extension-requested',
  'extension-decided',
  'escalation-requested',
  'mediation-refused',
  'mediation-failed',
  'mediation-clock-expired',
  'decision-made',
  'escalated',
  'joint-agencies-added',
  /** A risk flag reached the case (raised on it, or set on a party): the policy's consequence, with its rule. */
  'risk-raised',
  'agreement-recorded',
  'agreement-signed-off',
  'agreement-sign-off-declined',
  'agreement-final',
  'follow-up-visit-recorded',
  'confirmation-window-closing',
  'confirmation-applied',
  'confirmation-accepted',
  'confirmation-decided',
  'confirmation-window-closed',
  'agreement-not-performed',
  'case-merged-in',
  'case-closed',
  /** An administrator's repair (retry, reopen, urge again, extend): its kind and repair id. */
  'repaired',
] as const;
export type WorkflowTimelineEventType = (typeof WORKFLOW_TIMELINE_EVENTS)[number];

const level = () => z.enum(LADDER_LEVELS).nullable();
/** Staff, agency, case, document and task ids. */
const ref = () => z.string().min(1).max(200);
/** A short machine-readable word: a reason, a consequence. */
const code = () => z.string().min(1).max(64);
/** A statute citation the policy or the workflow names (人民调解法 art. 17…). */
const rule = () => z.string().min(1).max(500);
const at = () => instant();
const count = () => z.number().int().min(0);

/** Each workflow timeline type and the details it carries. */
export const WORKFLOW_TIMELINE_DETAILS = {
  'route-planned': z.strictObject({
    policyVersion: count(),
    route: z.array(z.enum(LADDER_LEVELS)).max(10),
    routingRules: z.array(rule()).max(20),
  }),
  'transfer-requested': z.strictObject({
    level: level(),
    toAgencyId: ref(),
    fromAgencyId: ref().nullable(),
    /** `intake`, `rerouted`, `agreement-not-performed` or the escalation's trigger. */
    reason: code(),
    acceptBy: at().nullable(),
    penaltyTrack: z.boolean(),
    /** The level the case stood at before (null on entering the first), and the policy its route follows. */
    previousLevel: level(),
    policyVersion: count().nullable(),
  }),
  'routing-needed': z.strictObject({
    level: level(),
    agencyKind: z.enum(AGENCY_KINDS),
    reason: z.enum(UNROUTED_REASONS),
    villageCode: code().nullable(),
    rule: rule(),
  }),
  'transfer-reminder': z.strictObject({ level: level(), acceptBy: at() }),
  'transfer-overdue': z.strictObject({ level: level(), acceptBy: at() }),
  'transfer-urged': z.strictObject({ level: level(), agencyId: ref().nullable() }),
  'transfer-accepted': z.strictObject({
    level: level(),
    responsibleStaffId: ref(),
    mediateBy: at(),
    firstSessionBy: at().nullable(),
    onTime: z.boolean(),
    /** When the acceptance was due (the transfer's clock). */
    acceptBy: at().nullable(),
  }),
  'task-reassigned': z.strictObject({
    actionId: ref(),
    kind: z.enum(HUMAN_ACTION_KINDS),
    fromStaffId: ref().nullable(),
    toStaffId: ref(),
    /** Present when an administrator's repair handed the task over. */
    repair: z.enum(WORKFLOW_REPAIR_KINDS).optional(),
    repairId: ref().optional(),
  }),
  'transfer-rejected': z.strictObject({
    level: level(),
    reason: z.enum(REJECTION_REASONS),
    backToAgencyId: ref(),
    acceptBy: at().nullable(),
  }),
  rerouted: z.strictObject({ fromLevel: level(), toLevel: z.enum(LADDER_LEVELS), toAgencyId: ref().nullable() }),
  'session-recorded': z.strictObject({ level: level(), heldAt: at(), n: count() }),
  'first-session-overdue': z.strictObject({ level: level(), dueAt: at() }),
  'extension-requested': z.strictObject({ level: level() }),
  'extension-decided': z.strictObject({ level: level(), approved: z.boolean(), mediateBy: at().nullable() }),
  'escalation-requested': z.strictObject({ level: level() }),
  'mediation-refused': z.strictObject({ level: level(), party: z.enum(['applicant', 'respondent']), rule: rule() }),
  'mediation-failed': z.strictObject({ level: level(), courtFilingRef: code().nullable() }),
  'mediation-clock-expired': z.strictObject({
    level: level(),
    dueAt: at(),
    escalatesAtOnce: z.boolean(),
    rule: rule().optional(),
  }),
  'decision-made': z.strictObject({
    level: level(),
    decision: z.enum(['escalate', 'extend', 'close']),
    /** Why the coordinators were asked (the decide task's reason). */
    reason: code().nullable(),
    closeReason: code().nullable(),
  }),
  escalated: z.strictObject({ fromLevel: level(), toLevel: level(), reason: code() }),
  'joint-agencies-added': z.strictObject({ level: level(), agencyIds: z.array(ref()).max(50) }),
  'risk-raised': z.strictObject({
    flags: z.array(z.enum(RISK_FLAGS)).max(RISK_FLAGS.length),
    source: z.enum(['case', 'party']),
    byAgencyId: ref(),
    partyId: ref().optional(),
    level: level(),
    consequence: z.enum(['moves', 'stays', 'stays-not-back-to-sender']),
    toLevel: level(),
    routingRules: z.array(rule()).max(20),
    rule: rule(),
  }),
  'agreement-recorded': z.strictObject({
    level: level(),
    effectiveAt: at(),
    documentId: ref().nullable(),
    pendingSignOffs: z.array(ref()).max(50),
  }),
  'agreement-signed-off': z.strictObject({ level: level(), signedFor: ref(), remaining: count() }),
  'agreement-sign-off-declined': z.strictObject({
    level: level(),
    declinedFor: ref(),
    reason: z.enum(SIGN_OFF_DECLINE_REASONS),
    consequence: z.enum(JOINT_DECLINE_RULES),
    remaining: count(),
    rule: rule(),
  }),
  'agreement-final': z.strictObject({
    level: level(),
    effectiveAt: at(),
    followUpVisitDueAt: at().nullable(),
    confirmationWindowClosesAt: at().nullable(),
  }),
  'follow-up-visit-recorded': z.strictObject({ performance: z.enum(['performing', 'performed', 'not-performed']) }),
  'confirmation-window-closing': z.strictObject({ closesAt: at().nullable(), rule: rule() }),
  'confirmation-applied': z.strictObject({ appliedAt: at(), rule: rule() }),
  'confirmation-accepted': z.strictObject({ appliedAt: at().nullable(), acceptedAt: at(), rule: rule() }),
  'confirmation-decided': z.strictObject({ confirmed: z.boolean() }),
  'confirmation-window-closed': z.strictObject({ applied: z.boolean() }),
  'agreement-not-performed': z.strictObject({
    agreementLevel: level(),
    reopenAt: level(),
    penaltyTrack: z.boolean(),
    rule: rule().optional(),
  }),
  'case-merged-in': z.strictObject({ mergedCaseId: ref() }),
  'case-closed': z.strictObject({
    outcome: z.enum(CASE_OUTCOMES),
    /** A close-reason code, the case merged into, or the court's filing reference. */
    detail: code().nullable(),
    level: level(),
    rule: rule().optional(),
  }),
  repaired: z.strictObject({
    repair: z.enum(WORKFLOW_REPAIR_KINDS),
    repairId: ref(),
    actionId: ref().optional(),
    newActionId: ref(),
    kind: z.enum(HUMAN_ACTION_KINDS).optional(),
    dueAt: at().optional(),
  }),
} satisfies Record<WorkflowTimelineEventType, z.ZodType>;

/** The details a workflow timeline entry of type `T` carries. */
export type WorkflowTimelineDetails<T extends WorkflowTimelineEventType = WorkflowTimelineEventType> = z.output<
  (typeof WORKFLOW_TIMELINE_DETAILS)[T]
>;

/** A workflow timeline entry's type with its details: narrowing on `type` types the details. */
export type WorkflowTimelineEntry = {
  [T in WorkflowTimelineEventType]: { type: T; details: WorkflowTimelineDetails<T> };
}[WorkflowTimelineEventType];

/**
 * One zod object per timeline type, each with the fields every entry has (`common`), as the members of a union
 * discriminated by `type`; the caller adds what sits beside them (a transition write's kind and key).
 */
export function timelineEntryMembers(common: z.ZodRawShape): [z.ZodObject, ...z.ZodObject[]] {
  const [first, ...rest] = WORKFLOW_TIMELINE_EVENTS.map((type) =>
    z.strictObject({ ...common, type: z.literal(type), details: WORKFLOW_TIMELINE_DETAILS[type] }),
  );
  if (!first) throw new Error('no timeline types');
  return [first, ...rest];
}
