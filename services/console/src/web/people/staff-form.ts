/** The new-account form's values and the `POST /api/v1/staff` body they make. */
import { sortRoles, type CreateStaffRequest, type StaffRole } from './vocabulary';

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
