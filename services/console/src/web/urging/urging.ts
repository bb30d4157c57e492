/**
 * The 督办 page's rules, without React: how late a transfer reads, whether it can be urged now, what became of each
 * urging sent, and how the Idempotency-Keys of the urgings are kept.
 */
import type { CaseSchemas } from '../common/api/client';

export type OverdueTransfer = CaseSchemas['OverdueTransfer'];

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/** A string key of the `urging` namespace and its values. */
export interface Text {
  key: string;
  values: Record<string, number>;
}

/** Whole days and hours (rounded down): never says later than it is. */
function durationText(ms: number): Text {
  const total = Math.max(0, Math.floor(ms));
  const days = Math.floor(total / DAY_MS);
  const hours = Math.floor((total % DAY_MS) / HOUR_MS);
  if (days > 0)
    return hours > 0
      ? { key: 'late.daysHours', values: { days, hours } }
      : { key: 'late.days', values: { count: days } };
  if (hours > 0) return { key: 'late.hours', values: { count: hours } };
  return { key: 'late.underHour', values: {} };
}

/**
 * How late a transfer is: in working days first (the acceptance clock counts them), with the calendar time beside;
 * the calendar time alone when the working days are not known.
 */
export function latenessTexts(item: Pick<OverdueTransfer, 'lateMs' | 'lateWorkingDays'>): {
  primary: Text;
  secondary: Text | null;
} {
  const duration = durationText(item.lateMs);
  if (item.lateWorkingDays === null) return { primary: duration, secondary: null };
  if (item.lateWorkingDays === 0) return { primary: { key: 'late.underWorkingDay', values: {} }, secondary: duration };
  return { primary: { key: 'late.workingDays', values: { count: item.lateWorkingDays } }, secondary: duration };
}

/** Whether a transfer can be urged now: only through its open urge-acceptance task, else when it will be. */
export type Availability = { canUrge: true; taskId: string } | { canUrge: false; nextUrgeAt: string | null };

export function availabilityOf(item: Pick<OverdueTransfer, 'urgeTaskId' | 'nextUrgeAt'>): Availability {
  return item.urgeTaskId !== null
    ? { canUrge: true, taskId: item.urgeTaskId }
    : { canUrge: false, nextUrgeAt: item.nextUrgeAt };
}

/**
 * What became of one urging: done; refused by the service (a colleague urged first, the transfer was accepted
 * meanwhile…: its problem says why, and sending it again would not help); or failed on the way (no answer, a service
 * down, too many requests: a retry may succeed, with the same Idempotency-Key).
 */
export type UrgeOutcome =
  { status: 'urged' } | { status: 'refused'; error: unknown; title: string } | { status: 'failed'; error: unknown };

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

export function outcomeOf(result: { ok: true } | { ok: false; error: unknown }): UrgeOutcome {
  if (result.ok) return { status: 'urged' };
  const status = statusOf(result.error);
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    const title = (result.error as { problem?: { title?: unknown } }).problem?.title;
    return { status: 'refused', error: result.error, title: typeof title === 'string' ? title : '' };
  }
  return { status: 'failed', error: result.error };
}

export function summarise(outcomes: readonly UrgeOutcome[]): Record<UrgeOutcome['status'], number> {
  const counts = { urged: 0, refused: 0, failed: 0 };
  for (const outcome of outcomes) counts[outcome.status] += 1;
  return counts;
}

/**
 * `fn` over every item, at most `limit` at once (a slow office PC and the services both keep up), each starting as
 * soon as one ends; the results in the items' order. `fn` should not reject: a rejection ends the whole run.
 */
export async function runAtMost<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

/**
 * The Idempotency-Key of an urging, per urge-acceptance task: made for its first sending, sent again by a retry after a
 * failure (the service then urges once), and dropped once the service answered (urged, or refused for good).
 */
export function keyFor(keys: Map<string, string>, taskId: string, newKey: () => string): string {
  const known = keys.get(taskId);
  if (known !== undefined) return known;
  const key = newKey();
  keys.set(taskId, key);
  return key;
}

export function settleKey(keys: Map<string, string>, taskId: string, outcome: UrgeOutcome): void {
  if (outcome.status !== 'failed') keys.delete(taskId);
}

/** The first 8 characters of an id: enough to tell cases apart in a list (the link and its label keep it whole). */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}
