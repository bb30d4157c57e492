import { z } from '@gongzhi/contracts';
import { type PageQuery, decodeCursor } from '@gongzhi/http';

export { IdempotencyHeaders, IfMatchHeaders } from '@gongzhi/http';

const IdCursor = z.object({ id: z.string().uuid() });

/** The id after which the next page starts, from an opaque cursor. */
export function afterIdOf(query: PageQuery): string | undefined {
  return query.cursor === undefined ? undefined : decodeCursor(query.cursor, IdCursor).id;
}
