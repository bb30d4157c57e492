/**
 * A task's priority and legal clock, computed when it is read (they depend on the time). The SQL of the task queue
 * (task-queue-sql.ts) computes the same priority; a test pins the two to each other.
 */
import type { RiskFlag, TaskClock, TaskPriority } from '@gongzhi/contracts';

/** "Due soon": not yet overdue, but due within this long. Calendar hours: the due date already counts working days. */
export const DUE_SOON_MS = 48 * 3_600_000;

/** Sort rank of each priority, most urgent highest (what the SQL's CASE expression yields). */
export const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 3, high: 2, normal: 1, low: 0 };

const BY_RANK: readonly TaskPriority[] = ['low', 'normal', 'high', 'urgent'];

export function priorityOfRank(rank: number): TaskPriority {
  return BY_RANK[rank] ?? 'low';
}

/**
 * urgent: overdue, or at risk (民转刑, group dispute, key person) and due within 48 hours; high: due within 48 hours,
 * or at risk; normal: any other task with a due date; low: no due date.
 */
export function priorityOf(task: { dueAt: Date | null; riskFlags: readonly RiskFlag[] }, asOf: Date): TaskPriority {
  const atRisk = task.riskFlags.length > 0;
  if (task.dueAt === null) return atRisk ? 'high' : 'low';
  const left = task.dueAt.getTime() - asOf.getTime();
  if (left < 0 || (atRisk && left < DUE_SOON_MS)) return 'urgent';
  if (left < DUE_SOON_MS || atRisk) return 'high';
  return 'normal';
}

/** Overdue at `asOf`. */
export function isOverdue(dueAt: Date | null, asOf: Date): boolean {
  return dueAt !== null && dueAt.getTime() < asOf.getTime();
}

/** Not yet overdue at `asOf`, but due within {@link DUE_SOON_MS}. */
export function isDueSoon(dueAt: Date | null, asOf: Date): boolean {
  if (dueAt === null) return false;
  const left = dueAt.getTime() - asOf.getTime();
  return left >= 0 && left < DUE_SOON_MS;
}

/**
 * The remaining time on the task's clock: measured from `now` while the task is open, and from the instant it closed
 * once it is closed (so a closed task says whether it was done in time, and stops counting).
 */
export function clockOf(
  task: { dueAt: Date | null; rule: string | null; closedAt: Date | null },
  now: Date,
): TaskClock {
  if (task.dueAt === null) return { dueAt: null, remainingMs: null, overdue: false, rule: task.rule };
  const reference = task.closedAt ?? now;
  const remainingMs = task.dueAt.getTime() - reference.getTime();
  return { dueAt: task.dueAt.toISOString(), remainingMs, overdue: remainingMs < 0, rule: task.rule };
}
