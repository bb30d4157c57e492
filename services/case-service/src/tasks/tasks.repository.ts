import type {
  DisputeType,
  HumanActionKind,
  LadderLevel,
  OpenTaskRequest,
  RiskFlag,
  StaffRole,
  TaskPriority,
  TaskQueueStatus,
  TaskSort,
  TaskStatus,
} from '@gongzhi/contracts';
import { createSavedViewsRepository, type SavedViewsRepository } from '../admin/saved-views.repository';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { inTransaction } from '../kernel/in-transaction';
import { DUE_SOON_MS, PRIORITY_RANK } from './task-clock';

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
  assignedAt: Date | null;
  assignedBy: string | null;
  workflowAssigned: boolean;
  status: TaskStatus;
  openedAt: Date;
  dueAt: Date | null;
  rule: string | null;
  reason: string | null;
  remindedAt: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
  version: number;
  villageCode: string | null;
  disputeType: DisputeType;
  riskFlags: RiskFlag[];
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
 * Which tasks a list may return. `all`, `town` and `agency` are the queue without a view (the same rule as case
 * visibility, for tasks: an agency's queue includes what is assigned to the caller by name); the others are the
 * views of the task queue.
 */
export type TaskScope =
  | { kind: 'all' }
  | { kind: 'town'; townCode: string }
  | { kind: 'agency'; agencyId: string; staffId: string }
  /** The agency's tasks that need one of `roles` (the caller's); `unassignedOnly`: open ones nobody holds. */
  | { kind: 'eligible'; agencyId: string; roles: StaffRole[]; unassignedOnly: boolean }
  | { kind: 'assignee'; staffId: string }
  | { kind: 'team'; agencyId: string }
  | { kind: 'watching'; staffId: string };

/** Filters of a list, all optional but the status (`assigned`: open and held by someone). */
export interface TaskFilters {
  status: TaskQueueStatus;
  caseId?: string;
  kind?: HumanActionKind;
  agencyId?: string;
  level?: LadderLevel;
  villageCode?: string;
  disputeType?: DisputeType;
  priority?: TaskPriority;
  dueBefore?: Date;
  dueAfter?: Date;
  overdue?: boolean;
  dueSoon?: boolean;
}

/** Sort position of the last task on a page; which fields are set depends on the sort. */
export interface TaskListPosition {
  /** Due date (due and priority sorts); absent for a task without one. */
  dueAt?: string;
  /** Priority rank (priority sort). */
  rank?: number;
  /** Opening instant (created sort). */
  openedAt?: string;
  id: string;
}

/**
 * How to page a list. Priority depends on the time, so every page computes it `asOf` the same instant (the first
 * page's): the order is then fixed, and paging never skips or repeats a task whose priority changed meanwhile.
 */
export interface TaskListRequest {
  sort: TaskSort;
  asOf: Date;
  limit: number;
  after?: TaskListPosition;
}

/** What a write did to an existing task: `changed` is false when its condition did not hold (or it was already so). */
export interface TaskWrite {
  task: TaskRecord | undefined;
  changed: boolean;
}

/**
 * A change of who holds an open task. It applies only while the task is open and still held by `from` (`force`: by
 * whoever holds it, for a change the workflow already made). A mediator who hands over a mediate task keeps watching
 * the case.
 */
export interface AssigneeChange {
  from: string | null;
  to: string | null;
  /** Who made the change (the supervisor, or the person releasing it). */
  by: string;
  at: Date;
  /** The workflow names the new assignee (a reassignment through its Update). */
  viaWorkflow: boolean;
  force?: boolean;
  /**
   * The supervisor's reason, written as their note on the task in the same transaction, marked with this hand-over:
   * only when the change applied (or, forced, when the workflow made it already).
   */
  reason?: { noteId: string; authorAgencyId: string; text: string };
}

export interface NewTaskNote {
  id: string;
  taskId: string;
  caseId: string;
  authorStaffId: string;
  authorAgencyId: string;
  text: string;
}

export interface TaskNoteRecord extends NewTaskNote {
  createdAt: Date;
  /** Who held the task before (null: nobody) and who after, on a note giving the reason for a hand-over. */
  assignedFrom: string | null;
  assignedTo: string | null;
}

/** Open tasks of a view, and how many of them are overdue. */
export interface TaskCount {
  total: number;
  overdue: number;
}

export interface TasksRepository {
  /**
   * Opens the task unless the case already has one with that action id (then it is returned unchanged), copies the
   * case's village, dispute type and risk flags into it, and lets the task's agency see the case. Idempotent on
   * (case, action id) by the unique constraint.
   */
  open(task: NewTask, tx?: Prisma.TransactionClient): Promise<{ created: boolean; task: TaskRecord }>;
  /**
   * Closes an open task; a closed one is left as it is. `task` is undefined for an unknown task. Closing a mediate
   * task makes its assignee a watcher of the case, in the same transaction.
   */
  close(caseId: string, actionId: string, closure: TaskClosure, tx?: Prisma.TransactionClient): Promise<TaskWrite>;
  /** Marks an open task reminded, once. */
  remind(caseId: string, actionId: string, remindedAt: Date, tx?: Prisma.TransactionClient): Promise<TaskWrite>;
  findById(id: string): Promise<TaskRecord | undefined>;
  /** The case's task for the workflow's action id (the workflow's name for it), if there is one. */
  findByAction(caseId: string, actionId: string): Promise<TaskRecord | undefined>;
  /** Every task of the case, in the order they opened. */
  listForCase(caseId: string): Promise<TaskRecord[]>;
  /** Up to `limit` tasks of the scope matching the filters after `after`, in the order of the sort. */
  list(scope: TaskScope, filters: TaskFilters, request: TaskListRequest): Promise<TaskRecord[]>;
  /** How many open tasks of the scope match the filters, and how many of them are overdue at `asOf`. */
  count(scope: TaskScope, filters: Omit<TaskFilters, 'status'>, asOf: Date): Promise<TaskCount>;
  /**
   * Gives an open task nobody holds to `staffId`: one conditional UPDATE, so of two people claiming at once exactly
   * one changes the row. `changed` is false when someone holds it (or it closed) already.
   */
  claim(id: string, staffId: string, at: Date): Promise<TaskWrite>;
  changeAssignee(id: string, change: AssigneeChange): Promise<TaskWrite>;
  addNote(note: NewTaskNote): Promise<TaskNoteRecord>;
  /** The task's notes, oldest first. */
  listNotes(taskId: string): Promise<TaskNoteRecord[]>;
  /** The task queue's saved views (issue 16): the stuck scan's table, scope `tasks`. */
  savedViews: SavedViewsRepository;
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
  assignedAt: true,
  assignedBy: true,
  workflowAssigned: true,
  status: true,
  openedAt: true,
  dueAt: true,
  rule: true,
  reason: true,
  remindedAt: true,
  closedAt: true,
  closedBy: true,
  version: true,
  villageCode: true,
  disputeType: true,
  riskFlags: true,
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
    disputeType: row.disputeType as DisputeType,
    riskFlags: row.riskFlags as RiskFlag[],
  };
}

