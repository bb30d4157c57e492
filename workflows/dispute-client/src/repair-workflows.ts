/**
 * What the administrators' repairs ask of Temporal: the workflow's `repair` Update, retrying activities now,
 * terminating, and resetting to the last good point. Only ids reach Temporal: the administrator's reason stays in
 * the repair log, so the terminate and reset reasons name the repair, not the words.
 */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { type DisputeState, type RepairInput, repairUpdate } from '@gongzhi/contracts';
import { AppError } from '@gongzhi/errors';
import { actProblemOf } from './case-workflows';

const EventType = temporal.api.enums.v1.EventType;
const ResetReapplyType = temporal.api.enums.v1.ResetReapplyType;
const FailedCause = temporal.api.enums.v1.WorkflowTaskFailedCause;
type EventId = NonNullable<temporal.api.workflowservice.v1.IResetWorkflowExecutionRequest['workflowTaskFinishEventId']>;

/** Same bound as a staff action: a repair is a person waiting at a terminal. */
const REPAIR_DEADLINE_MS = 20_000;
const IDENTITY = 'case-service admin repairs';
const GRPC_INVALID_ARGUMENT = 3;
const GRPC_NOT_FOUND = 5;
const GRPC_FAILED_PRECONDITION = 9;

function grpcCodeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

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
  /** The event the run was reset to; null when this repair's reset had already happened. */
  eventId: number | null;
}

/** The point a reset goes back to is not one Temporal can reset to. */
export class NoResetPointError extends AppError {
  constructor(detail: string) {
    super(409, 'no-reset-point', 'The workflow has no such point to reset to', { detail });
  }
}

/** The case's workflow does not exist in Temporal (never started, or its history is past retention). */
export class NoWorkflowError extends AppError {
  constructor() {
    super(409, 'workflow-not-found', 'The case has no workflow in Temporal', {
      detail:
        'Temporal has no workflow for this case (never started, or past its retention): nothing to retry or reset. Terminate closes the case record.',
    });
  }
}

/** Temporal's "no such workflow" as the problem an administrator can act on. */
async function orNoWorkflow<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // The client raises its own error for most calls, a bare gRPC NOT_FOUND for the history.
    if (error instanceof WorkflowNotFoundError || grpcCodeOf(error) === GRPC_NOT_FOUND) {
      throw new NoWorkflowError();
    }
    throw error;
  }
}

export function createRepairWorkflows(client: Client): RepairWorkflows {
  const namespace = client.options.namespace;

  /**
   * Where the latest run can be reset to: the given WorkflowTaskCompleted event, or the last one. `null` when the
   * latest run is the one a reset with this reason created: the repair was already done (Temporal dedupes a request id
   * within a run only, and a retried repair would otherwise reset the new run again).
   */
  async function resetPoint(
    workflowId: string,
    toEventId: number | undefined,
    reason: string,
  ): Promise<{ eventId: number } | { alreadyRunId: string }> {
    const history = await orNoWorkflow(() => client.workflow.getHandle(workflowId).fetchHistory());
    const events = history.events ?? [];
    const done = events.find(
      (event) =>
        event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED &&
        event.workflowTaskFailedEventAttributes?.cause === FailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW &&
        event.workflowTaskFailedEventAttributes.failure?.message === reason,
    );
    if (done) return { alreadyRunId: done.workflowTaskFailedEventAttributes?.newRunId ?? '' };
    const completed = events
      .filter((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
      .map((event) => Number(event.eventId));
    if (toEventId !== undefined) {
      if (!completed.includes(toEventId)) {
        throw new NoResetPointError(`Event ${toEventId} is not a completed workflow task of this run.`);
      }
      return { eventId: toEventId };
    }
    const last = completed.at(-1);
    if (last === undefined) throw new NoResetPointError('The workflow never completed a workflow task.');
    return { eventId: last };
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
      const description = await orNoWorkflow(() => client.workflow.getHandle(workflowId).describe());
      const failing = (description.raw.pendingActivities ?? []).filter((activity) =>
        activityId ? activity.activityId === activityId : (activity.attempt ?? 0) > 1,
      );
      const reset: string[] = [];
      for (const activity of failing) {
        try {
          await client.workflowService.resetActivity({
            namespace,
            execution: { workflowId },
            identity: IDENTITY,
            id: activity.activityId ?? '',
            resetHeartbeat: true,
          });
          reset.push(activity.activityId ?? '');
        } catch (error) {
          // It finished between the describe and the reset: nothing left to retry for that one.
          if (grpcCodeOf(error) !== GRPC_NOT_FOUND) throw error;
        }
      }
      return reset;
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
      const point = await resetPoint(workflowId, toEventId, reason);
      if ('alreadyRunId' in point) return { runId: point.alreadyRunId, eventId: null };
      const response: temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse = await client.workflowService
        .resetWorkflowExecution({
          namespace,
          workflowExecution: { workflowId },
          reason,
          // int64 in the protocol: protobufjs takes a plain number for it at run time.
          workflowTaskFinishEventId: point.eventId as unknown as EventId,
          requestId,
          resetReapplyType: ResetReapplyType.RESET_REAPPLY_TYPE_ALL_ELIGIBLE,
        })
        .catch((error: unknown) => {
          // Temporal refuses the point (e.g. a run past its retention, a pending child): a problem, not a crash.
          const code = grpcCodeOf(error);
          if (code === GRPC_INVALID_ARGUMENT || code === GRPC_FAILED_PRECONDITION) {
            throw new NoResetPointError(error instanceof Error ? error.message : String(error));
          }
          throw error;
        });
      return { runId: response.runId ?? '', eventId: point.eventId };
    },
  };
}
