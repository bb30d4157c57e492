import type { RequestHandler } from 'express';
import { AppError } from '@gongzhi/errors';

/**
 * Every request that changes something must carry this header. A page on another site can make a browser send a
 * form or a simple request with the person's cookie, but not one with a custom header (that needs a CORS preflight,
 * which the console never grants); SameSite=Strict and the Origin check below are the second and third lines.
 */
export const CSRF_HEADER = 'x-gongzhi-console';
export const CSRF_VALUE = '1';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireCsrfHeader(): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const origin = req.get('origin');
    const host = req.get('host');
    const sameOrigin = origin === undefined || (host !== undefined && new URL(origin).host === host);
    if (req.get(CSRF_HEADER) !== CSRF_VALUE || !sameOrigin) {
      next(
        new AppError(403, 'csrf-check-failed', 'Request refused', {
          detail: `Changes are accepted only from the console's own pages (header ${CSRF_HEADER} missing or another origin).`,
        }),
      );
      return;
    }
    next();
  };
}
