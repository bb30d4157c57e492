/**
 * The administrators' repairs: one case at a time, or a batch over what the stuck scan finds. Every repair
 * is written to the repair log before it acts (who, what, why) and finished there with what came of it, so a crash
 * leaves it pending and a retry with the same Idempotency-Key carries it out once: every step is idempotent by the
 * repair's id (the workflow's Update id, Temporal's reset request id).
 */
import {
  type RepairBatch,
  type RepairBatchRequest,
  type RepairLog,
  type RepairRecord,
  type RepairRequest,
  repairCommandOf,
} from '@gongzhi/contracts';
import type { RepairWorkflows, WorkflowInspector } from '@gongzhi/dispute-client';
import { AppError, IdempotencyKeyReusedError, NotFoundError, ValidationError } from '@gongzhi/errors';
import { type AuditTrail, hashRequest } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CallContext } from '../../kernel/call-context';
import { requireAdministrator } from '../../kernel/principals';
import type { StaffDirectory } from '../../staff/staff-directory';
import type { AdminRepository } from '../stuck-scan/stuck-scan.repository';
import type { AdminService } from '../stuck-scan/stuck-scan.service';
import type { RepairRow, StoredProblem } from './repair.model';
import type { RepairRepository } from './repair.repository';
import { BATCH_LIMIT, batchTargets, batchView, createBatchRunner, itemCommand } from './repair-batches';
import { leaseAndExecute, requireCase, requireTask } from './repair-execution';

/** What repairs read and change, who may be handed a task, and the stuck scan a batch is planned from. */
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

/** A repair as logged, and whether an earlier request already did it. */
export interface RepairResult {
  record: RepairRecord;
  /** An earlier request with the same Idempotency-Key already did it. */
  replayed: boolean;
}

/** The administrators' repairs and their log, one case at a time or in batches. */
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

/** The problem a refused repair answered with, answered again. */
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

/** Checks, before anything is logged, that the person a task goes to exists and works for the task's agency. */
async function requireColleague(
  staff: StaffDirectory,
  ctx: CallContext,
  staffId: string,
  agencyId: string | null,
): Promise<string> {
  const member = await staff.find(staffId, {
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

/** The administrators' repairs: one case at a time, or a batch over what the stuck scan finds. */
export function createRepairService(deps: RepairServiceDeps): RepairService {
  // One set of dependencies for carrying repairs out, alone or in a batch.
  const execution = { ...deps, now: deps.now ?? (() => new Date()) };
  const { now } = execution;
  const runner = createBatchRunner(execution);

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
        await requireCase(execution, caseId);
        const command = repairCommandOf(request);
        if (command.kind === 'reassign-task') {
          const task = await requireTask(execution, caseId, command.params.taskId);
          command.params.toAgencyId = await requireColleague(deps.staff, ctx, command.params.toStaffId, task.agencyId);
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
      const finished =
        row.status === 'applied' || row.status === 'refused' ? row : await leaseAndExecute(execution, row);
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
      await requireCase(execution, caseId);
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
        request.repair.kind === 'reassign-task'
          ? await requireColleague(deps.staff, ctx, request.repair.toStaffId, null)
          : null;
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
      if (batch.status === 'running') runner.launch(batch.id);
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
      for (const id of await deps.repository.runningBatchIds()) runner.launch(id);
    },

    idle() {
      return runner.idle();
    },
  };
}
