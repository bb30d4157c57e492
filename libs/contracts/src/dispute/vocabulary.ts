/**
 * The domain's fixed vocabularies (docs/domain.md). Plain constants with no dependencies, so workflow code, services
 * and clients share them without pulling a validation library into the workflow sandbox.
 */

/** Dispute types as the town's statistics group them. */
export const DISPUTE_TYPES = [
  'land-forest', // 土地山林权属
  'neighbour', // 邻里
  'marriage-family', // 婚姻家庭
  'wages-labour', // 劳资欠薪
  'housing-property', // 物业/问题楼盘
  'traffic', // 交通事故
  'contract-debt', // 合同债务
  'medical', // 医疗
  'other',
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

/** How a dispute reached the system. */
export const SOURCE_CHANNELS = [
  'grid-report', // 网格上报
  'walk-in', // 来访
  'police-transfer', // 警情转办
  'hotline-12345',
  'petition', // 信访
  'court-referral', // 法院委派
] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];

/** Rungs of the default escalation ladder; a town's policy maps each to an agency kind. */
export const LADDER_LEVELS = ['L1', 'L2', 'L3', 'L4'] as const;
export type LadderLevel = (typeof LADDER_LEVELS)[number];

/** Risk signals that change a dispute's route (docs/domain.md: 民转刑 risk, group dispute, key person). */
export const RISK_FLAGS = ['violence-risk', 'group-dispute', 'key-person'] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

/** How a legal clock counts: working days on the official calendar (with make-up working days), or calendar days. */
export const CLOCK_UNITS = ['working-days', 'calendar-days'] as const;
export type ClockUnit = (typeof CLOCK_UNITS)[number];

/** A legal clock: so many working or calendar days. */
export interface ClockSpec {
  amount: number;
  unit: ClockUnit;
}

/** What happens to an agreement when a joint agency declines to sign it off (a level's rule in the town's policy). */
export const JOINT_DECLINE_RULES = ['proceed-without', 'return-to-mediation'] as const;
export type JointDeclineRule = (typeof JOINT_DECLINE_RULES)[number];
/** An agreement a joint agency will not sign is mediated again unless the town's policy says otherwise. */
export const DEFAULT_JOINT_DECLINE: JointDeclineRule = 'return-to-mediation';

/** Why a receiving agency rejected a transfer: codes only, so no personal data reaches the history. */
export const REJECTION_REASONS = [
  'not-our-jurisdiction',
  'wrong-agency-kind',
  'insufficient-information',
  'already-handled-elsewhere',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/**
 * Why a joint agency will not sign an agreement off. Codes, not free text: the reason is kept in the workflow's
 * history, where a sentence could carry a name or a phone number.
 */
export const SIGN_OFF_DECLINE_REASONS = [
  'terms-unlawful', // the terms break a law or regulation
  'outside-remit', // the terms commit the agency beyond its duties
  'facts-unverified', // the facts the terms rest on are not established
  'party-objects', // a party told the agency they do not agree
  'other',
] as const;
export type SignOffDeclineReason = (typeof SIGN_OFF_DECLINE_REASONS)[number];

/** Why a coordinator closed a case without agreement. */
export const CLOSE_REASONS = ['party-refused-mediation', 'no-dispute-remaining', 'out-of-scope', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
