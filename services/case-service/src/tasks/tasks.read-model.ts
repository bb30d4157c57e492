/**
 * The reads of tasks and their notes: one task, a case's tasks, the task queue's pages and counts, a task's notes.
 * Beside the write repository (tasks.repository.ts), which composes it into the TasksRepository the service takes.
 */
import type { PrismaClient } from '../generated/prisma/client';
import { afterSql, and, filtersSql, instant, orderSql, scopeSql, talliedScopeSql } from './task-queue-sql';
import { byAction, noteSelect, taskSelect, toTask } from './task-rows';
import type { TaskCount, TaskFilters, TaskListRequest, TaskNoteRecord, TaskRecord, TaskScope } from './tasks.model';

/** What is read of tasks and their notes. */
export interface TasksReadModel {
  findById(id: string): Promise<TaskRecord | undefined>;
  /** The case's task for the workflow's action id (the workflow's name for it), if there is one. */
  findByAction(caseId: string, actionId: string): Promise<TaskRecord | undefined>;
  /** Every task of the case, in the order they opened. */
  listForCase(caseId: string): Promise<TaskRecord[]>;
  /** Up to `limit` tasks of the scope matching the filters after `after`, in the order of the sort. */
  list(scope: TaskScope, filters: TaskFilters, request: TaskListRequest): Promise<TaskRecord[]>;
  /** How many open tasks of the scope match the filters, and how many of them are overdue at `asOf`. */
  count(scope: TaskScope, filters: Omit<TaskFilters, 'status'>, asOf: Date): Promise<TaskCount>;
  /** The task's notes, oldest first. */
  listNotes(taskId: string): Promise<TaskNoteRecord[]>;
}

export function createTasksReadModel(prisma: PrismaClient): TasksReadModel {
  return {
    async findById(id) {
      const row = await prisma.task.findUnique({ where: { id }, select: taskSelect });
      return row ? toTask(row) : undefined;
    },

    async findByAction(caseId, actionId) {
      const row = await prisma.task.findUnique({ where: byAction(caseId, actionId), select: taskSelect });
      return row ? toTask(row) : undefined;
    },

    async listForCase(caseId) {
      const rows = await prisma.task.findMany({
        where: { caseId },
        orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
        select: taskSelect,
      });
      return rows.map(toTask);
    },

    async list(scope, filters, request) {
      // The order needs an expression Prisma's query builder cannot sort by (the priority as of an instant), so the
      // page's ids come from SQL and the rows from the typed select.
      const where = and([scopeSql(scope), ...filtersSql(filters, request.asOf), ...afterSql(request)]);
      const page = await prisma.$queryRaw<{ id: string }[]>`
        SELECT t.id::text AS id FROM tasks t WHERE ${where} ORDER BY ${orderSql(request)} LIMIT ${request.limit}`;
      if (page.length === 0) return [];
      const rows = await prisma.task.findMany({ where: { id: { in: page.map((r) => r.id) } }, select: taskSelect });
      const byId = new Map(rows.map((row) => [row.id, toTask(row)]));
      return page.flatMap(({ id }) => byId.get(id) ?? []);
    },

    async count(scope, filters, asOf) {
      const tallied = talliedScopeSql(scope, filters);
      if (tallied === undefined) {
        const where = and([scopeSql(scope), ...filtersSql({ ...filters, status: 'open' }, asOf)]);
        const [row] = await prisma.$queryRaw<{ total: number; overdue: number }[]>`
          SELECT count(*)::int AS total, (count(*) FILTER (WHERE t.due_at < ${instant(asOf)}))::int AS overdue
          FROM tasks t WHERE ${where}`;
        return { total: row?.total ?? 0, overdue: row?.overdue ?? 0 };
      }
      // The total from the tallies (a few rows per agency and kind); the overdue ones from the tasks, by the indexes
      // on due_at: that count grows only with what is late.
      const overdue = and([scopeSql(scope), ...filtersSql({ ...filters, status: 'open', overdue: true }, asOf)]);
      const [row] = await prisma.$queryRaw<{ total: number; overdue: number }[]>`
        SELECT (SELECT coalesce(sum(o.open_tasks), 0) FROM open_task_tallies o WHERE ${tallied})::int AS total,
               (SELECT count(*) FROM tasks t WHERE ${overdue})::int AS overdue`;
      return { total: row?.total ?? 0, overdue: row?.overdue ?? 0 };
    },

    async listNotes(taskId) {
      return prisma.taskNote.findMany({
        where: { taskId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: noteSelect,
      });
    },
  };
}
