import type { RecordTimelineRequest } from '@gongzhi/contracts';
import {
  createCaseEvents,
  holdersFromTimeline,
  sharingFromTimeline,
  type SkippedEvent,
  type TimelineContext,
} from './case-events';

const CASE = '6f1c2f0e-3b5a-4c1e-9d2a-7f8e9a0b1c2d';
const context: TimelineContext = {
  townCode: 'qingshui',
  lastTransfer: {
    level: 'L2',
    toAgencyId: '0a9e0000-0000-4000-8000-000000000005',
    acceptBy: '2026-03-02T01:00:00.000Z',
  },
  policyVersion: 2,
};

function timeline(type: RecordTimelineRequest['type'], details: RecordTimelineRequest['details'], actor = 'workflow') {
  return { type, actor, agencyId: '0a9e0000-0000-4000-8000-000000000005', at: '2026-03-05T01:00:00.000Z', details };
}

describe('the timeline events case-service publishes', () => {
  const skipped: SkippedEvent[] = [];
  const events = createCaseEvents('case.events', { onSkipped: (s) => skipped.push(s) });
  const map = (event: RecordTimelineRequest) => events.fromTimeline(CASE, event, context)?.event ?? null;

  beforeEach(() => {
    skipped.length = 0;
  });

  it('says how a case entered a level: re-routed, or back to the police on the penalty track', () => {
    const details = {
      level: 'L2',
      toAgencyId: '0a9e0000-0000-4000-8000-000000000005',
      fromAgencyId: null,
      acceptBy: null,
    };
    expect(map(timeline('transfer-requested', { ...details, reason: 'rerouted', penaltyTrack: false }))).toMatchObject({
      type: 'gongzhi.case.level-entered',
      data: { via: 'reroute', previousLevel: 'L2', policyVersion: 2 },
    });
    expect(
      map(timeline('transfer-requested', { ...details, reason: 'agreement-not-performed', penaltyTrack: true })),
    ).toMatchObject({ data: { via: 'penalty-track' } });
  });

  it('publishes an urgent-risk escalation by the policy, and a refused one, but not the decision to escalate', () => {
    expect(map(timeline('escalated', { fromLevel: 'L2', toLevel: 'L3', reason: 'urgent-risk' }))).toMatchObject({
      type: 'gongzhi.case.escalation-approved',
      data: { fromLevel: 'L2', toLevel: 'L3', decidedBy: 'workflow', trigger: 'urgent-risk' },
    });
    expect(
      map(timeline('decision-made', { level: 'L2', decision: 'extend', reason: 'clock-expired' }, 'staff-coord')),
    ).toMatchObject({ type: 'gongzhi.case.escalation-refused', data: { instead: 'extend', trigger: 'clock-expired' } });
    expect(map(timeline('decision-made', { level: 'L2', decision: 'escalate', reason: 'failure' }))).toBeNull();
    expect(map(timeline('session-recorded', { level: 'L2' }))).toBeNull();
  });

  it('maps rejections, missed first sessions and agreements with the level and agency they concern', () => {
    expect(
      map(timeline('transfer-rejected', { level: 'L2', reason: 'wrong-agency-kind', backToAgencyId: 'a' }, 'staff-1')),
    ).toMatchObject({
      data: {
        agencyId: '0a9e0000-0000-4000-8000-000000000005',
        reason: 'wrong-agency-kind',
        acceptanceDueAt: '2026-03-02T01:00:00.000Z',
      },
    });
    expect(map(timeline('first-session-overdue', { level: 'L2', dueAt: '2026-03-04T01:00:00.000Z' }))).toMatchObject({
      type: 'gongzhi.case.deadline-missed',
      data: { clock: 'first-session' },
    });
    expect(
      map(timeline('agreement-recorded', { level: 'L2', documentId: null, pendingSignOffs: ['agency-judicial'] })),
    ).toMatchObject({ data: { jointAgencyIds: ['agency-judicial'], effectiveAt: '2026-03-05T01:00:00.000Z' } });
    // Signed by the parties on the 1st, typed in on the 5th: the event says the 1st, which the clocks count from.
    const effective = { level: 'L1', effectiveAt: '2026-03-01T10:00:00+08:00', pendingSignOffs: [] };
    expect(map(timeline('agreement-recorded', effective))).toMatchObject({
      data: { effectiveAt: '2026-03-01T02:00:00.000Z' },
    });
    expect(map(timeline('agreement-recorded', { ...effective, effectiveAt: 'yesterday' }))).toMatchObject({
      data: { effectiveAt: '2026-03-05T01:00:00.000Z' },
    });
  });

  it('lets only a close-reason code out of a closing detail: never a court filing reference or free text', () => {
    const referred = map(timeline('case-closed', { outcome: 'referred-to-litigation', detail: '（2026）民初138号' }));
    expect(referred).toMatchObject({ data: { outcome: 'referred-to-litigation', closeReason: null } });
    expect(JSON.stringify(referred)).not.toContain('民初');
    expect(
      map(timeline('case-closed', { outcome: 'closed-unresolved', detail: 'out-of-scope', level: 'L2' })),
    ).toMatchObject({ data: { closeReason: 'out-of-scope', level: 'L2' } });
  });

  it('leaves out, and reports, an event whose details break the contract instead of failing the workflow', () => {
    expect(map(timeline('transfer-overdue', { level: 'L9' }))).toBeNull();
    expect(skipped).toEqual([
      expect.objectContaining({
        caseId: CASE,
        timelineType: 'transfer-overdue',
        eventType: 'gongzhi.case.deadline-missed',
      }),
    ]);
    expect(skipped[0]?.problem).toContain('dueAt');
  });
});

