/** Failing activities from the described candidates: past their first attempt only, since their current attempt. */
import { activity, ago, HOUR, NOW, workflow } from '../stuck-scan.fakes';
import { findFailingActivities } from './failing-activities';

describe('failing activities', () => {
  it('lists each activity past its first attempt, with its attempt, failure and since when, and none on a first attempt', () => {
    const items = findFailingActivities(
      [
        workflow({ pendingActivities: [activity(), activity({ activityId: '6', attempt: 1 })] }),
        workflow({
          workflowId: 'dispute-case-c2',
          caseId: 'c2',
          pendingActivities: [activity({ activityType: 'publishProgress', scheduledAt: null, lastStartedAt: null })],
        }),
      ],
      NOW,
    );
    expect(items.map((i) => [i.caseId, i.subject, i.attempt, i.message, i.since, i.stuckForMs])).toEqual([
      ['c1', 'recordTimeline', 14, 'connect ECONNREFUSED', ago(2 * HOUR).toISOString(), 2 * HOUR],
      // Neither scheduled nor started on record: stuck since the workflow started.
      ['c2', 'publishProgress', 14, 'connect ECONNREFUSED', ago(100 * HOUR).toISOString(), 100 * HOUR],
    ]);
    expect(items.every((i) => i.kind === 'failing-activity')).toBe(true);
  });
});
