/**
 * One well-formed entry of every workflow timeline type, as the dispute workflow writes it: what tests send to
 * case-service's timeline and transition routes, changing the fields they are about.
 */
import type { RecordTimelineRequest, WorkflowTimelineDetails, WorkflowTimelineEventType } from '@gongzhi/contracts';

const AGENCY = '0a9e0000-0000-4000-8000-000000000006';
const POLICE = '0a9e0000-0000-4000-8000-000000000005';
const STAFF = '5f000000-0000-4000-8000-000000000001';
const AT = '2026-03-01T01:00:00.000Z';
const LATER = '2026-03-31T15:59:59.999Z';
const RULE = '人民调解法 第十七条';

export const TIMELINE_DETAILS_SAMPLES: { [T in WorkflowTimelineEventType]: WorkflowTimelineDetails<T> } = {
  'route-planned': { policyVersion: 1, route: ['L1', 'L2', 'L3', 'L4'], routingRules: [] },
  'transfer-requested': {
    level: 'L1',
    toAgencyId: AGENCY,
    fromAgencyId: null,
    reason: 'intake',
    acceptBy: '2026-03-03T09:00:00.000Z',
    penaltyTrack: false,
    previousLevel: null,
    policyVersion: 1,
  },
  'routing-needed': {
    level: 'L1',
    agencyKind: 'mediation-committee',
    reason: 'village-without-committee',
    villageCode: 'v-003',
    rule: RULE,
  },
  'transfer-reminder': { level: 'L1', acceptBy: '2026-03-03T09:00:00.000Z' },
  'transfer-overdue': { level: 'L1', acceptBy: '2026-03-03T09:00:00.000Z' },
  'transfer-urged': { level: 'L1', agencyId: AGENCY },
  'transfer-accepted': {
    level: 'L1',
    responsibleStaffId: STAFF,
    mediateBy: LATER,
    firstSessionBy: null,
    onTime: true,
    acceptBy: '2026-03-03T09:00:00.000Z',
  },
  'task-reassigned': { actionId: '2-mediate', kind: 'mediate', fromStaffId: STAFF, toStaffId: STAFF },
  'transfer-rejected': {
    level: 'L1',
    reason: 'wrong-agency-kind',
    backToAgencyId: AGENCY,
    acceptBy: '2026-03-03T09:00:00.000Z',
  },
  rerouted: { fromLevel: 'L1', toLevel: 'L2', toAgencyId: null },
  'session-recorded': { level: 'L1', heldAt: AT, n: 1 },
  'first-session-overdue': { level: 'L1', dueAt: AT },
  'extension-requested': { level: 'L1' },
  'extension-decided': { level: 'L1', approved: true, mediateBy: LATER },
  'escalation-requested': { level: 'L1' },
  'mediation-refused': { level: 'L1', party: 'respondent', rule: RULE },
  'mediation-failed': { level: 'L1', courtFilingRef: null },
  'mediation-clock-expired': { level: 'L1', dueAt: LATER, escalatesAtOnce: false },
  'decision-made': { level: 'L1', decision: 'escalate', reason: 'clock-expired', closeReason: null },
  escalated: { fromLevel: 'L1', toLevel: 'L2', reason: 'clock-expired' },
  'joint-agencies-added': { level: 'L2', agencyIds: [POLICE] },
  'risk-raised': {
    flags: ['violence-risk'],
    source: 'case',
    byAgencyId: AGENCY,
    level: 'L1',
    consequence: 'moves',
    toLevel: 'L2',
    routingRules: [],
    rule: RULE,
  },
  'agreement-recorded': { level: 'L1', effectiveAt: AT, documentId: null, pendingSignOffs: [] },
  'agreement-signed-off': { level: 'L2', signedFor: POLICE, remaining: 0 },
  'agreement-sign-off-declined': {
    level: 'L2',
    declinedFor: POLICE,
    reason: 'party-objects',
    consequence: 'return-to-mediation',
    remaining: 0,
    rule: RULE,
  },
  'agreement-final': { level: 'L1', effectiveAt: AT, followUpVisitDueAt: LATER, confirmationWindowClosesAt: LATER },
  'follow-up-visit-recorded': { performance: 'performed' },
  'confirmation-window-closing': { closesAt: LATER, rule: RULE },
  'confirmation-applied': { appliedAt: AT, rule: RULE },
  'confirmation-accepted': { appliedAt: AT, acceptedAt: AT, rule: RULE },
  'confirmation-decided': { confirmed: true },
  'confirmation-window-closed': { applied: false },
  'agreement-not-performed': { agreementLevel: 'L1', reopenAt: 'L1', penaltyTrack: false },
  'case-merged-in': { mergedCaseId: '6f1c2f0e-3b5a-4c1e-9d2a-7f8e9a0b1c2d' },
  'case-closed': { outcome: 'resolved', detail: null, level: 'L1' },
  repaired: { repair: 'reopen-task', repairId: 'repair-1', actionId: '2-mediate', newActionId: '3-mediate' },
};

/** What a test changes of a sample entry: its type, some of that type's details, who, where and when. */
export type TimelineEventOverrides<T extends WorkflowTimelineEventType> = {
  type?: T;
  details?: Partial<WorkflowTimelineDetails<T>>;
  actor?: string;
  agencyId?: string | null;
  at?: string;
};

/** A timeline entry of the type asked for (a transfer request unless told), the sample's details beneath the test's. */
export function timelineEvent<T extends WorkflowTimelineEventType = 'transfer-requested'>(
  overrides: TimelineEventOverrides<T> = {},
): RecordTimelineRequest {
  const type = overrides.type ?? 'transfer-requested';
  return {
    actor: overrides.actor ?? 'workflow',
    agencyId: overrides.agencyId === undefined ? AGENCY : overrides.agencyId,
    at: overrides.at ?? AT,
    type,
    details: { ...TIMELINE_DETAILS_SAMPLES[type], ...overrides.details },
  } as RecordTimelineRequest;
}
