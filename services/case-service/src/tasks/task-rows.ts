/**
 * The task and note rows as Prisma selects them, and the task row as the service works with it: one select and one
 * mapping, shared by the read model and the writes (which re-read the row they changed).
 */
import type { DisputeType, HumanActionKind, LadderLevel, RiskFlag, StaffRole, TaskStatus } from '@gongzhi/contracts';
import type { Prisma } from '../generated/prisma/client';
import type { TaskRecord } from './tasks.model';

/** Every column of a task the service reads. */
export const taskSelect = {
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

/** A selected task row as a record, its text columns as the contracts' types. */
export function toTask(row: TaskRow): TaskRecord {
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

/** Every column of a task note (a TaskNoteRecord as it is). */
export const noteSelect = {
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

/** The unique key of a task by its case and the workflow's action id. */
export const byAction = (caseId: string, actionId: string) => ({ caseId_actionId: { caseId, actionId } });
