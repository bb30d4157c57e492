import {
  ApplicationFailure,
  type Client,
  type WorkflowExecutionStatusName,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import {
  type ActInput,
  actUpdate,
  CaseSearchAttributes,
  closeDisputeUpdate,
  type CaseWorkflowView,
  DISPUTE_REJECTIONS,
  DISPUTE_TASK_QUEUE,
  DISPUTE_WORKFLOW_TYPE,
  type DisputeState,
  type DisputeStateSummary,
  type DisputeWorkflowInput,
  getDisputeStateQuery,
  nextDeadlineOf,
  type OpenActionSummary,
  type ReassignInput,
  reassignUpdate,
} from '@gongzhi/contracts';
import { AppError, PROBLEM_TYPES } from '@gongzhi/errors';

/** What case-service needs from Temporal; a fake implements it in unit tests. */
export interface CaseWorkflows {
  /** Starts the case's workflow; starting it again is a no-op, never a second run. */
  start(workflowId: string, input: DisputeWorkflowInput): Promise<void>;
  /**
   * Reads the workflow's status and state from Temporal (a describe and a query the worker must answer): for the
   * explicit live read only, ordinary case reads use the recorded view. Never throws for an unreachable or missing
   * workflow.
   */
  view(workflowId: string): Promise<CaseWorkflowView>;
  /** Tells a case's workflow that the case merged into another: it closes. A finished workflow is left alone. */
  closeAsMerged(workflowId: string, merge: { actorId: string; mergedIntoCaseId: string }): Promise<void>;
  /**
   * Sends a human action as the workflow's `act` Update and returns the state it leads to (the workflow has written
   * the resulting tasks and timeline events by then). The same `updateId` twice is one action. A rejection by the
   * workflow, or a workflow that is not running, is thrown as the AppError the caller should see.
   */
  act(workflowId: string, input: ActInput, updateId: string): Promise<DisputeState>;
  /**
   * Sends a supervisor's reassignment of a task the workflow names someone for (the mediate task) as its `reassign`
   * Update; the same contract as `act` (one Update id acts once, rejections become problems).
   */
  reassign(workflowId: string, input: ReassignInput, updateId: string): Promise<DisputeState>;
}

const QUERY_DEADLINE_MS = 3_000;
/**
 * The Update returns once the workflow has processed the action, including its task and timeline writes; a worker
 * that is down or a case-service that is slow to answer those writes must not hold a staff request for minutes.
 */
const ACT_DEADLINE_MS = 20_000;

type DisputeRejection = (typeof DISPUTE_REJECTIONS)[keyof typeof DISPUTE_REJECTIONS];

/** The HTTP problem of each rejection the workflow's validator can answer with. */
const REJECTION_PROBLEMS: Record<DisputeRejection, { status: number; type: string; title: string }> = {
  [DISPUTE_REJECTIONS.illegalAction]: {
    status: 409,
    type: 'action-not-possible-now',
    title: 'The action is not possible in the case’s current state',
  },
  [DISPUTE_REJECTIONS.staleTask]: { status: 409, type: 'stale-task', title: 'The task is no longer open' },
  [DISPUTE_REJECTIONS.closed]: { status: 409, type: 'case-closed', title: 'The case is closed' },
  // The same type as every other 403, so clients need one branch for "not yours to do".
  [DISPUTE_REJECTIONS.notAllowed]: { status: 403, type: PROBLEM_TYPES.forbidden, title: 'Not allowed' },
  [DISPUTE_REJECTIONS.invalidInput]: { status: 422, type: 'invalid-action', title: 'The action is not valid' },
};

function isRejection(type: string | null | undefined): type is DisputeRejection {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(REJECTION_PROBLEMS, type);
}

/** The workflow is gone (finished, or never started): no action can reach it. */
export class WorkflowNotRunningError extends AppError {
  constructor() {
    super(409, 'workflow-not-running', 'The case’s workflow is not running', {
      detail:
        'The case’s workflow is not running, so it cannot take actions: reload the case; if it is still open, ask an administrator to look at its workflow.',
    });
  }
}

/**
 * How a failed `act` Update reaches the caller: the workflow's rejections become problems with its message (written
 * for the person acting) as the detail; anything else is left to the caller's error handling (and the 503 mapping
 * of Temporal outages).
 */
export function actProblemOf(error: unknown): AppError | undefined {
  if (error instanceof WorkflowNotFoundError) return new WorkflowNotRunningError();
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && isRejection(cause.type)) {
      const problem = REJECTION_PROBLEMS[cause.type];
      return new AppError(problem.status, problem.type, problem.title, {
        detail: cause.message,
        extensions: { rejection: cause.type },
      });
    }
    // The Update handler failed in a way the contract does not name: the action was not applied.
    return new AppError(409, 'action-failed', 'The workflow could not apply the action', {
      detail:
        'The case’s workflow could not apply this action: reload the case and try again, or ask an administrator.',
    });
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new AppError(503, PROBLEM_TYPES.dependencyUnavailable, 'The workflow did not answer in time', {
      detail:
        'The case’s workflow did not confirm the action in time. Retry with the same Idempotency-Key: the action is applied at most once.',
    });
  }
  return undefined;
}

