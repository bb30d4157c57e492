import {
  availabilityOf,
  keyFor,
  latenessTexts,
  outcomeOf,
  runAtMost,
  settleKey,
  shortId,
  summarise,
  type UrgeOutcome,
} from './urging';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A refused or failed request as the console's client throws it (a ProblemError's shape). */
const problem = (status: number, title = 'Not allowed') => ({ status, problem: { title, status } });

describe('how late a transfer reads', () => {
  it('gives the working days first, with the calendar time beside', () => {
    expect(latenessTexts({ lateMs: 4 * DAY + 2 * HOUR, lateWorkingDays: 2 })).toEqual({
      primary: { key: 'late.workingDays', values: { count: 2 } },
      secondary: { key: 'late.daysHours', values: { days: 4, hours: 2 } },
    });
    expect(latenessTexts({ lateMs: 20 * HOUR + 59 * 60_000, lateWorkingDays: 0 })).toEqual({
      primary: { key: 'late.underWorkingDay', values: {} },
      secondary: { key: 'late.hours', values: { count: 20 } },
    });
  });

  it('gives the calendar time alone when the working days are not known, rounded down', () => {
    expect(latenessTexts({ lateMs: 3 * DAY + 59 * 60_000, lateWorkingDays: null })).toEqual({
      primary: { key: 'late.days', values: { count: 3 } },
      secondary: null,
    });
    expect(latenessTexts({ lateMs: 59 * 60_000, lateWorkingDays: null }).primary.key).toBe('late.underHour');
  });
});

describe('whether a transfer can be urged', () => {
  it('can through its open urge-acceptance task, else says when the next is due if known', () => {
    expect(availabilityOf({ urgeTaskId: 'task-1', nextUrgeAt: null })).toEqual({ canUrge: true, taskId: 'task-1' });
    expect(availabilityOf({ urgeTaskId: null, nextUrgeAt: '2026-03-11T09:30:00.000Z' })).toEqual({
      canUrge: false,
      nextUrgeAt: '2026-03-11T09:30:00.000Z',
    });
    expect(availabilityOf({ urgeTaskId: null, nextUrgeAt: null })).toEqual({ canUrge: false, nextUrgeAt: null });
  });
});

describe('what became of an urging', () => {
  it('is urged, refused with the problem’s title for a 4xx, or failed for anything a retry may cure', () => {
    expect(outcomeOf({ ok: true })).toEqual({ status: 'urged' });
    expect(outcomeOf({ ok: false, error: problem(409, 'The task is no longer open') })).toMatchObject({
      status: 'refused',
      title: 'The task is no longer open',
    });
    expect(outcomeOf({ ok: false, error: problem(403) })).toMatchObject({ status: 'refused', title: 'Not allowed' });
    for (const error of [problem(503), problem(429), problem(408), new TypeError('Failed to fetch')]) {
      expect(outcomeOf({ ok: false, error }).status).toBe('failed');
    }
  });

  it('sums a run up', () => {
    const outcomes: UrgeOutcome[] = [
      { status: 'urged' },
      { status: 'urged' },
      { status: 'refused', error: problem(409), title: 'x' },
      { status: 'failed', error: new Error('offline') },
    ];
    expect(summarise(outcomes)).toEqual({ urged: 2, refused: 1, failed: 1 });
    expect(summarise([])).toEqual({ urged: 0, refused: 0, failed: 0 });
  });
});

describe('sending several urgings', () => {
  it('runs at most three at once and keeps the order of the results', async () => {
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const run = runAtMost([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running -= 1;
      return n * 10;
    });
    // Release whichever is waiting, one at a time, until all seven have run.
    for (let released = 0; released < 7; released += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    expect(await run).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most).toBe(3);
  });

  it('keeps an urging’s key for a retry after a failure, and makes a new one once the service answered', () => {
    const keys = new Map<string, string>();
    let made = 0;
    const newKey = () => `key-${(made += 1)}`;
    const first = keyFor(keys, 'task-1', newKey);
    settleKey(keys, 'task-1', { status: 'failed', error: new Error('offline') });
    expect(keyFor(keys, 'task-1', newKey)).toBe(first);
    settleKey(keys, 'task-1', { status: 'urged' });
    expect(keyFor(keys, 'task-1', newKey)).not.toBe(first);
    // Each task has a key of its own.
    expect(keyFor(keys, 'task-2', newKey)).not.toBe(keyFor(keys, 'task-1', newKey));
  });

  it('shortens an id to tell cases apart', () => {
    expect(shortId('3f2a1b9c-0000-4000-8000-000000000000')).toBe('3f2a1b9c');
    expect(shortId('abc')).toBe('abc');
  });
});
