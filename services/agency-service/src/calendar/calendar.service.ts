// The package's own data (the State Council's arrangements), read as plain date-keyed tables. Its functions
// (isWorkday, getDayDetail…) parse and format dates in the process's time zone and answer for the wrong day west of
// UTC (checked with TZ=America/Los_Angeles), so only the data is used, and date arithmetic stays in UTC here.
import officialCalendar from 'chinese-days/dist/chinese-days.json';
import { AppError } from '@gongzhi/errors';
import { PROVISIONAL_RULE, statutoryHolidays } from './calendar.provisional';

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
 * weekends, 调休), in Asia/Shanghai. For up to PROVISIONAL_YEARS years after the official data, a provisional
 * calendar (statutory holidays and weekends, calendar.provisional.ts) answers instead, and every answer says which
 * calendar it used (`basis`).
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
 * How many years after the official data a provisional calendar is offered (statutory holidays and weekends only,
 * see calendar.provisional.ts). Further out the answer would mostly be a guess about a law that may change again.
 */
export const PROVISIONAL_YEARS = 5;

/** Which calendar answered: the State Council's published arrangement, or the provisional one derived from law. */
export type CalendarBasis = 'official' | 'provisional';

export interface BasisStatement {
  basis: CalendarBasis;
  /** Present when provisional: the rule used and why, so callers can warn and recompute later. */
  basisNote?: string;
}

function provisionalNote(years: readonly number[], coverage: CalendarCoverage): string {
  const named = years.length === 1 ? String(years[0]) : `${years[0]}–${years[years.length - 1]}`;
  return (
    `Provisional: the State Council's holiday schedule for ${named} is not yet in the calendar data (official ` +
    `arrangements cover ${coverage.firstYear}–${coverage.lastYear}), so ${named} is computed from ${PROVISIONAL_RULE}. ` +
    'No substitute days off (补假) or make-up working days (调休) are assumed; recompute once the schedule is published.'
  );
}

/**
 * Derived from the package's own data (every covered year has a New Year's Day holiday), so upgrading chinese-days
 * extends the range without a code change. Outside it the package answers "weekday = working day", which would be
 * silently wrong for the next year's Spring Festival: we use the provisional calendar for the following years
 * instead, and refuse before the range and beyond the provisional years.
 */
export function calendarCoverage(): CalendarCoverage {
  const years = Object.keys(HOLIDAYS).map((date) => Number(date.slice(0, 4)));
  return { firstYear: Math.min(...years), lastYear: Math.max(...years) };
}

