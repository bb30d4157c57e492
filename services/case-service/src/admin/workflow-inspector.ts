import { type Client, type WorkflowExecutionInfo, WorkflowNotFoundError } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import {
  CaseSearchAttributes,
  DISPUTE_WORKFLOW_TYPE,
  type DisputeState,
  getDisputeStateQuery,
  type PendingActivityView,
} from '@gongzhi/contracts';

/** A workflow as Temporal's visibility store and describe call know it. */
export interface InspectedWorkflow {
  workflowId: string;
  status: string;
  caseId: string | null;
  townCode: string | null;
  agencyId: string | null;
  level: string | null;
  awaitedAction: string | null;
  startedAt: string | null;
  closedAt: string | null;
}

export interface DescribedWorkflow extends InspectedWorkflow {
  pendingActivities: PendingActivityView[];
}

/** What the admin scan needs from Temporal; a fake implements it in unit tests. */
export interface WorkflowInspector {
  /** Running case workflows (at most `max`), with their search attributes. */
  listRunning(max: number): Promise<InspectedWorkflow[]>;
  /** The latest run of a workflow with its pending activities; null when Temporal has no such workflow. */
  describe(workflowId: string): Promise<DescribedWorkflow | null>;
  /** The getDisputeState query's answer; null when the workflow cannot answer it (closed, no worker, unknown). */
  state(workflowId: string): Promise<DisputeState | null>;
}

const QUERY_DEADLINE_MS = 3_000;
const ACTIVITY_STATES: Record<number, string> = { 1: 'SCHEDULED', 2: 'STARTED', 3: 'CANCEL_REQUESTED', 4: 'PAUSED' };

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

function inspected(info: Omit<WorkflowExecutionInfo, 'raw'>): InspectedWorkflow {
  const attributes = info.typedSearchAttributes;
  return {
    workflowId: info.workflowId,
    status: info.status.name,
    caseId: attributes.get(CaseSearchAttributes.caseId) ?? null,
    townCode: attributes.get(CaseSearchAttributes.town) ?? null,
    agencyId: attributes.get(CaseSearchAttributes.agency) ?? null,
    level: attributes.get(CaseSearchAttributes.level) ?? null,
    awaitedAction: attributes.get(CaseSearchAttributes.awaitedAction) ?? null,
    startedAt: info.startTime.toISOString(),
    closedAt: info.closeTime ? info.closeTime.toISOString() : null,
  };
}

/**
 * The inspector on a real Temporal client. `scope` is the visibility query that picks the case workflows: the
 * dispute workflow's type by default; tests narrow it to their own task queue on the shared dev server.
 */
export function createWorkflowInspector(
  client: Client,
  scope = `WorkflowType = '${DISPUTE_WORKFLOW_TYPE}'`,
): WorkflowInspector {
  return {
    async listRunning(max) {
      const found: InspectedWorkflow[] = [];
      for await (const info of client.workflow.list({ query: `${scope} AND ExecutionStatus = 'Running'` })) {
        found.push(inspected(info));
        if (found.length >= max) break;
      }
      return found;
    },

    async describe(workflowId) {
      try {
        const description = await client.workflow.getHandle(workflowId).describe();
        const pendingActivities = (description.raw.pendingActivities ?? []).map((activity): PendingActivityView => ({
          activityId: activity.activityId ?? '',
          activityType: activity.activityType?.name ?? '',
          attempt: activity.attempt ?? 0,
          state: ACTIVITY_STATES[activity.state ?? 0] ?? 'UNSPECIFIED',
          lastFailure: activity.lastFailure?.message ?? null,
          scheduledAt: iso(optionalTsToMs(activity.scheduledTime)),
          lastStartedAt: iso(optionalTsToMs(activity.lastStartedTime)),
        }));
        return { ...inspected(description), pendingActivities };
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return null;
        throw error;
      }
    },

    async state(workflowId) {
      try {
        const handle = client.workflow.getHandle(workflowId);
        return await Promise.race([
          handle.query(getDisputeStateQuery),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), QUERY_DEADLINE_MS).unref()),
        ]);
      } catch {
        // A closed workflow without a worker, or one whose query fails: describe tells the rest.
        return null;
      }
    },
  };
}
