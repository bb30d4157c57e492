import { canSee } from '@gongzhi/auth';
import type {
  ActInput,
  CaseActionRequest,
  CaseActionResponse,
  CompleteTaskResponse,
  DisputeAction,
  Principal,
  TaskListFilters,
  TaskView,
} from '@gongzhi/contracts';
import { ConflictError, ForbiddenError, NotFoundError } from '@gongzhi/errors';
import { decodeCursor, type Page, type PageQuery, toPage } from '@gongzhi/http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type CaseWorkflows, summariseState } from '../cases/case-workflows';
import type { CaseRecord, CasesRepository } from '../cases/cases.repository';
import type { CallContext, CasesService } from '../cases/cases.service';
import { staffRolesOf } from '../principals';
import type { TaskRecord, TaskScope, TasksRepository } from './tasks.repository';

export interface TasksServiceDeps {
  tasks: TasksRepository;
  cases: CasesRepository;
  casesService: CasesService;
  workflows: CaseWorkflows;
  logger: Logger;
}

export interface TasksService {
  /** The tasks of a case the caller may see, open ones first. */
  listForCase(ctx: CallContext, caseId: string): Promise<TaskView[]>;
  /** The caller's queue: their agency's tasks and those assigned to them (a coordinator: the town's; admin: all). */
  list(ctx: CallContext, query: TaskListFilters & PageQuery): Promise<Page<TaskView>>;
  get(ctx: CallContext, id: string): Promise<TaskView>;
  /** Sends the action to the case's workflow as the task's holder; the workflow closes the task itself. */
  complete(ctx: CallContext, id: string, action: DisputeAction, idempotencyKey: string): Promise<CompleteTaskResponse>;
  /** Sends an action not bound to a task the caller holds; the workflow decides whether the caller may. */
  actOnCase(
    ctx: CallContext,
    caseId: string,
    request: CaseActionRequest,
    idempotencyKey: string,
  ): Promise<CaseActionResponse>;
}

export function toTaskView(task: TaskRecord): TaskView {
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
  };
}

const TaskCursor = z.object({ dueAt: z.string().datetime().optional(), id: z.string().uuid() }).strict();

/** The tasks a caller's queue holds: the same lines as case visibility (`canSee`), drawn for tasks. */
export function taskScopeOf(principal: Principal): TaskScope {
  if (principal.roles.includes('administrator')) return { kind: 'all' };
  if (principal.roles.includes('coordinator')) return { kind: 'town', townCode: principal.townCode };
  return { kind: 'agency', agencyId: principal.agencyId, staffId: principal.staffId };
}

function inScope(scope: TaskScope, task: TaskRecord): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'town':
      return task.townCode === scope.townCode;
    case 'agency':
      return task.agencyId === scope.agencyId || task.assigneeStaffId === scope.staffId;
  }
}

/** Whether the caller holds the task: in its agency with one of its roles, or named as its assignee. */
export function holdsTask(principal: Principal, task: TaskRecord): boolean {
  if (task.assigneeStaffId !== null && task.assigneeStaffId === principal.staffId) return true;
  const roles = staffRolesOf(principal).filter((role) => role !== 'administrator');
  return principal.agencyId === task.agencyId && roles.some((role) => task.roles.includes(role));
}

/**
 * Administrators repair workflows; they never act in a dispute (an action carries the actor's authority as a
 * mediator, liaison or coordinator, and the timeline names them).
 */
function refuseAdministratorOnly(principal: Principal): void {
  if (staffRolesOf(principal).every((role) => role === 'administrator')) {
    throw new ForbiddenError(
      'Administrators do not act on cases: ask the staff of the agency that holds the task, or a coordinator.',
    );
  }
}

const dueOf = (task: TaskRecord) => task.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;

/** Open tasks first (soonest due first, undated last), then the closed ones, most recently closed first. */
function openFirst(a: TaskRecord, b: TaskRecord): number {
  if ((a.status === 'open') !== (b.status === 'open')) return a.status === 'open' ? -1 : 1;
  if (a.status !== 'open') return (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0);
  // Two undated tasks give NaN (∞ − ∞), which `||` passes over to the opening order.
  return dueOf(a) - dueOf(b) || a.openedAt.getTime() - b.openedAt.getTime();
}

