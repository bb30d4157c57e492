import type { RecordTimelineRequest } from '@gongzhi/contracts';
import { timelineEvent } from '@gongzhi/testing';
import { createCaseEvents, holdersFromTimeline, sharingFromTimeline, type SkippedEvent } from './case-events';

const CASE = '6f1c2f0e-3b5a-4c1e-9d2a-7f8e9a0b1c2d';
const POLICE = '0a9e0000-0000-4000-8000-000000000005';

describe('the timeline events case-service publishes', () => {
  const skipped: SkippedEvent[] = [];
  const events = createCaseEvents('case.events', { onSkipped: (s) => skipped.push(s) });
  const map = (event: RecordTimelineRequest) => events.fromTimeline(CASE, 'qingshui', event)?.event ?? null;

  beforeEach(() => {
    skipped.length = 0;
  });

  it('says from the entry alone how a case entered a level: re-routed, or back to the police on the penalty track', () => {
    const entered = { level: 'L2', toAgencyId: POLICE, previousLevel: 'L1', policyVersion: 2 } as const;
    expect(map(timelineEvent({ details: { ...entered, reason: 'rerouted' } }))).toMatchObject({
      type: 'gongzhi.case.level-entered',
      data: { via: 'reroute', previousLevel: 'L1', policyVersion: 2, agencyId: POLICE },
    });
    expect(
      map(timelineEvent({ details: { ...entered, reason: 'agreement-not-performed', penaltyTrack: true } })),
    ).toMatchObject({ data: { via: 'penalty-track' } });
    expect(map(timelineEvent())).toMatchObject({ data: { via: 'initial', previousLevel: null } });
  });

  it('publishes an urgent-risk escalation by the policy, and a refused one, but not the decision to escalate', () => {
    const escalated = timelineEvent({
      type: 'escalated',
      details: { fromLevel: 'L2', toLevel: 'L3', reason: 'urgent-risk' },
    });
    expect(map(escalated)).toMatchObject({
      type: 'gongzhi.case.escalation-approved',
      data: { fromLevel: 'L2', toLevel: 'L3', decidedBy: 'workflow', trigger: 'urgent-risk' },
    });
    const extended = timelineEvent({
      type: 'decision-made',
      actor: 'staff-coord',
      details: { level: 'L2', decision: 'extend', reason: 'clock-expired' },
    });
    expect(map(extended)).toMatchObject({
      type: 'gongzhi.case.escalation-refused',
      data: { instead: 'extend', trigger: 'clock-expired', decidedBy: 'staff-coord' },
    });
    expect(
      map(timelineEvent({ type: 'decision-made', details: { decision: 'escalate', reason: 'failure' } })),
    ).toBeNull();
    expect(map(timelineEvent({ type: 'session-recorded' }))).toBeNull();
  });

  it('maps acceptances, rejections, missed clocks and agreements with the level, agency and clock they concern', () => {
    const acceptBy = '2026-03-02T09:00:00+08:00';
    expect(
      map(timelineEvent({ type: 'transfer-accepted', actor: 'staff-1', agencyId: POLICE, details: { acceptBy } })),
    ).toMatchObject({
      type: 'gongzhi.case.transfer-accepted',
      data: { agencyId: POLICE, acceptedBy: 'staff-1', acceptanceDueAt: '2026-03-02T01:00:00.000Z' },
    });
    expect(
      map(
        timelineEvent({
          type: 'transfer-rejected',
          actor: 'staff-1',
          agencyId: POLICE,
          details: { level: 'L2', reason: 'wrong-agency-kind', acceptBy },
        }),
      ),
    ).toMatchObject({
      data: { agencyId: POLICE, reason: 'wrong-agency-kind', acceptanceDueAt: '2026-03-02T01:00:00.000Z' },
    });
    expect(
      map(timelineEvent({ type: 'first-session-overdue', details: { dueAt: '2026-03-04T01:00:00.000Z' } })),
    ).toMatchObject({
      type: 'gongzhi.case.deadline-missed',
      data: { clock: 'first-session', dueAt: '2026-03-04T01:00:00.000Z' },
    });
    expect(map(timelineEvent({ type: 'transfer-overdue', details: { acceptBy } }))).toMatchObject({
      data: { clock: 'acceptance', dueAt: '2026-03-02T01:00:00.000Z' },
    });
    // Signed by the parties on the 1st, typed in on the 5th: the event says the 1st, which the clocks count from.
    const agreement = timelineEvent({
      type: 'agreement-recorded',
      at: '2026-03-05T01:00:00.000Z',
      details: { effectiveAt: '2026-03-01T10:00:00+08:00', pendingSignOffs: [POLICE] },
    });
    expect(map(agreement)).toMatchObject({
      data: { jointAgencyIds: [POLICE], effectiveAt: '2026-03-01T02:00:00.000Z' },
    });
  });

  it('lets only a close-reason code out of a closing detail: never a court filing reference or free text', () => {
    const referred = map(
      timelineEvent({
        type: 'case-closed',
        details: { outcome: 'referred-to-litigation', detail: '（2026）民初138号' },
      }),
    );
    expect(referred).toMatchObject({ data: { outcome: 'referred-to-litigation', closeReason: null } });
    expect(JSON.stringify(referred)).not.toContain('民初');
    expect(
      map(
        timelineEvent({
          type: 'case-closed',
          details: { outcome: 'closed-unresolved', detail: 'out-of-scope', level: 'L2' },
        }),
      ),
    ).toMatchObject({ data: { closeReason: 'out-of-scope', level: 'L2' } });
  });

  it("leaves out, and reports, an entry whose event breaks the event's contract instead of failing the workflow", () => {
    // The timeline route checks the entry; the event's own contract can still refuse it (here: no level).
    expect(map(timelineEvent({ type: 'transfer-accepted', details: { level: null } }))).toBeNull();
    expect(skipped).toEqual([
      expect.objectContaining({
        caseId: CASE,
        timelineType: 'transfer-accepted',
        eventType: 'gongzhi.case.transfer-accepted',
      }),
    ]);
    expect(skipped[0]?.problem).toContain('level');
  });
});

describe('parties-shared: the agencies that come to hold a case read its parties', () => {
  const events = createCaseEvents('case.events');
  const p1 = 'a1000000-0000-4000-8000-000000000001';
  const p2 = 'a1000000-0000-4000-8000-000000000002';

  it('shares the parties with the agency that accepted a transfer, and with joint agencies, nothing else', () => {
    expect(sharingFromTimeline(timelineEvent({ type: 'transfer-accepted', agencyId: POLICE }))).toEqual({
      agencyIds: [POLICE],
      reason: 'transfer-accepted',
    });
    expect(
      sharingFromTimeline(timelineEvent({ type: 'joint-agencies-added', details: { agencyIds: ['j1', 'j2', 'j1'] } })),
    ).toEqual({ agencyIds: ['j1', 'j2'], reason: 'joint-agency' });
    // Asked to accept is not holding: the parties wait for the acceptance.
    expect(sharingFromTimeline(timelineEvent())).toBeNull();
    expect(sharingFromTimeline(timelineEvent({ type: 'joint-agencies-added', details: { agencyIds: [] } }))).toBeNull();
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
