/**
 * Open tasks and the workflow's open actions that disagree: the `reconciliation` items of tasks (the case records'
 * are records-and-workflows.ts).
 */
import type { StuckFilters, StuckItem } from '@gongzhi/contracts';
import type { WorkflowInspector } from '@gongzhi/dispute-client';
import { mapBounded } from '../../map-bounded';
import {
  ACTION_WITHOUT_TASK,
  actionWithoutTaskSentence,
  ORPHAN_TASK,
  orphanTaskSentence,
  reconcileTasks,
} from '../diagnosis';
import type { Candidates } from '../scan-candidates';
import { byCase, itemMatches, stuckItem } from '../stuck-item';
import type { OpenTaskRecord } from '../stuck-scan.model';
import type { AdminRepository } from '../stuck-scan.repository';

/** What comparing tasks with open actions reads: the cases' open tasks (twice), and each workflow's state. */
export interface TasksAndActionsDeps {
  repository: Pick<AdminRepository, 'openTasksOfCases'>;
  inspector: Pick<WorkflowInspector, 'state'>;
  /** When each state was read: the reconciliation's grace counts from it. */
  now: () => Date;
}

/**
 * Tasks and open actions that disagree. The database names the cases whose open tasks and last reported awaited
 * action do not match one to one (an awaited human action without a task of its kind, or a task of another kind or
 * level); only those workflows are asked for their state (one query each). A case waiting on its one task costs
 * nothing; a case with several tasks open at once is asked.
 *
 * Since a transition commits its tasks and the case's progress in one transaction, a case whose workflow runs
 * today's code never shows a half-written step here. What can still disagree, and why this stays: a workflow reset
 * to an earlier point (its state rewinds, the tasks it had opened stay), cases whose histories still write one
 * activity per change (started before one commit per transition, until they close), a commit Temporal has given up
 * retrying, and rows changed by hand.
 */
export async function findTasksAndActionsDisagreeing(
  deps: TasksAndActionsDeps,
  found: Pick<Candidates, 'disagreeing'>,
  filters: StuckFilters,
  at: Date,
): Promise<StuckItem[]> {
  const tasksByCase = byCase(await deps.repository.openTasksOfCases(found.disagreeing.map((record) => record.id)));
  const candidates = found.disagreeing.map((record) => ({
    workflowId: record.workflowId,
    caseId: record.id,
    townCode: record.townCode,
  }));
  const states = await mapBounded(candidates, async (workflow) => ({
    workflow,
    state: await deps.inspector.state(workflow.workflowId),
    readAt: deps.now(),
  }));
  const suspicious = states.filter(({ workflow, state, readAt }) => {
    const first = reconcileTasks(
      state,
      tasksByCase.get(workflow.caseId) ?? [],
      tasksByCase.get(workflow.caseId) ?? [],
      readAt,
    );
    return !!first && (first.orphans.length > 0 || first.missing.length > 0);
  });
  const after = byCase(await deps.repository.openTasksOfCases(suspicious.map(({ workflow }) => workflow.caseId)));
  return suspicious.flatMap(({ workflow, state, readAt }) => {
    const compared = reconcileTasks(
      state,
      tasksByCase.get(workflow.caseId) ?? [],
      after.get(workflow.caseId) ?? [],
      readAt,
    );
    if (!compared || !state) return [];
    const base = { kind: 'reconciliation' as const, caseId: workflow.caseId, workflowId: workflow.workflowId };
    return [
      ...compared.missing.map((action) =>
        stuckItem(
          {
            ...base,
            townCode: workflow.townCode,
            agencyId: action.agencyId,
            level: action.level,
            since: action.openedAt,
            subject: ACTION_WITHOUT_TASK,
            assigneeStaffId: action.assigneeStaffId,
            diagnosis: actionWithoutTaskSentence(action),
          },
          at,
        ),
      ),
      ...compared.orphans.map((task: OpenTaskRecord) =>
        stuckItem(
          {
            ...base,
            townCode: task.townCode,
            agencyId: task.agencyId,
            level: task.level,
            // When the workflow left the task's phase is not recorded anywhere; the task's opening is a floor.
            since: task.openedAt.toISOString(),
            subject: ORPHAN_TASK,
            taskId: task.id,
            assigneeStaffId: task.assigneeStaffId,
            diagnosis: orphanTaskSentence(task, state),
          },
          at,
        ),
      ),
    ].filter((listed) => itemMatches(listed, filters));
  });
}
