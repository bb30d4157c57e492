/**
 * Saved views of the task queue: the stuck scan's saved views (admin/saved-views/) for the task queue's
 * filters, with the task queue's rules. Anyone on the staff saves their own and shares them within their town by role
 * and/or agency; only the owner, or an administrator it is shared with, changes or deletes one.
 */
import { SavedTaskViewFilters, type TaskListFilters } from '@gongzhi/contracts';
import { ForbiddenError } from '@gongzhi/errors';
import type { SavedViewRecord, Viewer } from '../admin/saved-views/saved-views.model';
import { isSharedWith } from '../admin/saved-views/saved-views.repository';
import {
  createViewsService,
  type SavedViewKind,
  type SavedViewsServiceDeps,
  type ViewsService,
} from '../admin/saved-views/saved-views.service';

export type TaskViewsService = ViewsService<SavedTaskViewFilters>;

/** The owner changes their view; an administrator who sees it may too (repairing a list whose owner left). */
export function mayChangeTaskView(record: SavedViewRecord, viewer: Viewer): boolean {
  return (
    record.ownerStaffId === viewer.staffId ||
    (viewer.roles.includes('administrator') && isSharedWith('tasks', record, viewer))
  );
}

const TASK_VIEWS: SavedViewKind<SavedTaskViewFilters> = {
  scope: 'tasks',
  filters: SavedTaskViewFilters,
  audit: {
    objectType: 'task-view',
    create: 'task.view.create',
    update: 'task.view.update',
    delete: 'task.view.delete',
  },
  // Anyone on the staff (the service refuses the workflow engine first): a view is only filters of their own queue.
  requireCreator: () => undefined,
  canEdit: mayChangeTaskView,
  notEditable:
    'Only the person who saved this view, or an administrator it is shared with, may change or delete it: save a copy under a name of your own instead.',
};

export function createTaskViewsService(deps: SavedViewsServiceDeps): TaskViewsService {
  return createViewsService(deps, TASK_VIEWS);
}

/**
 * A saved view's filters under the ones the query states: `?savedView=xiaba-overdue&level=L3` is the view at L3. Only
 * parameters actually sent override (the parsed query also holds the defaults of `status`, `sort` and `limit`).
 */
export function withSavedView<Q extends TaskListFilters>(
  saved: SavedTaskViewFilters,
  query: Q,
  sent: Record<string, unknown>,
): Q {
  const stated = Object.fromEntries(Object.entries(query).filter(([name]) => name in sent));
  return { ...query, ...saved, ...stated };
}

/**
 * A view of the queue the caller's role does not have (a coordinator's `view=all`, applied by a liaison) is refused as
 * if they had asked for it themselves, never narrowed or widened in silence; the problem says which saved view asked
 * and how to apply the rest of it.
 */
export function refusedSavedView(error: ForbiddenError, view: { name: string }): ForbiddenError {
  return new ForbiddenError(
    `The saved view "${view.name}" shows a view of the queue you do not have. ${error.message} Send view= with the view you want, to apply the rest of its filters.`,
  );
}
