import { type Client, type WorkflowExecutionInfo, WorkflowNotFoundError } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
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
  runId: string | null;
  status: string;
  caseId: string | null;
  townCode: string | null;
  agencyId: string | null;
  level: string | null;
  awaitedAction: string | null;
  /** The next deadline the workflow watches (GongzhiNextDeadline): past it, the workflow should have moved on. */
  nextDeadline: string | null;
  startedAt: string | null;
  closedAt: string | null;
}

/** The workflow task Temporal is trying to run, when one is pending. */
export interface PendingWorkflowTask {
  /** 1 for a first try; more means the previous attempts failed (the workflow's own code cannot run). */
  attempt: number;
  scheduledAt: string | null;
  /** When the first attempt of this task was scheduled. */
  originalScheduledAt: string | null;
}

export interface DescribedWorkflow extends InspectedWorkflow {
  pendingActivities: PendingActivityView[];
  workflowTask: PendingWorkflowTask | null;
}

/** The last WorkflowTaskFailed event of a run's history. */
export interface WorkflowTaskFailure {
  at: string | null;
  /** Temporal's cause in words, e.g. `non-deterministic-error`, `workflow-worker-unhandled-failure`. */
  cause: string | null;
  message: string | null;
}

/** What the admin scan needs from Temporal; a fake implements it in unit tests. */
export interface WorkflowInspector {
  /**
   * Every running case workflow with its search attributes, a page at a time: visibility only, one call per page,
   * and the next page asked for only when the caller wants it (the health sweep takes them at its own pace).
   */
  runningPages(pageSize: number): AsyncIterable<InspectedWorkflow[]>;
  /** Running case workflows whose awaited action says they are blocked (`blocked:<activity>`): one visibility query. */
  listBlocked(filter: { townCode?: string; max: number }): Promise<InspectedWorkflow[]>;
  /** Case workflows closed since the instant given (of one town when given), however they ended. */
  listClosedSince(filter: { since: Date; townCode?: string; max: number }): Promise<InspectedWorkflow[]>;
  /** Which of the workflows given are running: visibility, one query per RUNNING_AMONG_BATCH ids. */
  runningAmong(workflowIds: readonly string[]): Promise<Set<string>>;
  /** The latest run of a workflow with its pending activities; null when Temporal has no such workflow. */
  describe(workflowId: string): Promise<DescribedWorkflow | null>;
  /** The getDisputeState query's answer; null when the workflow cannot answer it (closed, no worker, unknown). */
  state(workflowId: string): Promise<DisputeState | null>;
  /**
   * The last workflow task failure among the latest events of a run (one page of its history read backwards, so
   * the work is bounded however long the history); null when none is recorded there.
   */
  lastWorkflowTaskFailure(workflowId: string, runId: string | null): Promise<WorkflowTaskFailure | null>;
}

const QUERY_DEADLINE_MS = 3_000;
/** Visibility's largest page by default: the running list costs one call per this many workflows. */
export const LIST_PAGE_SIZE = 1_000;
/** Every status a closed workflow execution can have, as visibility queries name them. */
const CLOSED_STATUSES = ['Completed', 'Failed', 'Canceled', 'Terminated', 'TimedOut', 'ContinuedAsNew'] as const;
/** Workflow ids per `WorkflowId IN (…)` query. */
export const RUNNING_AMONG_BATCH = 200;
/** Workflow ids the scan puts in a query: ours are `dispute-case-<uuid>`; anything else is never quoted in. */
const QUERYABLE_WORKFLOW_ID = /^[A-Za-z0-9_.:-]+$/;
/** Town codes that are safe inside a visibility query's quotes; any other is filtered after listing. */
const QUERYABLE_TOWN = /^[A-Za-z0-9_-]+$/;
/**
 * Events read backwards to find the failure: a failing workflow task's WorkflowTaskFailed event is among the last
 * few (later attempts add none), unless signals keep arriving meanwhile.
 */
const HISTORY_EVENTS_READ = 50;
/** A failure message is a diagnosis, not a stack trace. */
const MESSAGE_MAX = 500;
const ACTIVITY_STATES: Record<number, string> = { 1: 'SCHEDULED', 2: 'STARTED', 3: 'CANCEL_REQUESTED', 4: 'PAUSED' };
const CAUSE_PREFIX = 'WORKFLOW_TASK_FAILED_CAUSE_';

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

function causeName(cause: number | null | undefined): string | null {
  const name = cause ? temporal.api.enums.v1.WorkflowTaskFailedCause[cause] : undefined;
  return typeof name === 'string' ? name.replace(CAUSE_PREFIX, '').toLowerCase().replaceAll('_', '-') : null;
}

