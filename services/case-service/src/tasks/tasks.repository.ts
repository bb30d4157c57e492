/**
 * The writes of tasks and their notes (opening, closing, reminding, who holds a task, notes), each a keyed insert or a
 * conditional update, so a retry or a race changes a row at most once; and the TasksRepository the service takes,
 * which puts them beside the read model (tasks.read-model.ts) and the task queue's saved views.
 */
import type { RiskFlag } from '@gongzhi/contracts';
import { createSavedViewsRepository, type SavedViewsRepository } from '../admin/saved-views/saved-views.repository';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { inTransaction } from '../kernel/in-transaction';
import { byAction, noteSelect, taskSelect, toTask } from './task-rows';
import type {
  AssigneeChange,
  NewTask,
  NewTaskNote,
  TaskClosure,
  TaskNoteRecord,
  TaskRecord,
  TaskWrite,
} from './tasks.model';
import { createTasksReadModel, type TasksReadModel } from './tasks.read-model';

/** The writes of tasks and their notes. */
export interface TaskWrites {
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
  /**
   * Gives an open task nobody holds to `staffId`: one conditional UPDATE, so of two people claiming at once exactly
   * one changes the row. `changed` is false when someone holds it (or it closed) already.
   */
  claim(id: string, staffId: string, at: Date): Promise<TaskWrite>;
  /** Changes who holds an open task, under the change's condition (see AssigneeChange). */
  changeAssignee(id: string, change: AssigneeChange): Promise<TaskWrite>;
  /** Adds a staff member's note to a task. */
  addNote(note: NewTaskNote): Promise<TaskNoteRecord>;
}

/** Tasks as the service, the workflow's writes and other features use them: reads, writes and saved views. */
export interface TasksRepository extends TasksReadModel, TaskWrites {
  /** The task queue's saved views: the stuck scan's table, scope `tasks`. */
  savedViews: SavedViewsRepository;
}

/** The case's risk columns as the workflow's risk flags. */
export function riskFlagsOfColumns(row: { riskViolence: boolean; riskGroup: boolean; riskKeyPerson: boolean }) {
  const flags: RiskFlag[] = [];
  if (row.riskViolence) flags.push('violence-risk');
  if (row.riskGroup) flags.push('group-dispute');
  if (row.riskKeyPerson) flags.push('key-person');
  return flags;
}

/** Makes `staffId` a watcher of the task's case (once: the first time is kept). */
async function watch(tx: Prisma.TransactionClient, task: TaskRecord, staffId: string, since: Date): Promise<void> {
  await tx.caseWatcher.createMany({
    data: [{ caseId: task.caseId, staffId, since, level: task.level, taskId: task.id }],
    skipDuplicates: true,
  });
}

/** The writes on Prisma; `open`, `close` and `remind` join the caller's transaction when given one. */
export function createTaskWrites(prisma: PrismaClient): TaskWrites {
  return {
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
        const [inserted] = await tx.task.createManyAndReturn({
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
          select: taskSelect,
        });
        const created = inserted !== undefined;
        if (created) {
          // Whoever is asked to act on a case must be able to read it (a receiving agency deciding on a transfer).
          await tx.$executeRaw`
            UPDATE cases SET agency_ids = array_append(agency_ids, ${action.agencyId}), updated_at = now()
            WHERE id = ${task.caseId}::uuid AND NOT (${action.agencyId} = ANY (agency_ids))`;
        }
        // A retry reads the row the first call made.
        const row =
          inserted ??
          (await tx.task.findUniqueOrThrow({ where: byAction(task.caseId, action.actionId), select: taskSelect }));
        return { created, task: toTask(row) };
      });
    },

    async close(caseId, actionId, closure, outer) {
      return inTransaction(prisma, outer, async (tx) => {
        // The status condition makes check-and-close one statement: of two concurrent closes, one changes the row.
        const [closed] = await tx.task.updateManyAndReturn({
          where: { caseId, actionId, status: 'open' },
          data: {
            status: closure.outcome,
            closedBy: closure.closedBy,
            closedAt: closure.closedAt,
            version: { increment: 1 },
          },
          select: taskSelect,
        });
        // A task already closed (a retry, or closed another way) is read as it is.
        const row = closed ?? (await tx.task.findUnique({ where: byAction(caseId, actionId), select: taskSelect }));
        const task = row ? toTask(row) : undefined;
        // The mediator who worked the level keeps reading the case, whether it ended with their action or not.
        if (closed && task?.kind === 'mediate' && task.assigneeStaffId !== null) {
          await watch(tx, task, task.assigneeStaffId, closure.closedAt);
        }
        return { task, changed: closed !== undefined };
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
  };
}

/** Tasks on Prisma: the read model, the writes and the saved views of one client. */
export function createTasksRepository(prisma: PrismaClient): TasksRepository {
  return {
    ...createTasksReadModel(prisma),
    ...createTaskWrites(prisma),
    savedViews: createSavedViewsRepository(prisma, 'tasks'),
  };
}
