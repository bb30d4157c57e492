/**
 * The task queue's filters as a saved view keeps them (SavedTaskViewFilters), and what a page does with them: codes
 * only, so they can live in a page's address like the filters they came from.
 */
import type { CaseSchemas } from '../common/api/client';

export type TaskViewFilters = CaseSchemas['SavedTaskViewFilters'];
export type SavedTaskView = CaseSchemas['SavedTaskView'];
export type SavedTaskViewRequest = CaseSchemas['SavedTaskViewRequest'];
export type StaffRole = SavedTaskView['shareRoles'][number];

/** The roles a view can be shared with, in the order the glossary lists them. */
export const SHARE_ROLES: readonly StaffRole[] = ['grid-worker', 'mediator', 'liaison', 'coordinator', 'administrator'];

/** The filters a view may keep, in the order they are described. */
export const FILTER_KEYS = [
  'view',
  'status',
  'kind',
  'agencyId',
  'level',
  'villageCode',
  'disputeType',
  'priority',
  'overdue',
  'dueSoon',
  'sort',
] as const satisfies readonly (keyof TaskViewFilters)[];
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The filters without unset ones (an empty select is no filter), so two equal choices compare equal. */
export function definedFilters(filters: TaskViewFilters): TaskViewFilters {
  const kept: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== null && value !== '') kept[key] = value;
  }
  return kept as TaskViewFilters;
}

/** Whether two sets of filters select the same tasks in the same order (`sort` unset is the API's `due`). */
export function sameFilters(a: TaskViewFilters, b: TaskViewFilters): boolean {
  const left = definedFilters({ sort: 'due', ...a });
  const right = definedFilters({ sort: 'due', ...b });
  return FILTER_KEYS.every((key) => left[key] === right[key]);
}

/** The keys of `filters` a page does not have (it applies the others and says which it left out). */
export function unsupportedFilters(filters: TaskViewFilters, supported: readonly FilterKey[]): FilterKey[] {
  const set = definedFilters(filters);
  return FILTER_KEYS.filter((key) => set[key] !== undefined && !supported.includes(key));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The service's rule (SavedTaskViewName in the contracts), checked before sending so the form can say it at once. */
const NAME = /^[\p{L}\p{N}](?:[\p{L}\p{N}._·()（）-]| (?! ))*$/u;

/** Why a name (trimmed) would be refused: too long, characters or spacing, shaped like an id; undefined when fine. */
export function viewNameProblem(name: string): 'length' | 'format' | 'uuid' | undefined {
  if (name.length === 0 || name.length > 64) return 'length';
  if (!NAME.test(name)) return 'format';
  if (UUID.test(name)) return 'uuid';
  return undefined;
}

/** The request that saves `filters` under a name, shared as chosen (roles and agencies sorted, without repeats). */
export function viewRequestOf(
  name: string,
  filters: TaskViewFilters,
  shareRoles: readonly StaffRole[],
  shareAgencyIds: readonly string[],
): SavedTaskViewRequest {
  return {
    name: name.trim(),
    filters: definedFilters(filters),
    shareRoles: [...new Set(shareRoles)].sort(),
    shareAgencyIds: [...new Set(shareAgencyIds)].sort(),
  };
}