const noteSelect = {
  id: true,
  taskId: true,
  caseId: true,
  authorStaffId: true,
  authorAgencyId: true,
  text: true,
  createdAt: true,
  assignedFrom: true,
  assignedTo: true,
} satisfies Prisma.TaskNoteSelect;

/** The case's risk columns as the workflow's risk flags. */
export function riskFlagsOfColumns(row: { riskViolence: boolean; riskGroup: boolean; riskKeyPerson: boolean }) {
  const flags: RiskFlag[] = [];
  if (row.riskViolence) flags.push('violence-risk');
  if (row.riskGroup) flags.push('group-dispute');
  if (row.riskKeyPerson) flags.push('key-person');
  return flags;
}

const TRUE = Prisma.sql`TRUE`;
const and = (parts: Prisma.Sql[]) => (parts.length === 0 ? TRUE : Prisma.join(parts, ' AND '));
const instant = (at: Date | string) => Prisma.sql`${typeof at === 'string' ? at : at.toISOString()}::timestamptz`;

/** A rank as an SQL integer literal: our own constants, never input (a bound parameter would arrive untyped). */
const rankLiteral = (priority: TaskPriority) => Prisma.raw(String(PRIORITY_RANK[priority]));

/** The priority rank of `task-clock.ts`'s priorityOf, as SQL over the task row `t`, as of one instant. */
function rankSql(asOf: Date): Prisma.Sql {
  const now = instant(asOf);
  const soon = instant(new Date(asOf.getTime() + DUE_SOON_MS));
  return Prisma.sql`(CASE
    WHEN t.due_at < ${now} OR (cardinality(t.risk_flags) > 0 AND t.due_at < ${soon}) THEN ${rankLiteral('urgent')}
    WHEN t.due_at < ${soon} OR cardinality(t.risk_flags) > 0 THEN ${rankLiteral('high')}
    WHEN t.due_at IS NOT NULL THEN ${rankLiteral('normal')}
    ELSE ${rankLiteral('low')} END)`;
}