export class CalendarOutOfRangeError extends AppError {
  constructor(date: string, coverage: CalendarCoverage) {
    const provisionalThrough = coverage.lastYear + PROVISIONAL_YEARS;
    const year = Number(date.slice(0, 4));
    super(422, 'calendar-out-of-range', 'Date outside the official calendar', {
      detail:
        year < coverage.firstYear
          ? `${date} is before the years whose official holiday arrangement is known (${coverage.firstYear}–` +
            `${coverage.lastYear}); working days cannot be computed for it. Use a date inside that range.`
          : `${date} is more than ${PROVISIONAL_YEARS} years beyond the official holiday arrangements ` +
            `(${coverage.firstYear}–${coverage.lastYear}); a provisional calendar is offered only through ` +
            `${provisionalThrough}, and working days cannot be computed further out.`,
      extensions: { coveredYears: coverage, provisionalThrough },
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

/** Minutes since midnight of a validated 24-hour HH:MM time. */
function minutesOfDay(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** An instant rendered in Asia/Shanghai with its offset, e.g. 2026-10-10T09:00:00.000+08:00. */
export function formatShanghai(instant: Date): string {
  return `${new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make-up-workday';

export interface WorkingDaysResult extends BasisStatement {
  /** The deadline instant. */
  deadline: Date;
}

export interface WorkingDaysCount extends BasisStatement {
  /** Asia/Shanghai dates of the two instants, YYYY-MM-DD. */
  fromDate: string;
  toDate: string;
  workingDays: number;
}

/** Where a legal period ends: the last instant of its last day, after any move off a holiday or rest day. */
export interface PeriodEnd extends BasisStatement {
  /** 23:59:59.999 Asia/Shanghai of `lastDay`: anything done up to and including it is in time. */
  deadline: Date;
  /** The day the period ends on, YYYY-MM-DD (Asia/Shanghai). */
  lastDay: string;
  /** The day it would end on by counting alone, before a holiday or rest day moved it (equals `lastDay` otherwise). */
  countedLastDay: string;
}

export interface CalendarService {
  coverage: CalendarCoverage;
  /** Last year answered with the provisional calendar (coverage.lastYear + PROVISIONAL_YEARS). */
  provisionalThrough: number;
  /**
   * The deadline, and which calendar answered: provisional as soon as any day counted (or the starting day) lies
   * after the official data.
   */
  addWorkingDays(from: Date, days: number): WorkingDaysResult;
  addCalendarDays(from: Date, days: number): Date;
  /**
   * Where a period of `amount` days counted from an instant ends, as the law counts periods: the starting day never
   * counts; the period ends at 24:00 of its last day, not at the time of day it started; calendar days end on the
   * `amount`th day after the start's date, moved to the next working day when that day is a holiday or a rest day
   * (make-up working days are working days); working days end on the `amount`th working day after it — at the
   * office's closing time `closesAt` (HH:MM) when one is given, for a working day ends when the office closes.
   */
  periodEnd(from: Date, amount: number, unit: 'working-days' | 'calendar-days', closesAt?: string): PeriodEnd;
  /**
   * Whole working days from `from` to `to`: those strictly after `from`'s Asia/Shanghai date up to and including
   * `to`'s (the time of day never counts), negated when `to`'s date is the earlier one, 0 on the same date. The
   * inverse of addWorkingDays: counting from an instant to its deadline N working days later gives N.
   */
  countWorkingDays(from: Date, to: Date): WorkingDaysCount;
  describeDay(
    date: string,
  ): { date: string; workingDay: boolean; kind: DayKind; holiday: string | null } & BasisStatement;
}

export function createCalendarService(): CalendarService {
  const coverage = calendarCoverage();
  const provisionalThrough = coverage.lastYear + PROVISIONAL_YEARS;
  const provisionalYears = new Map<number, ReadonlyMap<string, string>>();

  function yearOf(date: string): number {
    const year = Number(date.slice(0, 4));
    if (year < coverage.firstYear || year > provisionalThrough) throw new CalendarOutOfRangeError(date, coverage);
    return year;
  }

  function provisionalHolidays(year: number): ReadonlyMap<string, string> {
    let holidays = provisionalYears.get(year);
    if (holidays === undefined) {
      holidays = statutoryHolidays(year);
      provisionalYears.set(year, holidays);
    }
    return holidays;
  }

  /** A day on whichever calendar covers its year (throws outside both). */
  function dayOn(date: string): { workingDay: boolean; holiday: string | null; makeUp: boolean } {
    const year = yearOf(date);
    if (year <= coverage.lastYear) {
      const workingDay = isWorkday(date);
      return { workingDay, holiday: holidayNameOf(date), makeUp: workingDay && isWeekend(date) };
    }
    // Provisional: statutory holidays and weekends rest; no make-up working days are knowable in advance.
    const holiday = provisionalHolidays(year).get(date) ?? null;
    return { workingDay: holiday === null && !isWeekend(date), holiday, makeUp: false };
  }

  /**
   * The UTC instant of the Asia/Shanghai midnight that starts the `days`th working day after the day starting at
   * `midnight` (that day itself never counts), adding every year it looks at to `years`.
   */
  function workingDaysAfter(midnight: number, days: number, years: Set<number>): number {
    let at = midnight;
    for (let counted = 0; counted < days;) {
      at += DAY_MS;
      const date = toLocal(new Date(at)).date;
      years.add(Number(date.slice(0, 4)));
      if (dayOn(date).workingDay) counted += 1;
    }
    return at;
  }

  function statement(years: ReadonlySet<number>): BasisStatement {
    const provisional = [...years].filter((year) => year > coverage.lastYear).sort((a, b) => a - b);
    return provisional.length === 0
      ? { basis: 'official' }
      : { basis: 'provisional', basisNote: provisionalNote(provisional, coverage) };
  }

  return {
    coverage,
    provisionalThrough,

    addWorkingDays(from, days) {
      const start = toLocal(from);
      const years = new Set([yearOf(start.date)]);
      if (days === 0) return { deadline: new Date(from), ...statement(years) };
      const midnight = workingDaysAfter(start.midnightUtcMs, days, years);
      return { deadline: new Date(midnight + start.msOfDay), ...statement(years) };
    },

    countWorkingDays(from, to) {
      const start = toLocal(from);
      const end = toLocal(to);
      // Both ends must lie on a calendar we have, even when nothing between them is counted (same date).
      const years = new Set([yearOf(start.date), yearOf(end.date)]);
      const sign = end.midnightUtcMs >= start.midnightUtcMs ? 1 : -1;
      const [low, high] = sign === 1 ? [start, end] : [end, start];
      let counted = 0;
      for (let midnight = low.midnightUtcMs + DAY_MS; midnight <= high.midnightUtcMs; midnight += DAY_MS) {
        const date = toLocal(new Date(midnight)).date;
        years.add(Number(date.slice(0, 4)));
        if (dayOn(date).workingDay) counted += 1;
      }
      // `sign * 0` would be -0, which JSON writes as 0 anyway but tests compare with Object.is.
      return {
        fromDate: start.date,
        toDate: end.date,
        workingDays: counted === 0 ? 0 : sign * counted,
        ...statement(years),
      };
    },

    addCalendarDays(from, days) {
      // A fixed offset makes "same local time N days later" exactly N × 24 h.
      return new Date(from.getTime() + days * DAY_MS);
    },

    periodEnd(from, amount, unit, closesAt) {
      const start = toLocal(from);
      const years = new Set([yearOf(start.date)]);
      const dateOf = (midnightUtcMs: number) => toLocal(new Date(midnightUtcMs)).date;
      let midnight = start.midnightUtcMs;
      if (unit === 'calendar-days') {
        midnight += amount * DAY_MS;
      } else {
        midnight = workingDaysAfter(midnight, amount, years);
      }
      const countedLastDay = dateOf(midnight);
      years.add(yearOf(countedLastDay));
      while (!dayOn(dateOf(midnight)).workingDay) {
        midnight += DAY_MS;
        years.add(yearOf(dateOf(midnight)));
      }
      const closing = unit === 'working-days' && closesAt ? minutesOfDay(closesAt) * 60_000 : null;
      return {
        deadline: new Date(closing === null ? midnight + DAY_MS - 1 : midnight + closing),
        lastDay: dateOf(midnight),
        countedLastDay,
        ...statement(years),
      };
    },

    describeDay(date) {
      const parsed = new Date(`${date}T00:00:00Z`);
      if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
        throw new AppError(400, 'validation-failed', 'The request is not valid', {
          detail: `${date} is not a calendar date: use YYYY-MM-DD, e.g. 2026-10-10.`,
          errors: [{ path: 'date', message: 'not a calendar date' }],
        });
      }
      const { workingDay, holiday, makeUp } = dayOn(date);
      const basisStatement = statement(new Set([Number(date.slice(0, 4))]));
      if (workingDay) {
        return makeUp
          ? { date, workingDay, kind: 'make-up-workday', holiday, ...basisStatement }
          : { date, workingDay, kind: 'workday', holiday: null, ...basisStatement };
      }
      return holiday === null
        ? { date, workingDay, kind: 'weekend', holiday: null, ...basisStatement }
        : { date, workingDay, kind: 'holiday', holiday, ...basisStatement };
    },
  };
}
