/** A transfer's urgings, from the case's timeline and tasks. */
import type { TimelineEvent } from '@gongzhi/contracts';
import { urgingsOf } from './urgings';

const accept = { agencyId: '0a9e0000-0000-4000-8000-000000000005', openedAt: new Date('2026-03-02T01:00:00.000Z') };

function event(type: string, at: string, details: TimelineEvent['details'] = {}): TimelineEvent {
  return { type, actor: 'workflow', agencyId: null, at, details };
}

const urged = (at: string, agencyId = '0a9e0000-0000-4000-8000-000000000005') =>
  ({
    ...event('transfer-urged', at, { level: 'L2', agencyId }),
    actor: 'coord-1',
    agencyId: '0a9e0000-0000-4000-8000-000000000001',
  }) as const;

function urgeTask(id: string, status: 'open' | 'completed' | 'cancelled', openedAt: string) {
  return { id, kind: 'urge-acceptance' as const, status, openedAt: new Date(openedAt) };
}

describe('the urgings of a transfer', () => {
  it('counts the urgings since the transfer to this agency was requested, and says when the last was', () => {
    const timeline = [
      // An earlier transfer of the case, to the village committee, urged once: not this transfer's.
      event('transfer-requested', '2026-02-01T01:00:00.000Z', { toAgencyId: '0a9e0000-0000-4000-8000-000000000006' }),
      urged('2026-02-05T01:00:00.000Z', '0a9e0000-0000-4000-8000-000000000006'),
      event('transfer-requested', '2026-03-02T01:00:00.000Z', { toAgencyId: '0a9e0000-0000-4000-8000-000000000005' }),
      urged('2026-03-05T02:00:00.000Z'),
      urged('2026-03-06T03:00:00.000Z'),
    ];
    expect(urgingsOf(accept, timeline, [])).toEqual({
      count: 2,
      lastUrgedAt: '2026-03-06T03:00:00.000Z',
      openTaskId: null,
    });
  });

  it('keeps counting across a reissued acceptance task of the same transfer', () => {
    const timeline = [
      event('transfer-requested', '2026-03-02T01:00:00.000Z', { toAgencyId: '0a9e0000-0000-4000-8000-000000000005' }),
      urged('2026-03-05T02:00:00.000Z'),
    ];
    // An administrator extended the deadline: the task was reissued after the urging.
    const reissued = { ...accept, openedAt: new Date('2026-03-06T01:00:00.000Z') };
    expect(urgingsOf(reissued, timeline, []).count).toBe(1);
  });

  it('names the open urge-acceptance task, the latest if ever two are open, and not a completed one', () => {
    const tasks = [
      urgeTask('00000000-0000-4000-8000-000000000001', 'completed', '2026-03-04T01:00:00.000Z'),
      urgeTask('00000000-0000-4000-8000-000000000002', 'open', '2026-03-05T01:00:00.000Z'),
      urgeTask('00000000-0000-4000-8000-000000000003', 'open', '2026-03-06T01:00:00.000Z'),
      {
        id: '00000000-0000-4000-8000-000000000004',
        kind: 'mediate' as const,
        status: 'open' as const,
        openedAt: new Date(),
      },
    ];
    expect(urgingsOf(accept, [], tasks)).toEqual({
      count: 0,
      lastUrgedAt: null,
      openTaskId: '00000000-0000-4000-8000-000000000003',
    });
    expect(urgingsOf(accept, [], tasks.slice(0, 1)).openTaskId).toBeNull();
  });
});
