/**
 * The stuck scan itself: runs the detectors the filters ask for, then sorts, counts, pages and audits what they found.
 * One detector per kind of stuck item (detectors/); the Temporal-side ones share the candidates gathered once.
 */
import {
  type AuditAction,
  STUCK_KINDS,
  type StuckCounts,
  type StuckFilters,
  type StuckItem,
  type StuckKind,
  type StuckReport,
} from '@gongzhi/contracts';
import { AUDIT_LIST_OBJECT_ID, type AuditTrail } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CallContext } from '../../kernel/call-context';
import { type AwaitedTasksDeps, findAwaitedTasks } from './detectors/awaited-tasks';
import { type BlockedWorkflowsDeps, findBlockedWorkflows } from './detectors/blocked-workflows';
import { findFailingActivities } from './detectors/failing-activities';
import { type FailingWorkflowTaskDeps, findFailingWorkflowTasks } from './detectors/failing-workflow-tasks';
import { findRecordsAndWorkflowsDisagreeing, type RecordsAndWorkflowsDeps } from './detectors/records-and-workflows';
import { findTasksAndActionsDisagreeing, type TasksAndActionsDeps } from './detectors/tasks-and-actions';
import { sortStuck } from './diagnosis';
import { type CandidatesDeps, describedMatching, gatherCandidates } from './scan-candidates';
import { afterStuckCursor, stuckCursorOf } from './stuck-pages';
import { TASK_STUCK_KINDS } from './stuck-thresholds';

/** Everything the scan's detectors read, with every default resolved, and where the scan is audited and logged. */
export type ScanDeps = AwaitedTasksDeps &
  BlockedWorkflowsDeps &
  FailingWorkflowTaskDeps &
  CandidatesDeps &
  TasksAndActionsDeps &
  RecordsAndWorkflowsDeps & { audit: AuditTrail; logger: Logger };

/** The audit actions of a scan: the scan itself, and the row naming the cases its page showed. */
export interface ScanTrail {
  scan: AuditAction;
  cases: AuditAction;
}
/** The administrators' scan. */
export const ADMIN_TRAIL: ScanTrail = { scan: 'admin.stuck.scan', cases: 'case.admin.stuck' };
/** A town's stuck view. */
export const TOWN_TRAIL: ScanTrail = { scan: 'town.stuck.scan', cases: 'case.town.stuck' };

/** The kinds judged on the candidates gathered from the health sweep, the database and Temporal's visibility. */
const FROM_CANDIDATES: StuckKind[] = ['failing-activity', 'workflow-task-failing', 'reconciliation'];

/** The scan itself, within the filters given (a saved view already applied), audited under the trail's actions. */
export async function scanStuck(
  deps: ScanDeps,
  ctx: CallContext,
  filters: StuckFilters,
  view: { id: string; name: string } | undefined,
  trail: ScanTrail,
): Promise<StuckReport> {
  const { scanLimit } = deps;
  const at = deps.now();
  const kinds = new Set<StuckKind>(filters.kind ? [filters.kind] : STUCK_KINDS);
  const items: StuckItem[] = [];
  const warnings: string[] = [];
  let complete = true;
  // Where a scan's time goes, by source, in its log line: what an operator needs when a scan turns slow.
  const ms: Record<string, number> = {};
  let lap = performance.now();
  const timed = (step: string) => {
    const end = performance.now();
    ms[step] = Math.round((end - lap) * 10) / 10;
    lap = end;
  };
  if (TASK_STUCK_KINDS.some((kind) => kinds.has(kind))) {
    const found = await findAwaitedTasks(deps, ctx, filters, kinds, at);
    timed('awaited');
    items.push(...found.items);
    warnings.push(...found.warnings);
    complete &&= !found.full && found.warnings.length === 0;
  }
  if (kinds.has('blocked')) {
    const found = await findBlockedWorkflows(deps, filters, at);
    timed('blocked');
    items.push(...found.items);
    complete &&= !found.full;
  }
  if (FROM_CANDIDATES.some((kind) => kinds.has(kind))) {
    const found = await gatherCandidates(deps, filters, kinds);
    timed('candidates');
    complete &&= !found.full && found.warnings.length === 0;
    warnings.push(...found.warnings);
    const described = describedMatching(found, filters);
    if (kinds.has('failing-activity')) items.push(...findFailingActivities(described, at));
    if (kinds.has('workflow-task-failing')) items.push(...(await findFailingWorkflowTasks(deps, described, at)));
    if (kinds.has('reconciliation')) {
      items.push(...(await findTasksAndActionsDisagreeing(deps, found, filters, at)));
      items.push(...(await findRecordsAndWorkflowsDisagreeing(deps, found, filters, at)));
    }
    timed('judged');
    if (found.full) {
      warnings.push(
        `more than ${scanLimit} candidates from one source (troubled, stalled, finished or disagreeing cases, ` +
          `closed workflows): the scan judged the first ${scanLimit} of each; name a town to narrow it.`,
      );
    }
  }
  const minAgeMs = (filters.minAgeHours ?? 0) * 60 * 60 * 1000;
  const matching = sortStuck(items.filter((found) => found.stuckForMs >= minAgeMs));
  const counts = Object.fromEntries(STUCK_KINDS.map((kind) => [kind, 0])) as StuckCounts;
  for (const found of matching) counts[found.kind] += 1;
  const rest = filters.cursor ? afterStuckCursor(matching, filters.cursor, at) : matching;
  const page = rest.slice(0, filters.limit);
  const last = page.at(-1);
  const nextCursor = rest.length > page.length && last ? stuckCursorOf(last) : null;
  const caseIds = new Set(page.flatMap((found) => (found.caseId ? [found.caseId] : [])));
  // The scan and the cases it showed, as two rows recorded together: the trail writes them in one INSERT.
  await Promise.all([
    deps.audit.record({
      actor: ctx.principal.staffId,
      action: trail.scan,
      objectType: 'workflow-scan',
      objectId: filters.kind ?? 'all',
      requestId: ctx.requestId,
    }),
    deps.audit.record({
      actor: ctx.principal.staffId,
      action: trail.cases,
      objectType: 'case',
      objectId: AUDIT_LIST_OBJECT_ID,
      objectIds: [...caseIds],
      requestId: ctx.requestId,
    }),
  ]);
  timed('audit');
  deps.logger.info({ counts, complete, view: view?.id ?? null, warnings: warnings.length, ms }, 'stuck scan');
  return {
    items: page,
    counts,
    complete,
    nextCursor,
    truncated: !complete || nextCursor !== null,
    view: view ?? null,
    warnings,
    scannedAt: at.toISOString(),
  };
}
