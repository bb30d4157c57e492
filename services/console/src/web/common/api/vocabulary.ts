/**
 * The domain's code lists the console offers in its forms and filters, typed against the generated API types (so a
 * code the services drop fails the type check here). The browser bundle does not take in the contracts library and
 * its schema runtime for five arrays.
 */
import type {
  CaseSchemas,
  DisputeAction,
  DisputeType,
  Level,
  RejectionReason,
  RiskFlag,
  SourceChannel,
} from './client';

export const DISPUTE_TYPES: readonly DisputeType[] = [
  'land-forest',
  'neighbour',
  'marriage-family',
  'wages-labour',
  'housing-property',
  'traffic',
  'contract-debt',
  'medical',
  'other',
];

export const LEVELS: readonly Level[] = ['L1', 'L2', 'L3', 'L4'];

export const SOURCES: readonly SourceChannel[] = [
  'grid-report',
  'walk-in',
  'police-transfer',
  'hotline-12345',
  'petition',
  'court-referral',
];

export const REJECTION_REASONS: readonly RejectionReason[] = [
  'not-our-jurisdiction',
  'wrong-agency-kind',
  'insufficient-information',
  'already-handled-elsewhere',
  'other',
];

export type CloseReason = Extract<DisputeAction, { kind: 'close-case' }>['reason'];
export const CLOSE_REASONS: readonly CloseReason[] = [
  'party-refused-mediation',
  'no-dispute-remaining',
  'out-of-scope',
  'other',
];

export type SignOffDeclineReason = Extract<DisputeAction, { kind: 'decline-sign-off' }>['reason'];
export const SIGN_OFF_DECLINE_REASONS: readonly SignOffDeclineReason[] = [
  'terms-unlawful',
  'outside-remit',
  'facts-unverified',
  'party-objects',
  'other',
];

export type DocumentKind = CaseSchemas['DocumentKind'];
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'mediation-agreement',
  'session-record',
  'evidence',
  'judicial-confirmation',
  'confirmation-application',
  'court-filing',
  'other',
];

/** The risks a case can carry (民转刑, 群体性, 重点人员), in the order the console lists them. */
export const RISK_FLAGS: readonly RiskFlag[] = ['violence-risk', 'group-dispute', 'key-person'];

/** The documents case-service writes from the case's record (`POST /api/v1/cases/{id}/documents/generated`). */
export type GeneratedDocumentKind = CaseSchemas['GenerateDocumentRequest']['kind'];
export const GENERATED_DOCUMENT_KINDS: readonly GeneratedDocumentKind[] = [
  'mediation-agreement',
  'confirmation-application',
];