function scopeSql(scope: TaskScope): Prisma.Sql {
  switch (scope.kind) {
    case 'all':
      return TRUE;
    case 'town':
      return Prisma.sql`t.town_code = ${scope.townCode}`;
    case 'agency':
      return Prisma.sql`(t.agency_id = ${scope.agencyId} OR t.assignee_staff_id = ${scope.staffId})`;
    case 'eligible':
      return and([
        Prisma.sql`t.agency_id = ${scope.agencyId}`,
        Prisma.sql`t.roles && ${scope.roles}::text[]`,
        ...(scope.unassignedOnly ? [Prisma.sql`t.status = 'open' AND t.assignee_staff_id IS NULL`] : []),
      ]);
    case 'assignee':
      return Prisma.sql`t.assignee_staff_id = ${scope.staffId}`;
    case 'team':
      return Prisma.sql`t.agency_id = ${scope.agencyId}`;
    case 'watching':
      return Prisma.sql`EXISTS (SELECT 1 FROM case_watchers w WHERE w.case_id = t.case_id AND w.staff_id = ${scope.staffId})`;
  }
}

/**
 * The open-task tallies (alias `o`) that add up to the scope's open tasks, when the tallies can say: scopes by town,
 * agency and roles, filtered by kind at most. A person's own views (mine, watching) are small and other filters are
 * rare; those are counted from the tasks.
 */
function talliedScopeSql(scope: TaskScope, filters: Omit<TaskFilters, 'status'>): Prisma.Sql | undefined {
  const { kind, ...others } = filters;
  if (Object.values(others).some((value) => value !== undefined)) return undefined;
  const ofKind = kind === undefined ? [] : [Prisma.sql`o.kind = ${kind}`];
  switch (scope.kind) {
    case 'all':
      return and(ofKind);
    case 'town':
      return and([Prisma.sql`o.town_code = ${scope.townCode}`, ...ofKind]);
    case 'team':
      return and([Prisma.sql`o.agency_id = ${scope.agencyId}`, ...ofKind]);
    case 'eligible':
      return and([
        Prisma.sql`o.agency_id = ${scope.agencyId}`,
        Prisma.sql`string_to_array(o.roles, ',') && ${scope.roles}::text[]`,
        ...(scope.unassignedOnly ? [Prisma.sql`NOT o.assigned`] : []),
        ...ofKind,
      ]);
    case 'agency':
    case 'assignee':
    case 'watching':
      return undefined;
  }
}