describe('parties-shared: the agencies that come to hold a case read its parties', () => {
  const events = createCaseEvents('case.events');
  const p1 = 'a1000000-0000-4000-8000-000000000001';
  const p2 = 'a1000000-0000-4000-8000-000000000002';

  it('shares the parties with the agency that accepted a transfer, and with joint agencies, nothing else', () => {
    expect(sharingFromTimeline(timeline('transfer-accepted', { level: 'L2' }, 'staff-liaison'), context)).toEqual({
      agencyIds: ['0a9e0000-0000-4000-8000-000000000005'],
      reason: 'transfer-accepted',
    });
    expect(
      sharingFromTimeline(timeline('joint-agencies-added', { level: 'L2', agencyIds: ['j1', 'j2', 'j1'] }), context),
    ).toEqual({ agencyIds: ['j1', 'j2'], reason: 'joint-agency' });
    // Asked to accept is not holding: the parties wait for the acceptance.
    expect(sharingFromTimeline(timeline('transfer-requested', { level: 'L2' }), context)).toBeNull();
    expect(sharingFromTimeline(timeline('joint-agencies-added', { level: 'L2', agencyIds: [] }), context)).toBeNull();
  });

  it('knows the holders from the timeline: acceptances and joint agencies', () => {
    expect(
      holdersFromTimeline([
        { type: 'transfer-accepted', agencyId: 'committee', details: {} },
        { type: 'joint-agencies-added', agencyId: 'police', details: { agencyIds: ['judicial'] } },
        { type: 'transfer-accepted', agencyId: 'police', details: {} },
      ]),
    ).toEqual(['committee', 'judicial', 'police']);
  });

  it('carries ids and a reason code only, keyed by the case, in events the contract takes', () => {
    const [message, ...more] = events.partiesShared(
      { id: CASE, townCode: 'qingshui' },
      { agencyIds: ['0a9e0000-0000-4000-8000-000000000005'], reason: 'transfer-accepted' },
      [p1, p2, p1],
      new Date('2026-03-05T01:00:00.000Z'),
    );
    expect(more).toEqual([]);
    expect(message?.key).toBe(CASE);
    expect(message?.event).toMatchObject({
      type: 'gongzhi.case.parties-shared',
      subject: `case/${CASE}`,
      data: {
        caseId: CASE,
        townCode: 'qingshui',
        agencyIds: ['0a9e0000-0000-4000-8000-000000000005'],
        partyIds: [p1, p2],
        reason: 'transfer-accepted',
      },
    });
    expect(
      events.partiesShared(
        { id: CASE, townCode: 'qingshui' },
        { agencyIds: ['a'], reason: 'party-added' },
        [],
        new Date(),
      ),
    ).toEqual([]);
  });
});
