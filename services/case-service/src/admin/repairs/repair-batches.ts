/**
 * Repair batches: which stuck items a batch repairs, what each of its repairs is, how its progress reads, and the
 * runner that carries its repairs out one after another in the background (and again after a restart).
 */
import type {
  BatchRepair,
  RepairBatch,
  RepairBatchItem,
  RepairCommand,
  RepairKind,
  StuckItem,
} from '@gongzhi/contracts';
import type { BatchRow, RepairRow } from './repair.model';
import type { RepairRepository } from './repair.repository';
import { leaseAndExecute, type RepairExecutionDeps } from './repair-execution';

/** How many stuck items one batch takes at most: a bigger repair is several batches, each with its own report. */
export const BATCH_LIMIT = 500;

const TASK_REPAIRS = new Set<RepairKind>(['reassign-task', 'reopen-task', 'extend-deadline']);

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
export function itemCommand(
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

/** A batch's progress, item by item: its repairs as logged (or the items given, for a batch not yet read back). */
export function batchView(batch: BatchRow, repairs: RepairRow[], items?: RepairBatchItem[]): RepairBatch {
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

/** What running a batch reads and writes: its repairs, carried out one by one, and its end. */
export interface BatchRunDeps extends RepairExecutionDeps {
  repository: RepairExecutionDeps['repository'] & Pick<RepairRepository, 'batch' | 'finishBatch'>;
}

/** Carries out the batch's repairs that are not finished, then marks it done once every one is. */
export async function runBatch(deps: BatchRunDeps, id: string): Promise<void> {
  const loaded = await deps.repository.batch(id);
  if (!loaded) return;
  for (const repair of loaded.repairs) {
    if (repair.status !== 'pending' && repair.status !== 'running') continue;
    try {
      // Another replica resuming the same batch takes the other items: a repair is carried out once.
      await leaseAndExecute(deps, repair);
    } catch (error) {
      // Logged as failed in the repair log; the batch goes on with the next case.
      deps.logger.warn({ repairId: repair.id, err: error }, 'batch repair failed');
    }
  }
  // Done only when every item is: one still running elsewhere (or left by a crash) is taken up by a later sweep.
  const after = await deps.repository.batch(id);
  if (after?.repairs.some((repair) => repair.status === 'pending' || repair.status === 'running')) return;
  await deps.repository.finishBatch(id, deps.now());
  deps.logger.info({ batchId: id, total: loaded.repairs.length }, 'repair batch done');
}

/** The batches running in this process, in the background. */
export interface BatchRunner {
  /** Runs the batch in the background, unless this process runs it already. */
  launch(id: string): void;
  /** Resolves once no batch is running in this process (tests, shutdown). */
  idle(): Promise<void>;
}

/** A runner of batches in the background: at most one run per batch in this process. */
export function createBatchRunner(deps: BatchRunDeps): BatchRunner {
  const running = new Map<string, Promise<void>>();
  return {
    launch(id) {
      if (running.has(id)) return;
      const run = runBatch(deps, id)
        .catch((error: unknown) => deps.logger.error({ batchId: id, err: error }, 'repair batch stopped'))
        .finally(() => running.delete(id));
      running.set(id, run);
    },

    async idle() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
  };
}
