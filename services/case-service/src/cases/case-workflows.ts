import {
  type Client,
  type WorkflowExecutionStatusName,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import {
  CaseSearchAttributes,
  closeDisputeUpdate,
  type CaseWorkflowView,
  DISPUTE_TASK_QUEUE,
  DISPUTE_WORKFLOW_TYPE,
  type DisputeWorkflowInput,
  getDisputeStateQuery,
} from '@gongzhi/contracts';

/** What case-service needs from Temporal; a fake implements it in unit tests. */
export interface CaseWorkflows {
  /** Starts the case's workflow; starting it again is a no-op, never a second run. */
  start(workflowId: string, input: DisputeWorkflowInput): Promise<void>;
  /** Reads the workflow's status and state; never throws for an unreachable or missing workflow. */
  view(workflowId: string): Promise<CaseWorkflowView>;
  /** Tells a case's workflow that the case merged into another: it closes. A finished workflow is left alone. */
  closeAsMerged(workflowId: string, actorId: string): Promise<void>;
}

const QUERY_DEADLINE_MS = 3_000;

function knownStatus(name: WorkflowExecutionStatusName): CaseWorkflowView['status'] {
  return name === 'UNSPECIFIED' ? 'UNKNOWN' : name;
}

export function createCaseWorkflows(client: Client): CaseWorkflows {
  return {
    async start(workflowId, input) {
      try {
        await client.workflow.start(DISPUTE_WORKFLOW_TYPE, {
          workflowId,
          taskQueue: DISPUTE_TASK_QUEUE,
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

    async closeAsMerged(workflowId, actorId) {
      try {
        await client.workflow
          .getHandle(workflowId)
          .executeUpdate(closeDisputeUpdate, { args: [{ reason: 'merged', actorId }] });
      } catch (error) {
        // Already finished (or closed by someone else): nothing left to tell it.
        if (error instanceof WorkflowNotFoundError || error instanceof WorkflowUpdateFailedError) return;
        throw error;
      }
    },

    async view(workflowId) {
      const unknown = (status: CaseWorkflowView['status']): CaseWorkflowView => ({
        workflowId,
        status,
        level: null,
        stage: null,
        deadline: null,
      });
      const handle = client.workflow.getHandle(workflowId);
      let status: CaseWorkflowView['status'];
      try {
        status = knownStatus(
          (await client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.describe())).status.name,
        );
      } catch (error) {
        return unknown(error instanceof WorkflowNotFoundError ? 'NOT_STARTED' : 'UNKNOWN');
      }
      try {
        const state = await client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
          handle.query(getDisputeStateQuery),
        );
        return { workflowId, status, level: state.level, stage: state.stage, deadline: state.deadline };
      } catch {
        // No worker polling right now: the status is still worth showing.
        return unknown(status);
      }
    },
  };
}
