/**
 * The periods the figures page asks for: whole Asia/Shanghai days, `from` and `to` included, as the statistics API
 * takes them. Pure date arithmetic on `YYYY-MM-DD` strings (no time zone of the office PC gets in the way).
 */
import { TOWN_TIME_ZONE } from '../common/ui/format';

export const PRESETS = ['this-month', 'last-month', 'this-quarter', 'this-year'] as const;
export type Preset = (typeof PRESETS)[number];
export type PeriodChoice = Preset | 'custom';

export interface DayRange {
  from: string;
  to: string;
}

/** The longest range the API answers (its `to` at most 366 days after `from`). */
export const MAX_RANGE_DAYS = 367;

/** Up to this many days the series is by day; longer, by month (a bar a day stops being readable). */
export const DAILY_SERIES_MAX_DAYS = 62;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (year: number, monthIndex: number, date: number) =>
  new Date(Date.UTC(year, monthIndex, date)).toISOString().slice(0, 10);

/** The town's calendar day at an instant, `YYYY-MM-DD`. */
export function townDay(now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TOWN_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Whether `day` is a real calendar day written `YYYY-MM-DD` (not 2026-02-30). */
export function isDay(day: string): boolean {
  if (!DAY_PATTERN.test(day)) return false;
  const parsed = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === day;
}

/** Days in the range, both ends included. */
export function daysIn(range: DayRange): number {
  return dayNumber(range.to) - dayNumber(range.from) + 1;
}

/** The preset's days: this month, quarter or year up to today; last month whole. */
export function presetRange(preset: Preset, today: string): DayRange {
  const [year, month] = today.split('-').map(Number) as [number, number];
  switch (preset) {
    case 'this-month':
      return { from: dayOf(year, month - 1, 1), to: today };
    case 'last-month':
      // Day 0 of this month is the last day of the previous one.
      return { from: dayOf(year, month - 2, 1), to: dayOf(year, month - 1, 0) };
    case 'this-quarter':
      return { from: dayOf(year, Math.floor((month - 1) / 3) * 3, 1), to: today };
    case 'this-year':
      return { from: dayOf(year, 0, 1), to: today };
  }
}

/** A range the API will answer and that holds no day after today. */
export function isValidRange(range: DayRange, today: string): boolean {
  return (
    isDay(range.from) &&
    isDay(range.to) &&
    range.from <= range.to &&
    range.to <= today &&
    daysIn(range) <= MAX_RANGE_DAYS
  );
}

export function granularityOf(range: DayRange): 'day' | 'month' {
  return daysIn(range) <= DAILY_SERIES_MAX_DAYS ? 'day' : 'month';
}

/**
 * The period in the page's address (`period=last-month`, or `period=custom&from=…&to=…`); this month when it names
 * none or a range the API would refuse.
 */
export function periodOf(params: URLSearchParams, today: string): { choice: PeriodChoice; range: DayRange } {
  const period = params.get('period');
  if (period === 'custom') {
    const range = { from: params.get('from') ?? '', to: params.get('to') ?? '' };
    if (isValidRange(range, today)) return { choice: 'custom', range };
  }
  const preset = (PRESETS as readonly string[]).includes(period ?? '') ? (period as Preset) : 'this-month';
  return { choice: preset, range: presetRange(preset, today) };
}
