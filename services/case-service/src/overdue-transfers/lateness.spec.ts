/** Working days late, read off one list of the page's working dates. */
import { DependencyUnavailableError } from '@gongzhi/errors';
import type { WorkingDayCalendar } from '../admin/working-day-calendar';
import { LATE_WORKING_DAYS_WINDOW_DAYS, shanghaiMidnight, workingDaysLate } from './lateness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Tuesday 10 March 2026, 10:00 in Asia/Shanghai. */
const NOW = new Date('2026-03-10T02:00:00.000Z');
const lookup = { authorization: 'Bearer coordinator', requestId: 'req-1' };
/** An instant given in Asia/Shanghai's wall-clock time. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

/** Monday to Friday in Asia/Shanghai, but the holidays given; counts every ask. */
function weekdays(holidays: string[] = []) {
  const calendar = {
    asks: 0,
    down: false,
    async addWorkingDays(from: Date, days: number) {
      calendar.asks += 1;
      if (calendar.down) throw new DependencyUnavailableError('agency-service (the working-day calendar)');
      let at = from.getTime();
      for (let counted = 0; counted < days;) {
        at += DAY;
        const local = new Date(at + 8 * HOUR);
        const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
        if (!weekend && !holidays.includes(local.toISOString().slice(0, 10))) counted += 1;
      }
      return new Date(at);
    },
  } satisfies WorkingDayCalendar & Record<string, unknown>;
  return calendar;
}

describe('working days past an acceptance deadline', () => {
  it('counts whole working days by agency-service’s calendar, at the deadline’s time of day', async () => {
    const late = await workingDaysLate(
      weekdays(),
      [
        // Friday 17:30: Monday 17:30 has passed, Tuesday 17:30 has not. The weekend does not count.
        shanghai('2026-03-06T17:30:00'),
        // Monday 17:30: not yet a whole working day.
        shanghai('2026-03-09T17:30:00'),
        // Monday 09:00: Tuesday 09:00 has passed.
        shanghai('2026-03-09T09:00:00'),
        // Tuesday 24 February 10:00: its tenth working day after is now, Tuesday 10 March 10:00.
        shanghai('2026-02-24T10:00:00'),
      ],
      NOW,
      lookup,
    );
    expect(late).toEqual([1, 0, 1, 10]);
  });

  it('skips the holidays the calendar names', async () => {
    const late = await workingDaysLate(weekdays(['2026-03-09']), [shanghai('2026-03-06T17:30:00')], NOW, lookup);
    expect(late).toEqual([0]);
  });

  it('asks the calendar as many times as the most late deadline needs, not once per transfer', async () => {
    const calendar = weekdays();
    const deadlines = Array.from({ length: 40 }, (_, i) => new Date(NOW.getTime() - (i + 1) * 4 * HOUR));
    const late = await workingDaysLate(calendar, deadlines, NOW, lookup);
    expect(late).toHaveLength(40);
    // Seven calendar days back are five working days: one batch of asks.
    expect(calendar.asks).toBe(10);
  });

  it('does not count deadlines beyond the window, and still counts the others', async () => {
    const calendar = weekdays();
    const old = new Date(NOW.getTime() - (LATE_WORKING_DAYS_WINDOW_DAYS + 1) * DAY);
    const late = await workingDaysLate(calendar, [old, shanghai('2026-03-09T09:00:00')], NOW, lookup);
    expect(late).toEqual([null, 1]);
    expect(calendar.asks).toBe(10);
  });

  it('says 0 for a deadline not past, and throws what the calendar throws', async () => {
    expect(await workingDaysLate(weekdays(), [new Date(NOW.getTime() + HOUR)], NOW, lookup)).toEqual([0]);
    const down = weekdays();
    down.down = true;
    await expect(workingDaysLate(down, [shanghai('2026-03-06T17:30:00')], NOW, lookup)).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
  });

  it('finds the Asia/Shanghai date of an instant', () => {
    expect(new Date(shanghaiMidnight(shanghai('2026-03-10T00:30:00').getTime())).toISOString()).toBe(
      '2026-03-09T16:00:00.000Z',
    );
    expect(new Date(shanghaiMidnight(shanghai('2026-03-09T23:59:00').getTime())).toISOString()).toBe(
      '2026-03-08T16:00:00.000Z',
    );
  });
});
