// The package's own data (the State Council's arrangements), read as plain date-keyed tables. Its functions
// (isWorkday, getDayDetail…) parse and format dates in the process's time zone and answer for the wrong day west of
// UTC (checked with TZ=America/Los_Angeles), so only the data is used, and date arithmetic stays in UTC here.
import officialCalendar from 'chinese-days/dist/chinese-days.json';
import { AppError } from '@gongzhi/errors';

/** Holidays and make-up working days, keyed YYYY-MM-DD, valued "English name,中文名,days". */
const HOLIDAYS: Readonly<Record<string, string>> = officialCalendar.holidays;
const MAKE_UP_WORKDAYS: Readonly<Record<string, string>> = officialCalendar.workdays;

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** chinese-days' rule on its data: a make-up day works, a holiday does not, otherwise Monday to Friday work. */
function isWorkday(date: string): boolean {
  if (MAKE_UP_WORKDAYS[date] !== undefined) return true;
  if (HOLIDAYS[date] !== undefined) return false;
  return !isWeekend(date);
}

function holidayNameOf(date: string): string | null {
  const entry = HOLIDAYS[date] ?? MAKE_UP_WORKDAYS[date];
  return entry?.split(',')[1] ?? null;
}

/**
 * Working-day arithmetic on the official Chinese calendar (chinese-days: public holidays and make-up working
 * weekends, 调休), in Asia/Shanghai.
 *
 * The rule for "N working days after an instant": take the instant's local date in Asia/Shanghai; the deadline is
 * the same local time of day on the Nth working day strictly after that date. The starting day never counts, even
 * when it is a working day (the clock starts the day after the event, as 期间 are counted in Chinese procedure law),
 * and a start on a holiday or weekend is treated the same way. N = 0 returns the instant unchanged.
 *
 * Asia/Shanghai has had a fixed UTC+08:00 offset without daylight saving since 1991, so the local date and time are
 * computed with that explicit offset, never with the process's time zone.
 */
export const CALENDAR_TIME_ZONE = 'Asia/Shanghai';
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Years for which the installed chinese-days package carries the State Council's holiday arrangement. */
export interface CalendarCoverage {
  firstYear: number;
  lastYear: number;
}

/**
 * Derived from the package's own data (every covered year has a New Year's Day holiday), so upgrading chinese-days
 * extends the range without a code change. Outside it the package answers "weekday = working day", which would be
 * silently wrong for the next year's Spring Festival: we refuse instead.
 */
export function calendarCoverage(): CalendarCoverage {
  const years = Object.keys(HOLIDAYS).map((date) => Number(date.slice(0, 4)));
  return { firstYear: Math.min(...years), lastYear: Math.max(...years) };
}

export class CalendarOutOfRangeError extends AppError {
  constructor(date: string, coverage: CalendarCoverage) {
    super(422, 'calendar-out-of-range', 'Date outside the official calendar', {
      detail:
        `${date} is outside the years whose official holiday arrangement is known (${coverage.firstYear}–` +
        `${coverage.lastYear}); working days cannot be computed for it. Use a date inside that range, or upgrade ` +
        'the chinese-days package once the State Council publishes the next year.',
      extensions: { coveredYears: coverage },
    });
  }
}

/** Local (Asia/Shanghai) calendar date of an instant, as YYYY-MM-DD, and the milliseconds since local midnight. */
function toLocal(instant: Date): { date: string; msOfDay: number; midnightUtcMs: number } {
  const shifted = instant.getTime() + SHANGHAI_OFFSET_MS;
  const localMidnight = Math.floor(shifted / DAY_MS) * DAY_MS;
  return {
    date: new Date(localMidnight).toISOString().slice(0, 10),
    msOfDay: shifted - localMidnight,
    midnightUtcMs: localMidnight - SHANGHAI_OFFSET_MS,
  };
}

/** An instant rendered in Asia/Shanghai with its offset, e.g. 2026-10-10T09:00:00.000+08:00. */
export function formatShanghai(instant: Date): string {
  return `${new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make-up-workday';

export interface CalendarService {
  coverage: CalendarCoverage;
  addWorkingDays(from: Date, days: number): Date;
  addCalendarDays(from: Date, days: number): Date;
  describeDay(date: string): { date: string; workingDay: boolean; kind: DayKind; holiday: string | null };
}

export function createCalendarService(): CalendarService {
  const coverage = calendarCoverage();

  function assertCovered(date: string): void {
    const year = Number(date.slice(0, 4));
    if (year < coverage.firstYear || year > coverage.lastYear) throw new CalendarOutOfRangeError(date, coverage);
  }

  return {
    coverage,

    addWorkingDays(from, days) {
      const start = toLocal(from);
      assertCovered(start.date);
      if (days === 0) return new Date(from);
      let midnight = start.midnightUtcMs;
      let counted = 0;
      while (counted < days) {
        midnight += DAY_MS;
        const date = toLocal(new Date(midnight)).date;
        assertCovered(date);
        if (isWorkday(date)) counted += 1;
      }
      return new Date(midnight + start.msOfDay);
    },

    addCalendarDays(from, days) {
      // A fixed offset makes "same local time N days later" exactly N × 24 h.
      return new Date(from.getTime() + days * DAY_MS);
    },

    describeDay(date) {
      const parsed = new Date(`${date}T00:00:00Z`);
      if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
        throw new AppError(400, 'validation-failed', 'The request is not valid', {
          detail: `${date} is not a calendar date: use YYYY-MM-DD, e.g. 2026-10-10.`,
          errors: [{ path: 'date', message: 'not a calendar date' }],
        });
      }
      assertCovered(date);
      const workingDay = isWorkday(date);
      const weekend = isWeekend(date);
      const holidayName = holidayNameOf(date);
      if (workingDay) {
        return weekend
          ? { date, workingDay, kind: 'make-up-workday', holiday: holidayName }
          : { date, workingDay, kind: 'workday', holiday: null };
      }
      return holidayName === null
        ? { date, workingDay, kind: 'weekend', holiday: null }
        : { date, workingDay, kind: 'holiday', holiday: holidayName };
    },
  };
}
