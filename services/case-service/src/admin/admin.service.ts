import { requireAnyRole } from '@gongzhi/auth';
import {
  type CaseDiagnosis,
  STUCK_KINDS,
  type StuckFilters,
  type StuckItem,
  type StuckKind,
  type StuckReport,
} from '@gongzhi/contracts';
import { NotFoundError } from '@gongzhi/errors';
import type { AuditTrail } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CallContext } from '../cases/cases.service';
import { requireStaff } from '../principals';
import type { AdminCaseRecord, AdminRepository } from './admin.repository';
import {
  blockedSentence,
  diagnose,
  failingActivitySentence,
  formatDuration,
  reconciliationOf,
  sortStuck,
} from './diagnosis';
import type { DescribedWorkflow, InspectedWorkflow, WorkflowInspector } from './workflow-inspector';

export interface AdminServiceDeps {
  repository: AdminRepository;
  inspector: WorkflowInspector;
  audit: AuditTrail;
  logger: Logger;
  now?: () => Date;
  /** How many workflows and cases one scan looks at per source: a scan must answer in seconds, not minutes. */
  scanLimit?: number;
  /** Closed and merged cases changed within this many days are checked for a workflow still running. */
  finishedWithinDays?: number;
  /** An `opening` case is left to the resume sweep for this long before the scan calls it stuck. */
  openingGraceMs?: number;
}

export interface AdminService {
  stuck(ctx: CallContext, filters: StuckFilters): Promise<StuckReport>;
  describe(ctx: CallContext, caseId: string): Promise<CaseDiagnosis>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Describe calls in flight at once: enough to scan 200 workflows quickly without flooding the frontend. */
const DESCRIBE_CONCURRENCY = 10;

async function mapBounded<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += DESCRIBE_CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(i, i + DESCRIBE_CONCURRENCY).map(fn))));
  }
  return results;
}

function requireAdministrator(ctx: CallContext): void {
  requireStaff(ctx.principal);
  requireAnyRole(ctx.principal, ['administrator'], 'look for stuck cases');
}

