import { backwardWindows, normaliseClockTime, overlappingWindows, scheduleRuns, weeklySchedule } from './reception';

const window = (weekday: number, from: string, to: string, note?: string) => ({
  weekday,
  from,
  to,
  ...(note ? { note } : {}),
});

describe('reception hours as a week', () => {
  it('lists Monday to Sunday, each day with its windows by opening time, closed days empty', () => {
    const week = weeklySchedule([
      window(5, '14:00', '17:00'),
      window(5, '09:00', '12:00'),
      window(1, '09:00', '17:00'),
    ]);
    expect(week.map((day) => day.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(week[0]?.windows).toEqual([window(1, '09:00', '17:00')]);
    expect(week[1]?.windows).toEqual([]);
    expect(week[4]?.windows.map((w) => w.from)).toEqual(['09:00', '14:00']);
  });

  it('reads a working week as one run and a different Saturday as another', () => {
    const hours = [1, 2, 3, 4, 5].map((day) => window(day, '09:00', '17:00'));
    expect(scheduleRuns([...hours, window(6, '09:00', '12:00')])).toEqual([
      { firstDay: 1, lastDay: 5, days: 5, windows: [window(1, '09:00', '17:00')] },
      { firstDay: 6, lastDay: 6, days: 1, windows: [window(6, '09:00', '12:00')] },
    ]);
  });

  it('does not join days across a closed day, nor days whose windows or notes differ', () => {
    const runs = scheduleRuns([
      window(1, '09:00', '12:00'),
      window(3, '09:00', '12:00'),
      window(4, '09:00', '12:00', '仅受理土地纠纷'),
      window(7, '09:00', '12:00'),
    ]);
    expect(runs.map((run) => [run.firstDay, run.lastDay])).toEqual([
      [1, 1],
      [3, 3],
      [4, 4],
      [7, 7],
    ]);
  });

  it('joins days only when every window of the day matches, whatever order they were listed in', () => {
    const runs = scheduleRuns([
      window(2, '14:00', '17:00'),
      window(1, '09:00', '12:00'),
      window(2, '09:00', '12:00'),
      window(1, '14:00', '17:00'),
    ]);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ firstDay: 1, lastDay: 2, days: 2 });
  });

  it('has no runs for an agency without reception hours', () => {
    expect(scheduleRuns([])).toEqual([]);
  });

  it('finds windows that close before they open, which the service refuses', () => {
    expect(
      backwardWindows([window(1, '09:00', '12:00'), window(2, '12:00', '12:00'), window(3, '17:00', '09:00')]),
    ).toEqual([1, 2]);
    expect(backwardWindows([{ weekday: 1, from: '09:00' }])).toEqual([]);
  });

  it('finds windows that overlap on the same day, but not back-to-back ones or other days', () => {
    expect(
      overlappingWindows([
        window(1, '09:00', '12:00'),
        window(1, '11:00', '13:00'),
        window(1, '13:00', '17:00'),
        window(2, '09:00', '12:00'),
      ]),
    ).toEqual([0, 1]);
    expect(overlappingWindows([window(1, '09:00', '12:00'), window(1, '12:00', '17:00')])).toEqual([]);
  });

  it('reads a typed time as HH:MM, full-width colon and missing zero included, and leaves a non-time alone', () => {
    expect(normaliseClockTime('9:00')).toBe('09:00');
    expect(normaliseClockTime('0830')).toBe('08:30');
    expect(normaliseClockTime(' 17：30 ')).toBe('17:30');
    expect(normaliseClockTime('930')).toBe('09:30');
    expect(normaliseClockTime('24:00')).toBe('24:00');
    expect(normaliseClockTime('9:75')).toBe('9:75');
    expect(normaliseClockTime('noon')).toBe('noon');
  });
});
