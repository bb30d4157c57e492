/**
 * The stuck scan's filters as the administrators' pages keep them: in the page's address (codes and numbers only, so a
 * filtered list survives a reload, can be shared, and carries over to the batch repair page), sent to
 * `GET /api/v1/admin/stuck`, saved as a view, or handed to a repair batch.
 */
import type { operations as CaseOperations } from '../common/api/case';
import type { CaseSchemas, Level } from '../common/api/client';
import { LEVELS } from '../common/api/vocabulary';

export type StuckKind = CaseSchemas['StuckKind'];
export type StuckItem = CaseSchemas['StuckItem'];
export type StuckReport = CaseSchemas['StuckReport'];
export type StuckCounts = CaseSchemas['StuckCounts'];
export type SavedView = CaseSchemas['SavedView'];
export type SavedViewFilters = CaseSchemas['SavedViewFilters'];
export type StaffRole = CaseSchemas['SavedViewRequest']['shareRoles'][number];
export type StuckQuery = NonNullable<CaseOperations['listStuckCases']['parameters']['query']>;
export type BatchFilters = CaseSchemas['RepairBatchRequest']['filters'];

/** In the order the scan's counts are shown: what waits on people first, then what waits on the machinery. */
export const STUCK_KINDS: readonly StuckKind[] = [
  'overdue-acceptance',
  'undecided-level',
  'overdue-task',
  'workflow-task-failing',
  'blocked',
  'failing-activity',
  'reconciliation',
];

export const STAFF_ROLES: readonly StaffRole[] = ['grid-worker', 'mediator', 'liaison', 'coordinator', 'administrator'];

/** Items per page when neither the address nor a view says: each page is a fresh scan, so a page stays modest. */
export const STUCK_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
export const MAX_MIN_AGE_HOURS = 100_000;

/** What the scan is filtered by. `limit` is the page size. */
export interface StuckFilterValues {
  kind?: StuckKind;
  town?: string;
  agencyId?: string;
  level?: Level;
  minAgeHours?: number;
  limit?: number;
}

const TOWN = /^[a-z0-9-]{2,40}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : undefined;

export const isTownCode = (value: unknown): value is string => typeof value === 'string' && TOWN.test(value);
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

function numberIn(value: unknown, min: number, max: number, integer: boolean): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  if (!Number.isFinite(number) || number < min || number > max) return undefined;
  if (integer && !Number.isInteger(number)) return undefined;
  return number;
}

/** Keeps what the API would take and drops the rest, so nothing malformed is sent only to be refused. */
export function cleanFilters(raw: {
  kind?: unknown;
  town?: unknown;
  agencyId?: unknown;
  level?: unknown;
  minAgeHours?: unknown;
  limit?: unknown;
}): StuckFilterValues {
  const kind = oneOf(STUCK_KINDS, raw.kind);
  const level = oneOf(LEVELS, raw.level);
  const minAgeHours = numberIn(raw.minAgeHours, 0, MAX_MIN_AGE_HOURS, false);
  const limit = numberIn(raw.limit, 1, MAX_PAGE_SIZE, true);
  return {
    ...(kind ? { kind } : {}),
    ...(isTownCode(raw.town) ? { town: raw.town } : {}),
    ...(isUuid(raw.agencyId) ? { agencyId: raw.agencyId.toLowerCase() } : {}),
    ...(level ? { level } : {}),
    // 0 hours filters nothing: left out, so the address and the cache key stay the same as without it.
    ...(minAgeHours ? { minAgeHours } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}

/** The filters in the page's address; anything unknown or malformed is left out. */
export function stuckFiltersOf(params: URLSearchParams): StuckFilterValues {
  return cleanFilters({
    kind: params.get('kind') ?? undefined,
    town: params.get('town') ?? undefined,
    agencyId: params.get('agencyId') ?? undefined,
    level: params.get('level') ?? undefined,
    minAgeHours: params.get('minAgeHours') ?? undefined,
    limit: params.get('limit') ?? undefined,
  });
}

/** The saved view the person chose (its id), kept in the address beside the filters it filled in. */
export function selectedViewOf(params: URLSearchParams): string | undefined {
  const view = params.get('view');
  return isUuid(view) ? view : undefined;
}

/** The address's parameters for the filters, in a stable order (and the chosen view, if any). */
export function stuckParamsOf(filters: StuckFilterValues, view?: string): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.town) params.set('town', filters.town);
  if (filters.agencyId) params.set('agencyId', filters.agencyId);
  if (filters.level) params.set('level', filters.level);
  if (filters.minAgeHours) params.set('minAgeHours', String(filters.minAgeHours));
  if (filters.limit !== undefined) params.set('limit', String(filters.limit));
  if (view) params.set('view', view);
  return params;
}

/** The scan's query for one page. The page's own filters are sent, never `view`: see `filtersOfView`. */
export function stuckQueryOf(filters: StuckFilterValues, cursor?: string): StuckQuery {
  return { ...filters, limit: filters.limit ?? STUCK_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
}

/** The same filters but any kind: the scan whose counts the kind chips show. */
export function withoutKind(filters: StuckFilterValues): StuckFilterValues {
  const { kind: _kind, ...rest } = filters;
  return rest;
}

/** What a view saves: the filters as they are, with nothing filled in. */
export function viewFiltersOf(filters: StuckFilterValues): SavedViewFilters {
  return { ...filters };
}

/**
 * A view's filters as the page's own. Applying a view copies them into the address rather than sending `view` to the
 * scan: the form then shows what is filtered, and clearing one of them really clears it (with `view`, the scan would
 * take the view's value back).
 */
export function filtersOfView(filters: SavedViewFilters): StuckFilterValues {
  return cleanFilters(filters);
}

/** A repair batch works on what the scan finds with these filters; its own size limit is the batch's (up to 500). */
export function batchFiltersOf(filters: StuckFilterValues): Omit<StuckFilterValues, 'limit'> & BatchFilters {
  const { limit: _limit, ...rest } = filters;
  return rest;
}

/** The batch repair page's address for these filters (the same parameters as the stuck page's). */
export function batchPagePath(filters: StuckFilterValues): string {
  const query = stuckParamsOf(batchFiltersOf(filters)).toString();
  return `/admin/repairs/batch${query ? `?${query}` : ''}`;
}

/** The stuck page's address for these filters. */
export function stuckPagePath(filters: StuckFilterValues): string {
  const query = stuckParamsOf(filters).toString();
  return `/admin/stuck${query ? `?${query}` : ''}`;
}

const VIEW_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;

/** Why a view's name would be refused (case-service's rule): none when it is fine. */
export function viewNameProblem(name: string): 'format' | 'uuid' | undefined {
  if (!VIEW_NAME.test(name)) return 'format';
  if (UUID.test(name)) return 'uuid';
  return undefined;
}

/** The kinds in chip order with their counts, and how many in all. */
export function kindCounts(counts: StuckCounts): { total: number; kinds: { kind: StuckKind; count: number }[] } {
  const kinds = STUCK_KINDS.map((kind) => ({ kind, count: counts[kind] }));
  return { total: kinds.reduce((sum, { count }) => sum + count, 0), kinds };
}
