/**
 * The town's task list's filters, as the task API has them, kept in the page's address (codes, ids and yes/no only:
 * nothing a person typed), so a filtered list survives a reload and can be bookmarked or sent to a colleague.
 */
import type { ComponentType } from 'react';
import type { operations as CaseOperations } from '../common/api/case';
import type { CaseSchemas, DisputeType, Level, TaskKind } from '../common/api/client';
import { DISPUTE_TYPES, LEVELS } from '../common/api/vocabulary';

export type TaskQuery = NonNullable<CaseOperations['listTasks']['parameters']['query']>;
export type TaskPriority = CaseSchemas['TaskPriority'];
export type TaskQueueStatus = CaseSchemas['TaskQueueStatus'];
export type TaskSort = NonNullable<TaskQuery['sort']>;

/** Every kind of task, in the order the work flows (a record, so a kind the services add fails the type check here). */
const KIND_ORDER: Record<TaskKind, number> = {
  'accept-transfer': 0,
  'handle-rejection': 1,
  'urge-acceptance': 2,
  mediate: 3,
  'approve-extension': 4,
  'decide-escalation': 5,
  'joint-sign-off': 6,
  'follow-up-visit': 7,
  'judicial-confirmation': 8,
};
export const TASK_KINDS = (Object.keys(KIND_ORDER) as TaskKind[]).sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]);
export const PRIORITIES: readonly TaskPriority[] = ['urgent', 'high', 'normal', 'low'];
export const QUEUE_STATUSES: readonly TaskQueueStatus[] = ['open', 'assigned', 'completed', 'cancelled'];
export const SORTS: readonly TaskSort[] = ['due', 'priority', 'created'];

/** The filters of the town's task list (`GET /api/v1/tasks?view=all`). */
export interface TownTaskFilters {
  kind?: TaskKind;
  agencyId?: string;
  level?: Level;
  villageCode?: string;
  disputeType?: DisputeType;
  priority?: TaskPriority;
  overdue?: boolean;
  dueSoon?: boolean;
  /** Absent: the API's default, open tasks whether held or not. */
  status?: TaskQueueStatus;
  sort: TaskSort;
}

/** The address's parameter for each filter. */
const PARAM = {
  kind: 'kind',
  agencyId: 'agency',
  level: 'level',
  villageCode: 'village',
  disputeType: 'type',
  priority: 'priority',
  overdue: 'overdue',
  dueSoon: 'dueSoon',
  status: 'status',
  sort: 'sort',
} as const satisfies Record<keyof TownTaskFilters, string>;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

const yesNo = (value: string | null): boolean | undefined =>
  value === 'true' ? true : value === 'false' ? false : undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VILLAGE = /^[a-z0-9-]{2,40}$/;

/** The address's filters; anything unknown or malformed is left out rather than sent to be refused. */
export function townFiltersOf(params: URLSearchParams): TownTaskFilters {
  const kind = oneOf(TASK_KINDS, params.get(PARAM.kind));
  const agencyId = params.get(PARAM.agencyId);
  const level = oneOf(LEVELS, params.get(PARAM.level));
  const villageCode = params.get(PARAM.villageCode);
  const disputeType = oneOf(DISPUTE_TYPES, params.get(PARAM.disputeType));
  const priority = oneOf(PRIORITIES, params.get(PARAM.priority));
  const overdue = yesNo(params.get(PARAM.overdue));
  const dueSoon = yesNo(params.get(PARAM.dueSoon));
  const status = oneOf(QUEUE_STATUSES, params.get(PARAM.status));
  return {
    ...(kind ? { kind } : {}),
    ...(agencyId && UUID.test(agencyId) ? { agencyId } : {}),
    ...(level ? { level } : {}),
    ...(villageCode && VILLAGE.test(villageCode) ? { villageCode } : {}),
    ...(disputeType ? { disputeType } : {}),
    ...(priority ? { priority } : {}),
    ...(overdue !== undefined ? { overdue } : {}),
    ...(dueSoon !== undefined ? { dueSoon } : {}),
    ...(status ? { status } : {}),
    sort: oneOf(SORTS, params.get(PARAM.sort)) ?? 'due',
  };
}

/** The address for a set of filters: the same filters come back from {@link townFiltersOf}; the default order is left out. */
export function townParamsOf(filters: TownTaskFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAM) as (keyof TownTaskFilters)[]) {
    const value = filters[key];
    if (value === undefined || (key === 'sort' && value === 'due')) continue;
    params.set(PARAM[key], String(value));
  }
  return params;
}

/** The API's query: the whole town's tasks (`view=all`) with the filters. */
export function townTaskQueryOf(filters: TownTaskFilters): TaskQuery {
  const { overdue, dueSoon, ...rest } = filters;
  return {
    view: 'all',
    ...rest,
    ...(overdue !== undefined ? { overdue: overdue ? 'true' : 'false' } : {}),
    ...(dueSoon !== undefined ? { dueSoon: dueSoon ? 'true' : 'false' } : {}),
  };
}

/** Whether any filter narrows the list (the order alone does not). */
export function isFiltered(filters: TownTaskFilters): boolean {
  return Object.entries(filters).some(([key, value]) => key !== 'sort' && value !== undefined);
}

/**
 * Filters as a saved view keeps them (`SavedTaskViewFilters`): the order may be left out, and a view name (`mine`…)
 * means nothing on this page, which always lists the whole town.
 */
export type SavedFilters = Omit<TownTaskFilters, 'sort'> & { sort?: TownTaskFilters['sort']; view?: string };

/**
 * The saved-views control the page has room for: it is given the filters in force and applies a saved set of them.
 * Left empty until the lead puts one in (see TownTasksPage's `savedViews`).
 */
export type SavedViewsControl = ComponentType<{
  filters: TownTaskFilters;
  onApply: (filters: SavedFilters) => void;
}>;
