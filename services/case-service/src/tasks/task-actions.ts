/**
 * Acting on a case through its workflow: completing a task (accepting a transfer, recording a session or an agreement,
 * deciding…), or an action on the case itself. The workflow decides what happens and closes the task; this checks
 * first what case-service knows and the workflow cannot (who holds the task, what agency-service vouches for).
 */
import {
  type CaseActionRequest,
  type CaseActionResponse,
  type CompleteTaskResponse,
  type DisputeAction,
  type DisputeState,
  TASK_OF_ACTION,
} from '@gongzhi/contracts';
import { type CaseWorkflows, summariseState } from '@gongzhi/dispute-client';
import { ForbiddenError, NotFoundError, ValidationError } from '@gongzhi/errors';
import type { Logger } from 'pino';
import type { CasesRepository } from '../cases/cases.repository';
import type { CasesService } from '../cases/cases.service';
import type { CallContext } from '../kernel/call-context';
import type { StaffDirectory } from '../staff/staff-directory';
import { requireNamedAllowed, withNamedLookupStarted } from './agency-checks';
import { actorOf, closedConflict, holdsTask, refuseAdministratorOnly, TaskHeldError, visibleTask } from './task-access';
import { caseTaskViews, toTaskView } from './task-view';
import type { TaskRecord } from './tasks.model';
import type { TasksReadModel } from './tasks.read-model';

/** Actions on tasks and cases, as the tasks service offers them. */
export interface TaskActionsService {
  /** Sends the action to the case's workflow as the task's holder; the workflow closes the task itself. */
  complete(ctx: CallContext, id: string, action: DisputeAction, idempotencyKey: string): Promise<CompleteTaskResponse>;
  /**
   * Sends an action on the case. A task-bound action (see TASK_OF_ACTION) names its task by `actionId` and is that
   * task's completion, under the same rules as `complete`; any other goes to the workflow, which decides whether the
   * caller may.
   */
  actOnCase(
    ctx: CallContext,
    caseId: string,
    request: CaseActionRequest,
    idempotencyKey: string,
  ): Promise<CaseActionResponse>;
}

/** What an action needs: the task and its case, agency-service, the workflow, audit, log and clock. */
export interface TaskActionsDeps {
  tasks: Pick<TasksReadModel, 'findById' | 'findByAction' | 'listForCase'>;
  cases: Pick<CasesRepository, 'findById' | 'isWatcher'>;
  casesService: Pick<CasesService, 'requireVisible' | 'requireReadable' | 'audit'>;
  workflows: Pick<CaseWorkflows, 'act'>;
  staff: Pick<StaffDirectory, 'find' | 'findAgency'>;
  logger: Logger;
  now: () => Date;
}

/**
 * The one way an action on a task reaches the workflow, whichever route it came by (`complete`, or `actOnCase` naming
 * the task): the task is open (or this is the caller's own retry), the caller may hold it, a held task is its
 * holder's to do, and whoever and whatever the action names is vouched for by agency-service.
 */
export async function actOnTask(
  deps: Pick<TaskActionsDeps, 'casesService' | 'workflows' | 'staff' | 'logger'>,
  ctx: CallContext,
  task: TaskRecord,
  action: DisputeAction,
  updateId: string,
): Promise<DisputeState> {
  // A task this caller completed may be their own retry of a request that timed out while the workflow was
  // applying it: it goes to the workflow with the same Update id, which answers with the first outcome (or, for a
  // genuinely new attempt, rejects it as stale). Anyone else finds it closed.
  const ownRetry = task.status === 'completed' && task.closedBy === ctx.principal.staffId;
  if (task.status !== 'open' && !ownRetry) throw closedConflict(task);
  refuseAdministratorOnly(ctx.principal);
  if (!holdsTask(ctx.principal, task)) {
    throw new ForbiddenError(
      `Only ${task.roles.join(' or ')} staff of the task's agency (or its assignee) may complete this task.`,
    );
  }
  // A held task is its holder's to do: a colleague asks them, or a supervisor to reassign it.
  if (task.status === 'open' && task.assigneeStaffId !== null && task.assigneeStaffId !== ctx.principal.staffId) {
    throw new TaskHeldError(task);
  }
  // A retry was checked the first time, and the workflow answers it with the first outcome.
  if (!ownRetry) await requireNamedAllowed(deps.staff, ctx, task.townCode, task, action);
  const state = await deps.workflows.act(
    task.workflowId,
    { actor: actorOf(ctx.principal), actionId: task.actionId, action },
    updateId,
  );
  deps.logger.info({ caseId: task.caseId, taskId: task.id, action: action.kind }, 'task action accepted');
  return state;
}

