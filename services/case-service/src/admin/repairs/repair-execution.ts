/**
 * Carrying a repair out: what each kind of repair asks of the workflow and Temporal, and the lease and finished log
 * entry around it. Every step is idempotent by the repair's id (the workflow's Update id, Temporal's reset request
 * id), so a repair left pending by a crash is carried out again safely.
 */
import type { DisputeState, OpenAction, WorkflowRepair } from '@gongzhi/contracts';
import type { RepairWorkflows, WorkflowInspector } from '@gongzhi/dispute-client';
import { AppError, NotFoundError } from '@gongzhi/errors';
import type { Logger } from 'pino';
import type { AdminRepository } from '../stuck-scan/stuck-scan.repository';
import type { RepairOutcome, RepairRow, RepairTask, StoredProblem } from './repair.model';
import type { RepairRepository } from './repair.repository';

/** What carrying a repair out reads and changes: the log, the case and its tasks, the workflow and Temporal. */
export interface RepairExecutionDeps {
  repository: Pick<RepairRepository, 'taskOf' | 'assignTask' | 'carryOver' | 'lease' | 'finish' | 'byId'>;
  cases: Pick<AdminRepository, 'caseById'>;
  workflows: RepairWorkflows;
  inspector: Pick<WorkflowInspector, 'state'>;
  logger: Logger;
  now: () => Date;
}

const FINISHED_CASE = new Set(['closed', 'merged']);
/** Longer than any one repair takes (an Update answers within 20 s): a lease this old was left by a crash. */
const LEASE_MS = 2 * 60_000;

/** A refusal of the case's state: kept in the log as the problem a retry answers again. */
export function refused(status: number, type: string, title: string, detail: string): AppError {
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

/** The case record (its workflow id and status); 404 when there is no such case. */
export async function requireCase(
  deps: Pick<RepairExecutionDeps, 'cases'>,
  caseId: string,
): Promise<{ workflowId: string; status: string }> {
  const record = await deps.cases.caseById(caseId);
  if (!record) throw new NotFoundError('case', caseId);
  return record;
}

/** The case's task the repair names; a 404 problem when the case has no such task. */
export async function requireTask(
  deps: { repository: Pick<RepairRepository, 'taskOf'> },
  caseId: string,
  taskId: string,
): Promise<RepairTask> {
  const task = await deps.repository.taskOf(caseId, taskId);
  if (!task) throw refused(404, 'task-not-found', 'No such task in this case', `The case has no task ${taskId}.`);
  return task;
}

/**
 * The workflow issues a task again under a new id (a moved due date, a re-opened row) and cancels the old one; in
 * case-service the work on it goes on: whoever had claimed it keeps it, and its notes follow. Says so for the log.
 */
async function carryOver(
  deps: Pick<RepairExecutionDeps, 'repository'>,
  task: RepairTask,
  reissued: OpenAction | undefined,
): Promise<string> {
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

function workflowRepair(
  deps: Pick<RepairExecutionDeps, 'workflows'>,
  row: RepairRow,
  workflowId: string,
  repair: WorkflowRepair,
) {
  return deps.workflows.repair(workflowId, { actorId: row.actorId, repairId: row.id, repair }, `repair:${row.id}`);
}

/** Does the repair; an AppError means the case's state refused it, anything else that something did not answer. */
export async function performRepair(deps: RepairExecutionDeps, row: RepairRow): Promise<RepairOutcome> {
  const { workflowId, status: caseStatus } = await requireCase(deps, row.caseId);
  switch (row.kind) {
    case 'retry-activity': {
      const state = await deps.inspector.state(workflowId);
      if (state?.blocked) {
        const activity = state.blocked.activity;
        const after = await workflowRepair(deps, row, workflowId, { kind: 'retry-now' });
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
      const task = await requireTask(deps, row.caseId, row.params.taskId);
      const { toStaffId, toAgencyId } = row.params;
      if (toAgencyId !== undefined && toAgencyId !== task.agencyId) {
        throw refused(
          422,
          'staff-of-other-agency',
          'That person works for another agency',
          'The task belongs to another agency than the person named.',
        );
      }
      await workflowRepair(deps, row, workflowId, { kind: 'reassign-task', actionId: task.actionId, toStaffId });
      await deps.repository.assignTask(task.id, toStaffId, row.actorId, deps.now());
      return {
        status: 'applied',
        outcome: `${task.kind} task handed to ${toStaffId} (was ${task.assigneeStaffId ?? 'no one'})`,
      };
    }
    case 'reopen-task': {
      const task = await requireTask(deps, row.caseId, row.params.taskId);
      const after = await workflowRepair(deps, row, workflowId, { kind: 'reopen-task', actionId: task.actionId });
      const carried = await carryOver(deps, task, reissuedOf(after, task));
      return { status: 'applied', outcome: `${task.kind} task issued again (was ${task.status})${carried}` };
    }
    case 'resend-urging': {
      await workflowRepair(deps, row, workflowId, { kind: 'resend-urging' });
      return { status: 'applied', outcome: 'coordinators urged again; the receiving agency reminded' };
    }
    case 'extend-deadline': {
      const task = await requireTask(deps, row.caseId, row.params.taskId);
      const { unit, amount } = row.params;
      const after = await workflowRepair(deps, row, workflowId, {
        kind: 'extend-deadline',
        actionId: task.actionId,
        clock: { amount, unit },
      });
      const renewed = reissuedOf(after, task);
      const carried = await carryOver(deps, task, renewed);
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
        throw refused(409, 'case-closed', 'The case is closed', `The case is ${caseStatus}: its workflow stays ended.`);
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
async function executeRepair(deps: RepairExecutionDeps, row: RepairRow): Promise<RepairRow> {
  const finishing = async (outcome: RepairOutcome): Promise<RepairRow> =>
    (await deps.repository.finish(row.id, outcome, deps.now())) ?? (await deps.repository.byId(row.id)) ?? row;
  let outcome: RepairOutcome;
  try {
    outcome = await performRepair(deps, row);
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

/** Takes the repair's lease and carries it out; null when another request or replica is carrying it out now. */
export async function leaseAndExecute(deps: RepairExecutionDeps, row: RepairRow): Promise<RepairRow | null> {
  const at = deps.now();
  if (!(await deps.repository.lease(row.id, new Date(at.getTime() + LEASE_MS), at))) return null;
  return executeRepair(deps, row);
}
