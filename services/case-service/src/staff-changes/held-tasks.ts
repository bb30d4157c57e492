/**
 * The staff-changes consumer's reads and writes on case-service's database, all in the transaction that records the
 * event: the open tasks a person holds, and the release of one of them as an unclaim writes it (the holder cleared,
 * a mediator kept as a watcher of the case), plus the note and the timeline entry that say why, and the audit records.
 */
import type { AuditEntry } from '@gongzhi/http';
import { createAuditTrail, takeAuditChainLock } from '@gongzhi/http';
import { TASK_RELEASE_REASONS } from '@gongzhi/contracts';
import { appendEvent } from '../kernel/timeline';
import type { Prisma } from '../generated/prisma/client';
import type { TaskRecord } from '../tasks/tasks.model';

export { TASK_RELEASE_REASONS };
export type TaskReleaseReason = (typeof TASK_RELEASE_REASONS)[number];

/**
 * The wording of the note each release writes, fixed per reason (in the console's first language): the note is how
 * the queue tells staff why a task they see came back, and task notes are read as they were written.
 */
export const RELEASE_NOTE_TEXT: Record<TaskReleaseReason, string> = {
  'assignee-deactivated': '原承办人的账号已停用，此任务已退回待领取。',
  'assignee-role-removed': '原承办人已不再担任办理此任务所需的角色，此任务已退回待领取。',
};

/** The case's timeline entry of a release (case-service's own entries are named `<object>.<what happened>`). */
export const TASK_RELEASED_EVENT = 'task.released';

/** What the consumer reads of a task a person holds. */
export type HeldTask = Pick<
  TaskRecord,
  | 'id'
  | 'caseId'
  | 'townCode'
  | 'actionId'
  | 'kind'
  | 'level'
  | 'agencyId'
  | 'roles'
  | 'assigneeStaffId'
  | 'assignedAt'
  | 'workflowAssigned'
>;

/** One task to give back to its queue. */
export interface TaskRelease {
  /** The holder it is taken from: it applies only while they still hold it. */
  fromStaffId: string;
  /** Who changed the account (the event's `changedBy`): the note's author and the timeline's and audit's actor. */
  by: string;
  /** The agency the note is filed under: the account's (the event names no agency of `by`). */
  authorAgencyId: string;
  reason: TaskReleaseReason;
  /**
   * When the account changed (the event's time): only a holding that began by then is released, so a task the person
   * was given after a later change (reactivated, a role given back) stays theirs whatever older event comes late.
   */
  changedAt: Date;
  /** When the release is written. */
  at: Date;
  noteId: string;
}

/** The open tasks of the town that the person holds (claimed, assigned, or named by the workflow), oldest first. */
export async function heldTasksIn(
  tx: Prisma.TransactionClient,
  staffId: string,
  townCode: string,
): Promise<HeldTask[]> {
  const rows = await tx.task.findMany({
    // By the (assignee_staff_id, status) index.
    where: { assigneeStaffId: staffId, status: 'open', townCode },
    orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      caseId: true,
      townCode: true,
      actionId: true,
      kind: true,
      level: true,
      agencyId: true,
      roles: true,
      assigneeStaffId: true,
      assignedAt: true,
      workflowAssigned: true,
    },
  });
  // The text columns only ever hold values the contracts validated on the way in.
  return rows.map((row) => ({
    ...row,
    kind: row.kind as HeldTask['kind'],
    level: row.level as HeldTask['level'],
    roles: row.roles as HeldTask['roles'],
  }));
}

/**
 * Gives the task back to its queue as an unclaim does (tasks.repository.ts `changeAssignee` to nobody): one
 * conditional UPDATE, so a task released, closed, handed on or named by the workflow meanwhile is left alone (false).
 * The mediator of a mediate task keeps following the case as a watcher, as on any hand-over. The note and the
 * timeline entry go with the release, or not at all.
 */
export async function releaseTaskIn(
  tx: Prisma.TransactionClient,
  task: HeldTask,
  release: TaskRelease,
): Promise<boolean> {
  const updated = await tx.task.updateMany({
    where: {
      id: task.id,
      status: 'open',
      assigneeStaffId: release.fromStaffId,
      workflowAssigned: false,
      assignedAt: { lte: release.changedAt },
    },
    data: {
      assigneeStaffId: null,
      assignedAt: null,
      assignedBy: null,
      workflowAssigned: false,
      version: { increment: 1 },
    },
  });
  if (updated.count !== 1) return false;
  if (task.kind === 'mediate') {
    await tx.caseWatcher.createMany({
      data: [
        { caseId: task.caseId, staffId: release.fromStaffId, since: release.at, level: task.level, taskId: task.id },
      ],
      skipDuplicates: true,
    });
  }
  await tx.taskNote.create({
    data: {
      id: release.noteId,
      taskId: task.id,
      caseId: task.caseId,
      authorStaffId: release.by,
      authorAgencyId: release.authorAgencyId,
      text: RELEASE_NOTE_TEXT[release.reason],
      createdAt: release.at,
      // A plain note: an assignment note names whom the task went to (a CHECK), and this one went to nobody. The
      // timeline entry names whom it came from.
    },
    select: { id: true },
  });
  await appendEvent(
    tx,
    task.caseId,
    TASK_RELEASED_EVENT,
    // The event names the account's agency only, never that of whoever changed it.
    { staffId: release.by, agencyId: null },
    {
      taskId: task.id,
      actionId: task.actionId,
      kind: task.kind,
      level: task.level,
      fromStaffId: release.fromStaffId,
      reason: release.reason,
    },
  );
  return true;
}

/** Appends the entries to the audit chain inside `tx`: they commit with the releases they record, or not at all. */
export async function auditIn(
  tx: Prisma.TransactionClient,
  chainKey: Buffer,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await takeAuditChainLock(tx);
  // A trail of this transaction's own: it reads the head under the lock above and appends one INSERT.
  const audit = createAuditTrail(tx.auditRecord, { chainKey });
  await Promise.all(entries.map((entry) => audit.record(entry)));
}
