/**
 * Who may see, hold and hand over a task, and the problems that answer when they may not. The parts of the tasks
 * service check these before anything is written or reaches the workflow.
 */
import { canSee } from '@gongzhi/auth';
import type { ActInput, Principal, StaffRole } from '@gongzhi/contracts';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '@gongzhi/errors';
import type { CaseRecord } from '../cases/case.model';
import type { CasesRepository } from '../cases/cases.repository';
import type { CallContext } from '../kernel/call-context';
import { staffRolesOf } from '../kernel/principals';
import type { TaskRecord, TaskScope, TaskWrite } from './tasks.model';
import type { TasksReadModel } from './tasks.read-model';

/** The tasks a caller's queue holds without a view: the same lines as case visibility (`canSee`), drawn for tasks. */
export function taskScopeOf(principal: Principal): TaskScope {
  if (principal.roles.includes('administrator')) return { kind: 'all' };
  if (principal.roles.includes('coordinator')) return { kind: 'town', townCode: principal.townCode };
  return { kind: 'agency', agencyId: principal.agencyId, staffId: principal.staffId };
}

/** Whether the task is in the caller's queue without a view (see taskScopeOf). */
export function inQueue(principal: Principal, task: TaskRecord): boolean {
  const scope = taskScopeOf(principal);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'town':
      return task.townCode === scope.townCode;
    default:
      return task.agencyId === principal.agencyId || task.assigneeStaffId === principal.staffId;
  }
}

/** The roles a caller can hold tasks with: administrators repair, they never act in a dispute. */
export function holdingRoles(principal: Principal): StaffRole[] {
  return staffRolesOf(principal).filter((role) => role !== 'administrator');
}

/** Whether the caller may take the task: staff of its agency with one of its roles. */
export function mayHold(principal: Principal, task: TaskRecord): boolean {
  return principal.agencyId === task.agencyId && holdingRoles(principal).some((role) => task.roles.includes(role));
}

/** Whether the caller holds the task: in its agency with one of its roles, or named as its assignee. */
export function holdsTask(principal: Principal, task: TaskRecord): boolean {
  if (task.assigneeStaffId !== null && task.assigneeStaffId === principal.staffId) return true;
  return mayHold(principal, task);
}

/**
 * Who hands tasks to others (assign, reassign, release someone's claim): the liaison of the task's agency, a
 * coordinator of its town, and administrators (repairing a queue whose holder left). For a task the workflow names
 * its holder for, the workflow has the last word (it accepts liaisons and coordinators).
 */
export function supervises(principal: Principal, task: TaskRecord): boolean {
  if (principal.roles.includes('administrator')) return true;
  if (principal.roles.includes('coordinator') && principal.townCode === task.townCode) return true;
  return principal.roles.includes('liaison') && principal.agencyId === task.agencyId;
}

/**
 * Administrators repair workflows; they never act in a dispute (an action carries the actor's authority as a
 * mediator, liaison or coordinator, and the timeline names them).
 */
export function refuseAdministratorOnly(principal: Principal): void {
  if (staffRolesOf(principal).every((role) => role === 'administrator')) {
    throw new ForbiddenError(
      'Administrators do not act on cases: ask the staff of the agency that holds the task, or a coordinator.',
    );
  }
}

/** Someone else holds the task: the problem names them, so the caller knows whom to ask. */
export class TaskHeldError extends AppError {
  constructor(task: TaskRecord) {
    super(409, 'task-held', 'Someone else holds the task', {
      detail: `Staff member ${task.assigneeStaffId ?? '?'} holds this task: ask them, or a supervisor (the agency's liaison or a coordinator) to reassign it.`,
      extensions: { holderStaffId: task.assigneeStaffId, assignedAt: task.assignedAt?.toISOString() ?? null },
    });
  }
}

/** The task is closed already: the caller reloads the case to see what is due now. */
export function closedConflict(task: TaskRecord): ConflictError {
  return new ConflictError(`This task is already ${task.status}: reload the case to see what is due now.`, {
    taskStatus: task.status,
  });
}

/** 409 unless the task is open. */
export function requireOpen(task: TaskRecord): void {
  if (task.status !== 'open') throw closedConflict(task);
}

/** Why a conditional write changed nothing, told from the row as it is now. */
function conflictOf(task: TaskRecord | undefined, id: string): AppError {
  if (!task) return new NotFoundError('task', id);
  if (task.status !== 'open') return closedConflict(task);
  if (task.assigneeStaffId !== null) return new TaskHeldError(task);
  return new ConflictError('The task changed while you acted: reload it and try again.');
}

/** After a write: the task as it is now, or why the write could not apply. */
export function written(write: TaskWrite, id: string): TaskRecord {
  if (!write.changed || !write.task) throw conflictOf(write.task, id);
  return write.task;
}

function caseIsVisible(principal: Principal, record: CaseRecord | undefined): boolean {
  return record !== undefined && canSee(principal, { townCode: record.townCode, agencyIds: record.agencyIds });
}

/** What `visibleTask` reads: the task, its case, and whether the caller watches the case. */
export interface TaskVisibilityDeps {
  tasks: Pick<TasksReadModel, 'findById'>;
  cases: Pick<CasesRepository, 'findById' | 'isWatcher'>;
}

/**
 * The task, if it is in the caller's queue or belongs to a case they see; to read it, also a case they watch. 404
 * otherwise, like a missing one. Every action checks on top what the caller may do.
 */
export async function visibleTask(
  deps: TaskVisibilityDeps,
  ctx: CallContext,
  id: string,
  purpose: 'read' | 'act' = 'act',
): Promise<TaskRecord> {
  const task = await deps.tasks.findById(id);
  if (
    task &&
    (inQueue(ctx.principal, task) ||
      caseIsVisible(ctx.principal, await deps.cases.findById(task.caseId)) ||
      (purpose === 'read' && (await deps.cases.isWatcher(task.caseId, ctx.principal.staffId))))
  ) {
    return task;
  }
  throw new NotFoundError('task', id);
}

/** The caller as the workflow's actor: who they are, where, and with which staff roles. */
export function actorOf(principal: Principal): ActInput['actor'] {
  return { staffId: principal.staffId, agencyId: principal.agencyId, roles: staffRolesOf(principal) };
}
