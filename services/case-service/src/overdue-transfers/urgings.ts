/**
 * Where a transfer's urging (督办) stands, from what case-service already records: the workflow's `transfer-requested`
 * and `transfer-urged` timeline events, and the case's urge-acceptance tasks.
 */
import type { TimelineEvent } from '@gongzhi/contracts';
import type { TaskRecord } from '../tasks/tasks.model';

export interface Urgings {
  count: number;
  lastUrgedAt: string | null;
  /** The open urge-acceptance task the coordinators act on, if the workflow has one open. */
  openTaskId: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * When this transfer began: its `transfer-requested` event (the latest one to the task's agency at or before the task
 * opened), or the task's opening. An accept-transfer task reissued with a later deadline (an administrator's
 * extension) is the same transfer, and its urgings before the reissue still count.
 */
function transferStart(accept: Pick<TaskRecord, 'agencyId' | 'openedAt'>, timeline: readonly TimelineEvent[]): number {
  const opened = accept.openedAt.getTime();
  let start = opened;
  for (const event of timeline) {
    const at = Date.parse(event.at);
    if (event.type !== 'transfer-requested' || at > opened) continue;
    const to = text(event.details['toAgencyId']);
    if (to === null || to === accept.agencyId) start = at;
  }
  return start;
}

/**
 * The urgings of the transfer the accept-transfer task belongs to: every `transfer-urged` event since the transfer
 * began that names its agency (the workflow writes the receiving agency in the event's details), and the case's open
 * urge-acceptance task (the latest opened, should there ever be two). Timelines are in recording order; the latest
 * urging is found by its instant all the same.
 */
export function urgingsOf(
  accept: Pick<TaskRecord, 'agencyId' | 'openedAt'>,
  timeline: readonly TimelineEvent[],
  tasks: readonly Pick<TaskRecord, 'id' | 'kind' | 'status' | 'openedAt'>[],
): Urgings {
  const start = transferStart(accept, timeline);
  let count = 0;
  let last: number | null = null;
  for (const event of timeline) {
    const at = Date.parse(event.at);
    if (event.type !== 'transfer-urged' || at < start) continue;
    const urged = text(event.details['agencyId']);
    if (urged !== null && urged !== accept.agencyId) continue;
    count += 1;
    if (last === null || at > last) last = at;
  }
  const open = tasks
    .filter((task) => task.kind === 'urge-acceptance' && task.status === 'open')
    .reduce<Pick<TaskRecord, 'id' | 'openedAt'> | null>(
      (latest, task) => (latest === null || task.openedAt > latest.openedAt ? task : latest),
      null,
    );
  return { count, lastUrgedAt: last === null ? null : new Date(last).toISOString(), openTaskId: open?.id ?? null };
}