function filtersSql(filters: Partial<TaskFilters>, asOf: Date): Prisma.Sql[] {
  const now = instant(asOf);
  const soon = instant(new Date(asOf.getTime() + DUE_SOON_MS));
  const dueSoon = Prisma.sql`(t.due_at >= ${now} AND t.due_at < ${soon})`;
  const parts: Prisma.Sql[] = [];
  if (filters.status === 'assigned') parts.push(Prisma.sql`t.status = 'open' AND t.assignee_staff_id IS NOT NULL`);
  else if (filters.status !== undefined) parts.push(Prisma.sql`t.status = ${filters.status}`);
  if (filters.caseId !== undefined) parts.push(Prisma.sql`t.case_id = ${filters.caseId}::uuid`);
  if (filters.kind !== undefined) parts.push(Prisma.sql`t.kind = ${filters.kind}`);
  if (filters.agencyId !== undefined) parts.push(Prisma.sql`t.agency_id = ${filters.agencyId}`);
  if (filters.level !== undefined) parts.push(Prisma.sql`t.level = ${filters.level}`);
  if (filters.villageCode !== undefined) parts.push(Prisma.sql`t.village_code = ${filters.villageCode}`);
  if (filters.disputeType !== undefined) parts.push(Prisma.sql`t.dispute_type = ${filters.disputeType}`);
  if (filters.priority !== undefined) parts.push(Prisma.sql`${rankSql(asOf)} = ${rankLiteral(filters.priority)}`);
  if (filters.dueBefore !== undefined) parts.push(Prisma.sql`t.due_at < ${instant(filters.dueBefore)}`);
  if (filters.dueAfter !== undefined) parts.push(Prisma.sql`t.due_at > ${instant(filters.dueAfter)}`);
  if (filters.overdue === true) parts.push(Prisma.sql`t.due_at < ${now}`);
  if (filters.overdue === false) parts.push(Prisma.sql`(t.due_at IS NULL OR t.due_at >= ${now})`);
  if (filters.dueSoon === true) parts.push(dueSoon);
  if (filters.dueSoon === false) parts.push(Prisma.sql`NOT COALESCE(${dueSoon}, FALSE)`);
  return parts;
}

/** Rows after `after` in the order (due date ascending, undated last; id ascending). */
function afterDueSql(after: TaskListPosition): Prisma.Sql {
  if (after.dueAt === undefined) return Prisma.sql`(t.due_at IS NULL AND t.id > ${after.id}::uuid)`;
  const due = instant(after.dueAt);
  return Prisma.sql`(t.due_at > ${due} OR (t.due_at = ${due} AND t.id > ${after.id}::uuid) OR t.due_at IS NULL)`;
}

function afterSql(request: TaskListRequest): Prisma.Sql[] {
  const { after, sort } = request;
  if (!after) return [];
  switch (sort) {
    case 'due':
      return [afterDueSql(after)];
    case 'priority': {
      const rank = rankSql(request.asOf);
      const position = Prisma.sql`${after.rank ?? PRIORITY_RANK.low}::int`;
      return [Prisma.sql`(${rank} < ${position} OR (${rank} = ${position} AND ${afterDueSql(after)}))`];
    }
    case 'created': {
      const opened = instant(after.openedAt ?? new Date(0));
      return [Prisma.sql`(t.opened_at > ${opened} OR (t.opened_at = ${opened} AND t.id > ${after.id}::uuid))`];
    }
  }
}

function orderSql(request: TaskListRequest): Prisma.Sql {
  switch (request.sort) {
    case 'due':
      return Prisma.sql`t.due_at ASC NULLS LAST, t.id ASC`;
    case 'priority':
      return Prisma.sql`${rankSql(request.asOf)} DESC, t.due_at ASC NULLS LAST, t.id ASC`;
    case 'created':
      return Prisma.sql`t.opened_at ASC, t.id ASC`;
  }
}

