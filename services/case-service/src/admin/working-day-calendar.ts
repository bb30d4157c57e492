/**
 * agency-service's official calendar, asked over HTTP with the caller's own token (never computed here): how far N
 * working days reach from an instant. The stuck scan judges every awaited action against it.
 */
import { DependencyUnavailableError } from '@gongzhi/errors';
import { createCallerReader } from '@gongzhi/http';
import { z } from 'zod';

/** Who asks: the administrator's `Authorization` header is forwarded as it came. */
export interface CalendarLookup {
  authorization: string | undefined;
  requestId: string;
}

export interface WorkingDayCalendar {
  /**
   * The instant `days` working days after `from` (the same Asia/Shanghai time of day on the Nth working day after its
   * date). Throws a 503 problem (DependencyUnavailableError) when agency-service cannot answer.
   */
  addWorkingDays(from: Date, days: number, lookup: CalendarLookup): Promise<Date>;
}

const WHAT = 'agency-service (the working-day calendar)';
const Answer = z.object({ result: z.string().datetime() });

/**
 * The calendar on agency-service, read the way case-service reads everything of agency-service's: as the caller, with
 * the shared reader (timeouts, the request id, any failure a 503). No answer at all is agency-service's failure too.
 */
export function createHttpWorkingDayCalendar(options: {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}): WorkingDayCalendar {
  const read = createCallerReader({ ...options, what: WHAT });
  return {
    async addWorkingDays(from, days, lookup) {
      const query = new URLSearchParams({ from: from.toISOString(), days: String(days) });
      const answer = await read(`/api/v1/calendar/add-working-days?${query.toString()}`, Answer, lookup);
      if (!answer) throw new DependencyUnavailableError(WHAT, new Error('no calendar answer'));
      return new Date(answer.result);
    },
  };
}

/** Asia/Shanghai has kept UTC+08:00 without daylight saving since 1991: explicit, never the process's zone. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * One answer per Asia/Shanghai date and count of days, remembered for `ttlMs`: the N working days after any instant
 * of a date land on the same date, at the instant's time of day, so a scan of 200 tasks asks agency-service a few
 * times (and its per-user rate limit is never the scan's problem). Concurrent asks of one date share one request;
 * a failed one is forgotten at once.
 */
export function cachedWorkingDayCalendar(
  calendar: WorkingDayCalendar,
  options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): WorkingDayCalendar {
  const ttlMs = options.ttlMs ?? 6 * 3_600_000;
  const maxEntries = options.maxEntries ?? 5_000;
  const now = options.now ?? Date.now;
  const answers = new Map<string, { at: number; midnight: Promise<number> }>();
  return {
    async addWorkingDays(from, days, lookup) {
      if (days === 0) return new Date(from);
      const shifted = from.getTime() + SHANGHAI_OFFSET_MS;
      const msOfDay = ((shifted % DAY_MS) + DAY_MS) % DAY_MS;
      const midnightUtc = shifted - msOfDay - SHANGHAI_OFFSET_MS;
      const key = `${midnightUtc}|${days}`;
      let entry = answers.get(key);
      if (!entry || now() - entry.at > ttlMs) {
        if (answers.size >= maxEntries) answers.clear();
        const midnight = calendar
          .addWorkingDays(new Date(midnightUtc), days, lookup)
          .then((deadline) => deadline.getTime());
        const fresh = { at: now(), midnight };
        answers.set(key, fresh);
        midnight.catch(() => {
          if (answers.get(key) === fresh) answers.delete(key);
        });
        entry = fresh;
      }
      return new Date((await entry.midnight) + msOfDay);
    },
  };
}
