import { createInMemorySavedViewsRepository } from '../admin/saved-views/saved-views.fakes';
import type { CaseRecord } from '../cases/case.model';
import type { InMemoryWatchers } from '../cases/cases.fakes';
import { riskFlagsOf } from '../cases/case-rules';
import { isDueSoon, isOverdue, PRIORITY_RANK, priorityOf } from './task-clock';
import type {
  TaskFilters,
  TaskListPosition,
  TaskListRequest,
  TaskNoteRecord,
  TaskRecord,
  TaskScope,
} from './tasks.model';
import type { TasksRepository } from './tasks.repository';

/** Where a task (or a cursor's position) sits in each order. */
interface SortKey {
  rank: number;
  /** Undated last. */
  due: number;
  opened: number;
  id: string;
}

function keyOf(task: TaskRecord, asOf: Date): SortKey {
  return {
    rank: PRIORITY_RANK[priorityOf(task, asOf)],
    due: task.dueAt?.getTime() ?? Number.POSITIVE_INFINITY,
    opened: task.openedAt.getTime(),
    id: task.id,
  };
}

function keyOfPosition(position: TaskListPosition): SortKey {
  return {
    rank: position.rank ?? PRIORITY_RANK.low,
    due: position.dueAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(position.dueAt),
    opened: position.openedAt === undefined ? 0 : Date.parse(position.openedAt),
    id: position.id,
  };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byDue = (a: SortKey, b: SortKey) => (a.due === b.due ? byId(a, b) : a.due < b.due ? -1 : 1);

/** The same orders as the SQL's ORDER BY. */
function compareKeys(sort: TaskListRequest['sort'], a: SortKey, b: SortKey): number {
  switch (sort) {
    case 'due':
      return byDue(a, b);
    case 'priority':
      return b.rank - a.rank || byDue(a, b);
    case 'created':
      return a.opened - b.opened || byId(a, b);
  }
}

function inScope(scope: TaskScope, task: TaskRecord, watchers: InMemoryWatchers): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'town':
      return task.townCode === scope.townCode;
    case 'agency':
      return task.agencyId === scope.agencyId || task.assigneeStaffId === scope.staffId;
    case 'eligible':
      return (
        task.agencyId === scope.agencyId &&
        task.roles.some((role) => scope.roles.includes(role)) &&
        (!scope.unassignedOnly || (task.status === 'open' && task.assigneeStaffId === null))
      );
    case 'assignee':
      return task.assigneeStaffId === scope.staffId;
    case 'team':
      return task.agencyId === scope.agencyId;
    case 'watching':
      return watchers.some((w) => w.caseId === task.caseId && w.staffId === scope.staffId);
  }
}

function matches(filters: Partial<TaskFilters>, task: TaskRecord, asOf: Date): boolean {
  const due = task.dueAt?.getTime();
  const statusMatches =
    filters.status === undefined ||
    (filters.status === 'assigned'
      ? task.status === 'open' && task.assigneeStaffId !== null
      : task.status === filters.status);
  return (
    statusMatches &&
    (filters.caseId === undefined || task.caseId === filters.caseId) &&
    (filters.kind === undefined || task.kind === filters.kind) &&
    (filters.agencyId === undefined || task.agencyId === filters.agencyId) &&
    (filters.level === undefined || task.level === filters.level) &&
    (filters.villageCode === undefined || task.villageCode === filters.villageCode) &&
    (filters.disputeType === undefined || task.disputeType === filters.disputeType) &&
    (filters.priority === undefined || priorityOf(task, asOf) === filters.priority) &&
    (filters.dueBefore === undefined || (due !== undefined && due < filters.dueBefore.getTime())) &&
    (filters.dueAfter === undefined || (due !== undefined && due > filters.dueAfter.getTime())) &&
    (filters.overdue === undefined || isOverdue(task.dueAt, asOf) === filters.overdue) &&
    (filters.dueSoon === undefined || isDueSoon(task.dueAt, asOf) === filters.dueSoon)
  );
}

/**
 * The tasks table in memory, beside the cases fake's rows and watchers (opening a task lets its agency see the case,
 * closing a mediate task makes its assignee a watcher, as in SQL). Pass the cases fake's `tasks` as `rows` so a
 * correction of a case reaches its tasks' copies.
 */