function knownStatus(name: WorkflowExecutionStatusName): CaseWorkflowView['status'] {
  return name === 'UNSPECIFIED' ? 'UNKNOWN' : name;
}

export function openActionsOf(state: DisputeState): OpenActionSummary[] {
  return state.openActions.map((action) => ({
    actionId: action.actionId,
    kind: action.kind,
    agencyId: action.agencyId,
    assigneeStaffId: action.assigneeStaffId,
    dueAt: action.dueAt,
  }));
}

/** What staff are shown of the workflow's state after an action: where the case is and what is open. */
export function summariseState(state: DisputeState): DisputeStateSummary {
  return {
    level: state.level,
    phase: state.phase,
    agencyId: state.agencyId,
    responsibleStaffId: state.responsibleStaffId,
    openActions: openActionsOf(state),
  };
}

/** The workflow view of a case from its state, its next deadline by the workflow's own rule (`nextDeadlineOf`). */
export function workflowViewOf(
  workflowId: string,
  status: CaseWorkflowView['status'],
  state: DisputeState,
): CaseWorkflowView {
  return {
    workflowId,
    source: 'live',
    status,
    level: state.level,
    phase: state.phase,
    agencyId: state.agencyId,
    responsibleStaffId: state.responsibleStaffId,
    nextDeadline: nextDeadlineOf(state),
    openActions: openActionsOf(state),
  };
}

/** The view of a workflow whose state cannot be read (not started, unreachable, no worker polling). */
export function unknownWorkflowView(workflowId: string, status: CaseWorkflowView['status']): CaseWorkflowView {
  return {
    workflowId,
    source: 'live',
    status,
    level: null,
    phase: null,
    agencyId: null,
    responsibleStaffId: null,
    nextDeadline: null,
    openActions: [],
  };
}

export function createCaseWorkflows(client: Client, taskQueue: string = DISPUTE_TASK_QUEUE): CaseWorkflows {
  return {
    async start(workflowId, input) {
      try {
        await client.workflow.start(DISPUTE_WORKFLOW_TYPE, {
          workflowId,
          taskQueue,
          args: [input],
          // A retried request (or the start-up sweep) re-starts the same id: attach to the running one …
          workflowIdConflictPolicy: 'USE_EXISTING',
          // … and never open a second run for a case whose workflow already finished.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [
            { key: CaseSearchAttributes.caseId, value: input.caseId },
            { key: CaseSearchAttributes.town, value: input.townCode },
          ],
          staticSummary: `Dispute case ${input.caseId} (${input.disputeType}, town ${input.townCode})`,
        });
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) return;
        throw error;
      }
    },

    async closeAsMerged(workflowId, merge) {
      try {
        await client.workflow.getHandle(workflowId).executeUpdate(closeDisputeUpdate, {
          args: [{ reason: 'merged', actorId: merge.actorId, mergedIntoCaseId: merge.mergedIntoCaseId }],
        });
      } catch (error) {
        // Already finished (or closed by someone else): nothing left to tell it.
        if (error instanceof WorkflowNotFoundError || error instanceof WorkflowUpdateFailedError) return;
        throw error;
      }
    },

    async act(workflowId, input, updateId) {
      try {
        return await client.withDeadline(Date.now() + ACT_DEADLINE_MS, () =>
          client.workflow.getHandle(workflowId).executeUpdate(actUpdate, { args: [input], updateId }),
        );
      } catch (error) {
        throw actProblemOf(error) ?? error;
      }
    },

    async reassign(workflowId, input, updateId) {
      try {
        return await client.withDeadline(Date.now() + ACT_DEADLINE_MS, () =>
          client.workflow.getHandle(workflowId).executeUpdate(reassignUpdate, { args: [input], updateId }),
        );
      } catch (error) {
        throw actProblemOf(error) ?? error;
      }
    },

    async view(workflowId) {
      const handle = client.workflow.getHandle(workflowId);
      let status: CaseWorkflowView['status'];
      try {
        status = knownStatus(
          (await client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.describe())).status.name,
        );
      } catch (error) {
        return unknownWorkflowView(workflowId, error instanceof WorkflowNotFoundError ? 'NOT_STARTED' : 'UNKNOWN');
      }
      try {
        const state = await client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
          handle.query(getDisputeStateQuery),
        );
        return workflowViewOf(workflowId, status, state);
      } catch {
        // No worker polling right now: the status is still worth showing.
        return unknownWorkflowView(workflowId, status);
      }
    },
  };
}