function truncated(message: string | null | undefined): string | null {
  if (!message) return null;
  return message.length > MESSAGE_MAX ? `${message.slice(0, MESSAGE_MAX - 1)}…` : message;
}

function inspected(info: Omit<WorkflowExecutionInfo, 'raw'>): InspectedWorkflow {
  const attributes = info.typedSearchAttributes;
  return {
    workflowId: info.workflowId,
    runId: info.runId || null,
    status: info.status.name,
    caseId: attributes.get(CaseSearchAttributes.caseId) ?? null,
    townCode: attributes.get(CaseSearchAttributes.town) ?? null,
    agencyId: attributes.get(CaseSearchAttributes.agency) ?? null,
    level: attributes.get(CaseSearchAttributes.level) ?? null,
    awaitedAction: attributes.get(CaseSearchAttributes.awaitedAction) ?? null,
    nextDeadline: attributes.get(CaseSearchAttributes.nextDeadline)?.toISOString() ?? null,
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
  /** The case workflows matching a condition (and town), paged; at most `max`. */
  async function list(condition: string, townCode: string | undefined, max: number): Promise<InspectedWorkflow[]> {
    const inQuery = townCode !== undefined && QUERYABLE_TOWN.test(townCode);
    const town = inQuery ? ` AND ${CaseSearchAttributes.town.name} = '${townCode}'` : '';
    const found: InspectedWorkflow[] = [];
    if (max <= 0) return found;
    for await (const info of client.workflow.list({
      query: `${scope} AND ${condition}${town}`,
      pageSize: LIST_PAGE_SIZE,
    })) {
      const workflow = inspected(info);
      if (townCode !== undefined && workflow.townCode !== townCode) continue;
      found.push(workflow);
      if (found.length >= max) break;
    }
    return found;
  }

  return {
    async *runningPages(pageSize) {
      let page: InspectedWorkflow[] = [];
      for await (const info of client.workflow.list({ query: `${scope} AND ExecutionStatus = 'Running'`, pageSize })) {
        page.push(inspected(info));
        if (page.length < pageSize) continue;
        yield page;
        page = [];
      }
      if (page.length > 0) yield page;
    },

    listBlocked({ townCode, max }) {
      // The prefix as a range ("blocked;" is the first string past every "blocked:…"): visibility stores use their
      // index on the keyword for a range, where STARTS_WITH (a LIKE) read every running workflow (the dev server's
      // SQLite: about twice the time at 10,000 open cases).
      const awaited = CaseSearchAttributes.awaitedAction.name;
      return list(
        `ExecutionStatus = 'Running' AND ${awaited} >= 'blocked:' AND ${awaited} < 'blocked;'`,
        townCode,
        max,
      );
    },

    listClosedSince({ since, townCode, max }) {
      // The closed statuses by name, not `!= 'Running'`: equality lets the store range over its status index, where
      // the negation read every running workflow too (their close time sorts after any date).
      return list(
        `ExecutionStatus IN (${CLOSED_STATUSES.map((status) => `'${status}'`).join(', ')}) AND CloseTime > '${since.toISOString()}'`,
        townCode,
        max,
      );
    },

    async runningAmong(workflowIds) {
      const ids = [...new Set(workflowIds)].filter((id) => QUERYABLE_WORKFLOW_ID.test(id));
      const running = new Set<string>();
      for (let i = 0; i < ids.length; i += RUNNING_AMONG_BATCH) {
        const quoted = ids
          .slice(i, i + RUNNING_AMONG_BATCH)
          .map((id) => `'${id}'`)
          .join(', ');
        for (const workflow of await list(
          `ExecutionStatus = 'Running' AND WorkflowId IN (${quoted})`,
          undefined,
          Infinity,
        )) {
          running.add(workflow.workflowId);
        }
      }
      return running;
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
        const task = description.raw.pendingWorkflowTask;
        const workflowTask: PendingWorkflowTask | null = task
          ? {
              attempt: task.attempt ?? 0,
              scheduledAt: iso(optionalTsToMs(task.scheduledTime)),
              originalScheduledAt: iso(optionalTsToMs(task.originalScheduledTime)),
            }
          : null;
        return { ...inspected(description), pendingActivities, workflowTask };
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

    async lastWorkflowTaskFailure(workflowId, runId) {
      const { history } = await client.workflowService.getWorkflowExecutionHistoryReverse({
        namespace: client.options.namespace,
        execution: { workflowId, ...(runId ? { runId } : {}) },
        maximumPageSize: HISTORY_EVENTS_READ,
      });
      for (const event of history?.events ?? []) {
        const failed = event.workflowTaskFailedEventAttributes;
        if (!failed) continue;
        return {
          at: iso(optionalTsToMs(event.eventTime)),
          cause: causeName(failed.cause),
          message: truncated(failed.failure?.message),
        };
      }
      return null;
    },
  };
}
