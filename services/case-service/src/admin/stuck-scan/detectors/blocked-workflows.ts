/** Workflows blocked on a side effect retrying cannot fix: the `blocked` items. */
import type { StuckFilters, StuckItem } from '@gongzhi/contracts';
import type { WorkflowInspector } from '@gongzhi/dispute-client';
import { mapBounded } from '../../map-bounded';
import { blockedSentence } from '../diagnosis';
import { stuckItem, workflowMatches } from '../stuck-item';

/** What the blocked detector reads: Temporal's list of blocked workflows, and each one's state for why. */
export interface BlockedWorkflowsDeps {
  inspector: Pick<WorkflowInspector, 'listBlocked' | 'state'>;
  /** A safety cap on the list: reaching it makes the scan say it is not complete. */
  scanLimit: number;
}

/** The blocked workflows within the filters, each with why from its query (or the search attribute alone). */
export async function findBlockedWorkflows(
  deps: BlockedWorkflowsDeps,
  filters: StuckFilters,
  at: Date,
): Promise<{ items: StuckItem[]; full: boolean }> {
  const candidates = (
    await deps.inspector.listBlocked({ ...(filters.town ? { townCode: filters.town } : {}), max: deps.scanLimit })
  ).filter((workflow) => workflowMatches(workflow, filters));
  const found = await mapBounded(candidates, async (workflow) => {
    const state = await deps.inspector.state(workflow.workflowId);
    const activity = workflow.awaitedAction?.slice('blocked:'.length) ?? '';
    const since = state?.blocked?.since ?? workflow.startedAt ?? at.toISOString();
    return stuckItem(
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
  return { items: found, full: candidates.length >= deps.scanLimit };
}
