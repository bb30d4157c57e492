/** Activities that keep failing, from the described candidates: the `failing-activity` items. */
import type { StuckItem } from '@gongzhi/contracts';
import type { DescribedWorkflow } from '@gongzhi/dispute-client';
import { failingActivitySentence } from '../diagnosis';
import { stuckItem } from '../stuck-item';

/** Every pending activity past its first attempt, one item each; a first attempt is not failing. */
export function findFailingActivities(described: readonly DescribedWorkflow[], at: Date): StuckItem[] {
  return described.flatMap((workflow) =>
    workflow.pendingActivities
      .filter((activity) => activity.attempt > 1)
      .map((activity) =>
        stuckItem(
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
