import { type CallContext, callContextOf } from '@gongzhi/auth';
import type { Request } from 'express';
import { requireStaff } from './principals';

export type { CallContext };

/** The staff member calling a staff route (every `/api/v1` route): a service token is refused here with 403. */
export function callContext(req: Request): CallContext {
  const ctx = callContextOf(req);
  requireStaff(ctx.principal);
  return ctx;
}
