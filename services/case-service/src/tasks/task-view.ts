/**
 * A task and its notes as staff see them (the API's TaskView and TaskNoteView): the record's fields, with what depends
 * on the time (priority, clock) computed as they are read.
 */
import type { TaskNoteView, TaskView } from '@gongzhi/contracts';
import { clockOf, priorityOf } from './task-clock';
import type { TaskNoteRecord, TaskRecord } from './tasks.model';

/**
 * A task as staff see it. `now` measures the clock; `asOf` fixes the priority (a list computes it as of the instant
 * its first page was read, so the order and the priority shown agree across pages).
 */
export function toTaskView(task: TaskRecord, now: Date = new Date(), asOf: Date = now): TaskView {
  return {
    id: task.id,
    caseId: task.caseId,
    actionId: task.actionId,
    kind: task.kind,
    level: task.level,
    agencyId: task.agencyId,
    roles: task.roles,
    assigneeStaffId: task.assigneeStaffId,
    status: task.status,
    openedAt: task.openedAt.toISOString(),
    dueAt: task.dueAt?.toISOString() ?? null,
    rule: task.rule,
    reason: task.reason,
    remindedAt: task.remindedAt?.toISOString() ?? null,
    closedAt: task.closedAt?.toISOString() ?? null,
    closedBy: task.closedBy,
    queueStatus: task.status === 'open' && task.assigneeStaffId !== null ? 'assigned' : task.status,
    assignedAt: task.assignedAt?.toISOString() ?? null,
    assignedBy: task.assignedBy,
    workflowAssigned: task.workflowAssigned,
    villageCode: task.villageCode,
    disputeType: task.disputeType,
    risks: task.riskFlags,
    priority: priorityOf(task, asOf),
    clock: clockOf(task, now),
  };
}

/** A note as staff see it; a hand-over's reason carries who held the task before and after. */
export function toNoteView(note: TaskNoteRecord): TaskNoteView {
  const { assignedFrom, assignedTo, ...rest } = note;
  return {
    ...rest,
    createdAt: note.createdAt.toISOString(),
    assignment: assignedTo === null ? null : { fromStaffId: assignedFrom, toStaffId: assignedTo },
  };
}

const dueOf = (task: TaskRecord) => task.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;

/** Open tasks first (soonest due first, undated last), then the closed ones, most recently closed first. */
export function openFirst(a: TaskRecord, b: TaskRecord): number {
  if ((a.status === 'open') !== (b.status === 'open')) return a.status === 'open' ? -1 : 1;
  if (a.status !== 'open') return (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0);
  // Two undated tasks give NaN (∞ − ∞), which `||` passes over to the opening order.
  return dueOf(a) - dueOf(b) || a.openedAt.getTime() - b.openedAt.getTime();
}

/** A case's tasks as GET /cases/{id}/tasks shows them: open first, soonest due first; then the closed ones. */
export function caseTaskViews(tasks: readonly TaskRecord[], now: Date): TaskView[] {
  return [...tasks].sort(openFirst).map((task) => toTaskView(task, now));
}