export function createTasksRepository(prisma: PrismaClient): TasksRepository {
  const byAction = (caseId: string, actionId: string) => ({ caseId_actionId: { caseId, actionId } });

  /** Makes `staffId` a watcher of the task's case (once: the first time is kept). */
  async function watch(tx: Prisma.TransactionClient, task: TaskRecord, staffId: string, since: Date): Promise<void> {
    await tx.caseWatcher.createMany({
      data: [{ caseId: task.caseId, staffId, since, level: task.level, taskId: task.id }],
      skipDuplicates: true,
    });
  }

  /** Work in the caller's transaction when there is one, else in a transaction of its own. */

  return {
    savedViews: createSavedViewsRepository(prisma, 'tasks'),

    // `tx`: a transaction of the caller's (a workflow transition's writes commit together); otherwise one of its own.
    async open(task, outer) {
      const { action } = task;
      return inTransaction(prisma, outer, async (tx) => {
        // The case's facts at the moment the task opens; a correction of the case later updates them (cases repo).
        const facts = await tx.case.findUniqueOrThrow({
          where: { id: task.caseId },
          select: {
            villageCode: true,
            disputeType: true,
            riskViolence: true,
            riskGroup: true,
            riskKeyPerson: true,
          },
        });
        const opened = new Date(action.openedAt);
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
              // An assignee the workflow names is the workflow's to change (through its reassign Update).
              workflowAssigned: action.assigneeStaffId !== null,
              assignedAt: action.assigneeStaffId === null ? null : opened,
              openedAt: opened,
              dueAt: action.dueAt === null ? null : new Date(action.dueAt),
              rule: action.rule,
              reason: action.reason,
              villageCode: facts.villageCode,
              disputeType: facts.disputeType,
              riskFlags: riskFlagsOfColumns(facts),
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

    async close(caseId, actionId, closure, outer) {
      return inTransaction(prisma, outer, async (tx) => {
        // The status condition makes check-and-close one statement: of two concurrent closes, one changes the row.
        const closed = await tx.task.updateMany({
          where: { caseId, actionId, status: 'open' },
          data: {
            status: closure.outcome,
            closedBy: closure.closedBy,
            closedAt: closure.closedAt,
            version: { increment: 1 },
          },
        });
        const row = await tx.task.findUnique({ where: byAction(caseId, actionId), select: taskSelect });
        const task = row ? toTask(row) : undefined;
        // The mediator who worked the level keeps reading the case, whether it ended with their action or not.
        if (closed.count === 1 && task?.kind === 'mediate' && task.assigneeStaffId !== null) {
          await watch(tx, task, task.assigneeStaffId, closure.closedAt);
        }
        return { task, changed: closed.count === 1 };
      });
    },

    async remind(caseId, actionId, remindedAt, outer) {
      const db = outer ?? prisma;
      const reminded = await db.task.updateMany({
        where: { caseId, actionId, status: 'open', remindedAt: null },
        data: { remindedAt, version: { increment: 1 } },
      });
      const row = await db.task.findUnique({ where: byAction(caseId, actionId), select: taskSelect });
      return { task: row ? toTask(row) : undefined, changed: reminded.count === 1 };
    },

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

    async claim(id, staffId, at) {
      // The condition is the whole check: of two people claiming at once, the second finds the row held and changes
      // nothing (PostgreSQL re-reads the row after the first one's commit).
      const claimed = await prisma.task.updateMany({
        where: { id, status: 'open', assigneeStaffId: null },
        data: {
          assigneeStaffId: staffId,
          assignedAt: at,
          assignedBy: staffId,
          workflowAssigned: false,
          version: { increment: 1 },
        },
      });
      const row = await prisma.task.findUnique({ where: { id }, select: taskSelect });
      return { task: row ? toTask(row) : undefined, changed: claimed.count === 1 };
    },

    async changeAssignee(id, change) {
      return prisma.$transaction(async (tx) => {
        const before = await tx.task.findUnique({ where: { id }, select: taskSelect });
        const updated = await tx.task.updateMany({
          where: { id, status: 'open', ...(change.force ? {} : { assigneeStaffId: change.from }) },
          data: {
            assigneeStaffId: change.to,
            assignedAt: change.to === null ? null : change.at,
            assignedBy: change.to === null || change.viaWorkflow ? null : change.by,
            workflowAssigned: change.to !== null && change.viaWorkflow,
            version: { increment: 1 },
          },
        });
        const row = await tx.task.findUnique({ where: { id }, select: taskSelect });
        const task = row ? toTask(row) : undefined;
        const previous = before?.assigneeStaffId ?? null;
        // A mediator handing a level over (sick, moved) worked it too: they keep following the case.
        if (updated.count === 1 && task?.kind === 'mediate' && previous !== null && previous !== change.to) {
          await watch(tx, task, previous, change.at);
        }
        // The reason goes with the hand-over it explains, or not at all.
        if (task && change.reason && change.to !== null && (updated.count === 1 || change.force)) {
          await tx.taskNote.create({
            data: {
              id: change.reason.noteId,
              taskId: task.id,
              caseId: task.caseId,
              authorStaffId: change.by,
              authorAgencyId: change.reason.authorAgencyId,
              text: change.reason.text,
              createdAt: change.at,
              assignedFrom: change.force ? previous : change.from,
              assignedTo: change.to,
            },
          });
        }
        return { task, changed: updated.count === 1 };
      });
    },

    async addNote(note) {
      return prisma.taskNote.create({ data: note, select: noteSelect });
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
