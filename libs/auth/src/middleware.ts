import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Principal, PrincipalRole } from '@gongzhi/contracts';
import { ForbiddenError, UnauthenticatedError } from '@gongzhi/errors';
import type { TokenVerifier } from './tokens';
// Brings in the request-id augmentation of Express's Request.
import type {} from '@gongzhi/http';

declare module 'express-serve-static-core' {
  interface Request {
    /** The verified caller; set by {@link authenticate} on every route that is not public. */
    principal?: Principal;
  }
}

export interface AuthenticateOptions {
  /** Exact paths reachable without a token (login, token refresh). Health and OpenAPI are mounted before this. */
  publicPaths?: readonly string[];
}

/** Verifies `Authorization: Bearer <token>` on every request except the public paths. */
export function authenticate(verifier: TokenVerifier, options: AuthenticateOptions = {}): RequestHandler {
  const publicPaths = new Set(options.publicPaths ?? []);
  return (req: Request, _res: Response, next: NextFunction) => {
    if (publicPaths.has(req.path)) {
      next();
      return;
    }
    const header = req.get('authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) {
      next(new UnauthenticatedError());
      return;
    }
    verifier.verify(match[1]).then(
      (principal) => {
        req.principal = principal;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** The caller of an authenticated route; a route reached without one is a wiring bug, reported as 401. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new UnauthenticatedError();
  return req.principal;
}

export function hasAnyRole(principal: Principal, roles: readonly PrincipalRole[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

/** Throws 403 unless the caller holds one of the roles. */
export function requireAnyRole(principal: Principal, roles: readonly PrincipalRole[], doing: string): void {
  if (!hasAnyRole(principal, roles)) {
    throw new ForbiddenError(`Only ${roles.join(' or ')} staff may ${doing}.`);
  }
}

/** The audit fields every request supplies: who (the verified staff id) and which request. */
export function auditContext(req: Request): { actor: string; requestId: string } {
  return { actor: req.principal?.staffId ?? 'anonymous', requestId: req.requestId };
}
