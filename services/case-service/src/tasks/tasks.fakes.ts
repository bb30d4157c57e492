import type { CaseRecord } from '../cases/cases.repository';
import type { TaskListPosition, TaskRecord, TaskScope, TasksRepository } from './tasks.repository';

/** Sort key of the task queue: due date (undated last), then id. */
function queueOrder(a: Pick<TaskRecord, 'dueAt' | 'id'>, b: Pick<TaskRecord, 'dueAt' | 'id'>): number {
  const dueA = a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const dueB = b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function after(position: TaskListPosition | undefined, task: TaskRecord): boolean {
  if (!position) return true;
  return (
    queueOrder(task, { dueAt: position.dueAt === undefined ? null : new Date(position.dueAt), id: position.id }) > 0
  );
}

function inScope(scope: TaskScope, task: TaskRecord): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'town') return task.townCode === scope.townCode;
  return task.agencyId === scope.agencyId || task.assigneeStaffId === scope.staffId;
}

/** The tasks table in memory, beside the cases fake's rows (opening a task lets its agency see the case, as in SQL). */
export function createInMemoryTasksRepository(
  cases: Map<string, CaseRecord>,
): TasksRepository & { rows: TaskRecord[] } {
  const rows: TaskRecord[] = [];
  const find = (caseId: string, actionId: string) => rows.find((t) => t.caseId === caseId && t.actionId === actionId);
  return {
    rows,
    async open(task) {
      const existing = find(task.caseId, task.action.actionId);
      if (existing) return { created: false, task: { ...existing } };
      const { action } = task;
      const record: TaskRecord = {
        id: task.id,
        caseId: task.caseId,
        townCode: task.townCode,
        workflowId: task.workflowId,
        actionId: action.actionId,
        kind: action.kind,
        level: action.level,
        agencyId: action.agencyId,
        roles: [...action.roles],
        assigneeStaffId: action.assigneeStaffId,
        status: 'open',
        openedAt: new Date(action.openedAt),
        dueAt: action.dueAt === null ? null : new Date(action.dueAt),
        rule: action.rule,
        reason: action.reason,
        remindedAt: null,
        closedAt: null,
        closedBy: null,
        version: 1,
      };
      rows.push(record);
      const row = cases.get(task.caseId);
      if (row && !row.agencyIds.includes(action.agencyId)) row.agencyIds.push(action.agencyId);
      return { created: true, task: { ...record } };
    },
    async close(caseId, actionId, closure) {
      const task = find(caseId, actionId);
      if (!task) return { task: undefined, changed: false };
      if (task.status !== 'open') return { task: { ...task }, changed: false };
      Object.assign(task, {
        status: closure.outcome,
        closedBy: closure.closedBy,
        closedAt: closure.closedAt,
        version: task.version + 1,
      });
      return { task: { ...task }, changed: true };
    },
    async remind(caseId, actionId, remindedAt) {
      const task = find(caseId, actionId);
      if (!task) return { task: undefined, changed: false };
      if (task.status !== 'open' || task.remindedAt !== null) return { task: { ...task }, changed: false };
      Object.assign(task, { remindedAt, version: task.version + 1 });
      return { task: { ...task }, changed: true };
    },
    async findById(id) {
      const task = rows.find((t) => t.id === id);
      return task ? { ...task } : undefined;
    },
    async listForCase(caseId) {
      return rows
        .filter((t) => t.caseId === caseId)
        .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime() || (a.id < b.id ? -1 : 1))
        .map((t) => ({ ...t }));
    },
    async list(scope, filters, limit, position) {
      return rows
        .filter(
          (t) =>
            inScope(scope, t) &&
            t.status === filters.status &&
            (filters.caseId === undefined || t.caseId === filters.caseId) &&
            (filters.kind === undefined || t.kind === filters.kind) &&
            (filters.agencyId === undefined || t.agencyId === filters.agencyId) &&
            after(position, t),
        )
        .sort(queueOrder)
        .slice(0, limit)
        .map((t) => ({ ...t }));
    },
  };
}
