/** A case as the API shows it: in lists, and read whole with its workflow view and its possible duplicates. */
import type { CaseProgressView, CaseSummary, CaseView } from '@gongzhi/contracts';
import type { CaseProgress, CaseRecord } from './case.model';
import type { CasesUseCaseDeps } from './cases.deps';
import { toSuggestionView } from './duplicate-suggestions';
import { recordedWorkflowView } from './recorded-view';

export function progressView(progress: CaseProgress): CaseProgressView {
  return {
    level: progress.level,
    agencyId: progress.agencyId,
    phase: progress.phase,
    outcome: progress.outcome,
    awaitedAction: progress.awaitedAction,
    nextDeadline: progress.nextDeadline?.toISOString() ?? null,
  };
}

/** The case as lists show it. */
export function summaryView(record: CaseRecord): CaseSummary {
  return {
    id: record.id,
    disputeType: record.disputeType,
    source: record.source,
    summary: record.summary,
    townCode: record.townCode,
    villageCode: record.villageCode,
    status: record.status,
    openedAt: record.openedAt.toISOString(),
    amountInDispute: record.amountInDispute,
    riskAssessment: record.riskAssessment,
    parties: record.parties,
    mergedIntoId: record.mergedIntoId,
    progress: progressView(record.progress),
  };
}

/**
 * The case and where its workflow stands: from the case row and its tasks, which the workflow keeps up to date
 * through its activities, so a read costs Temporal and the worker nothing; from Temporal only when asked to be live.
 */
export async function toView(
  deps: Pick<CasesUseCaseDeps, 'repository' | 'workflows'>,
  record: CaseRecord,
  live = false,
): Promise<CaseView & { version: number }> {
  // The possible duplicates are read beside the workflow view, not after it: a case read stays one round trip deep.
  const [workflow, suggestions] = await Promise.all([
    live
      ? deps.workflows.view(record.workflowId)
      : deps.repository
          .viewTasks(record.id, record.progress.level)
          .then((tasks) => recordedWorkflowView(record, tasks)),
    deps.repository.duplicateSuggestions(record.id),
  ]);
  return {
    ...summaryView(record),
    workflow,
    duplicateSuggestions: suggestions.map(toSuggestionView),
    version: record.version,
  };
}
