import { z } from '@gongzhi/contracts';
import { type PageQuery, decodeCursor } from '@gongzhi/http';

/** Documented on every POST: the idempotency middleware reads it before the route does. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\w.:-]{8,128}$/, 'use 8–128 letters, digits, dots, colons, hyphens or underscores (a UUID works)')
    .optional(),
});

/** Documented on every conditional update. */
export const IfMatchHeaders = z.object({ 'if-match': z.string().openapi({ example: '"<id>.v3"' }) });

const IdCursor = z.object({ id: z.string().uuid() });

/** The id after which the next page starts, from an opaque cursor. */
export function afterIdOf(query: PageQuery): string | undefined {
  return query.cursor === undefined ? undefined : decodeCursor(query.cursor, IdCursor).id;
}
