/**
 * Duplicate cases merged: the case that absorbs another, and the case absorbed.
 */
import { getExternalWorkflowHandle } from '@temporalio/workflow';
import { caseMergedIntoThisSignal, makeDisputeWorkflowId } from '@gongzhi/contracts/dispute';
import { WORKFLOW_ACTOR } from './rules';
import type { CaseSteps } from './case-steps';
import { closeCase } from './levels';

/** Another case merged into this one (a notice; the merge itself happened in case-service). */
export async function mergedIn(c: CaseSteps, mergedCaseId: string): Promise<void> {
  if (c.state.mergedCaseIds.includes(mergedCaseId)) return;
  c.state.mergedCaseIds.push(mergedCaseId);
  await c.timeline('case-merged-in', WORKFLOW_ACTOR, { mergedCaseId });
}

/** This case merged into another: it closes, and the other case's workflow hears of it. */
export async function mergeInto(c: CaseSteps, actorId: string, mergedIntoCaseId: string | undefined): Promise<void> {
  c.leaveLevel('merged');
  await closeCase(c, 'merged', actorId, mergedIntoCaseId ?? null);
  if (mergedIntoCaseId) {
    try {
      await getExternalWorkflowHandle(makeDisputeWorkflowId(mergedIntoCaseId)).signal(caseMergedIntoThisSignal, {
        mergedCaseId: c.state.caseId,
      });
    } catch {
      // The surviving case's workflow has finished: it has nothing left to learn.
    }
  }
}
