import { RecordTimelineRequest, WORKFLOW_TIMELINE_EVENTS } from '@gongzhi/contracts';
import { timelineEvent } from './timeline-samples';

describe('the timeline entries the workflow writes', () => {
  it.each(WORKFLOW_TIMELINE_EVENTS)('take a well-formed %s', (type) => {
    expect(RecordTimelineRequest.safeParse(timelineEvent({ type })).success).toBe(true);
  });

  it('refuse details another type carries, details left out, and keys no type has', () => {
    const requested = timelineEvent();
    const refused = [
      { ...requested, details: timelineEvent({ type: 'escalated' }).details },
      { ...requested, details: { level: 'L1', toAgencyId: requested.agencyId } },
      { ...requested, details: { ...requested.details, partyName: '张三' } },
      timelineEvent({ type: 'transfer-rejected', details: { reason: 'too busy' as never } }),
    ];
    for (const entry of refused) expect(RecordTimelineRequest.safeParse(entry).success).toBe(false);
  });
});
