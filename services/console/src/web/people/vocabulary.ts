/**
 * The staff roles and agency kinds the people pages offer, and the rules agency-service's contracts put on the fields
 * they send (libs/contracts/src/agency/agency-api.ts), mirrored so a form says what is wrong before anything is sent.
 * Typed against the generated API types: a role or kind the service adds or drops fails the type check here.
 */
import type { AgencySchemas } from '../common/api/client';

export type Staff = AgencySchemas['Staff'];
export type StaffRole = Staff['roles'][number];
export type Agency = AgencySchemas['Agency'];
export type AgencyKind = Agency['kind'];
export type ReceptionWindow = AgencySchemas['ReceptionWindow'];
export type CreateAgencyRequest = AgencySchemas['CreateAgencyRequest'];
export type UpdateAgencyRequest = AgencySchemas['UpdateAgencyRequest'];
export type CreateStaffRequest = AgencySchemas['CreateStaffRequest'];
export type UpdateStaffRequest = AgencySchemas['UpdateStaffRequest'];
export type DirectoryVillage = AgencySchemas['DirectoryVillage'];

// A record, not a list, so that the type check notices a role or kind missing here.
const ROLE_ORDER: Record<StaffRole, number> = {
  'grid-worker': 0,
  mediator: 1,
  liaison: 2,
  coordinator: 3,
  administrator: 4,
};
const KIND_ORDER: Record<AgencyKind, number> = {
  'mediation-committee': 0,
  'police-station': 1,
  'judicial-office': 2,
  court: 3,
  'governance-centre': 4,
  'other-department': 5,
};

const byOrder = <T extends string>(order: Record<T, number>): readonly T[] =>
  (Object.keys(order) as T[]).sort((a, b) => order[a] - order[b]);

/** In the order of the ladder's work: the field first, the town's offices last. */
export const STAFF_ROLES: readonly StaffRole[] = byOrder(ROLE_ORDER);
export const AGENCY_KINDS: readonly AgencyKind[] = byOrder(KIND_ORDER);

/** A person's roles in the one order, whatever order the service stored them in. */
export function sortRoles(roles: readonly StaffRole[]): StaffRole[] {
  return [...roles].sort((a, b) => ROLE_ORDER[a] - ROLE_ORDER[b]);
}

/** ISO weekdays, as ReceptionWindow counts them: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Town, village and grid codes. */
export const AREA_CODE = /^[a-z0-9-]{2,40}$/;
export const USERNAME = /^[a-z0-9._-]{3,40}$/;
/** 24-hour HH:MM; compared as text, which orders such times correctly. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** An agency's public switchboard number (not personal data). */
export const AGENCY_PHONE = /^[0-9+][0-9-]{4,19}$/;

export const LIMITS = {
  displayName: 60,
  agencyName: { min: 2, max: 100 },
  password: { min: 10, max: 72 },
  note: 200,
  areaCodes: 200,
  receptionWindows: 50,
} as const;
