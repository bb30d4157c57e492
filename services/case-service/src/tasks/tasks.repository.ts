import type {
  HumanActionKind,
  LadderLevel,
  OpenTaskRequest,
  StaffRole,
  TaskListFilters,
  TaskStatus,
} from '@gongzhi/contracts';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

/** A task row as the service works with it. */
export interface TaskRecord {
  id: string;
  caseId: string;
  townCode: string;
  workflowId: string;
  actionId: string;
  kind: HumanActionKind;
  level: LadderLevel | null;
  agencyId: string;
  roles: StaffRole[];
  assigneeStaffId: string | null;
  status: TaskStatus;
  openedAt: Date;
  dueAt: Date | null;
  rule: string | null;
  reason: string | null;
  remindedAt: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
  version: number;
}

/** A task to open: the workflow's open action on its case, with the id case-service gives it. */
export interface NewTask {
  id: string;
  caseId: string;
  townCode: string;
  workflowId: string;
  action: OpenTaskRequest['action'];
}

/** How a task closes. */
export interface TaskClosure {
  outcome: 'completed' | 'cancelled';
  closedBy: string | null;
  closedAt: Date;
}

/**
 * Which tasks a list may return: all of them, a town's, or an agency's queue (with what is assigned to the caller
 * by name). The same rule as case visibility, for tasks.
 */
export type TaskScope =
  { kind: 'all' } | { kind: 'town'; townCode: string } | { kind: 'agency'; agencyId: string; staffId: string };

/** Sort position of the last task on a page: due date first (undated last), id breaks ties. */
export interface TaskListPosition {
  /** Absent for a task without a due date. */
  dueAt?: string;
  id: string;
}

/** What a workflow write did to an existing task: `changed` is false when it was already so. */
export interface TaskWrite {
  task: TaskRecord | undefined;
  changed: boolean;
}

export interface TasksRepository {
  /**
   * Opens the task unless the case already has one with that action id (then it is returned unchanged), and lets the
   * task's agency see the case. Idempotent on (case, action id) by the unique constraint.
   */
  open(task: NewTask): Promise<{ created: boolean; task: TaskRecord }>;
  /** Closes an open task; a closed one is left as it is. `task` is undefined for an unknown task. */
  close(caseId: string, actionId: string, closure: TaskClosure): Promise<TaskWrite>;
  /** Marks an open task reminded, once. */
  remind(caseId: string, actionId: string, remindedAt: Date): Promise<TaskWrite>;
  findById(id: string): Promise<TaskRecord | undefined>;
  /** Every task of the case, in the order they opened. */
  listForCase(caseId: string): Promise<TaskRecord[]>;
  /** Up to `limit` tasks of the scope matching the filters after `after`, soonest due first. */
  list(scope: TaskScope, filters: TaskListFilters, limit: number, after?: TaskListPosition): Promise<TaskRecord[]>;
}

const taskSelect = {
  id: true,
  caseId: true,
  townCode: true,
  workflowId: true,
  actionId: true,
  kind: true,
  level: true,
  agencyId: true,
  roles: true,
  assigneeStaffId: true,
  status: true,
  openedAt: true,
  dueAt: true,
  rule: true,
  reason: true,
  remindedAt: true,
  closedAt: true,
  closedBy: true,
  version: true,
} satisfies Prisma.TaskSelect;

type TaskRow = Prisma.TaskGetPayload<{ select: typeof taskSelect }>;

function toTask(row: TaskRow): TaskRecord {
  // The text columns only ever hold values validated by the contracts on the way in (status by a CHECK as well).
  return {
    ...row,
    kind: row.kind as HumanActionKind,
    level: row.level as LadderLevel | null,
    roles: row.roles as StaffRole[],
    status: row.status as TaskStatus,
  };
}