export function createAdminService(deps: AdminServiceDeps): AdminService {
  const now = deps.now ?? (() => new Date());
  const scanLimit = deps.scanLimit ?? 200;
  const finishedWithinMs = (deps.finishedWithinDays ?? 30) * DAY_MS;
  const openingGraceMs = deps.openingGraceMs ?? 10 * 60 * 1000;

  function audit(ctx: CallContext, action: string, objectType: string, objectId: string): Promise<void> {
    return deps.audit.record({ actor: ctx.principal.staffId, action, objectType, objectId, requestId: ctx.requestId });
  }

  function item(
    base: Pick<StuckItem, 'kind' | 'workflowId' | 'subject' | 'diagnosis'> & Partial<StuckItem> & { since: string },
    at: Date,
  ): StuckItem {
    return {
      caseId: null,
      townCode: null,
      agencyId: null,
      level: null,
      taskId: null,
      assigneeStaffId: null,
      attempt: null,
      message: null,
      ...base,
      stuckForMs: Math.max(0, at.getTime() - Date.parse(base.since)),
    };
  }

  function workflowMatches(workflow: InspectedWorkflow, filters: StuckFilters): boolean {
    return (
      (!filters.town || workflow.townCode === filters.town) &&
      (!filters.agencyId || workflow.agencyId === filters.agencyId) &&
      (!filters.level || workflow.level === filters.level)
    );
  }

  function caseMatches(record: AdminCaseRecord, filters: StuckFilters): boolean {
    return (
      (!filters.agencyId || record.currentAgencyId === filters.agencyId) &&
      (!filters.level || record.currentLevel === filters.level)
    );
  }

  async function overdueTasks(filters: StuckFilters, at: Date): Promise<{ items: StuckItem[]; full: boolean }> {
    const tasks = await deps.repository.overdueTasks({
      dueBefore: at,
      ...(filters.town ? { townCode: filters.town } : {}),
      ...(filters.agencyId ? { agencyId: filters.agencyId } : {}),
      ...(filters.level ? { level: filters.level } : {}),
      limit: scanLimit,
    });
    const items = tasks.map((task) =>
      item(
        {
          kind: 'overdue-task',
          caseId: task.caseId,
          workflowId: task.workflowId,
          townCode: task.townCode,
          agencyId: task.agencyId,
          level: task.level,
          since: task.dueAt.toISOString(),
          subject: task.kind,
          taskId: task.id,
          assigneeStaffId: task.assigneeStaffId,
          diagnosis: `waiting ${formatDuration(at.getTime() - task.dueAt.getTime())} past due for ${task.kind} by ${task.agencyId}`,
        },
        at,
      ),
    );
    return { items, full: tasks.length >= scanLimit };
  }

  async function blocked(running: InspectedWorkflow[], at: Date): Promise<StuckItem[]> {
    const candidates = running.filter((workflow) => workflow.awaitedAction?.startsWith('blocked:'));
    const found = await mapBounded(candidates, async (workflow) => {
      const state = await deps.inspector.state(workflow.workflowId);
      const activity = workflow.awaitedAction?.slice('blocked:'.length) ?? '';
      const since = state?.blocked?.since ?? workflow.startedAt ?? at.toISOString();
      return item(
        {
          kind: 'blocked',
          caseId: workflow.caseId,
          workflowId: workflow.workflowId,
          townCode: workflow.townCode,
          agencyId: workflow.agencyId,
          level: workflow.level,
          since,
          subject: state?.blocked?.activity ?? activity,
          message: state?.blocked ? `${state.blocked.type ?? 'Error'}: ${state.blocked.message}` : null,
          diagnosis: state?.blocked
            ? blockedSentence(state.blocked)
            : `blocked: ${activity} (the workflow did not answer its query)`,
        },
        at,
      );
    });
    return found;
  }

  function failing(described: DescribedWorkflow[], at: Date): StuckItem[] {
    return described.flatMap((workflow) =>
      workflow.pendingActivities
        .filter((activity) => activity.attempt > 1)
        .map((activity) =>
          item(
            {
              kind: 'failing-activity',
              caseId: workflow.caseId,
              workflowId: workflow.workflowId,
              townCode: workflow.townCode,
              agencyId: workflow.agencyId,
              level: workflow.level,
              since: activity.scheduledAt ?? activity.lastStartedAt ?? workflow.startedAt ?? at.toISOString(),
              subject: activity.activityType,
              attempt: activity.attempt,
              message: activity.lastFailure,
              diagnosis: failingActivitySentence(activity, at),
            },
            at,
          ),
        ),
    );
  }

  async function reconciliation(filters: StuckFilters, at: Date): Promise<{ items: StuckItem[]; full: boolean }> {
    const town = filters.town ? { townCode: filters.town } : {};
    const [open, finished] = await Promise.all([
      deps.repository.openCases({ openingBefore: new Date(at.getTime() - openingGraceMs), limit: scanLimit, ...town }),
      deps.repository.finishedCases({ since: new Date(at.getTime() - finishedWithinMs), limit: scanLimit, ...town }),
    ]);
    const cases = [...open, ...finished].filter((record) => caseMatches(record, filters));
    const found = await mapBounded(cases, async (record) => {
      const workflow = await deps.inspector.describe(record.workflowId);
      const mismatch = reconciliationOf(record.status, workflow?.status ?? 'NOT_FOUND');
      if (!mismatch) return [];
      return [
        item(
          {
            kind: 'reconciliation',
            caseId: record.id,
            workflowId: record.workflowId,
            townCode: record.townCode,
            agencyId: record.currentAgencyId,
            level: record.currentLevel,
            since: workflow?.closedAt ?? record.updatedAt.toISOString(),
            subject: mismatch,
            diagnosis: mismatch,
          },
          at,
        ),
      ];
    });
    return { items: found.flat(), full: open.length >= scanLimit || finished.length >= scanLimit };
  }

  return {
    async stuck(ctx, filters) {
      requireAdministrator(ctx);
      const at = now();
      const kinds = new Set<StuckKind>(filters.kind ? [filters.kind] : STUCK_KINDS);
      const items: StuckItem[] = [];
      let truncated = false;
      if (kinds.has('overdue-task')) {
        const found = await overdueTasks(filters, at);
        items.push(...found.items);
        truncated ||= found.full;
      }
      if (kinds.has('blocked') || kinds.has('failing-activity')) {
        const listed = await deps.inspector.listRunning(scanLimit);
        truncated ||= listed.length >= scanLimit;
        const running = listed.filter((workflow) => workflowMatches(workflow, filters));
        if (kinds.has('blocked')) items.push(...(await blocked(running, at)));
        if (kinds.has('failing-activity')) {
          const described = await mapBounded(running, (workflow) => deps.inspector.describe(workflow.workflowId));
          items.push(
            ...failing(
              described.flatMap((workflow) => (workflow ? [workflow] : [])),
              at,
            ),
          );
        }
      }
      if (kinds.has('reconciliation')) {
        const found = await reconciliation(filters, at);
        items.push(...found.items);
        truncated ||= found.full;
      }
      const minAgeMs = (filters.minAgeHours ?? 0) * 60 * 60 * 1000;
      const matching = sortStuck(items.filter((found) => found.stuckForMs >= minAgeMs));
      const counts = { 'overdue-task': 0, blocked: 0, 'failing-activity': 0, reconciliation: 0 };
      for (const found of matching) counts[found.kind] += 1;
      const page = matching.slice(0, filters.limit);
      await audit(ctx, 'admin.stuck.scan', 'workflow-scan', filters.kind ?? 'all');
      const caseIds = new Set(page.flatMap((found) => (found.caseId ? [found.caseId] : [])));
      await Promise.all([...caseIds].map((caseId) => audit(ctx, 'case.admin.stuck', 'case', caseId)));
      deps.logger.info({ counts, truncated }, 'stuck scan');
      return {
        items: page,
        counts,
        truncated: truncated || matching.length > page.length,
        scannedAt: at.toISOString(),
      };
    },

    async describe(ctx, caseId) {
      requireAdministrator(ctx);
      const record = await deps.repository.caseById(caseId);
      if (!record) throw new NotFoundError('case', caseId);
      const at = now();
      const [workflow, tasks, events] = await Promise.all([
        deps.inspector.describe(record.workflowId),
        deps.repository.openTasksOf(caseId),
        deps.repository.lastEventsOf(caseId, 10),
      ]);
      const workflowStatus = workflow?.status ?? 'NOT_FOUND';
      const state = workflowStatus === 'RUNNING' ? await deps.inspector.state(record.workflowId) : null;
      const pendingActivities = workflow?.pendingActivities ?? [];
      await audit(ctx, 'case.admin.describe', 'case', caseId);
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
        openTasks: tasks.map((task) => ({
          id: task.id,
          kind: task.kind,
          agencyId: task.agencyId,
          assigneeStaffId: task.assigneeStaffId,
          openedAt: task.openedAt.toISOString(),
          dueAt: task.dueAt ? task.dueAt.toISOString() : null,
          overdueMs: task.dueAt ? Math.max(0, at.getTime() - task.dueAt.getTime()) : null,
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
          pendingActivities,
          openTasks: tasks,
          now: at,
        }),
      };
    },
  };
}
