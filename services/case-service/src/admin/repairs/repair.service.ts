/**
 * The administrators' repairs (issue 6): one case at a time, or a batch over what the stuck scan finds. Every repair
 * is written to the repair log before it acts (who, what, why) and finished there with what came of it, so a crash
 * leaves it pending and a retry with the same Idempotency-Key carries it out once: every step is idempotent by the
 * repair's id (the workflow's Update id, Temporal's reset request id).
 */
import {
  type BatchRepair,
  type DisputeState,
  type OpenAction,
  type RepairBatch,
  type RepairBatchItem,
  type RepairBatchRequest,
  type RepairKind,
  type RepairLog,
  type RepairRecord,
  type RepairRequest,
  type StuckItem,
  type WorkflowRepair,
  repairCommandOf,
  type RepairCommand,
} from '@gongzhi/contracts';
import { AppError, IdempotencyKeyReusedError, NotFoundError, ValidationError } from '@gongzhi/errors';
import { type AuditTrail, hashRequest } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CallContext } from '../kernel/call-context';
import { requireAdministrator } from '../kernel/principals';
import type { StaffDirectory } from '../staff/staff-directory';
import type { AdminRepository } from './admin.repository';
import type { AdminService } from './admin.service';
import type {
  BatchRow,
  RepairOutcome,
  RepairRepository,
  RepairRow,
  RepairTask,
  StoredProblem,
} from './repair.repository';
import { type RepairWorkflows, type WorkflowInspector } from '@gongzhi/dispute-client';

export interface RepairServiceDeps {
  repository: RepairRepository;
  cases: Pick<AdminRepository, 'caseById'>;
  workflows: RepairWorkflows;
  inspector: Pick<WorkflowInspector, 'state'>;
  staff: StaffDirectory;
  /** The stuck scan a batch is planned from. */
  admin: Pick<AdminService, 'stuck'>;
  audit: AuditTrail;
  logger: Logger;
  now?: () => Date;
}

export interface RepairResult {
  record: RepairRecord;
  /** An earlier request with the same Idempotency-Key already did it. */
  replayed: boolean;
}

export interface RepairService {
  repair(
    ctx: CallContext,
    caseId: string,
    request: RepairRequest,
    idempotencyKey: string | undefined,
  ): Promise<RepairResult>;
  log(ctx: CallContext, caseId: string): Promise<RepairLog>;
  /** A dry run answers the plan; otherwise the batch starts in the background and its progress is read by id. */
  startBatch(ctx: CallContext, request: RepairBatchRequest, idempotencyKey: string | undefined): Promise<RepairBatch>;
  batch(ctx: CallContext, id: string): Promise<RepairBatch>;
  /** Carries on with the batches a restart interrupted. */
  resumeBatches(): Promise<void>;
  /** Resolves once no batch is running in this process (tests, shutdown). */
  idle(): Promise<void>;
}

const FINISHED_CASE = new Set(['closed', 'merged']);
/** Longer than any one repair takes (an Update answers within 20 s): a lease this old was left by a crash. */
const LEASE_MS = 2 * 60_000;
/** How many stuck items one batch takes at most: a bigger repair is several batches, each with its own report. */
const BATCH_LIMIT = 500;

function refused(status: number, type: string, title: string, detail: string): AppError {
  return new AppError(status, type, title, { detail });
}

function problemOf(error: AppError): StoredProblem {
  return {
    status: error.status,
    type: error.type,
    title: error.title,
    detail: error.message === error.title ? null : error.message,
  };
}

function asAppError(problem: StoredProblem, repairId: string): AppError {
  return new AppError(problem.status, problem.type, problem.title, {
    ...(problem.detail ? { detail: problem.detail } : {}),
    extensions: { repairId },
  });
}