function scopeWhere(scope: TaskScope): Prisma.TaskWhereInput {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'town':
      return { townCode: scope.townCode };
    case 'agency':
      return { OR: [{ agencyId: scope.agencyId }, { assigneeStaffId: scope.staffId }] };
  }
}

/** Tasks after `after` in the order (due date ascending, undated last; id ascending). */
function afterWhere(after: TaskListPosition | undefined): Prisma.TaskWhereInput {
  if (!after) return {};
  if (after.dueAt === undefined) return { dueAt: null, id: { gt: after.id } };
  const dueAt = new Date(after.dueAt);
  return { OR: [{ dueAt: { gt: dueAt } }, { dueAt, id: { gt: after.id } }, { dueAt: null }] };
}

export function createTasksRepository(prisma: PrismaClient): TasksRepository {
  const byAction = (caseId: string, actionId: string) => ({ caseId_actionId: { caseId, actionId } });

  return {
    async open(task) {
      const { action } = task;
      return prisma.$transaction(async (tx) => {
        // ON CONFLICT DO NOTHING on (case_id, action_id): a retried openTask inserts nothing and raises nothing.
        const inserted = await tx.task.createMany({
          data: [
            {
              id: task.id,
              caseId: task.caseId,
              townCode: task.townCode,
              workflowId: task.workflowId,
              actionId: action.actionId,
              kind: action.kind,
              level: action.level,
              agencyId: action.agencyId,
              roles: action.roles,
              assigneeStaffId: action.assigneeStaffId,
              openedAt: new Date(action.openedAt),
              dueAt: action.dueAt === null ? null : new Date(action.dueAt),
              rule: action.rule,
              reason: action.reason,
            },
          ],
          skipDuplicates: true,
        });
        const created = inserted.count === 1;
        if (created) {
          // Whoever is asked to act on a case must be able to read it (a receiving agency deciding on a transfer).
          await tx.$executeRaw`
            UPDATE cases SET agency_ids = array_append(agency_ids, ${action.agencyId}), updated_at = now()
            WHERE id = ${task.caseId}::uuid AND NOT (${action.agencyId} = ANY (agency_ids))`;
        }
        const row = await tx.task.findUniqueOrThrow({
          where: byAction(task.caseId, action.actionId),
          select: taskSelect,
        });
        return { created, task: toTask(row) };
      });
    },

    async close(caseId, actionId, closure) {
      // The status condition makes check-and-close one statement: of two concurrent closes, one changes the row.
      const closed = await prisma.task.updateMany({
        where: { caseId, actionId, status: 'open' },
        data: {
          status: closure.outcome,
          closedBy: closure.closedBy,
          closedAt: closure.closedAt,
          version: { increment: 1 },
        },
      });
      const row = await prisma.task.findUnique({ where: byAction(caseId, actionId), select: taskSelect });
      return { task: row ? toTask(row) : undefined, changed: closed.count === 1 };
    },

    async remind(caseId, actionId, remindedAt) {
      const reminded = await prisma.task.updateMany({
        where: { caseId, actionId, status: 'open', remindedAt: null },
        data: { remindedAt, version: { increment: 1 } },
      });
      const row = await prisma.task.findUnique({ where: byAction(caseId, actionId), select: taskSelect });
      return { task: row ? toTask(row) : undefined, changed: reminded.count === 1 };
    },

    async findById(id) {
      const row = await prisma.task.findUnique({ where: { id }, select: taskSelect });
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

    async list(scope, filters, limit, after) {
      const rows = await prisma.task.findMany({
        where: {
          AND: [
            scopeWhere(scope),
            afterWhere(after),
            {
              status: filters.status,
              ...(filters.caseId ? { caseId: filters.caseId } : {}),
              ...(filters.kind ? { kind: filters.kind } : {}),
              ...(filters.agencyId ? { agencyId: filters.agencyId } : {}),
            },
          ],
        },
        orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
        take: limit,
        select: taskSelect,
      });
      return rows.map(toTask);
    },
  };
}
