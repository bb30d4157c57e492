/**
 * How many working days a page of transfers is past its acceptance deadlines, on agency-service's official calendar.
 * case-service never counts working days itself, and agency-service's calendar client here only adds them; so the
 * page's working dates are listed once, from the earliest deadline's date up to now (N working days after one anchor,
 * N = 1, 2, …), and every transfer's count is read off that list. A page costs as many calendar asks as its most late
 * transfer is late in working days, whatever its number of rows, and the cached calendar remembers each answer.
 */
import type { CalendarLookup, WorkingDayCalendar } from '../admin/working-day-calendar';

/** Asia/Shanghai has kept UTC+08:00 without daylight saving since 1991: explicit, never the process's zone. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Deadlines further back are not counted (null): the list would cost a calendar ask per working day since then, and a
 * transfer four months late says enough in calendar days.
 */
export const LATE_WORKING_DAYS_WINDOW_DAYS = 120;

/** Calendar asks sent at once. */
const BATCH = 10;

/** The instant of 00:00 Asia/Shanghai on the date of `at`. */
export function shanghaiMidnight(at: number): number {
  const shifted = at + SHANGHAI_OFFSET_MS;
  return shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS) - SHANGHAI_OFFSET_MS;
}

/**
 * Whole working days each deadline is past at `at`: the largest N for which the deadline plus N working days (the same
 * time of day on the Nth working day after its date, as agency-service adds them) is not after `at`. 0 for a deadline
 * not yet one working day past (or not past at all); null for one more than LATE_WORKING_DAYS_WINDOW_DAYS back. Throws
 * what the calendar throws (a 503 problem when agency-service does not answer).
 */
export async function workingDaysLate(
  calendar: WorkingDayCalendar,
  deadlines: readonly Date[],
  at: Date,
  lookup: CalendarLookup,
): Promise<(number | null)[]> {
  const now = at.getTime();
  const floor = shanghaiMidnight(now - LATE_WORKING_DAYS_WINDOW_DAYS * DAY_MS);
  const counted = deadlines.map((deadline) => shanghaiMidnight(deadline.getTime())).filter((day) => day >= floor);
  if (counted.length === 0) return deadlines.map((deadline) => (deadline.getTime() > now ? 0 : null));
  const anchor = Math.min(...counted);
  // The working dates after the anchor's date (each as its midnight), up to the first one after `at`. The window
  // bounds the asks even should the calendar answer nonsense.
  const working: number[] = [];
  let reachedNow = false;
  for (let n = 1; !reachedNow && n <= LATE_WORKING_DAYS_WINDOW_DAYS + BATCH; n += BATCH) {
    const counts = Array.from({ length: BATCH }, (_, i) => n + i);
    const answers = await Promise.all(counts.map((days) => calendar.addWorkingDays(new Date(anchor), days, lookup)));
    working.push(...answers.map((answer) => answer.getTime()));
    reachedNow = answers.some((answer) => answer.getTime() > now);
  }
  return deadlines.map((deadline) => {
    const due = deadline.getTime();
    if (due > now) return 0;
    const day = shanghaiMidnight(due);
    if (day < anchor || !reachedNow) return null;
    const timeOfDay = due - day;
    return working.filter((date) => date > day && date + timeOfDay <= now).length;
  });
}
