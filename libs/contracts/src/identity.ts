/** Who is who: the vocabulary of staff, agencies and tokens shared by every service and client. */

/** Roles a staff account can hold (several at once, always within one agency). */
export const STAFF_ROLES = ['grid-worker', 'mediator', 'liaison', 'coordinator', 'administrator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Roles only a machine identity holds, never a staff account: `workflow-engine` is the dispute worker acting for the
 * workflows (tasks, timeline, progress). Staff schemas keep using STAFF_ROLES, so no account can be given one.
 */
export const SERVICE_ROLES = ['workflow-engine'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

/** Any role a verified caller can carry: a staff member's roles, or a service identity's. */
export type PrincipalRole = StaffRole | ServiceRole;

/** Kinds of agency in a town (docs/domain.md). */
export const AGENCY_KINDS = [
  'mediation-committee', // 村(居)调委会
  'police-station', // 派出所
  'judicial-office', // 司法所
  'court', // 人民法庭
  'governance-centre', // 综治中心
  'other-department', // 国土所, 妇联, labour office…
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** The authenticated caller, as every service sees it after verifying the token. */
export interface Principal {
  staffId: string;
  agencyId: string;
  townCode: string;
  roles: PrincipalRole[];
}

/** `iss` and `aud` of the access tokens agency-service signs and every service verifies. */
export const ACCESS_TOKEN_ISSUER = 'gongzhi-agency-service';
export const ACCESS_TOKEN_AUDIENCE = 'gongzhi';

/**
 * `iss` of the tokens the dispute worker signs with its own key pair; services accept only `workflow-engine` from it.
 * Same audience as staff tokens: the issuer, and the key that verifies it, is what tells them apart.
 */
export const WORKFLOW_ENGINE_TOKEN_ISSUER = 'gongzhi-dispute-worker';
