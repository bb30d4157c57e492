import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const ACCEPTABLE_REQUEST_ID = /^[\w.-]{1,80}$/;

declare module 'express-serve-static-core' {
  interface Request {
    /** Correlates logs, problems and audit records of one request; echoed as `X-Request-Id`. */
    requestId: string;
  }
}

/** Takes a caller's `X-Request-Id` when it is sane (so traces join up across services), else makes one. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get('x-request-id');
  req.requestId = incoming && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  next();
}
