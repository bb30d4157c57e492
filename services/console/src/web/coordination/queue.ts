/**
 * The coordinators' decision queue: the three kinds of task only the town's coordinators decide, read as three lists
 * (the task API filters by one kind at a time), each a page at a time in case-service's priority order, and merged here
 * into one list, most urgent first, that never shows a task ahead of one not loaded yet.
 */
import type { Task } from '../common/api/client';

export const DECISION_KINDS = ['decide-escalation', 'approve-extension', 'handle-rejection'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export function isDecisionKind(value: string | null | undefined): value is DecisionKind {
  return (DECISION_KINDS as readonly string[]).includes(value ?? '');
}

/** case-service's PRIORITY_RANK (task-clock.ts): the higher, the more urgent. */
const RANK: Record<Task['priority'], number> = { urgent: 3, high: 2, normal: 1, low: 0 };

type Queued = Pick<Task, 'id' | 'priority'> & { clock: Pick<Task['clock'], 'dueAt'> };

/**
 * The order of `GET /api/v1/tasks?sort=priority`: most urgent first, then soonest due (undated last), then by id, so
 * the merged list agrees with each list the service pages through.
 */
export function compareUrgency(a: Queued, b: Queued): number {
  const rank = RANK[b.priority] - RANK[a.priority];
  if (rank !== 0) return rank;
  const aDue = a.clock.dueAt;
  const bDue = b.clock.dueAt;
  if (aDue !== bDue) {
    if (aDue === null) return 1;
    if (bDue === null) return -1;
    const due = Date.parse(aDue) - Date.parse(bDue);
    if (due !== 0) return due;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One kind's list as far as it is loaded, and whether the service has more of it. */
export interface Stream<T> {
  items: readonly T[];
  hasMore: boolean;
}

export interface MergedQueue<T> {
  /** The tasks to show, most urgent first. */
  items: T[];
  /** Loaded but not shown yet: a list with more pages might still hold something more urgent. */
  heldBack: number;
  /** Which lists to read the next page of to show more (by index); empty when everything is shown. */
  toLoad: number[];
}

/**
 * Merges lists sorted by {@link compareUrgency}. A list with more pages only tells us its unloaded tasks come after
 * its last loaded one, so a task is shown only when it comes no later than the last loaded task of every such list;
 * the list whose last task is the earliest of those is the one whose next page shows more.
 */
export function mergeStreams<T extends Queued>(streams: readonly Stream<T>[]): MergedQueue<T> {
  const all = streams.flatMap((stream) => stream.items).sort(compareUrgency);
  let bound: T | undefined;
  let boundIndex = -1;
  for (const [index, stream] of streams.entries()) {
    if (!stream.hasMore) continue;
    const last = stream.items.at(-1);
    // More to come and nothing loaded: nothing can be placed before it is read.
    if (last === undefined) return { items: [], heldBack: all.length, toLoad: [index] };
    if (bound === undefined || compareUrgency(last, bound) < 0) {
      bound = last;
      boundIndex = index;
    }
  }
  if (bound === undefined) return { items: all, heldBack: 0, toLoad: [] };
  const limit = bound;
  const items = all.filter((item) => compareUrgency(item, limit) <= 0);
  return { items, heldBack: all.length - items.length, toLoad: [boundIndex] };
}
