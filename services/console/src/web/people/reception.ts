/**
 * Reception hours (接待时间) as a week: which days an agency receives people and when. The service keeps a flat list
 * of windows (weekday 1 = Monday … 7 = Sunday, HH:MM–HH:MM, an optional note); people read a week.
 */
import { WEEKDAYS, type ReceptionWindow, type Weekday } from './vocabulary';

export interface DaySchedule {
  weekday: Weekday;
  /** By opening time; empty on a day the agency does not receive. */
  windows: ReceptionWindow[];
}

/** Runs of consecutive days with the same windows (周一至周五 09:00–17:00), days without reception left out. */
export interface ScheduleRun {
  firstDay: Weekday;
  lastDay: Weekday;
  /** How many days the run spans (1 for a single day). */
  days: number;
  windows: ReceptionWindow[];
}

const byTime = (a: ReceptionWindow, b: ReceptionWindow) =>
  a.from === b.from ? (a.to < b.to ? -1 : a.to > b.to ? 1 : 0) : a.from < b.from ? -1 : 1;

/** The seven days Monday to Sunday, each with its windows in time order. */
export function weeklySchedule(windows: readonly ReceptionWindow[]): DaySchedule[] {
  return WEEKDAYS.map((weekday) => ({
    weekday,
    windows: windows.filter((window) => window.weekday === weekday).sort(byTime),
  }));
}

const sameWindows = (a: readonly ReceptionWindow[], b: readonly ReceptionWindow[]) =>
  a.length === b.length &&
  a.every((window, i) => {
    const other = b[i];
    return (
      other !== undefined &&
      window.from === other.from &&
      window.to === other.to &&
      (window.note ?? '') === (other.note ?? '')
    );
  });

/** The week in a line's worth of runs: consecutive days with identical windows merged, closed days dropped. */
export function scheduleRuns(windows: readonly ReceptionWindow[]): ScheduleRun[] {
  const runs: ScheduleRun[] = [];
  for (const day of weeklySchedule(windows)) {
    if (day.windows.length === 0) continue;
    const last = runs[runs.length - 1];
    if (last && last.lastDay === day.weekday - 1 && sameWindows(last.windows, day.windows)) {
      last.lastDay = day.weekday;
      last.days += 1;
    } else {
      runs.push({ firstDay: day.weekday, lastDay: day.weekday, days: 1, windows: day.windows });
    }
  }
  return runs;
}

/** Positions (in the list as given) of windows that end before they start: the service refuses them. */
export function backwardWindows(windows: readonly Partial<ReceptionWindow>[]): number[] {
  return windows.flatMap((window, index) =>
    window.from !== undefined && window.to !== undefined && window.from >= window.to ? [index] : [],
  );
}

/**
 * Positions (in the list as given) of windows that overlap another on the same day. The service accepts them; the
 * form warns, since two windows covering the same hour are mostly a slip of the hand.
 */
export function overlappingWindows(windows: readonly Partial<ReceptionWindow>[]): number[] {
  const overlapping = new Set<number>();
  windows.forEach((a, i) => {
    windows.forEach((b, j) => {
      if (i >= j || a.weekday === undefined || a.weekday !== b.weekday) return;
      if (!a.from || !a.to || !b.from || !b.to) return;
      if (a.from < b.to && b.from < a.to) {
        overlapping.add(i);
        overlapping.add(j);
      }
    });
  });
  return [...overlapping].sort((x, y) => x - y);
}

/**
 * A typed time as HH:MM when it reads as one: `9:00`, `0900`, `9：00` (the full-width colon a Chinese input method
 * types) all become `09:00`. Anything else is left as typed, for the field's check to name.
 */
export function normaliseClockTime(typed: string): string {
  const match = /^(\d{1,2})[:：.]?(\d{2})$/.exec(typed.trim());
  if (!match?.[1] || !match[2]) return typed;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return typed;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}