export function createInMemoryTasksRepository(
  cases: Map<string, CaseRecord>,
  watchers: InMemoryWatchers = [],
  rows: TaskRecord[] = [],
): TasksRepository & {
  rows: TaskRecord[];
  notes: TaskNoteRecord[];
  savedViews: ReturnType<typeof createInMemorySavedViewsRepository>;
} {
  const notes: TaskNoteRecord[] = [];
  const find = (caseId: string, actionId: string) => rows.find((t) => t.caseId === caseId && t.actionId === actionId);
  const watch = (task: TaskRecord, staffId: string, since: Date) => {
    if (!watchers.some((w) => w.caseId === task.caseId && w.staffId === staffId)) {
      watchers.push({ caseId: task.caseId, staffId, since, level: task.level, taskId: task.id });
    }
  };
  return {
    rows,
    notes,
    savedViews: createInMemorySavedViewsRepository('tasks'),
    async open(task) {
      const existing = find(task.caseId, task.action.actionId);
      if (existing) return { created: false, task: { ...existing } };
      const { action } = task;
      const row = cases.get(task.caseId);
      if (!row) throw new Error(`no case ${task.caseId}`);
      const opened = new Date(action.openedAt);
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
        assignedAt: action.assigneeStaffId === null ? null : opened,
        assignedBy: null,
        workflowAssigned: action.assigneeStaffId !== null,
        status: 'open',
        openedAt: opened,
        dueAt: action.dueAt === null ? null : new Date(action.dueAt),
        rule: action.rule,
        reason: action.reason,
        remindedAt: null,
        closedAt: null,
        closedBy: null,
        version: 1,
        villageCode: row.villageCode,
        disputeType: row.disputeType,
        riskFlags: riskFlagsOf(row.riskAssessment),
      };
      rows.push(record);
      if (!row.agencyIds.includes(action.agencyId)) row.agencyIds.push(action.agencyId);
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
      if (task.kind === 'mediate' && task.assigneeStaffId !== null) watch(task, task.assigneeStaffId, closure.closedAt);
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
    async findByAction(caseId, actionId) {
      const task = rows.find((t) => t.caseId === caseId && t.actionId === actionId);
      return task ? { ...task } : undefined;
    },
    async listForCase(caseId) {
      return rows
        .filter((t) => t.caseId === caseId)
        .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime() || byId(a, b))
        .map((t) => ({ ...t }));
    },
    async list(scope, filters, request) {
      const key = (task: TaskRecord) => keyOf(task, request.asOf);
      const after = request.after === undefined ? undefined : keyOfPosition(request.after);
      return rows
        .filter(
          (t) =>
            inScope(scope, t, watchers) &&
            matches(filters, t, request.asOf) &&
            (after === undefined || compareKeys(request.sort, key(t), after) > 0),
        )
        .sort((a, b) => compareKeys(request.sort, key(a), key(b)))
        .slice(0, request.limit)
        .map((t) => ({ ...t }));
    },
    async count(scope, filters, asOf) {
      const open = rows.filter((t) => inScope(scope, t, watchers) && matches({ ...filters, status: 'open' }, t, asOf));
      return { total: open.length, overdue: open.filter((t) => isOverdue(t.dueAt, asOf)).length };
    },
    async claim(id, staffId, at) {
      const task = rows.find((t) => t.id === id);
      if (!task) return { task: undefined, changed: false };
      if (task.status !== 'open' || task.assigneeStaffId !== null) return { task: { ...task }, changed: false };
      Object.assign(task, {
        assigneeStaffId: staffId,
        assignedAt: at,
        assignedBy: staffId,
        workflowAssigned: false,
        version: task.version + 1,
      });
      return { task: { ...task }, changed: true };
    },
    async changeAssignee(id, change) {
      const task = rows.find((t) => t.id === id);
      if (!task) return { task: undefined, changed: false };
      const previous = task.assigneeStaffId;
      // As in SQL: the reason goes with the hand-over it explains (forced: the workflow made it already).
      const noteReason = () => {
        if (!change.reason || change.to === null) return;
        notes.push({
          id: change.reason.noteId,
          taskId: task.id,
          caseId: task.caseId,
          authorStaffId: change.by,
          authorAgencyId: change.reason.authorAgencyId,
          text: change.reason.text,
          createdAt: change.at,
          assignedFrom: change.force ? previous : change.from,
          assignedTo: change.to,
        });
      };
      if (task.status !== 'open' || (!change.force && task.assigneeStaffId !== change.from)) {
        if (change.force) noteReason();
        return { task: { ...task }, changed: false };
      }
      Object.assign(task, {
        assigneeStaffId: change.to,
        assignedAt: change.to === null ? null : change.at,
        assignedBy: change.to === null || change.viaWorkflow ? null : change.by,
        workflowAssigned: change.to !== null && change.viaWorkflow,
        version: task.version + 1,
      });
      if (task.kind === 'mediate' && previous !== null && previous !== change.to) watch(task, previous, change.at);
      noteReason();
      return { task: { ...task }, changed: true };
    },
    async addNote(note) {
      const record = { ...note, createdAt: new Date(Date.now() + notes.length), assignedFrom: null, assignedTo: null };
      notes.push(record);
      return { ...record };
    },
    async listNotes(taskId) {
      return notes.filter((n) => n.taskId === taskId).map((n) => ({ ...n }));
    },
  };
}
