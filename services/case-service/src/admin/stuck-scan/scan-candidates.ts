/**
 * The candidates of the scan's Temporal-side kinds (failing activities, failing workflow tasks, reconciliation): what
 * those detectors judge, gathered once per scan.
 */
import type { StuckFilters, StuckKind } from '@gongzhi/contracts';
import type { DescribedWorkflow, InspectedWorkflow, WorkflowInspector } from '@gongzhi/dispute-client';
import { mapBounded } from '../map-bounded';
import { DISPUTE_SWEEP_SCOPE } from '../workflow-health/workflow-health-sweep';
import type { WorkflowHealthRepository } from '../workflow-health/workflow-health.repository';
import { workflowMatches } from './stuck-item';
import type { AdminCaseRecord } from './stuck-scan.model';
import type { AdminRepository } from './stuck-scan.repository';

/** What the scan judges its Temporal-side kinds on (see `gatherCandidates`). */
export interface Candidates {
  /** The troubled and stalled workflows, described (null: Temporal has no such workflow). */
  described: ReadonlyMap<string, DescribedWorkflow | null>;
  stalled: AdminCaseRecord[];
  finished: AdminCaseRecord[];
  closed: InspectedWorkflow[];
  disagreeing: AdminCaseRecord[];
  /** A source reached the scan's cap. */
  full: boolean;
  warnings: string[];
}

/** Where the candidates come from, and how far back and how many of each the scan reads. */
export interface CandidatesDeps {
  repository: Pick<AdminRepository, 'stalledCases' | 'finishedCases' | 'disagreeingCases'>;
  inspector: Pick<WorkflowInspector, 'listClosedSince' | 'describe'>;
  /** The health sweep's findings: the running workflows whose activity or workflow task keeps failing. */
  health: Pick<WorkflowHealthRepository, 'troubled' | 'status'>;
  now: () => Date;
  /** A safety cap per source: a source that reaches it makes the report say it is not complete. */
  scanLimit: number;
  /** Closed and merged cases changed within this long are checked for a workflow still running. */
  finishedWithinMs: number;
  /** How long an open case's workflow has to act on a deadline that passed (or an opening case to be resumed). */
  openingGraceMs: number;
}

/**
 * The candidates of the scan's Temporal-side kinds, each from a source that grows with the trouble, not with the
 * town's open cases: the health sweep's troubled workflows and the database's stalled cases (both described, one
 * call each), the recently finished cases (one visibility query per 200 asks which still run), the recently closed
 * workflows (one paged visibility query) and the cases the database flags as disagreeing
 * with their tasks (a partial index).
 */
export async function gatherCandidates(
  deps: CandidatesDeps,
  filters: StuckFilters,
  kinds: ReadonlySet<StuckKind>,
): Promise<Candidates> {
  const { scanLimit } = deps;
  const town = filters.town ? { townCode: filters.town } : {};
  const failingKinds = kinds.has('failing-activity') || kinds.has('workflow-task-failing');
  const reconciling = kinds.has('reconciliation');
  const at = deps.now();
  const since = new Date(at.getTime() - deps.finishedWithinMs);
  const [troubled, sweep, stalled, finished, closed, disagreeing] = await Promise.all([
    failingKinds ? deps.health.troubled({ ...town, limit: scanLimit }) : Promise.resolve([]),
    failingKinds ? deps.health.status(DISPUTE_SWEEP_SCOPE) : Promise.resolve(null),
    failingKinds || reconciling
      ? deps.repository.stalledCases({
          before: new Date(at.getTime() - deps.openingGraceMs),
          ...town,
          limit: scanLimit,
        })
      : Promise.resolve([]),
    reconciling ? deps.repository.finishedCases({ since, ...town, limit: scanLimit }) : Promise.resolve([]),
    reconciling ? deps.inspector.listClosedSince({ since, ...town, max: scanLimit }) : Promise.resolve([]),
    reconciling ? deps.repository.disagreeingCases({ ...town, limit: scanLimit }) : Promise.resolve([]),
  ]);
  const toDescribe = [...new Set([...troubled.map((row) => row.workflowId), ...stalled.map((c) => c.workflowId)])];
  const described = new Map(
    await mapBounded(toDescribe, async (id) => [id, await deps.inspector.describe(id)] as const),
  );
  const warnings: string[] = [];
  if (sweep && !sweep.lastPassFinishedAt) {
    warnings.push(
      'the health sweep has not finished its first pass yet: an activity or workflow task ' +
        'failing on a case that is not yet past its deadline may be missing; retry the scan in a few minutes.',
    );
  } else if (sweep && !sweep.lastPassComplete) {
    warnings.push(
      `the health sweep's last pass did not reach every running workflow (${sweep.lastPassChecked} described): ` +
        'an activity or workflow task failing on a case not yet past its deadline may be missing.',
    );
  }
  const sources = [troubled, stalled, finished, closed, disagreeing];
  return {
    described,
    stalled,
    finished,
    closed,
    disagreeing,
    full: sources.some((source) => source.length >= scanLimit),
    warnings,
  };
}

/** The described candidates' failing activities and workflow tasks, within the filters. */
export function describedMatching(found: Pick<Candidates, 'described'>, filters: StuckFilters): DescribedWorkflow[] {
  return [...found.described.values()].flatMap((workflow) =>
    workflow && workflowMatches(workflow, filters) ? [workflow] : [],
  );
}
