/**
 * Refused requests leave an audit row too: who tried to reach which object and was told 403 or 404 (a 404 is also
 * what an object the caller may not see answers). The row names the object by the route's own vocabulary and a
 * validated id only — never a body, a query string or a raw path, which can carry personal data.
 */
import type { Request } from 'express';
import type { AuditEntry, AuditTrail } from './audit';

export interface RefusalAudit {
  trail: AuditTrail;
  /** The verified caller's id; undefined for an anonymous request, which has nobody to attribute and is not recorded. */
  actorOf(req: Request): string | undefined;
}

interface MatchedRoute {
  /** The route as declared, e.g. `/api/v1/cases/:id/notes`. */
  path: string;
  params: Record<string, string>;
}

// Express hands an error handler the app's params, not the route's; the route remembers them here for it.
const matched = new WeakMap<Request, MatchedRoute>();

/** Called by a route as it starts handling a request. */
export function rememberRoute(req: Request, path: string): void {
  matched.set(req, { path, params: { ...(req.params as Record<string, string>) } });
}

/** Ids and codes as routes take them (UUIDs, area codes, saved-view names); anything else is not written down. */
const SAFE_ID = /^[\w.:@-]{1,128}$/;

function singular(noun: string): string {
  if (noun.endsWith('ies')) return `${noun.slice(0, -3)}y`;
  if (/(ch|sh|x|ss)es$/.test(noun)) return noun.slice(0, -2);
  if (noun.endsWith('s') && !noun.endsWith('ss')) return noun.slice(0, -1);
  return noun;
}

/** `/api/v1/cases/:id/notes` → a `case` and the value of `:id`; `/api/v1/cases` → a `case`, no id. */
function objectOf(route: MatchedRoute): { objectType: string; objectId: string } {
  const segments = route.path.split('/').filter(Boolean);
  const firstParam = segments.findIndex((segment) => segment.startsWith(':'));
  const noun = firstParam > 0 ? segments[firstParam - 1] : firstParam < 0 ? segments.at(-1) : undefined;
  const paramName = firstParam >= 0 ? (segments[firstParam] ?? '').slice(1).replace(/\W.*$/, '') : undefined;
  const id = paramName ? route.params[paramName] : undefined;
  return {
    objectType: noun ? singular(noun.toLowerCase()) : 'request',
    objectId: id !== undefined && SAFE_ID.test(id) ? id : '-',
  };
}

/**
 * The audit entry for a refused request, or undefined when it is not one to record: only 403s and 404s of a caller who
 * signed in, and 404s only from a route that exists (an unknown URL reached no object).
 */
export function refusalEntry(req: Request, status: number, actor: string | undefined): AuditEntry | undefined {
  if (actor === undefined || (status !== 403 && status !== 404)) return undefined;
  const route = matched.get(req);
  if (!route && status === 404) return undefined;
  // A 403 before any route matched (e.g. a staff member on the workflow engine's routes) refused the request itself.
  const { objectType, objectId } = route ? objectOf(route) : { objectType: 'request', objectId: '-' };
  return { actor, action: `${objectType}.refused`, objectType, objectId, requestId: req.requestId, status };
}
