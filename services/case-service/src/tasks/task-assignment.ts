/**
 * Who holds a task: a mediator claims one from the queue or gives it back; a supervisor (the agency's liaison, a
 * coordinator) assigns it or hands it to a colleague, through the workflow when the workflow names the holder.
 */
import type { TaskView } from '@gongzhi/contracts';
import type { CaseWorkflows } from '@gongzhi/dispute-client';
import { AppError, ForbiddenError } from '@gongzhi/errors';
import type { Logger } from 'pino';
import type { CasesRepository } from '../cases/cases.repository';
import type { CasesService } from '../cases/cases.service';
import type { CallContext } from '../kernel/call-context';
import type { StaffDirectory } from '../staff/staff-directory';
import { requireEligible } from './agency-checks';
import {
  actorOf,
  mayHold,
  refuseAdministratorOnly,
  requireOpen,
  supervises,
  TaskHeldError,
  visibleTask,
  written,
} from './task-access';
import { toTaskView } from './task-view';
import type { AssigneeChange, TaskRecord } from './tasks.model';
import type { TasksRepository } from './tasks.repository';

/** Claiming, releasing, assigning and reassigning tasks, as the tasks service offers them. */
export interface TaskAssignmentService {
  /** Takes an open task nobody holds; of two people claiming at once exactly one wins. */
  claim(ctx: CallContext, id: string): Promise<TaskView>;
  /** Gives a claimed or assigned task back to the pool (its holder, or a supervisor). */
  unclaim(ctx: CallContext, id: string): Promise<TaskView>;
  /**
   * A supervisor gives an open task nobody holds to an eligible colleague; `reason`, when given, becomes their note on
   * the task, marked with the assignment.
   */
  assign(ctx: CallContext, id: string, staffId: string, reason?: string): Promise<TaskView>;
  /**
   * A supervisor hands a held task to another eligible colleague (through the workflow when it names the holder);
   * `reason`, when given, becomes their note on the task, marked with the hand-over. It stays here: the workflow's
   * Update carries who, never why.
   */
  reassign(ctx: CallContext, id: string, staffId: string, idempotencyKey: string, reason?: string): Promise<TaskView>;
}

/** What changing a task's holder needs: the task and its case, agency-service, the workflow, audit, log, clock, ids. */
export interface TaskAssignmentDeps {
  tasks: Pick<TasksRepository, 'findById' | 'claim' | 'changeAssignee'>;
  cases: Pick<CasesRepository, 'findById' | 'isWatcher'>;
  casesService: Pick<CasesService, 'audit'>;
  workflows: Pick<CaseWorkflows, 'reassign' | 'view'>;
  staff: Pick<StaffDirectory, 'find'>;
  logger: Logger;
  now: () => Date;
  newId: () => string;
}

/** A supervisor's reason for a hand-over, as the note the repository writes with it (nothing without one). */
export function reasonNote(
  newId: () => string,
  ctx: CallContext,
  reason: string | undefined,
): Pick<AssigneeChange, 'reason'> {
  if (reason === undefined) return {};
  return { reason: { noteId: newId(), authorAgencyId: ctx.principal.agencyId, text: reason } };
}

