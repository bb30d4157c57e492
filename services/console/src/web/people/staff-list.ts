/**
 * The staff list's filters. `GET /api/v1/staff` filters by agency only and pages in id order; the role, active and
 * name filters narrow the rows loaded so far, and the page says so (more may match among the rows not yet loaded).
 */
import { STAFF_ROLES, type Staff, type StaffRole } from './vocabulary';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ActiveFilter = 'active' | 'inactive';

/** The filters that may live in the page's address: codes and ids only, never typed text. */
export interface AddressFilters {
  agencyId?: string;
  role?: StaffRole;
  active?: ActiveFilter;
  /** An administrator's choice of town (for the agency choices); others always see their own. */
  town?: string;
}

export function addressFiltersOf(params: URLSearchParams): AddressFilters {
  const agencyId = params.get('agency');
  const role = params.get('role');
  const active = params.get('active');
  const town = params.get('town');
  return {
    ...(agencyId && UUID.test(agencyId) ? { agencyId: agencyId.toLowerCase() } : {}),
    ...((STAFF_ROLES as readonly string[]).includes(role ?? '') ? { role: role as StaffRole } : {}),
    ...(active === 'active' || active === 'inactive' ? { active } : {}),
    ...(town && /^[a-z0-9-]{2,40}$/.test(town) ? { town } : {}),
  };
}

export function addressParamsOf(filters: AddressFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.town) params.set('town', filters.town);
  if (filters.agencyId) params.set('agency', filters.agencyId);
  if (filters.role) params.set('role', filters.role);
  if (filters.active) params.set('active', filters.active);
  return params;
}

export interface LoadedFilters {
  role?: StaffRole;
  active?: ActiveFilter;
  /** Part of a display name or username, as typed. */
  text?: string;
}

/** Whether any filter narrows the loaded rows (the page then says how many of them matched). */
export function narrowsLoaded(filters: LoadedFilters): boolean {
  return Boolean(filters.role || filters.active || filters.text?.trim());
}

const collator = new Intl.Collator('zh-CN', { sensitivity: 'base', numeric: true });

/** The loaded rows that match, by display name (pinyin order for Chinese names), then username. */
export function narrowStaff(rows: readonly Staff[], filters: LoadedFilters): Staff[] {
  const text = filters.text?.trim().toLowerCase();
  return rows
    .filter((row) => !filters.role || row.roles.includes(filters.role))
    .filter((row) => !filters.active || row.active === (filters.active === 'active'))
    .filter((row) => !text || row.displayName.toLowerCase().includes(text) || row.username.toLowerCase().includes(text))
    .sort((a, b) => collator.compare(a.displayName, b.displayName) || collator.compare(a.username, b.username));
}
