/**
 * A request for the task queue as the read model takes it: the scope of a view for the caller, the query's filters,
 * and a page continued from a cursor, its priorities computed as of one instant.
 */
import { type Principal, TASK_SORTS, type TaskListFilters, type TaskViewName, Instant } from '@gongzhi/contracts';
import { ForbiddenError, ValidationError } from '@gongzhi/errors';
import { decodeCursor, type PageQuery } from '@gongzhi/http';
import { z } from 'zod';
import { holdingRoles, taskScopeOf } from './task-access';
import { PRIORITY_RANK, priorityOf } from './task-clock';
import type { TaskFilters, TaskListPosition, TaskRecord, TaskScope } from './tasks.model';
import type { TasksReadModel } from './tasks.read-model';

/** A page's position in its sort, and the instant its priorities are computed at (see TaskListRequest). */
const TaskCursor = z
  .object({
    sort: z.enum(TASK_SORTS),
    // Instant, not any ISO string: a forged cursor's year 0000 is a 400 here, never a database error.
    asOf: Instant,
    dueAt: Instant.optional(),
    rank: z.number().int().min(0).max(3).optional(),
    openedAt: Instant.optional(),
    id: z.string().uuid(),
  })
  .strict();
type TaskCursor = z.infer<typeof TaskCursor>;

/** The scope of a view for this caller; 403 for a view their role does not have. */
export function viewScope(principal: Principal, view: TaskViewName | undefined): TaskScope {
  const { roles } = principal;
  switch (view) {
    case undefined:
      return taskScopeOf(principal);
    case 'available':
      return { kind: 'eligible', agencyId: principal.agencyId, roles: holdingRoles(principal), unassignedOnly: true };
    case 'mine':
      return { kind: 'assignee', staffId: principal.staffId };
    case 'team':
      if (!roles.some((role) => role === 'liaison' || role === 'coordinator' || role === 'administrator')) {
        throw new ForbiddenError('The team view is for liaisons and coordinators: use view=available or view=mine.');
      }
      return { kind: 'team', agencyId: principal.agencyId };
    case 'all':
      if (roles.includes('administrator')) return { kind: 'all' };
      if (roles.includes('coordinator')) return { kind: 'town', townCode: principal.townCode };
      throw new ForbiddenError(
        'The all view is for coordinators (the town) and administrators: use view=team, available or mine.',
      );
    case 'watching':
      return { kind: 'watching', staffId: principal.staffId };
  }
}

/** The inbox: the town's transfers for a coordinator, all for an administrator, else the agency's (with the role). */
export function inboxScope(principal: Principal): TaskScope {
  if (principal.roles.includes('administrator')) return { kind: 'all' };
  if (principal.roles.includes('coordinator')) return { kind: 'town', townCode: principal.townCode };
  return { kind: 'eligible', agencyId: principal.agencyId, roles: holdingRoles(principal), unassignedOnly: false };
}

/** A validated query's filters as the read model takes them. */
export function filtersOf(query: TaskListFilters): TaskFilters {
  return {
    status: query.status,
    ...(query.caseId === undefined ? {} : { caseId: query.caseId }),
    ...(query.kind === undefined ? {} : { kind: query.kind }),
    ...(query.agencyId === undefined ? {} : { agencyId: query.agencyId }),
    ...(query.level === undefined ? {} : { level: query.level }),
    ...(query.villageCode === undefined ? {} : { villageCode: query.villageCode }),
    ...(query.disputeType === undefined ? {} : { disputeType: query.disputeType }),
    ...(query.priority === undefined ? {} : { priority: query.priority }),
    ...(query.dueBefore === undefined ? {} : { dueBefore: new Date(query.dueBefore) }),
    ...(query.dueAfter === undefined ? {} : { dueAfter: new Date(query.dueAfter) }),
    ...(query.overdue === undefined ? {} : { overdue: query.overdue }),
    ...(query.dueSoon === undefined ? {} : { dueSoon: query.dueSoon }),
  };
}

/** What a page is read with: the read model's list, and the clock a first page's priorities are computed by. */
export interface TaskPagingDeps {
  tasks: Pick<TasksReadModel, 'list'>;
  now: () => Date;
}

/** Lists a page of tasks in the sort, continuing from the cursor (which must come from the same sort). */
export async function pageOfTasks(
  deps: TaskPagingDeps,
  scope: TaskScope,
  filters: TaskFilters,
  query: PageQuery & { sort: TaskCursor['sort'] },
): Promise<{ rows: TaskRecord[]; asOf: Date; next: (task: TaskRecord) => Record<string, string | number> }> {
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, TaskCursor);
  if (cursor && cursor.sort !== query.sort) {
    throw new ValidationError('The cursor belongs to another sort: start again without `cursor`.', [
      { path: 'cursor', message: `this cursor pages sort=${cursor.sort}` },
    ]);
  }
  const asOf = cursor ? new Date(cursor.asOf) : deps.now();
  const after: TaskListPosition | undefined = cursor && {
    id: cursor.id,
    ...(cursor.dueAt === undefined ? {} : { dueAt: cursor.dueAt }),
    ...(cursor.rank === undefined ? {} : { rank: cursor.rank }),
    ...(cursor.openedAt === undefined ? {} : { openedAt: cursor.openedAt }),
  };
  const rows = await deps.tasks.list(scope, filters, {
    sort: query.sort,
    asOf,
    limit: query.limit + 1,
    ...(after ? { after } : {}),
  });
  const next = (task: TaskRecord) => ({
    sort: query.sort,
    asOf: asOf.toISOString(),
    id: task.id,
    ...(task.dueAt ? { dueAt: task.dueAt.toISOString() } : {}),
    ...(query.sort === 'priority' ? { rank: PRIORITY_RANK[priorityOf(task, asOf)] } : {}),
    ...(query.sort === 'created' ? { openedAt: task.openedAt.toISOString() } : {}),
  });
  return { rows, asOf, next };
}
