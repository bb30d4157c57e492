import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from '@gongzhi/errors';

/**
 * Who may call a route: anyone (signing in, the public key), signed-in staff, or the workflow engine's service token.
 * Declared on the route (or on its route set, for every route in it), so the guard is installed from the declaration
 * and the authorization matrix reads it.
 */
export const ROUTE_CALLERS = ['public', 'staff', 'workflow-engine'] as const;
export type RouteCaller = (typeof ROUTE_CALLERS)[number];

/**
 * How a retried request is kept from acting twice:
 * - `none`: a read, or a write made safe by the key in its own path (the workflow's PUTs by action and event id);
 * - `replayed`: the shared Idempotency-Key middleware answers a retry with the first response;
 * - `claimed`: the handler claims the key in the transaction that writes what the request creates.
 * A route that documents the Idempotency-Key header declares one of the last two, and the other way round.
 */
export const ROUTE_IDEMPOTENCY = ['none', 'replayed', 'claimed'] as const;
export type RouteIdempotency = (typeof ROUTE_IDEMPOTENCY)[number];

export interface RoutePolicy {
  callers: readonly RouteCaller[];
  idempotency: RouteIdempotency;
}

/** What a service installs for the declarations: how to tell its callers apart, and its Idempotency-Key middleware. */
export interface RoutePolicyEnforcement {
  /** The kind of caller of an authenticated request (`public` when it carries no verified principal). */
  callerOf(req: Request): RouteCaller;
  /** The middleware of `replayed` routes; a service with none may declare none. */
  replay?: RequestHandler;
}

/** Why a caller of this kind is refused a route that does not declare them. */
function refusalOf(caller: RouteCaller): Error {
  switch (caller) {
    case 'public':
      // Authentication runs first for every route that is not public: getting here without a caller is a wiring slip.
      return new UnauthenticatedError();
    case 'staff':
      return new ForbiddenError('This route serves the workflow engine only.');
    case 'workflow-engine':
      return new ForbiddenError('This route serves staff tokens: the workflow engine may not call it.');
  }
}

/**
 * The guard of one route: lets through the callers it declares and refuses the others before the request's input is
 * validated, so a caller learns nothing about a route that does not serve them.
 */
export function callerGuard(policy: RoutePolicy, enforcement: RoutePolicyEnforcement): RequestHandler {
  if (policy.callers.includes('public')) return (_req, _res, next) => next();
  return (req: Request, _res: Response, next: NextFunction) => {
    const caller = enforcement.callerOf(req);
    next(policy.callers.includes(caller) ? undefined : refusalOf(caller));
  };
}

/** A route reachable without a token, as authentication matches it: its method and its exact path. */
export interface PublicRoute {
  /** Upper case, as Express reports a request's method. */
  method: string;
  path: string;
}

/**
 * The routes authentication lets through without a token: those declared public, each by method and path, so a public
 * POST does not open a GET on the same path. A GET is also reachable as HEAD (Express answers both with one route). A
 * public path takes no parameters (authentication compares paths, not patterns).
 */
export function publicRoutesOf(
  routeSets: readonly {
    routes: readonly { method: string; path: string; operationId: string; callers: readonly RouteCaller[] }[];
  }[],
): PublicRoute[] {
  const routes = routeSets.flatMap((set) => set.routes).filter((route) => route.callers.includes('public'));
  for (const route of routes) {
    if (route.path.includes(':')) throw new Error(`${route.operationId}: a public route's path cannot take parameters`);
  }
  return routes.flatMap((route) => {
    const method = route.method.toUpperCase();
    const methods = method === 'GET' ? ['GET', 'HEAD'] : [method];
    return methods.map((each) => ({ method: each, path: route.path }));
  });
}
