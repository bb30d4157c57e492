/**
 * The workbench's filters live in its address (`?view=&type=&village=&level=&priority=&sort=`), codes only, so a
 * filtered list survives a reload and can be shared; a saved task view is the same choice kept on the server.
 */
import { DISPUTE_TYPES, LEVELS } from '../common/api/vocabulary';
import type { FilterKey, TaskViewFilters } from '../task-views/filters';
import type { TaskFilters, View } from './queries';

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const SORTS = ['due', 'priority', 'created'] as const;

/** The saved filters the workbench shows: its tab and its filter bar (not kind, agency, status or the clock). */
export const WORKBENCH_FILTERS: readonly FilterKey[] = [
  'view',
  'disputeType',
  'villageCode',
  'level',
  'priority',
  'sort',
];

/** The address's names of the filters, besides `view`. */
const PARAMS = {
  disputeType: 'type',
  villageCode: 'village',
  level: 'level',
  priority: 'priority',
  sort: 'sort',
} as const;

const oneOf = <T extends string>(values: readonly T[], value: string | null | undefined): T | undefined =>
  (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

const VILLAGE = /^[a-z0-9-]{2,40}$/;

/** The view's filters from the page's address; anything malformed there is no filter. */
export function filtersOf(params: URLSearchParams): TaskFilters {
  const disputeType = oneOf(DISPUTE_TYPES, params.get(PARAMS.disputeType));
  const level = oneOf(LEVELS, params.get(PARAMS.level));
  const priority = oneOf(PRIORITIES, params.get(PARAMS.priority));
  const village = params.get(PARAMS.villageCode);
  return {
    sort: oneOf(SORTS, params.get(PARAMS.sort)) ?? 'due',
    ...(disputeType ? { disputeType } : {}),
    ...(level ? { level } : {}),
    ...(priority ? { priority } : {}),
    ...(village && VILLAGE.test(village) ? { villageCode: village } : {}),
  };
}

/** What "save as view" keeps: the tab shown and the filters set. */
export function savedFiltersOf(view: View, filters: TaskFilters): TaskViewFilters {
  return { view, ...filters };
}

/**
 * The address after applying a saved view: its filters replace the filter bar's, and its view becomes the tab when
 * the person has that tab (`tabs`). Returns the tab to show, and the saved filters left out (a view without a tab
 * here, e.g. a coordinator's `all`; the filters the workbench has no control for are the control's to tell).
 */
export function applySavedFilters(
  params: URLSearchParams,
  saved: TaskViewFilters,
  tabs: readonly View[],
): { params: URLSearchParams; view: View | undefined; left: FilterKey[] } {
  const next = new URLSearchParams(params);
  for (const name of Object.values(PARAMS)) next.delete(name);
  const values: Record<keyof typeof PARAMS, string | undefined> = {
    disputeType: oneOf(DISPUTE_TYPES, saved.disputeType),
    villageCode: saved.villageCode !== undefined && VILLAGE.test(saved.villageCode) ? saved.villageCode : undefined,
    level: oneOf(LEVELS, saved.level),
    priority: oneOf(PRIORITIES, saved.priority),
    // The API's default order needs no parameter.
    sort: saved.sort === 'due' ? undefined : oneOf(SORTS, saved.sort),
  };
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) next.set(PARAMS[key as keyof typeof PARAMS], value);
  }
  const view = oneOf(tabs, saved.view);
  if (view) next.set('view', view);
  return { params: next, view, left: saved.view !== undefined && !view ? ['view'] : [] };
}