/** The audit trail's rows for an action on a task: recorded in one turn, so the trail writes both in one INSERT. */
function auditTaskAction(
  deps: Pick<TaskActionsDeps, 'casesService'>,
  ctx: CallContext,
  task: TaskRecord,
): Promise<unknown> {
  return Promise.all([
    deps.casesService.audit(ctx, 'task.complete', 'task', task.id),
    deps.casesService.audit(ctx, 'case.act', 'case', task.caseId),
  ]);
}

/** Actions checked here, then sent to the case's workflow as Updates keyed by the caller's Idempotency-Key. */
export function createTaskActionsService(deps: TaskActionsDeps): TaskActionsService {
  const cases = deps.casesService;

  return {
    async complete(ctx, id, action, idempotencyKey) {
      const staff = withNamedLookupStarted(deps.staff, ctx, action);
      const task = await visibleTask(deps, ctx, id);
      // Keyed by task, caller and Idempotency-Key: a retried request is the same Update, which Temporal applies once.
      const state = await actOnTask(
        { ...deps, staff },
        ctx,
        task,
        action,
        `complete:${task.id}:${ctx.principal.staffId}:${idempotencyKey}`,
      );
      // The workflow's commit ran before the Update returned: the re-read shows what it did, the next task included.
      // Read access is asked again, as the action may have taken the case out of the caller's sight (a rejected
      // transfer); then the answer carries the completed task alone.
      const [rows, readable] = await Promise.all([
        deps.tasks.listForCase(task.caseId),
        cases.requireReadable(ctx, task.caseId).then(
          () => true,
          (error: unknown) => {
            if (error instanceof NotFoundError) return false;
            throw error;
          },
        ),
      ]);
      // The action's rows and the read's in one turn: one INSERT.
      await Promise.all([
        auditTaskAction(deps, ctx, task),
        readable ? cases.audit(ctx, 'case.tasks.read', 'case', task.caseId) : undefined,
      ]);
      const at = deps.now();
      const after = toTaskView(rows.find((row) => row.id === task.id) ?? task, at);
      if (!readable) return { task: after, state: summariseState(state) };
      return { task: after, state: summariseState(state), caseTasks: caseTaskViews(rows, at) };
    },

    async actOnCase(ctx, caseId, request, idempotencyKey) {
      const record = await cases.requireVisible(ctx, caseId);
      refuseAdministratorOnly(ctx.principal);
      const { action } = request;
      const updateId = `act:${caseId}:${ctx.principal.staffId}:${idempotencyKey}`;
      const taskKind = TASK_OF_ACTION[action.kind];
      if (taskKind !== null) {
        // A task-bound action completes (or works under) its task, whichever route it comes by: the task's rules apply
        // here exactly as on POST /tasks/{id}/complete, so naming the task by its action id gets around none of them.
        if (request.actionId === undefined) {
          throw new ValidationError(`A ${action.kind} action completes a ${taskKind} task: name it.`, [
            {
              path: 'actionId',
              message: `send the ${taskKind} task's actionId, or use POST /api/v1/tasks/{taskId}/complete`,
            },
          ]);
        }
        const task = await deps.tasks.findByAction(caseId, request.actionId);
        if (!task) throw new NotFoundError('task', request.actionId);
        const state = await actOnTask(deps, ctx, task, action, updateId);
        await auditTaskAction(deps, ctx, task);
        return { state: summariseState(state) };
      }
      await requireNamedAllowed(deps.staff, ctx, record.townCode, undefined, action);
      const state = await deps.workflows.act(
        record.workflowId,
        {
          actor: actorOf(ctx.principal),
          ...(request.actionId === undefined ? {} : { actionId: request.actionId }),
          action,
        },
        updateId,
      );
      await cases.audit(ctx, 'case.act', 'case', caseId);
      deps.logger.info({ caseId, action: action.kind }, 'case action accepted');
      return { state: summariseState(state) };
    },
  };
}
