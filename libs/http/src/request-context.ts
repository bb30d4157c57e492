import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

const ACCEPTABLE_REQUEST_ID = /^[\w.-]{1,80}$/;

declare module 'express-serve-static-core' {
  interface Request {
    /**
     * Correlates logs, problems and audit records of one request; echoed as `X-Request-Id`. Always generated here:
     * a caller can never choose (or reuse) the id an audit record is filed under.
     */
    requestId: string;
    /** The caller's own `X-Request-Id`, when it sent a sane one: kept beside ours so traces join up across services. */
    callerRequestId?: string;
  }
}

/** The ids of the request being served, for code that has no `req` at hand (the audit trail). */
export interface RequestIds {
  requestId: string;
  callerRequestId?: string;
}

const scope = new AsyncLocalStorage<RequestIds>();

/** Makes this request's id (echoed as `X-Request-Id`) and keeps a caller's sane `X-Request-Id` beside it. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get('x-request-id');
  req.requestId = randomUUID();
  if (incoming && ACCEPTABLE_REQUEST_ID.test(incoming)) req.callerRequestId = incoming;
  res.setHeader('X-Request-Id', req.requestId);
  next();
}

/**
 * Runs the rest of the request inside its ids' scope. Mounted after the body parser: its stream callbacks would not
 * carry the scope, while every promise continuation from here on (authentication, handlers, Prisma) does.
 */
export const requestScope: RequestHandler = (req, _res, next) => {
  scope.run(
    { requestId: req.requestId, ...(req.callerRequestId ? { callerRequestId: req.callerRequestId } : {}) },
    next,
  );
};

/** The ids of the request this code runs for, or undefined outside a request (jobs, startup). */
export function currentRequestIds(): RequestIds | undefined {
  return scope.getStore();
}
