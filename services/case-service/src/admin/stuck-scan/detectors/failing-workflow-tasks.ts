/**
 * Workflow tasks that keep failing (the workflow's own code cannot run), from the described candidates: the
 * `workflow-task-failing` items, and the failing task describe shows of one case.
 */
import type { FailingWorkflowTaskView, StuckItem } from '@gongzhi/contracts';
import type { DescribedWorkflow, WorkflowInspector } from '@gongzhi/dispute-client';
import type { Logger } from 'pino';
import { mapBounded } from '../../map-bounded';
import { failingWorkflowTaskSentence } from '../diagnosis';
import { stuckItem } from '../stuck-item';

/** What reading a failing workflow task takes: the run's recent history, for its last failure. */
export interface FailingWorkflowTaskDeps {
  inspector: Pick<WorkflowInspector, 'lastWorkflowTaskFailure'>;
  logger: Logger;
}

/** The failing workflow task of a described workflow, with its last failure from the history; null when none. */
export async function failingWorkflowTask(
  deps: FailingWorkflowTaskDeps,
  workflow: DescribedWorkflow,
): Promise<FailingWorkflowTaskView | null> {
  const task = workflow.workflowTask;
  if (!task || task.attempt <= 1) return null;
  const failure = await deps.inspector
    .lastWorkflowTaskFailure(workflow.workflowId, workflow.runId)
    .catch((error: unknown) => {
      // The attempt count alone still says the task fails; the message is a bonus.
      deps.logger.warn({ err: error, workflowId: workflow.workflowId }, 'workflow history unreadable');
      return null;
    });
  return {
    attempt: task.attempt,
    since: failure?.at ?? task.originalScheduledAt ?? task.scheduledAt,
    cause: failure?.cause ?? null,
    message: failure?.message ?? null,
  };
}

/** The described workflows whose workflow task keeps failing, one item each. */
export async function findFailingWorkflowTasks(
  deps: FailingWorkflowTaskDeps,
  described: readonly DescribedWorkflow[],
  at: Date,
): Promise<StuckItem[]> {
  const found = await mapBounded(described, async (workflow) => {
    const task = await failingWorkflowTask(deps, workflow);
    if (!task) return [];
    return [
      stuckItem(
        {
          kind: 'workflow-task-failing',
          caseId: workflow.caseId,
          workflowId: workflow.workflowId,
          townCode: workflow.townCode,
          agencyId: workflow.agencyId,
          level: workflow.level,
          since: task.since ?? workflow.startedAt ?? at.toISOString(),
          subject: task.cause ?? 'unknown',
          attempt: task.attempt,
          message: task.message,
          diagnosis: failingWorkflowTaskSentence(task, at),
        },
        at,
      ),
    ];
  });
  return found.flat();
}