/** Changes of holder, each one conditional write (or a workflow Update first, where the workflow names the holder). */
export function createTaskAssignmentService(deps: TaskAssignmentDeps): TaskAssignmentService {
  const cases = deps.casesService;
  const { now } = deps;
  const view = (task: TaskRecord): TaskView => toTaskView(task, now());

  return {
    async claim(ctx, id) {
      const { principal } = ctx;
      const task = await visibleTask(deps, ctx, id);
      requireOpen(task);
      refuseAdministratorOnly(principal);
      if (!mayHold(principal, task)) {
        throw new ForbiddenError(`Only ${task.roles.join(' or ')} staff of the task's agency may claim this task.`);
      }
      if (task.assigneeStaffId === principal.staffId) return view(task);
      if (task.assigneeStaffId !== null) throw new TaskHeldError(task);
      const write = await deps.tasks.claim(id, principal.staffId, now());
      // Claiming twice at once as the same person is one claim: the second request finds it theirs already.
      if (!write.changed && write.task?.assigneeStaffId === principal.staffId) return view(write.task);
      const claimed = written(write, id);
      await cases.audit(ctx, 'task.claim', 'task', id);
      deps.logger.info({ caseId: task.caseId, taskId: id }, 'task claimed');
      return view(claimed);
    },

    async unclaim(ctx, id) {
      const { principal } = ctx;
      const task = await visibleTask(deps, ctx, id);
      requireOpen(task);
      const holder = task.assigneeStaffId;
      const mayRelease = holder === principal.staffId || supervises(principal, task);
      if (!mayRelease && !mayHold(principal, task)) {
        throw new ForbiddenError(
          'Only the person holding the task, or a supervisor (the agency’s liaison, a coordinator), may release it.',
        );
      }
      if (holder === null) return view(task);
      if (!mayRelease) throw new TaskHeldError(task);
      if (task.workflowAssigned) {
        throw new AppError(409, 'assignee-named-by-workflow', 'The workflow names who holds this task', {
          detail: `The case's workflow made ${holder} responsible for this task: a supervisor hands it to a colleague with POST /api/v1/tasks/${id}/reassign.`,
          extensions: { holderStaffId: holder },
        });
      }
      const write = await deps.tasks.changeAssignee(id, {
        from: holder,
        to: null,
        by: principal.staffId,
        at: now(),
        viaWorkflow: false,
      });
      const released = written(write, id);
      await cases.audit(ctx, 'task.unclaim', 'task', id);
      deps.logger.info({ caseId: task.caseId, taskId: id }, 'task released');
      return view(released);
    },

    async assign(ctx, id, staffId, reason) {
      const { principal } = ctx;
      const task = await visibleTask(deps, ctx, id);
      requireOpen(task);
      if (!supervises(principal, task)) {
        throw new ForbiddenError(
          `Only a supervisor (the liaison of the task's agency, a coordinator) assigns tasks: claim it yourself with POST /api/v1/tasks/${id}/claim.`,
        );
      }
      if (task.assigneeStaffId === staffId) return view(task);
      if (task.assigneeStaffId !== null) throw new TaskHeldError(task);
      await requireEligible(deps.staff, ctx, task, staffId, task.roles);
      const write = await deps.tasks.changeAssignee(id, {
        from: null,
        to: staffId,
        by: principal.staffId,
        at: now(),
        viaWorkflow: false,
        ...reasonNote(deps.newId, ctx, reason),
      });
      const assigned = written(write, id);
      await cases.audit(ctx, 'task.assign', 'task', id);
      deps.logger.info({ caseId: task.caseId, taskId: id }, 'task assigned');
      return view(assigned);
    },

    async reassign(ctx, id, staffId, idempotencyKey, reason) {
      const { principal } = ctx;
      const task = await visibleTask(deps, ctx, id);
      requireOpen(task);
      if (!supervises(principal, task)) {
        throw new ForbiddenError(
          "Only a supervisor (the liaison of the task's agency, a coordinator) hands someone's task to a colleague.",
        );
      }
      const holder = task.assigneeStaffId;
      if (holder === null) {
        throw new AppError(409, 'task-not-held', 'Nobody holds this task', {
          detail: `Nobody holds this task: assign it with POST /api/v1/tasks/${id}/assign, or let a colleague claim it.`,
        });
      }
      if (holder === staffId) return view(task);
      await requireEligible(deps.staff, ctx, task, staffId, task.roles);
      const at = now();
      if (!task.workflowAssigned) {
        const write = await deps.tasks.changeAssignee(id, {
          from: holder,
          to: staffId,
          by: principal.staffId,
          at,
          viaWorkflow: false,
          ...reasonNote(deps.newId, ctx, reason),
        });
        const reassigned = written(write, id);
        await cases.audit(ctx, 'task.reassign', 'task', id);
        deps.logger.info({ caseId: task.caseId, taskId: id }, 'task reassigned');
        return view(reassigned);
      }
      // The workflow names this holder (the responsible mediator): it changes first, and the task follows only if it
      // accepted. Keyed by task, caller and Idempotency-Key, so a retried request is one Update, applied once.
      let named: string | null;
      try {
        const state = await deps.workflows.reassign(
          task.workflowId,
          { actor: actorOf(principal), actionId: task.actionId, toStaffId: staffId },
          `reassign:${task.id}:${principal.staffId}:${idempotencyKey}`,
        );
        named = state.openActions.find((a) => a.actionId === task.actionId)?.assigneeStaffId ?? staffId;
      } catch (error) {
        // A request that reached the workflow but not this table (a timeout, a crash) and is then sent again with a
        // new key finds the workflow already there: catch up with it instead of refusing.
        if (!(error instanceof AppError) || error.extensions['rejection'] !== 'IllegalAction') throw error;
        const current = (await deps.workflows.view(task.workflowId)).openActions.find(
          (a) => a.actionId === task.actionId,
        );
        if (current?.assigneeStaffId !== staffId) throw error;
        named = staffId;
      }
      const write = await deps.tasks.changeAssignee(id, {
        from: holder,
        to: named,
        by: principal.staffId,
        at,
        viaWorkflow: true,
        force: true,
        ...reasonNote(deps.newId, ctx, reason),
      });
      await cases.audit(ctx, 'task.reassign', 'task', id);
      await cases.audit(ctx, 'case.act', 'case', task.caseId);
      deps.logger.info({ caseId: task.caseId, taskId: id }, 'task reassigned through the workflow');
      // The task may have closed meanwhile (the workflow moved on): the answer shows it as it is.
      return view(write.task ?? task);
    },
  };
}
