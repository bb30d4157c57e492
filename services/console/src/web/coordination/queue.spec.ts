import { compareUrgency, mergeStreams } from './queue';

type Priority = 'urgent' | 'high' | 'normal' | 'low';

const task = (id: string, priority: Priority, dueAt: string | null) => ({ id, priority, clock: { dueAt } });

describe('the decision queue', () => {
  it('puts the most urgent first, then the soonest due, undated last, as the task API sorts by priority', () => {
    const tasks = [
      task('a', 'normal', '2026-12-10T02:00:00.000Z'),
      task('b', 'low', null),
      task('c', 'urgent', '2026-12-08T02:00:00.000Z'),
      task('d', 'high', null),
      task('e', 'high', '2026-12-09T02:00:00.000Z'),
      task('f', 'urgent', '2026-12-07T02:00:00.000Z'),
    ];
    expect([...tasks].sort(compareUrgency).map((t) => t.id)).toEqual(['f', 'c', 'e', 'd', 'a', 'b']);
  });

  it('shows every task of lists that are read to the end, merged most urgent first', () => {
    const merged = mergeStreams([
      {
        items: [task('e1', 'urgent', '2026-12-08T00:00:00Z'), task('e2', 'normal', '2026-12-20T00:00:00Z')],
        hasMore: false,
      },
      { items: [task('x1', 'high', '2026-12-09T00:00:00Z')], hasMore: false },
      { items: [], hasMore: false },
    ]);
    expect(merged.items.map((t) => t.id)).toEqual(['e1', 'x1', 'e2']);
    expect(merged).toMatchObject({ heldBack: 0, toLoad: [] });
  });

  it('never shows a task ahead of one a list has not loaded yet, and says which list to read next', () => {
    // Escalations has more pages after its normal-priority task: a high one from the other list may be shown, but
    // the low one may not (an unloaded escalation could be more urgent than it).
    const merged = mergeStreams([
      {
        items: [task('e1', 'urgent', '2026-12-08T00:00:00Z'), task('e2', 'normal', '2026-12-20T00:00:00Z')],
        hasMore: true,
      },
      { items: [task('x1', 'high', '2026-12-09T00:00:00Z'), task('x2', 'low', null)], hasMore: false },
    ]);
    expect(merged.items.map((t) => t.id)).toEqual(['e1', 'x1', 'e2']);
    expect(merged.heldBack).toBe(1);
    expect(merged.toLoad).toEqual([0]);
  });

  it('reads next the list whose last loaded task comes earliest', () => {
    const merged = mergeStreams([
      { items: [task('e1', 'normal', '2026-12-20T00:00:00Z')], hasMore: true },
      { items: [task('x1', 'urgent', '2026-12-08T00:00:00Z')], hasMore: true },
    ]);
    expect(merged.items.map((t) => t.id)).toEqual(['x1']);
    expect(merged.toLoad).toEqual([1]);
  });

  it('shows nothing while a list with more to come has nothing loaded', () => {
    const merged = mergeStreams([
      { items: [task('e1', 'urgent', '2026-12-08T00:00:00Z')], hasMore: false },
      { items: [], hasMore: true },
    ]);
    expect(merged).toEqual({ items: [], heldBack: 1, toLoad: [1] });
  });
});
