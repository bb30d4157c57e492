/**
 * The staff list's filters, all applied by `GET /api/v1/staff` before it pages (agency, role, active or not, part of a
 * name or username), so every page loaded is of matching accounts. Codes and ids live in the page's address; the
 * typed text never does.
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

/** `GET /api/v1/staff`'s filters (besides `limit` and `cursor`), as its query string spells them. */
export interface StaffListQuery {
  agencyId?: string;
  role?: StaffRole;
  active?: 'true' | 'false';
  q?: string;
}

/** The service takes at most 60 characters of a name or username to look for. */
const SEARCH_MAX = 60;

/** The list's query: the address's filters and the text typed (trimmed; blank looks for nothing). */
export function staffQueryOf(filters: AddressFilters, text: string): StaffListQuery {
  const q = text.trim().slice(0, SEARCH_MAX);
  return {
    ...(filters.agencyId ? { agencyId: filters.agencyId } : {}),
    ...(filters.role ? { role: filters.role } : {}),
    ...(filters.active ? { active: filters.active === 'active' ? 'true' : 'false' } : {}),
    ...(q ? { q } : {}),
  };
}

/** Whether anything narrows the list (the page then says no account matched, rather than that there are none). */
export function narrowsList(query: StaffListQuery): boolean {
  return Object.keys(query).length > 0;
}

const collator = new Intl.Collator('zh-CN', { sensitivity: 'base', numeric: true });

/** The rows loaded so far by display name (pinyin order for Chinese names), then username. */
export function sortStaff(rows: readonly Staff[]): Staff[] {
  return [...rows].sort(
    (a, b) => collator.compare(a.displayName, b.displayName) || collator.compare(a.username, b.username),
  );
}
