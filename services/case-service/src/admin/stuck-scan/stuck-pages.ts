import { STUCK_KINDS, type StuckItem } from '@gongzhi/contracts';
import { ValidationError } from '@gongzhi/errors';
import { z } from 'zod';
import { compareStuck, type StuckOrderKey } from './diagnosis';

/**
 * Where a page of the stuck scan ended. Every page is a fresh scan, so the cursor holds the last item's place in
 * the order (its `since`, not how long it had been stuck then), never an offset: items that appear or go away
 * between two pages do not shift the next one.
 */
const CursorPayload = z.object({
  since: z.string().datetime(),
  caseId: z.string().nullable(),
  workflowId: z.string(),
  subject: z.string(),
  kind: z.enum(STUCK_KINDS),
  taskId: z.string().nullable(),
});
type CursorPayload = z.infer<typeof CursorPayload>;

export function stuckCursorOf(last: StuckItem): string {
  const payload: CursorPayload = {
    since: last.since,
    caseId: last.caseId,
    workflowId: last.workflowId,
    subject: last.subject,
    kind: last.kind,
    taskId: last.taskId,
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function decode(cursor: string): CursorPayload {
  try {
    const parsed = CursorPayload.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: answered below like any other cursor this service did not write.
  }
  throw new ValidationError('`cursor` is not one this scan gave: pass a report’s `nextCursor` unchanged.', [
    { path: 'cursor', message: 'not a nextCursor of this scan', code: 'invalid-format' },
  ]);
}

/** The items of a sorted list that come after the cursor's place, judged at the new scan's instant. */
export function afterStuckCursor(sorted: readonly StuckItem[], cursor: string, at: Date): StuckItem[] {
  const payload = decode(cursor);
  const place: StuckOrderKey = { ...payload, stuckForMs: Math.max(0, at.getTime() - Date.parse(payload.since)) };
  return sorted.filter((item) => compareStuck(item, place) > 0);
}
