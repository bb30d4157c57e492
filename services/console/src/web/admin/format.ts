/** How the administrators' pages say how long something has been stuck, and name ids too long to read whole. */

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/** Whole days and hours (rounded down): "stuck for 3 days 4 hours" needs no more precision, and never overstates it. */
export function stuckDurationParts(ms: number): { days: number; hours: number } {
  const total = Math.max(0, Math.floor(ms));
  return { days: Math.floor(total / DAY_MS), hours: Math.floor((total % DAY_MS) / HOUR_MS) };
}

/** The string key (in the `admin` namespace) and values that say how long an item has been stuck. */
export function stuckForText(ms: number): { key: string; values: { days: number; hours: number } } {
  const values = stuckDurationParts(ms);
  if (values.days > 0) return { key: values.hours > 0 ? 'stuckFor.daysHours' : 'stuckFor.days', values };
  if (values.hours > 0) return { key: 'stuckFor.hours', values };
  return { key: 'stuckFor.underHour', values };
}

/** The first 8 characters of an id, enough to tell cases apart in a list; the whole id stays in the link and label. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}
