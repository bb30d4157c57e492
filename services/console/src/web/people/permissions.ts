/**
 * What the people pages offer whom, as agency-service decides it (staff.service.ts, agencies.service.ts and its
 * authorization matrix, src/testing/authorization-matrix.ts). The service still decides every request: a control shown
 * in error meets its 403, shown by the ProblemAlert. These keep the pages from offering what can never succeed.
 */
import type { SessionInfo } from '../common/session/session';
import { AREA_CODE, type Staff, STAFF_ROLES, type StaffRole } from './vocabulary';

type Session = Pick<SessionInfo, 'staff'> | null | undefined;

const has = (session: Session, role: string) => session?.staff.roles.includes(role) ?? false;

/** Administrators operate the system across towns; every list and write of theirs may name any town. */
export function isAdministrator(session: Session): boolean {
  return has(session, 'administrator');
}

/**
 * `GET`/`POST /api/v1/staff`: coordinators (the accounts of their own town) and administrators (every town's). Every
 * other role gets 403, so the staff page is theirs alone.
 */
export function canManageStaff(session: Session): boolean {
  return has(session, 'coordinator') || isAdministrator(session);
}

/**
 * The roles a new account may be given: coordinators run a town, but operating the system is a trust level they
 * cannot hand out (staff.service.ts refuses them an administrator account with 403).
 */
export function assignableRoles(session: Session): readonly StaffRole[] {
  if (!canManageStaff(session)) return [];
  return isAdministrator(session) ? STAFF_ROLES : STAFF_ROLES.filter((role) => role !== 'administrator');
}

/**
 * `POST /api/v1/agencies` and `PATCH /api/v1/agencies/:id`: coordinators in their own town, administrators in any.
 * Other roles read their own agency only.
 */
export function canManageAgenciesOf(session: Session, townCode: string): boolean {
  if (isAdministrator(session)) return true;
  return has(session, 'coordinator') && session?.staff.townCode === townCode;
}

/** Whether the agencies page lists the town's agencies (managers) or only the person's own agency (everyone else). */
export function listsWholeTown(session: Session): boolean {
  return canManageStaff(session);
}

/**
 * The town a page shows: administrators may name any (the API serves them every town), everyone else sees their own
 * whatever the address says, as the service itself would answer.
 */
export function townOfPage(session: Session, requested: string | null | undefined): string {
  const own = session?.staff.townCode ?? '';
  if (!isAdministrator(session)) return own;
  return requested && AREA_CODE.test(requested) ? requested : own;
}

/** The account a row of the staff list shows, as far as who may change it goes. */
type Account = Pick<Staff, 'id' | 'townCode' | 'roles'>;

/**
 * `PATCH /api/v1/staff/:id`: administrators change any account; coordinators the accounts of their own town, except
 * an administrator's (operating the system is a trust level they neither grant nor take away).
 */
export function canChangeStaff(session: Session, account: Account): boolean {
  if (isAdministrator(session)) return true;
  return (
    has(session, 'coordinator') &&
    session?.staff.townCode === account.townCode &&
    !account.roles.includes('administrator')
  );
}

/** Deactivating or reactivating: never one's own account (the service answers 403 own-account-change). */
export function canChangeActive(session: Session, account: Account): boolean {
  return canChangeStaff(session, account) && session?.staff.id !== account.id;
}

/**
 * The roles of the account the caller may not take away, as the service refuses them (403 own-account-change): on
 * their own account, the administrator role, and the last role that lets them manage staff at all.
 */
export function lockedRoles(session: Session, account: Account): StaffRole[] {
  if (session?.staff.id !== account.id) return [];
  if (account.roles.includes('administrator')) return ['administrator'];
  return account.roles.includes('coordinator') ? ['coordinator'] : [];
}