export function createTasksService(deps: TasksServiceDeps): TasksService {
  const cases = deps.casesService;

  function caseIsVisible(principal: Principal, record: CaseRecord | undefined): boolean {
    return record !== undefined && canSee(principal, { townCode: record.townCode, agencyIds: record.agencyIds });
  }

  /** The task, if it is in the caller's queue or belongs to a case they see; 404 otherwise, like a missing one. */
  async function visibleTask(ctx: CallContext, id: string): Promise<TaskRecord> {
    const task = await deps.tasks.findById(id);
    if (
      task &&
      (inScope(taskScopeOf(ctx.principal), task) ||
        caseIsVisible(ctx.principal, await deps.cases.findById(task.caseId)))
    ) {
      return task;
    }
    throw new NotFoundError('task', id);
  }

  function actorOf(principal: Principal): ActInput['actor'] {
    return { staffId: principal.staffId, agencyId: principal.agencyId, roles: staffRolesOf(principal) };
  }

  return {
    async listForCase(ctx, caseId) {
      await cases.requireVisible(ctx, caseId);
      const tasks = await deps.tasks.listForCase(caseId);
      await cases.audit(ctx, 'case.tasks.read', 'case', caseId);
      return [...tasks].sort(openFirst).map(toTaskView);
    },

    async list(ctx, query) {
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, TaskCursor);
      const rows = await deps.tasks.list(
        taskScopeOf(ctx.principal),
        { status: query.status, caseId: query.caseId, kind: query.kind, agencyId: query.agencyId },
        query.limit + 1,
        after,
      );
      const page = toPage(rows, query.limit, toTaskView, (task) => ({
        ...(task.dueAt ? { dueAt: task.dueAt.toISOString() } : {}),
        id: task.id,
      }));
      await Promise.all(page.items.map((task) => cases.audit(ctx, 'task.list', 'task', task.id)));
      return page;
    },

    async get(ctx, id) {
      const task = await visibleTask(ctx, id);
      await cases.audit(ctx, 'task.read', 'task', id);
      return toTaskView(task);
    },

    async complete(ctx, id, action, idempotencyKey) {
      const task = await visibleTask(ctx, id);
      // A task this caller completed may be their own retry of a request that timed out while the workflow was
      // applying it: it goes to the workflow with the same Update id, which answers with the first outcome (or, for a
      // genuinely new attempt, rejects it as stale). Anyone else finds it closed.
      const ownRetry = task.status === 'completed' && task.closedBy === ctx.principal.staffId;
      if (task.status !== 'open' && !ownRetry) {
        throw new ConflictError(`This task is already ${task.status}: reload the case to see what is due now.`, {
          taskStatus: task.status,
        });
      }
      refuseAdministratorOnly(ctx.principal);
      if (!holdsTask(ctx.principal, task)) {
        throw new ForbiddenError(
          `Only ${task.roles.join(' or ')} staff of the task's agency (or its assignee) may complete this task.`,
        );
      }
      // Keyed by task, caller and Idempotency-Key: a retried request is the same Update, which Temporal applies once.
      const updateId = `complete:${task.id}:${ctx.principal.staffId}:${idempotencyKey}`;
      const state = await deps.workflows.act(
        task.workflowId,
        { actor: actorOf(ctx.principal), actionId: task.actionId, action },
        updateId,
      );
      await cases.audit(ctx, 'task.complete', 'task', task.id);
      await cases.audit(ctx, 'case.act', 'case', task.caseId);
      deps.logger.info({ caseId: task.caseId, taskId: task.id, action: action.kind }, 'task action accepted');
      // The workflow's closeTask activity ran before the Update returned: the re-read shows what it did.
      const after = (await deps.tasks.findById(task.id)) ?? task;
      return { task: toTaskView(after), state: summariseState(state) };
    },

    async actOnCase(ctx, caseId, request, idempotencyKey) {
      const record = await cases.requireVisible(ctx, caseId);
      refuseAdministratorOnly(ctx.principal);
      const updateId = `act:${caseId}:${ctx.principal.staffId}:${idempotencyKey}`;
      const state = await deps.workflows.act(
        record.workflowId,
        {
          actor: actorOf(ctx.principal),
          ...(request.actionId === undefined ? {} : { actionId: request.actionId }),
          action: request.action,
        },
        updateId,
      );
      await cases.audit(ctx, 'case.act', 'case', caseId);
      deps.logger.info({ caseId, action: request.action.kind }, 'case action accepted');
      return { state: summariseState(state) };
    },
  };
}