function recordOf(row: RepairRow): RepairRecord {
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    actorId: row.actorId,
    reason: row.reason,
    params: row.params,
    status: row.status,
    outcome: row.outcome,
    batchId: row.batchId,
    requestedAt: row.requestedAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

const TASK_REPAIRS = new Set<RepairKind>(['reassign-task', 'reopen-task', 'extend-deadline']);

/**
 * The action the workflow issued in place of `task`: the newest open one of its kind for its agency (action ids start
 * with the workflow's action counter; joint sign-offs share a kind, one per agency).
 */
export function reissuedOf(
  state: Pick<DisputeState, 'openActions'>,
  task: Pick<RepairTask, 'actionId' | 'kind' | 'agencyId'>,
): OpenAction | undefined {
  return state.openActions
    .filter((a) => a.kind === task.kind && a.agencyId === task.agencyId && a.actionId !== task.actionId)
    .sort((a, b) => Number.parseInt(b.actionId, 10) - Number.parseInt(a.actionId, 10))[0];
}
/** Stuck items a 督办 can help: an acceptance, or the urging of one, waiting. */
const URGEABLE = new Set(['accept-transfer', 'urge-acceptance']);

/** What a batch repairs among the stuck items: each task once for task repairs, each case once otherwise. */
export function batchTargets(
  items: readonly StuckItem[],
  kind: RepairKind,
): { caseId: string; taskId: string | null; diagnosis: string }[] {
  const seen = new Set<string>();
  const targets: { caseId: string; taskId: string | null; diagnosis: string }[] = [];
  for (const item of items) {
    if (!item.caseId) continue;
    if (TASK_REPAIRS.has(kind) && !item.taskId) continue;
    if (kind === 'retry-activity' && item.kind !== 'blocked' && item.kind !== 'failing-activity') continue;
    if (kind === 'resend-urging' && !URGEABLE.has(item.subject)) continue;
    const key = TASK_REPAIRS.has(kind) ? `${item.caseId}/${item.taskId}` : item.caseId;
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push({
      caseId: item.caseId,
      taskId: TASK_REPAIRS.has(kind) ? item.taskId : null,
      diagnosis: item.diagnosis,
    });
  }
  return targets;
}

/**
 * The repair a batch item stands for: the batch's repair on the item's task (the batch plans only items with a task
 * for the kinds that need one), the agency the person it goes to was checked against, the scan's diagnosis.
 */
function itemCommand(
  repair: BatchRepair,
  target: { taskId: string | null; diagnosis: string },
  toAgencyId: string | null,
): RepairCommand {
  const { kind, ...rest } = repair;
  const params = {
    ...rest,
    ...(target.taskId ? { taskId: target.taskId } : {}),
    ...(toAgencyId ? { toAgencyId } : {}),
    diagnosis: target.diagnosis,
  };
  return { kind, params } as RepairCommand;
}

export function createRepairService(deps: RepairServiceDeps): RepairService {
  const now = deps.now ?? (() => new Date());
  const running = new Map<string, Promise<void>>();

  /** The case record (its workflow id and status); 404 when there is no such case. */
  async function requireCase(caseId: string): Promise<{ workflowId: string; status: string }> {
    const record = await deps.cases.caseById(caseId);
    if (!record) throw new NotFoundError('case', caseId);
    return record;
  }

  async function taskOf(caseId: string, taskId: string) {
    const task = await deps.repository.taskOf(caseId, taskId);
    if (!task) throw refused(404, 'task-not-found', 'No such task in this case', `The case has no task ${taskId}.`);
    return task;
  }

  /** Checks, before anything is logged, that the person a task goes to exists and works for the task's agency. */
  async function requireColleague(ctx: CallContext, staffId: string, agencyId: string | null): Promise<string> {
    const member = await deps.staff.find(staffId, {
      principal: ctx.principal,
      authorization: ctx.authorization,
      requestId: ctx.requestId,
    });
    if (!member || !member.active) {
      throw new ValidationError('No active staff member has that id.', [
        { path: 'toStaffId', message: 'name an active staff member' },
      ]);
    }
    if (agencyId && member.agencyId !== agencyId) {
      throw new ValidationError('That person works for another agency than the task’s.', [
        { path: 'toStaffId', message: 'name a member of the task’s agency' },
      ]);
    }
    return member.agencyId;
  }

  /**
   * The workflow issues a task again under a new id (a moved due date, a re-opened row) and cancels the old one; in
   * case-service the work on it goes on: whoever had claimed it keeps it, and its notes follow. Says so for the log.
   */
  async function carryOver(task: RepairTask, reissued: OpenAction | undefined): Promise<string> {
    if (!reissued) return '';
    const carried = await deps.repository.carryOver(task.id, task.caseId, reissued.actionId);
    if (!carried) return '';
    const kept = [
      task.assigneeStaffId && carried.holderStaffId === task.assigneeStaffId
        ? `still held by ${task.assigneeStaffId}`
        : null,
      carried.notes > 0 ? `${carried.notes} note(s) moved to it` : null,
    ].filter((part) => part !== null);
    return kept.length > 0 ? `; ${kept.join(', ')}` : '';
  }

  function workflowRepair(row: RepairRow, workflowId: string, repair: WorkflowRepair) {
    return deps.workflows.repair(workflowId, { actorId: row.actorId, repairId: row.id, repair }, `repair:${row.id}`);
  }

  /** Does the repair; an AppError means the case's state refused it, anything else that something did not answer. */
  async function perform(row: RepairRow): Promise<RepairOutcome> {
    const { workflowId, status: caseStatus } = await requireCase(row.caseId);
    switch (row.kind) {
      case 'retry-activity': {
        const state = await deps.inspector.state(workflowId);
        if (state?.blocked) {
          const activity = state.blocked.activity;
          const after = await workflowRepair(row, workflowId, { kind: 'retry-now' });
          return {
            status: 'applied',
            outcome: after.blocked
              ? `retried ${activity} now; it failed again: ${after.blocked.message}`
              : `retried ${activity} now; it went through`,
          };
        }
        const retried = await deps.workflows.retryActivities(workflowId, row.params.activityId);
        if (retried.length === 0) {
          throw refused(409, 'nothing-to-retry', 'Nothing to retry', 'No activity of this case is failing or blocked.');
        }
        return { status: 'applied', outcome: `scheduled again now: activity ${retried.join(', ')}` };
      }
      case 'reassign-task': {
        const task = await taskOf(row.caseId, row.params.taskId);
        const { toStaffId, toAgencyId } = row.params;
        if (toAgencyId !== undefined && toAgencyId !== task.agencyId) {
          throw refused(
            422,
            'staff-of-other-agency',
            'That person works for another agency',
            'The task belongs to another agency than the person named.',
          );
        }
        await workflowRepair(row, workflowId, { kind: 'reassign-task', actionId: task.actionId, toStaffId });
        await deps.repository.assignTask(task.id, toStaffId, row.actorId, now());
        return {
          status: 'applied',
          outcome: `${task.kind} task handed to ${toStaffId} (was ${task.assigneeStaffId ?? 'no one'})`,
        };
      }
      case 'reopen-task': {
        const task = await taskOf(row.caseId, row.params.taskId);
        const after = await workflowRepair(row, workflowId, { kind: 'reopen-task', actionId: task.actionId });
        const carried = await carryOver(task, reissuedOf(after, task));
        return { status: 'applied', outcome: `${task.kind} task issued again (was ${task.status})${carried}` };
      }
      case 'resend-urging': {
        await workflowRepair(row, workflowId, { kind: 'resend-urging' });
        return { status: 'applied', outcome: 'coordinators urged again; the receiving agency reminded' };
      }
      case 'extend-deadline': {
        const task = await taskOf(row.caseId, row.params.taskId);
        const { unit, amount } = row.params;
        const after = await workflowRepair(row, workflowId, {
          kind: 'extend-deadline',
          actionId: task.actionId,
          clock: { amount, unit },
        });
        const renewed = reissuedOf(after, task);
        const carried = await carryOver(task, renewed);
        return {
          status: 'applied',
          outcome: `${task.kind} task due ${renewed?.dueAt ?? 'later'} (was ${task.dueAt?.toISOString() ?? 'no due date'}), +${amount} ${unit}${carried}`,
        };
      }
      case 'terminate': {
        if (FINISHED_CASE.has(caseStatus)) {
          throw refused(409, 'case-closed', 'The case is closed', `The case is ${caseStatus} already.`);
        }
        const terminated = await deps.workflows.terminate(workflowId, `administrator repair ${row.id}`);
        return {
          status: 'applied',
          outcome: terminated
            ? 'workflow terminated; case closed as terminated, open tasks cancelled'
            : 'workflow was not running; case closed as terminated, open tasks cancelled',
          closeCase: true,
        };
      }
      case 'reset': {
        if (FINISHED_CASE.has(caseStatus)) {
          throw refused(
            409,
            'case-closed',
            'The case is closed',
            `The case is ${caseStatus}: its workflow stays ended.`,
          );
        }
        const { toEventId } = row.params;
        const reset = await deps.workflows.reset(workflowId, {
          ...(toEventId !== undefined ? { toEventId } : {}),
          requestId: row.id,
          reason: `administrator repair ${row.id}`,
        });
        return {
          status: 'applied',
          outcome:
            reset.eventId === null
              ? `workflow already reset by this repair; run ${reset.runId}`
              : `workflow reset to event ${reset.eventId}; new run ${reset.runId}`,
        };
      }
    }
  }

  /**
   * Performs a leased repair and finishes its log entry; a failure (not a refusal) is logged and thrown. When someone
   * else finished it meanwhile (a lease that ran out), their result stands.
   */
  async function execute(row: RepairRow): Promise<RepairRow> {
    const finishing = async (outcome: RepairOutcome): Promise<RepairRow> =>
      (await deps.repository.finish(row.id, outcome, now())) ?? (await deps.repository.byId(row.id)) ?? row;
    let outcome: RepairOutcome;
    try {
      outcome = await perform(row);
    } catch (error) {
      if (error instanceof AppError && error.status < 500) {
        return finishing({ status: 'refused', outcome: error.message, problem: problemOf(error) });
      }
      const message = error instanceof Error ? error.message : String(error);
      await finishing({ status: 'failed', outcome: message.slice(0, 500) });
      throw error;
    }
    const finished = await finishing(outcome);
    deps.logger.info({ repairId: row.id, caseId: row.caseId, kind: row.kind, status: finished.status }, 'repair');
    return finished;
  }

  /** Takes the repair's lease and carries it out; false when another request or replica is carrying it out now. */
  async function leaseAndExecute(row: RepairRow): Promise<RepairRow | null> {
    const at = now();
    if (!(await deps.repository.lease(row.id, new Date(at.getTime() + LEASE_MS), at))) return null;
    return execute(row);
  }

  function batchView(batch: BatchRow, repairs: RepairRow[], items?: RepairBatchItem[]): RepairBatch {
    const counts = { pending: 0, applied: 0, refused: 0, failed: 0 };
    for (const repair of repairs) counts[repair.status === 'running' ? 'pending' : repair.status] += 1;
    return {
      id: batch.id,
      status: batch.status,
      kind: batch.kind,
      actorId: batch.actorId,
      reason: batch.reason,
      total: items?.length ?? repairs.length,
      counts,
      items:
        items ??
        repairs.map((repair) => ({
          caseId: repair.caseId,
          taskId: 'taskId' in repair.params ? repair.params.taskId : null,
          diagnosis: repair.params.diagnosis ?? '',
          status: repair.status,
          outcome: repair.outcome,
          repairId: repair.id,
        })),
      createdAt: batch.createdAt.toISOString(),
      finishedAt: batch.finishedAt ? batch.finishedAt.toISOString() : null,
    };
  }

  async function runBatch(id: string): Promise<void> {
    const loaded = await deps.repository.batch(id);
    if (!loaded) return;
    for (const repair of loaded.repairs) {
      if (repair.status !== 'pending' && repair.status !== 'running') continue;
      try {
        // Another replica resuming the same batch takes the other items: a repair is carried out once.
        await leaseAndExecute(repair);
      } catch (error) {
        // Logged as failed in the repair log; the batch goes on with the next case.
        deps.logger.warn({ repairId: repair.id, err: error }, 'batch repair failed');
      }
    }
    // Done only when every item is: one still running elsewhere (or left by a crash) is taken up by a later sweep.
    const after = await deps.repository.batch(id);
    if (after?.repairs.some((repair) => repair.status === 'pending' || repair.status === 'running')) return;
    await deps.repository.finishBatch(id, now());
    deps.logger.info({ batchId: id, total: loaded.repairs.length }, 'repair batch done');
  }

  function launch(id: string): void {
    if (running.has(id)) return;
    const run = runBatch(id)
      .catch((error: unknown) => deps.logger.error({ batchId: id, err: error }, 'repair batch stopped'))
      .finally(() => running.delete(id));
    running.set(id, run);
  }

  return {
    async repair(ctx, caseId, request, idempotencyKey) {
      requireAdministrator(ctx.principal, 'repair a case');
      if (!idempotencyKey) {
        throw new ValidationError('A repair needs an Idempotency-Key, so a retried request repairs once.', [
          { path: 'Idempotency-Key', message: 'send a fresh key (a UUID works) with each repair', code: 'required' },
        ]);
      }
      const requestHash = hashRequest({ caseId, request });
      // A retry is answered from the log before anything is checked again: the first answer stands.
      let row = await deps.repository.byKey(ctx.principal.staffId, idempotencyKey);
      let created = false;
      if (!row) {
        await requireCase(caseId);
        const command = repairCommandOf(request);
        if (command.kind === 'reassign-task') {
          const task = await taskOf(caseId, command.params.taskId);
          command.params.toAgencyId = await requireColleague(ctx, command.params.toStaffId, task.agencyId);
        }
        ({ row, created } = await deps.repository.claim({
          caseId,
          ...command,
          actorId: ctx.principal.staffId,
          reason: request.reason,
          idempotencyKey,
          requestHash,
        }));
        if (created) {
          await deps.audit.record({
            actor: ctx.principal.staffId,
            action: `case.admin.repair.${request.kind}`,
            objectType: 'case',
            objectId: caseId,
            requestId: ctx.requestId,
          });
        }
      }
      if (row.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
      // New, or pending/failed after a crash or an outage: carrying it out again is safe.
      const finished = row.status === 'applied' || row.status === 'refused' ? row : await leaseAndExecute(row);
      if (!finished) {
        throw new AppError(409, 'repair-in-progress', 'The repair is being carried out', {
          detail: 'This repair is being carried out right now: ask again with the same Idempotency-Key in a moment.',
          extensions: { repairId: row.id },
        });
      }
      if (finished.status === 'refused' && finished.problem) throw asAppError(finished.problem, finished.id);
      return { record: recordOf(finished), replayed: !created };
    },

    async log(ctx, caseId) {
      requireAdministrator(ctx.principal, 'read the repair log');
      await requireCase(caseId);
      const rows = await deps.repository.forCase(caseId, 100);
      await deps.audit.record({
        actor: ctx.principal.staffId,
        action: 'case.admin.repairs.read',
        objectType: 'case',
        objectId: caseId,
        requestId: ctx.requestId,
      });
      return { items: rows.map(recordOf) };
    },

    async startBatch(ctx, request, idempotencyKey) {
      requireAdministrator(ctx.principal, 'repair cases in a batch');
      if (!request.dryRun && !idempotencyKey) {
        throw new ValidationError('A batch needs an Idempotency-Key, so a retried request starts it once.', [
          { path: 'Idempotency-Key', message: 'send a fresh key (a UUID works) with each batch', code: 'required' },
        ]);
      }
      const toAgencyId =
        request.repair.kind === 'reassign-task' ? await requireColleague(ctx, request.repair.toStaffId, null) : null;
      const report = await deps.admin.stuck(ctx, { ...request.filters, limit: request.filters.limit ?? BATCH_LIMIT });
      const targets = batchTargets(report.items, request.repair.kind);
      const at = now();
      if (request.dryRun) {
        return {
          id: null,
          status: 'dry-run',
          kind: request.repair.kind,
          actorId: ctx.principal.staffId,
          reason: request.reason,
          total: targets.length,
          counts: { pending: 0, applied: 0, refused: 0, failed: 0 },
          items: targets.map((target) => ({ ...target, status: 'planned', outcome: null, repairId: null })),
          createdAt: at.toISOString(),
          finishedAt: null,
        };
      }
      const requestHash = hashRequest(request);
      const { batch, created } = await deps.repository.createBatch(
        {
          kind: request.repair.kind,
          actorId: ctx.principal.staffId,
          reason: request.reason,
          repair: request.repair,
          filters: request.filters,
          requestHash,
          idempotencyKey: idempotencyKey ?? null,
        },
        targets.map((target) => ({
          caseId: target.caseId,
          ...itemCommand(request.repair, target, toAgencyId),
          actorId: ctx.principal.staffId,
          reason: request.reason,
        })),
      );
      if (!created && batch.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
      if (created) {
        await deps.audit.record({
          actor: ctx.principal.staffId,
          action: `admin.repair-batch.${request.repair.kind}`,
          objectType: 'repair-batch',
          objectId: batch.id,
          requestId: ctx.requestId,
        });
      }
      if (batch.status === 'running') launch(batch.id);
      const loaded = await deps.repository.batch(batch.id);
      return batchView(loaded?.batch ?? batch, loaded?.repairs ?? []);
    },

    async batch(ctx, id) {
      requireAdministrator(ctx.principal, 'read a repair batch');
      const loaded = await deps.repository.batch(id);
      if (!loaded) throw new NotFoundError('repair batch', id);
      return batchView(loaded.batch, loaded.repairs);
    },

    async resumeBatches() {
      for (const id of await deps.repository.runningBatchIds()) launch(id);
    },

    async idle() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
  };
}
