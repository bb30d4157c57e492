/**
 * What the administrators' repairs ask of Temporal: the workflow's `repair` Update, retrying activities now,
 * terminating, and resetting to the last good point. Only ids reach Temporal: the administrator's reason stays in
 * the repair log, so the terminate and reset reasons name the repair, not the words.
 */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { type DisputeState, type RepairInput, repairUpdate } from '@gongzhi/contracts';
import { AppError } from '@gongzhi/errors';
import { actProblemOf } from '../cases/case-workflows';

const EventType = temporal.api.enums.v1.EventType;
const ResetReapplyType = temporal.api.enums.v1.ResetReapplyType;
type EventId = NonNullable<temporal.api.workflowservice.v1.IResetWorkflowExecutionRequest['workflowTaskFinishEventId']>;

/** Same bound as a staff action: a repair is a person waiting at a terminal. */
const REPAIR_DEADLINE_MS = 20_000;
const IDENTITY = 'case-service admin repairs';

export interface RepairWorkflows {
  /** The workflow's `repair` Update; one `updateId` acts once. Rejections become the problems staff actions get. */
  repair(workflowId: string, input: RepairInput, updateId: string): Promise<DisputeState>;
  /**
   * Activities Temporal is retrying (attempt > 1), or the one named, are scheduled again now with their attempt
   * count reset. Returns the activity ids it reset (none when nothing was failing).
   */
  retryActivities(workflowId: string, activityId?: string): Promise<string[]>;
  /** Terminates the running workflow; `false` when it was not running. */
  terminate(workflowId: string, reason: string): Promise<boolean>;
  /**
   * Resets the latest run to a WorkflowTaskCompleted event (the last one when not given: the last point the worker
   * got through) as a new run; `requestId` makes a retried reset one reset. Signals and Updates after the point are
   * applied again.
   */
  reset(workflowId: string, options: { toEventId?: number; requestId: string; reason: string }): Promise<ResetResult>;
}

export interface ResetResult {
  runId: string;
  eventId: number;
}

/** The point a reset goes back to is not one Temporal can reset to. */
export class NoResetPointError extends AppError {
  constructor(detail: string) {
    super(409, 'no-reset-point', 'The workflow has no such point to reset to', { detail });
  }
}

export function createRepairWorkflows(client: Client): RepairWorkflows {
  const namespace = client.options.namespace;

  async function lastGoodPoint(workflowId: string, toEventId: number | undefined): Promise<number> {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const completed = (history.events ?? [])
      .filter((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
      .map((event) => Number(event.eventId));
    if (toEventId !== undefined) {
      if (!completed.includes(toEventId)) {
        throw new NoResetPointError(`Event ${toEventId} is not a completed workflow task of this run.`);
      }
      return toEventId;
    }
    const last = completed.at(-1);
    if (last === undefined) throw new NoResetPointError('The workflow never completed a workflow task.');
    return last;
  }

  return {
    async repair(workflowId, input, updateId) {
      try {
        return await client.withDeadline(Date.now() + REPAIR_DEADLINE_MS, () =>
          client.workflow.getHandle(workflowId).executeUpdate(repairUpdate, { args: [input], updateId }),
        );
      } catch (error) {
        throw actProblemOf(error) ?? error;
      }
    },

    async retryActivities(workflowId, activityId) {
      const description = await client.workflow.getHandle(workflowId).describe();
      const failing = (description.raw.pendingActivities ?? []).filter((activity) =>
        activityId ? activity.activityId === activityId : (activity.attempt ?? 0) > 1,
      );
      for (const activity of failing) {
        await client.workflowService.resetActivity({
          namespace,
          execution: { workflowId },
          identity: IDENTITY,
          id: activity.activityId ?? '',
          resetHeartbeat: true,
        });
      }
      return failing.map((activity) => activity.activityId ?? '');
    },

    async terminate(workflowId, reason) {
      try {
        await client.workflow.getHandle(workflowId).terminate(reason);
        return true;
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return false;
        throw error;
      }
    },

    async reset(workflowId, { toEventId, requestId, reason }) {
      const eventId = await lastGoodPoint(workflowId, toEventId);
      const response: temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse =
        await client.workflowService.resetWorkflowExecution({
          namespace,
          workflowExecution: { workflowId },
          reason,
          // int64 in the protocol: protobufjs takes a plain number for it at run time.
          workflowTaskFinishEventId: eventId as unknown as EventId,
          requestId,
          resetReapplyType: ResetReapplyType.RESET_REAPPLY_TYPE_ALL_ELIGIBLE,
        });
      return { runId: response.runId ?? '', eventId };
    },
  };
}
