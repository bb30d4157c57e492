// A provisional calendar for years whose official arrangement is not yet in chinese-days' data: the statutory public
// holidays of 《全国年节及纪念日放假办法》 as amended in 2024 (effective 2025), plus weekends, and nothing else.
//
// Lunar and solar-term dates come from chinese-days' own functions, which work in the process's time zone
// (checked under TZ=UTC, Asia/Shanghai and America/Los_Angeles):
// - getSolarDateFromLunar reads the year, month and day of its argument with local getters and answers in local
//   time, so it is given a local Date (new Date(y, m - 1, d)): a 'YYYY-MM-DD' string is parsed as UTC midnight and
//   reads as the previous day west of UTC (Spring Festival 2027 came out as 2027-02-07 in Los Angeles).
// - getSolarTermDate builds UTC midnight of the term's day and formats it in local time, so west of UTC it answers
//   the day before (Qingming 2025 came out as 2025-04-03). `undoLocalFormatting` recovers the day it meant.
import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';

const DAY_MS = 86_400_000;

export const PROVISIONAL_RULE =
  'the statutory public holidays of 《全国年节及纪念日放假办法》 (2024 amendment): 元旦 1 Jan; 春节 from Lunar New ' +
  "Year's Eve to the 3rd day of the first lunar month; 清明 on the Qingming solar term; 劳动节 1–2 May; 端午 on the 5th " +
  'of the 5th lunar month; 中秋 on the 15th of the 8th lunar month; 国庆节 1–3 Oct; and weekends';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The process-local calendar date of an instant, as the package's formatter writes it. */
function localDateOf(instant: number): string {
  const d = new Date(instant);
  return isoDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/**
 * The package formatted UTC midnight of the day it meant in the process's time zone, giving `formatted`; that day is
 * `formatted` itself (at or east of UTC) or the day after (west of UTC). Offsets span less than a day, so exactly one
 * of the two candidates formats back to `formatted`.
 */
function undoLocalFormatting(formatted: string): string {
  const candidates = [formatted, addDays(formatted, 1)];
  const meant = candidates.find((date) => localDateOf(Date.parse(`${date}T00:00:00Z`)) === formatted);
  if (meant === undefined) throw new Error(`cannot interpret chinese-days date ${formatted}`);
  return meant;
}

/** Gregorian date of a day of a (non-leap) lunar month. */
function solarFromLunar(lunarYear: number, lunarMonth: number, lunarDay: number): string {
  const date = getSolarDateFromLunar(new Date(lunarYear, lunarMonth - 1, lunarDay)).date;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`chinese-days answered ${date} for lunar ${lunarYear}`);
  return date;
}

function qingming(year: number): string {
  const date = undoLocalFormatting(getSolarTermDate(year, 4, 'pure_brightness'));
  // The Qingming term falls on 4–6 April in every year of the package's range; anything else is a package fault.
  if (!/^\d{4}-04-0[4-6]$/.test(date)) throw new Error(`chinese-days put Qingming ${year} on ${date}`);
  return date;
}

/**
 * The statutory public holidays of a Gregorian year, keyed YYYY-MM-DD, valued with the holiday's Chinese name as
 * chinese-days writes it (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆节). When two holidays fall on the same day (中秋 can
 * fall on 1–3 October) the day is one holiday with both names; the law grants no extra day for it.
 */
export function statutoryHolidays(year: number): ReadonlyMap<string, string> {
  const holidays = new Map<string, string>();
  const add = (date: string, name: string) => {
    if (Number(date.slice(0, 4)) !== year) return;
    const existing = holidays.get(date);
    holidays.set(date, existing === undefined ? name : `${existing}、${name}`);
  };

  add(isoDate(year, 1, 1), '元旦');
  // The Spring Festival of lunar year `year` (the 1st day of the first month always falls in January or February).
  const lunarNewYear = solarFromLunar(year, 1, 1);
  for (let offset = -1; offset <= 2; offset += 1) add(addDays(lunarNewYear, offset), '春节');
  add(qingming(year), '清明');
  add(isoDate(year, 5, 1), '劳动节');
  add(isoDate(year, 5, 2), '劳动节');
  add(solarFromLunar(year, 5, 5), '端午');
  add(solarFromLunar(year, 8, 15), '中秋');
  for (let day = 1; day <= 3; day += 1) add(isoDate(year, 10, day), '国庆节');
  return holidays;
}
