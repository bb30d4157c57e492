import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { decodeJwt } from 'jose';
import type { Principal, PrincipalRole } from '@gongzhi/contracts';
import { ForbiddenError, UnauthenticatedError } from '@gongzhi/errors';
import { rateLimiter, type PublicRoute, type RateLimitCounter } from '@gongzhi/http';
import type { TokenVerifier } from './tokens';
import { isWorkflowEngine } from './visibility';

declare module 'express-serve-static-core' {
  interface Request {
    /** The verified caller; set by {@link authenticate} on every route that is not public. */
    principal?: Principal;
    /**
     * The workflow engine's principal when {@link limitByAddress} already verified its token: exempt from the limits,
     * and adopted by {@link authenticate} on the routes that need a caller (public routes stay without one, as for
     * anybody else).
     */
    verifiedWorkflowEngine?: Principal;
    /** Why the bearer token was refused when {@link limitByAddress} already verified it: authenticate reuses it. */
    bearerRefusal?: unknown;
  }
}

export interface AuthenticateOptions {
  /**
   * Routes reachable without a token (signing in, refreshing, the public key), each by method and exact path. Health
   * and OpenAPI are mounted before this.
   */
  publicRoutes?: readonly PublicRoute[];
}

/** Verifies `Authorization: Bearer <token>` on every request except the public paths. */
export function authenticate(verifier: TokenVerifier, options: AuthenticateOptions = {}): RequestHandler {
  const publicRoutes = new Set((options.publicRoutes ?? []).map((route) => `${route.method} ${route.path}`));
  return (req: Request, _res: Response, next: NextFunction) => {
    if (publicRoutes.has(`${req.method} ${req.path}`)) {
      next();
      return;
    }
    // Already verified by limitByAddress (a workflow-engine claim): one signature check per request, not two.
    if (req.verifiedWorkflowEngine) {
      req.principal = req.verifiedWorkflowEngine;
      next();
      return;
    }
    if (req.bearerRefusal !== undefined) {
      next(req.bearerRefusal);
      return;
    }
    const token = bearerTokenOf(req);
    if (!token) {
      next(new UnauthenticatedError());
      return;
    }
    verifier.verify(token).then(
      (principal) => {
        req.principal = principal;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

function bearerTokenOf(req: Request): string | undefined {
  const header = req.get('authorization');
  return (header ? /^Bearer\s+(\S+)$/i.exec(header) : null)?.[1];
}

/** Whether a token's unverified claims name the workflow engine; only then is it worth verifying before the limit. */
function claimsWorkflowEngine(token: string): boolean {
  try {
    const roles: unknown = decodeJwt(token).roles;
    return Array.isArray(roles) && roles.includes('workflow-engine');
  } catch {
    return false;
  }
}

export interface AddressLimitOptions {
  /** Requests allowed per window from one address. */
  limit: number;
  windowMs?: number;
  /** Where the counts are kept: the service's database, shared by its replicas; left out, this process only. */
  counter?: RateLimitCounter;
}

/**
 * The outer, per-address limit every service puts first, with one exemption: a bearer token whose signature verifies
 * as the workflow engine's. The worker drives every case of every town through the services from one address; a
 * limit sized for people would throttle the workflows themselves (issue 14). Only tokens that claim the role are
 * verified here, so a flood of people's or garbage tokens stays as cheap as before; a forged claim fails
 * verification, is counted against its address like any request, and is refused by {@link authenticate} with the
 * same error, without a second check. Addresses are `req.ip`: behind a proxy, set TRUSTED_PROXIES.
 */
export function limitByAddress(verifier: TokenVerifier, options: AddressLimitOptions): RequestHandler[] {
  const recogniseWorkflowEngine: RequestHandler = (req, _res, next) => {
    const token = bearerTokenOf(req);
    if (!token || !claimsWorkflowEngine(token)) {
      next();
      return;
    }
    verifier.verify(token).then(
      (principal) => {
        if (isWorkflowEngine(principal)) req.verifiedWorkflowEngine = principal;
        next();
      },
      (error: unknown) => {
        req.bearerRefusal = error;
        next();
      },
    );
  };
  return [
    recogniseWorkflowEngine,
    rateLimiter({
      limit: options.limit,
      ...(options.windowMs === undefined ? {} : { windowMs: options.windowMs }),
      keyOf: (req) => (req.verifiedWorkflowEngine ? undefined : (req.ip ?? 'unknown')),
      label: 'from one address',
      ...(options.counter ? { counter: options.counter } : {}),
    }),
  ];
}

/**
 * The per-person limit, after authentication. The workflow engine is exempt here too (it acts for every case, and its
 * load is bounded by the worker's concurrency); requests without a principal (public routes) are not counted.
 */
export function limitByUser(options: AddressLimitOptions & { label?: string }): RequestHandler {
  return rateLimiter({
    limit: options.limit,
    ...(options.windowMs === undefined ? {} : { windowMs: options.windowMs }),
    keyOf: (req) => (isWorkflowEngine(req.principal) ? undefined : req.principal?.staffId),
    label: options.label ?? 'per user',
    ...(options.counter ? { counter: options.counter } : {}),
  });
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
/**
 * Who is asking and in which request: what every service call needs for authorization and the audit trail, in every
 * service. `authorization` is the caller's own `Authorization` header, forwarded when a service asks another on their
 * behalf (so the other applies its visibility rule to them).
 */
export interface CallContext {
  principal: Principal;
  requestId: string;
  authorization?: string | undefined;
}

/** The call context of an authenticated request (a route reached without a caller is a wiring bug: 401). */
export function callContextOf(req: Request): CallContext {
  const authorization = req.get('authorization');
  return { principal: principalOf(req), requestId: req.requestId, ...(authorization ? { authorization } : {}) };
}

export function auditContext(req: Request): { actor: string; requestId: string } {
  return { actor: req.principal?.staffId ?? 'anonymous', requestId: req.requestId };
}
