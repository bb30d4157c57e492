/** Describe: one case's workflow, tasks and timeline side by side, with the one line that says why it does not move. */
import type { CaseDiagnosis, DisputeState } from '@gongzhi/contracts';
import type { WorkflowInspector } from '@gongzhi/dispute-client';
import { NotFoundError } from '@gongzhi/errors';
import type { AuditTrail } from '@gongzhi/http';
import type { CallContext } from '../../kernel/call-context';
import { failingWorkflowTask, type FailingWorkflowTaskDeps } from './detectors/failing-workflow-tasks';
import { diagnose, reconcileTasks } from './diagnosis';
import type { AdminRepository } from './stuck-scan.repository';

/** What describe reads (the case, its tasks and timeline, its workflow), and where the read is audited. */
export interface DescribeCaseDeps extends FailingWorkflowTaskDeps {
  repository: Pick<AdminRepository, 'caseById' | 'openTasksOf' | 'lastEventsOf'>;
  inspector: Pick<WorkflowInspector, 'describe' | 'state' | 'lastWorkflowTaskFailure'>;
  audit: AuditTrail;
  now: () => Date;
}

/** One case's diagnosis (404 when there is no such case); the caller has checked who may ask. */
export async function describeCase(deps: DescribeCaseDeps, ctx: CallContext, caseId: string): Promise<CaseDiagnosis> {
  const record = await deps.repository.caseById(caseId);
  if (!record) throw new NotFoundError('case', caseId);
  const at = deps.now();
  // Tasks are read before the state and again after it: see reconcileTasks.
  const [workflow, before, events] = await Promise.all([
    deps.inspector.describe(record.workflowId),
    deps.repository.openTasksOf(caseId),
    deps.repository.lastEventsOf(caseId, 10),
  ]);
  const workflowStatus = workflow?.status ?? 'NOT_FOUND';
  const workflowTask = workflow ? await failingWorkflowTask(deps, workflow) : null;
  // A workflow whose task keeps failing cannot answer a query either: not worth the wait.
  const state: DisputeState | null =
    workflowStatus === 'RUNNING' && !workflowTask ? await deps.inspector.state(record.workflowId) : null;
  const stateReadAt = deps.now();
  const tasks = state ? await deps.repository.openTasksOf(caseId) : before;
  const reconciled = reconcileTasks(state, before, tasks, stateReadAt);
  const orphanIds = new Set(reconciled?.orphans.map((task) => task.id) ?? []);
  const awaited = new Set(state?.openActions.map((action) => action.actionId) ?? []);
  const pendingActivities = workflow?.pendingActivities ?? [];
  await deps.audit.record({
    actor: ctx.principal.staffId,
    action: 'case.admin.describe',
    objectType: 'case',
    objectId: caseId,
    requestId: ctx.requestId,
  });
  return {
    caseId,
    workflowId: record.workflowId,
    caseStatus: record.status,
    workflowStatus,
    state: state
      ? {
          level: state.level,
          phase: state.phase,
          agencyId: state.agencyId,
          responsibleStaffId: state.responsibleStaffId,
          openActions: state.openActions.map((action) => ({
            actionId: action.actionId,
            kind: action.kind,
            agencyId: action.agencyId,
            dueAt: action.dueAt,
          })),
          clocks: { ...state.clocks },
          blocked: state.blocked,
        }
      : null,
    pendingActivities,
    workflowTask,
    openTasks: tasks.map((task) => ({
      id: task.id,
      actionId: task.actionId,
      kind: task.kind,
      agencyId: task.agencyId,
      assigneeStaffId: task.assigneeStaffId,
      openedAt: task.openedAt.toISOString(),
      dueAt: task.dueAt ? task.dueAt.toISOString() : null,
      overdueMs: task.dueAt ? Math.max(0, at.getTime() - task.dueAt.getTime()) : null,
      awaitedByWorkflow: !reconciled ? null : orphanIds.has(task.id) ? false : awaited.has(task.actionId) ? true : null,
    })),
    actionsWithoutTask: (reconciled?.missing ?? []).map((action) => ({
      actionId: action.actionId,
      kind: action.kind,
      agencyId: action.agencyId,
    })),
    timeline: events.map((event) => ({
      type: event.type,
      actor: event.actor,
      agencyId: event.agencyId,
      at: event.at.toISOString(),
    })),
    diagnosis: diagnose({
      caseStatus: record.status,
      workflowStatus,
      state,
      workflowTask,
      pendingActivities,
      openTasks: tasks,
      orphanTasks: reconciled?.orphans ?? [],
      actionsWithoutTask: reconciled?.missing ?? [],
      now: at,
    }),
  };
}
