/** The new-account form's values and the `POST /api/v1/staff` body they make; a change's `PATCH` body. */
import { sortRoles, type CreateStaffRequest, type Staff, type StaffRole, type UpdateStaffRequest } from './vocabulary';

export interface StaffFormValues {
  username?: string;
  displayName?: string;
  agencyId?: string;
  roles?: StaffRole[];
  password?: string;
}

export function createStaffBody(values: StaffFormValues): CreateStaffRequest {
  return {
    username: (values.username ?? '').trim(),
    displayName: (values.displayName ?? '').trim(),
    agencyId: values.agencyId ?? '',
    roles: sortRoles([...new Set(values.roles ?? [])]),
    // Sent as typed: leading or trailing spaces may be part of the password the person was told.
    password: values.password ?? '',
  };
}

const FIELDS = new Set<keyof StaffFormValues>(['username', 'displayName', 'agencyId', 'roles', 'password']);

/** The form field a service field error belongs to (`roles.1` is the roles field). */
export function staffFieldOf(path: string): keyof StaffFormValues | undefined {
  const head = path.split('.')[0] as keyof StaffFormValues;
  return FIELDS.has(head) ? head : undefined;
}

/**
 * The password's length as bcrypt will read it: the service counts characters (10–72), bcrypt reads 72 bytes, and a
 * Chinese character takes three. A longer password still works, but only its first 72 bytes count.
 */
export function passwordBytes(password: string): number {
  return new TextEncoder().encode(password).length;
}

/** The change form's values: the name and the whole set of roles. */
export interface StaffChangeValues {
  displayName?: string;
  roles?: StaffRole[];
}

export function changeValuesOf(account: Staff): StaffChangeValues {
  return { displayName: account.displayName, roles: sortRoles(account.roles) };
}

/**
 * The `PATCH /api/v1/staff/:id` body for what the form changed: only the fields that differ from the account as read,
 * so an unchanged name is not sent back over a rename made meanwhile (the If-Match catches that anyway).
 */
export function staffPatch(account: Staff, values: StaffChangeValues): UpdateStaffRequest {
  const displayName = (values.displayName ?? '').trim();
  const roles = sortRoles([...new Set(values.roles ?? [])]);
  const sameRoles = roles.length === account.roles.length && roles.every((role) => account.roles.includes(role));
  return {
    ...(displayName !== account.displayName ? { displayName } : {}),
    ...(sameRoles ? {} : { roles }),
  };
}
