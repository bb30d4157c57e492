import { randomUUID } from 'node:crypto';
import { canSee } from '@gongzhi/auth';
import {
  type ActInput,
  type CaseActionRequest,
  type CaseActionResponse,
  type CompleteTaskResponse,
  type DisputeAction,
  type DisputeState,
  type InboxFilters,
  type InboxItem,
  type Principal,
  type StaffRole,
  TASK_OF_ACTION,
  TASK_SORTS,
  type TaskCounts,
  type TaskListFilters,
  type TaskNoteView,
  type TaskView,
  type TaskViewName,
  type WatchedCase,
  Instant,
} from '@gongzhi/contracts';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@gongzhi/errors';
import { decodeCursor, type Page, type PageQuery, toPage } from '@gongzhi/http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type CaseWorkflows, summariseState } from '@gongzhi/dispute-client';
import type { CaseRecord, CasesRepository, TransferRequest } from '../cases/cases.repository';
import type { CallContext } from '../kernel/call-context';
import type { CasesService } from '../cases/cases.service';
import { staffRolesOf } from '../kernel/principals';
import type { StaffDirectory, StaffLookup } from '../staff/staff-directory';
import { earlierRejectionsOf } from './earlier-rejections';
import { clockOf, PRIORITY_RANK, priorityOf } from './task-clock';
import type {
  AssigneeChange,
  TaskFilters,
  TaskListPosition,
  TaskNoteRecord,
  TaskRecord,
  TaskScope,
  TasksRepository,
  TaskWrite,
} from './tasks.repository';

export interface TasksServiceDeps {
  tasks: TasksRepository;
  cases: CasesRepository;
  casesService: CasesService;
  workflows: CaseWorkflows;
  /** agency-service's staff accounts and agencies: who may be handed a task, where a case may be sent. */
  staff: StaffDirectory;
  logger: Logger;
  newId?: () => string;
  now?: () => Date;
}

