/** The saved views of a task list, for any page with the task queue's filters (the workbench, the town's tasks). */
export { TaskViewsControl, type TaskViewsControlProps } from './task-views-control';
export type { FilterKey, SavedTaskView, TaskViewFilters } from './filters';
