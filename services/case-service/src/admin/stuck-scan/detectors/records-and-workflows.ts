/** Case records and workflows that disagree: the `reconciliation` items of cases (tasks-and-actions.ts: of tasks). */
import type { StuckFilters, StuckItem } from '@gongzhi/contracts';
import type { InspectedWorkflow, WorkflowInspector } from '@gongzhi/dispute-client';
import { reconciliationOf } from '../diagnosis';
import type { Candidates } from '../scan-candidates';
import { caseMatches, stuckItem } from '../stuck-item';
import type { AdminCaseRecord } from '../stuck-scan.model';
import type { AdminRepository } from '../stuck-scan.repository';

/** What comparing records with workflows reads: which workflows run now, and the cases of closed ones. */
export interface RecordsAndWorkflowsDeps {
  repository: Pick<AdminRepository, 'casesOfWorkflows'>;
  inspector: Pick<WorkflowInspector, 'runningAmong'>;
  /** An opening case is left to the resume sweep for this long. */
  openingGraceMs: number;
}

/**
 * Case records and workflows that disagree: a stalled case whose workflow is not running (describe said so), a
 * finished case whose workflow still runs, an open case whose workflow closed.
 */
export async function findRecordsAndWorkflowsDisagreeing(
  deps: RecordsAndWorkflowsDeps,
  found: Pick<Candidates, 'described' | 'stalled' | 'finished' | 'closed'>,
  filters: StuckFilters,
  at: Date,
): Promise<StuckItem[]> {
  const openingBefore = at.getTime() - deps.openingGraceMs;
  // Which of them run now: a finished case's workflow should not; a closed run may have been followed by a new one
  // (a reset, a continue-as-new), which settles it.
  const stillRunning = await deps.inspector.runningAmong([
    ...found.finished.map((record) => record.workflowId),
    ...found.closed.map((workflow) => workflow.workflowId),
  ]);
  const closedById = new Map<string, InspectedWorkflow>();
  for (const workflow of found.closed) {
    if (stillRunning.has(workflow.workflowId) || workflow.status === 'CONTINUED_AS_NEW') continue;
    const seen = closedById.get(workflow.workflowId);
    if (!seen || (workflow.closedAt ?? '') > (seen.closedAt ?? '')) closedById.set(workflow.workflowId, workflow);
  }
  const closedCases = await deps.repository.casesOfWorkflows([...closedById.keys()]);
  const judged: { record: AdminCaseRecord; status: string; closedAt: string | null }[] = [
    ...found.stalled.map((record) => {
      const workflow = found.described.get(record.workflowId);
      return { record, status: workflow?.status ?? 'NOT_FOUND', closedAt: workflow?.closedAt ?? null };
    }),
    ...found.finished
      .filter((record) => stillRunning.has(record.workflowId))
      .map((record) => ({ record, status: 'RUNNING', closedAt: null })),
    ...closedCases
      // An opening case's workflow may have been started and ended in the same breath; the resume sweep has it.
      .filter((record) => record.status !== 'opening' || record.openedAt.getTime() < openingBefore)
      .map((record) => {
        const workflow = closedById.get(record.workflowId);
        return { record, status: workflow?.status ?? 'NOT_FOUND', closedAt: workflow?.closedAt ?? null };
      }),
  ];
  const seen = new Set<string>();
  return judged.flatMap(({ record, status, closedAt }) => {
    const mismatch = reconciliationOf(record.status, status);
    if (!mismatch || seen.has(record.id) || !caseMatches(record, filters)) return [];
    seen.add(record.id);
    return [
      stuckItem(
        {
          kind: 'reconciliation',
          caseId: record.id,
          workflowId: record.workflowId,
          townCode: record.townCode,
          agencyId: record.currentAgencyId,
          level: record.currentLevel,
          since: closedAt ?? record.updatedAt.toISOString(),
          subject: mismatch,
          diagnosis: mismatch,
        },
        at,
      ),
    ];
  });
}