export interface TasksService {
  /** The tasks of a case the caller may read (or watches), open ones first. */
  listForCase(ctx: CallContext, caseId: string): Promise<TaskView[]>;
  /** A view of the task queue (or, without one, the caller's queue), filtered, sorted and paged. */
  list(ctx: CallContext, query: TaskListFilters & PageQuery): Promise<Page<TaskView>>;
  /** How many open tasks each view holds for the caller, and how many are overdue. */
  counts(ctx: CallContext): Promise<TaskCounts>;
  /** The transfers waiting for the caller's agency (coordinators: the town's), with case and origin. */
  inbox(ctx: CallContext, query: InboxFilters & PageQuery): Promise<Page<InboxItem>>;
  /** The cases the caller watches. */
  watching(ctx: CallContext, page: PageQuery): Promise<Page<WatchedCase>>;
  get(ctx: CallContext, id: string): Promise<TaskView>;
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
  addNote(ctx: CallContext, id: string, text: string): Promise<TaskNoteView>;
  listNotes(ctx: CallContext, id: string): Promise<TaskNoteView[]>;
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

function toNoteView(note: TaskNoteRecord): TaskNoteView {
  const { assignedFrom, assignedTo, ...rest } = note;
  return {
    ...rest,
    createdAt: note.createdAt.toISOString(),
    assignment: assignedTo === null ? null : { fromStaffId: assignedFrom, toStaffId: assignedTo },
  };
}

/** A page's position in its sort, and the instant its priorities are computed at (see TaskListRequest). */
const TaskCursor = z
  .object({
    sort: z.enum(TASK_SORTS),
    // Instant, not any ISO string: a forged cursor's year 0000 is a 400 here, never a database error.
    asOf: Instant,
    dueAt: Instant.optional(),
    rank: z.number().int().min(0).max(3).optional(),
    openedAt: Instant.optional(),
    id: z.string().uuid(),
  })
  .strict();
type TaskCursor = z.infer<typeof TaskCursor>;

const WatchedCursor = z.object({ since: Instant, caseId: z.string().uuid() }).strict();

/** The tasks a caller's queue holds without a view: the same lines as case visibility (`canSee`), drawn for tasks. */
export function taskScopeOf(principal: Principal): TaskScope {
  if (principal.roles.includes('administrator')) return { kind: 'all' };
  if (principal.roles.includes('coordinator')) return { kind: 'town', townCode: principal.townCode };
  return { kind: 'agency', agencyId: principal.agencyId, staffId: principal.staffId };
}

function inQueue(principal: Principal, task: TaskRecord): boolean {
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
function holdingRoles(principal: Principal): StaffRole[] {
  return staffRolesOf(principal).filter((role) => role !== 'administrator');
}

/** Whether the caller may take the task: staff of its agency with one of its roles. */
function mayHold(principal: Principal, task: TaskRecord): boolean {
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
function supervises(principal: Principal, task: TaskRecord): boolean {
  if (principal.roles.includes('administrator')) return true;
  if (principal.roles.includes('coordinator') && principal.townCode === task.townCode) return true;
  return principal.roles.includes('liaison') && principal.agencyId === task.agencyId;
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

/** Someone else holds the task: the problem names them, so the caller knows whom to ask. */
export class TaskHeldError extends AppError {
  constructor(task: TaskRecord) {
    super(409, 'task-held', 'Someone else holds the task', {
      detail: `Staff member ${task.assigneeStaffId ?? '?'} holds this task: ask them, or a supervisor (the agency's liaison or a coordinator) to reassign it.`,
      extensions: { holderStaffId: task.assigneeStaffId, assignedAt: task.assignedAt?.toISOString() ?? null },
    });
  }
}

function closedConflict(task: TaskRecord): ConflictError {
  return new ConflictError(`This task is already ${task.status}: reload the case to see what is due now.`, {
    taskStatus: task.status,
  });
}

function requireOpen(task: TaskRecord): void {
  if (task.status !== 'open') throw closedConflict(task);
}

/** Why a conditional write changed nothing, told from the row as it is now. */
function conflictOf(task: TaskRecord | undefined, id: string): AppError {
  if (!task) return new NotFoundError('task', id);
  if (task.status !== 'open') return closedConflict(task);
  if (task.assigneeStaffId !== null) return new TaskHeldError(task);
  return new ConflictError('The task changed while you acted: reload it and try again.');
}

const dueOf = (task: TaskRecord) => task.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;

/** Open tasks first (soonest due first, undated last), then the closed ones, most recently closed first. */
function openFirst(a: TaskRecord, b: TaskRecord): number {
  if ((a.status === 'open') !== (b.status === 'open')) return a.status === 'open' ? -1 : 1;
  if (a.status !== 'open') return (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0);
  // Two undated tasks give NaN (∞ − ∞), which `||` passes over to the opening order.
  return dueOf(a) - dueOf(b) || a.openedAt.getTime() - b.openedAt.getTime();
}

/** The transfer that opened an accept-transfer task: the latest request to its agency at its level, before it opened. */
function originOf(task: TaskRecord, requests: TransferRequest[]): TransferRequest | undefined {
  const matching = requests.filter(
    (r) => r.caseId === task.caseId && r.level === task.level && r.toAgencyId === task.agencyId,
  );
  return matching.filter((r) => r.at.getTime() <= task.openedAt.getTime()).at(-1) ?? matching.at(-1);
}

export function createTasksService(deps: TasksServiceDeps): TasksService {
  const cases = deps.casesService;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;

  function caseIsVisible(principal: Principal, record: CaseRecord | undefined): boolean {
    return record !== undefined && canSee(principal, { townCode: record.townCode, agencyIds: record.agencyIds });
  }

  /**
   * The task, if it is in the caller's queue or belongs to a case they see; to read it, also a case they watch. 404
   * otherwise, like a missing one. Every action checks on top what the caller may do.
   */
  async function visibleTask(ctx: CallContext, id: string, purpose: 'read' | 'act' = 'act'): Promise<TaskRecord> {
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

  function actorOf(principal: Principal): ActInput['actor'] {
    return { staffId: principal.staffId, agencyId: principal.agencyId, roles: staffRolesOf(principal) };
  }

  /** The scope of a view for this caller; 403 for a view their role does not have. */
  function viewScope(principal: Principal, view: TaskViewName | undefined): TaskScope {
    const { roles } = principal;
    switch (view) {
      case undefined:
        return taskScopeOf(principal);
      case 'available':
        return { kind: 'eligible', agencyId: principal.agencyId, roles: holdingRoles(principal), unassignedOnly: true };
      case 'mine':
        return { kind: 'assignee', staffId: principal.staffId };
      case 'team':
        if (!roles.some((role) => role === 'liaison' || role === 'coordinator' || role === 'administrator')) {
          throw new ForbiddenError('The team view is for liaisons and coordinators: use view=available or view=mine.');
        }
        return { kind: 'team', agencyId: principal.agencyId };
      case 'all':
        if (roles.includes('administrator')) return { kind: 'all' };
        if (roles.includes('coordinator')) return { kind: 'town', townCode: principal.townCode };
        throw new ForbiddenError(
          'The all view is for coordinators (the town) and administrators: use view=team, available or mine.',
        );
      case 'watching':
        return { kind: 'watching', staffId: principal.staffId };
    }
  }

  /** The inbox: the town's transfers for a coordinator, all for an administrator, else the agency's (with the role). */
  function inboxScope(principal: Principal): TaskScope {
    if (principal.roles.includes('administrator')) return { kind: 'all' };
    if (principal.roles.includes('coordinator')) return { kind: 'town', townCode: principal.townCode };
    return { kind: 'eligible', agencyId: principal.agencyId, roles: holdingRoles(principal), unassignedOnly: false };
  }

  function filtersOf(query: TaskListFilters): TaskFilters {
    return {
      status: query.status,
      ...(query.caseId === undefined ? {} : { caseId: query.caseId }),
      ...(query.kind === undefined ? {} : { kind: query.kind }),
      ...(query.agencyId === undefined ? {} : { agencyId: query.agencyId }),
      ...(query.level === undefined ? {} : { level: query.level }),
      ...(query.villageCode === undefined ? {} : { villageCode: query.villageCode }),
      ...(query.disputeType === undefined ? {} : { disputeType: query.disputeType }),
      ...(query.priority === undefined ? {} : { priority: query.priority }),
      ...(query.dueBefore === undefined ? {} : { dueBefore: new Date(query.dueBefore) }),
      ...(query.dueAfter === undefined ? {} : { dueAfter: new Date(query.dueAfter) }),
      ...(query.overdue === undefined ? {} : { overdue: query.overdue }),
      ...(query.dueSoon === undefined ? {} : { dueSoon: query.dueSoon }),
    };
  }

  /** Lists a page of tasks in the sort, continuing from the cursor (which must come from the same sort). */
  async function page(
    scope: TaskScope,
    filters: TaskFilters,
    query: PageQuery & { sort: TaskCursor['sort'] },
  ): Promise<{ rows: TaskRecord[]; asOf: Date; next: (task: TaskRecord) => Record<string, string | number> }> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, TaskCursor);
    if (cursor && cursor.sort !== query.sort) {
      throw new ValidationError('The cursor belongs to another sort: start again without `cursor`.', [
        { path: 'cursor', message: `this cursor pages sort=${cursor.sort}` },
      ]);
    }
    const asOf = cursor ? new Date(cursor.asOf) : now();
    const after: TaskListPosition | undefined = cursor && {
      id: cursor.id,
      ...(cursor.dueAt === undefined ? {} : { dueAt: cursor.dueAt }),
      ...(cursor.rank === undefined ? {} : { rank: cursor.rank }),
      ...(cursor.openedAt === undefined ? {} : { openedAt: cursor.openedAt }),
    };
    const rows = await deps.tasks.list(scope, filters, {
      sort: query.sort,
      asOf,
      limit: query.limit + 1,
      ...(after ? { after } : {}),
    });
    const next = (task: TaskRecord) => ({
      sort: query.sort,
      asOf: asOf.toISOString(),
      id: task.id,
      ...(task.dueAt ? { dueAt: task.dueAt.toISOString() } : {}),
      ...(query.sort === 'priority' ? { rank: PRIORITY_RANK[priorityOf(task, asOf)] } : {}),
      ...(query.sort === 'created' ? { openedAt: task.openedAt.toISOString() } : {}),
    });
    return { rows, asOf, next };
  }

  /** agency-service is asked as the caller, so its visibility rule applies to them. */
  function lookupOf(ctx: CallContext): StaffLookup {
    return { principal: ctx.principal, authorization: ctx.authorization, requestId: ctx.requestId };
  }

  /** The staff member, if they may hold the task (active, of its agency, with one of `roles`); 422 otherwise. */
  async function requireEligible(
    ctx: CallContext,
    task: TaskRecord,
    staffId: string,
    roles: readonly StaffRole[],
  ): Promise<void> {
    const member = await deps.staff.find(staffId, lookupOf(ctx));
    if (member && member.active && member.agencyId === task.agencyId && member.roles.some((r) => roles.includes(r))) {
      return;
    }
    throw new AppError(422, 'assignee-not-eligible', 'That person cannot hold this task', {
      detail: `Choose an active staff member of agency ${task.agencyId} with the ${roles.join(' or ')} role (as agency-service knows them).`,
      extensions: { staffId },
    });
  }

  /**
   * Agencies a case is to be sent to (joint mediation, a re-route naming its agency) must be agencies of the case's town
   * that agency-service knows and shows the caller; 422 otherwise, before anything reaches the workflow (which checks
   * them again). agency-service has no inactive agencies: one it knows is one that works.
   */
  async function requireAgenciesOfTown(
    ctx: CallContext,
    townCode: string,
    agencyIds: readonly string[],
  ): Promise<void> {
    const ids = [...new Set(agencyIds)];
    const found = await Promise.all(ids.map((agencyId) => deps.staff.findAgency(agencyId, lookupOf(ctx))));
    const outside = ids.filter((_, i) => found[i]?.townCode !== townCode);
    if (outside.length === 0) return;
    throw new AppError(422, 'agency-not-in-town', 'That agency cannot take this case', {
      detail: `${outside.join(', ')} ${outside.length === 1 ? 'is not an agency' : 'are not agencies'} of town ${townCode} that agency-service shows you: name the town's agencies (coordinators see them all).`,
      extensions: { agencyIds: outside },
    });
  }

  /**
   * Whoever and whatever an action names must be what agency-service knows: the responsible mediator an acceptance
   * names, a mediator of the receiving agency; the agencies joint mediation or a re-route sends the case to, the
   * town's. Adding agencies is the coordinators' call, refused to anyone else before agency-service is asked.
   */
  async function requireNamedAllowed(
    ctx: CallContext,
    townCode: string,
    task: TaskRecord | undefined,
    action: DisputeAction,
  ): Promise<void> {
    switch (action.kind) {
      case 'accept-transfer':
        // On another kind of task the workflow refuses the action anyway (IllegalAction).
        if (task?.kind === 'accept-transfer') await requireEligible(ctx, task, action.responsibleStaffId, ['mediator']);
        return;
      case 'reroute':
        if (action.agencyId !== undefined) await requireAgenciesOfTown(ctx, townCode, [action.agencyId]);
        return;
      case 'add-joint-agencies':
        if (!ctx.principal.roles.includes('coordinator')) {
          throw new ForbiddenError("Only the town's coordinators may add agencies to a mediation.");
        }
        await requireAgenciesOfTown(ctx, townCode, action.agencyIds);
        return;
      default:
        return;
    }
  }

  /**
   * The one way an action on a task reaches the workflow, whichever route it came by (`complete`, or `actOnCase` naming
   * the task): the task is open (or this is the caller's own retry), the caller may hold it, a held task is its
   * holder's to do, and whoever and whatever the action names is vouched for by agency-service.
   */
  async function actOnTask(
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
    if (!ownRetry) await requireNamedAllowed(ctx, task.townCode, task, action);
    const state = await deps.workflows.act(
      task.workflowId,
      { actor: actorOf(ctx.principal), actionId: task.actionId, action },
      updateId,
    );
    // Recorded in one turn, so the trail writes both rows in one INSERT.
    await Promise.all([
      cases.audit(ctx, 'task.complete', 'task', task.id),
      cases.audit(ctx, 'case.act', 'case', task.caseId),
    ]);
    deps.logger.info({ caseId: task.caseId, taskId: task.id, action: action.kind }, 'task action accepted');
    return state;
  }

  function view(task: TaskRecord): TaskView {
    return toTaskView(task, now());
  }

  /** A supervisor's reason for a hand-over, as the note the repository writes with it (nothing without one). */
  function reasonNote(ctx: CallContext, reason: string | undefined): Pick<AssigneeChange, 'reason'> {
    if (reason === undefined) return {};
    return { reason: { noteId: newId(), authorAgencyId: ctx.principal.agencyId, text: reason } };
  }

  /** After a write: the task as it is now, or why the write could not apply. */
  function written(write: TaskWrite, id: string): TaskRecord {
    if (!write.changed || !write.task) throw conflictOf(write.task, id);
    return write.task;
  }

  return {
    async listForCase(ctx, caseId) {
      await cases.requireReadable(ctx, caseId);
      const tasks = await deps.tasks.listForCase(caseId);
      await cases.audit(ctx, 'case.tasks.read', 'case', caseId);
      const at = now();
      return [...tasks].sort(openFirst).map((task) => toTaskView(task, at));
    },

    async list(ctx, query) {
      const scope = viewScope(ctx.principal, query.view);
      const { rows, asOf, next } = await page(scope, filtersOf(query), query);
      const at = now();
      const result = toPage(rows, query.limit, (task) => toTaskView(task, at, asOf), next);
      await cases.auditList(
        ctx,
        'task.list',
        'task',
        result.items.map((task) => task.id),
      );
      return result;
    },

    async counts(ctx) {
      const { principal } = ctx;
      const asOf = now();
      const count = (scope: TaskScope, filters: Omit<TaskFilters, 'status'> = {}) =>
        deps.tasks.count(scope, filters, asOf);
      const optional = async (scope: () => TaskScope) => {
        try {
          return await count(scope());
        } catch (error) {
          // A view the caller's role does not have has no badge.
          if (error instanceof ForbiddenError) return null;
          throw error;
        }
      };
      const [available, mine, team, all, watching, inbox] = await Promise.all([
        count(viewScope(principal, 'available')),
        count(viewScope(principal, 'mine')),
        optional(() => viewScope(principal, 'team')),
        optional(() => viewScope(principal, 'all')),
        count(viewScope(principal, 'watching')),
        count(inboxScope(principal), { kind: 'accept-transfer' }),
      ]);
      return { available, mine, team, all, watching, inbox, asOf: asOf.toISOString() };
    },

    async inbox(ctx, query) {
      const filters: TaskFilters = {
        status: 'open',
        kind: 'accept-transfer',
        ...(query.agencyId === undefined ? {} : { agencyId: query.agencyId }),
      };
      const { rows, asOf, next } = await page(inboxScope(ctx.principal), filters, query);
      const caseIds = [...new Set(rows.map((task) => task.caseId))];
      // Two reads for the whole page, whatever its size: the cases, and their transfers and refusals.
      const [records, history] = await Promise.all([
        deps.cases.findByIds(caseIds),
        deps.cases.transferHistory(caseIds),
      ]);
      const byCase = new Map(records.map((record) => [record.id, record]));
      const at = now();
      const result = toPage(
        rows.filter((task) => byCase.has(task.caseId)),
        query.limit,
        (task): InboxItem => {
          const record = byCase.get(task.caseId) as CaseRecord;
          const origin = originOf(task, history.requests);
          return {
            task: toTaskView(task, at, asOf),
            case: {
              id: record.id,
              disputeType: record.disputeType,
              summary: record.summary,
              villageCode: record.villageCode,
              amountInDispute: record.amountInDispute,
              risks: task.riskFlags,
              status: record.status,
              openedAt: record.openedAt.toISOString(),
            },
            transfer: {
              fromAgencyId: origin?.fromAgencyId ?? null,
              reason: origin?.reason ?? task.reason,
              requestedAt: origin?.at.toISOString() ?? null,
              penaltyTrack: origin?.penaltyTrack ?? false,
              earlierRejections: earlierRejectionsOf(task.caseId, history),
            },
            // The task's due date is the acceptance clock's; the event's copy covers a task opened without one.
            acceptBy: task.dueAt?.toISOString() ?? origin?.acceptBy ?? null,
          };
        },
        next,
      );
      // The inbox shows each case's summary: a read of the case.
      await cases.auditList(
        ctx,
        'case.inbox.read',
        'case',
        result.items.map((item) => item.case.id),
      );
      return result;
    },

    async watching(ctx, query) {
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, WatchedCursor);
      const rows = await deps.cases.listWatched(ctx.principal.staffId, query.limit + 1, after);
      const result = toPage(
        rows,
        query.limit,
        (row): WatchedCase => ({ case: cases.summarise(row.record), since: row.since.toISOString(), level: row.level }),
        (row) => ({ since: row.since.toISOString(), caseId: row.record.id }),
      );
      await cases.auditList(
        ctx,
        'case.list',
        'case',
        result.items.map((item) => item.case.id),
      );
      return result;
    },

    async get(ctx, id) {
      const task = await visibleTask(ctx, id, 'read');
      await cases.audit(ctx, 'task.read', 'task', id);
      return view(task);
    },

    async claim(ctx, id) {
      const { principal } = ctx;
      const task = await visibleTask(ctx, id);
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
      const task = await visibleTask(ctx, id);
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
      const task = await visibleTask(ctx, id);
      requireOpen(task);
      if (!supervises(principal, task)) {
        throw new ForbiddenError(
          `Only a supervisor (the liaison of the task's agency, a coordinator) assigns tasks: claim it yourself with POST /api/v1/tasks/${id}/claim.`,
        );
      }
      if (task.assigneeStaffId === staffId) return view(task);
      if (task.assigneeStaffId !== null) throw new TaskHeldError(task);
      await requireEligible(ctx, task, staffId, task.roles);
      const write = await deps.tasks.changeAssignee(id, {
        from: null,
        to: staffId,
        by: principal.staffId,
        at: now(),
        viaWorkflow: false,
        ...reasonNote(ctx, reason),
      });
      const assigned = written(write, id);
      await cases.audit(ctx, 'task.assign', 'task', id);
      deps.logger.info({ caseId: task.caseId, taskId: id }, 'task assigned');
      return view(assigned);
    },

    async reassign(ctx, id, staffId, idempotencyKey, reason) {
      const { principal } = ctx;
      const task = await visibleTask(ctx, id);
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
      await requireEligible(ctx, task, staffId, task.roles);
      const at = now();
      if (!task.workflowAssigned) {
        const write = await deps.tasks.changeAssignee(id, {
          from: holder,
          to: staffId,
          by: principal.staffId,
          at,
          viaWorkflow: false,
          ...reasonNote(ctx, reason),
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
        ...reasonNote(ctx, reason),
      });
      await cases.audit(ctx, 'task.reassign', 'task', id);
      await cases.audit(ctx, 'case.act', 'case', task.caseId);
      deps.logger.info({ caseId: task.caseId, taskId: id }, 'task reassigned through the workflow');
      // The task may have closed meanwhile (the workflow moved on): the answer shows it as it is.
      return view(write.task ?? task);
    },

    async addNote(ctx, id, text) {
      const task = await visibleTask(ctx, id);
      refuseAdministratorOnly(ctx.principal);
      const note = await deps.tasks.addNote({
        id: newId(),
        taskId: task.id,
        caseId: task.caseId,
        authorStaffId: ctx.principal.staffId,
        authorAgencyId: ctx.principal.agencyId,
        text,
      });
      await cases.audit(ctx, 'task.note.add', 'task', id);
      // Ids only: the note's text may name people.
      deps.logger.info({ caseId: task.caseId, taskId: id, noteId: note.id }, 'task note added');
      return toNoteView(note);
    },

    async listNotes(ctx, id) {
      await visibleTask(ctx, id, 'read');
      const notes = await deps.tasks.listNotes(id);
      await cases.audit(ctx, 'task.notes.read', 'task', id);
      return notes.map(toNoteView);
    },

    async complete(ctx, id, action, idempotencyKey) {
      const task = await visibleTask(ctx, id);
      // Keyed by task, caller and Idempotency-Key: a retried request is the same Update, which Temporal applies once.
      const state = await actOnTask(
        ctx,
        task,
        action,
        `complete:${task.id}:${ctx.principal.staffId}:${idempotencyKey}`,
      );
      // The workflow's commit ran before the Update returned: the re-read shows what it did.
      const after = (await deps.tasks.findById(task.id)) ?? task;
      return { task: view(after), state: summariseState(state) };
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
        return { state: summariseState(await actOnTask(ctx, task, action, updateId)) };
      }
      await requireNamedAllowed(ctx, record.townCode, undefined, action);
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
