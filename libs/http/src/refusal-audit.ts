/**
 * Refused requests leave an audit row too: who tried to reach which object and was told 403 or 404 (a 404 is also
 * what an object the caller may not see answers). The row names the object by the route's own vocabulary and a
 * validated id only — never a body, a query string or a raw path, which can carry personal data.
 */
import type { Request } from 'express';
import { AUDIT_OBJECT_TYPES, type AuditObjectType } from '@gongzhi/contracts';
import type { AuditEntry, AuditTrail } from './audit';

export const isAuditObjectType = (noun: string): noun is AuditObjectType =>
  (AUDIT_OBJECT_TYPES as readonly string[]).includes(noun);

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

/**
 * The object a route's path is about, singular: the segment before its first parameter, or the collection the path
 * starts with when it has none (`/api/v1/cases/:id/notes` → `case`, `/api/v1/tasks/counts` → `task`), and the name of
 * that parameter. Takes Express's `:id` and OpenAPI's `{id}` alike.
 */
export function routeNounOf(path: string): { noun: string; paramName: string | undefined } {
  const segments = path.split('/').filter(Boolean);
  const isParam = (segment: string) => segment.startsWith(':') || segment.startsWith('{');
  const firstParam = segments.findIndex(isParam);
  // The collection after the version, past the `admin` namespace (`/api/v1/admin/views` → `view`).
  let start = segments.findIndex((segment) => /^v\d+$/.test(segment)) + 1;
  if (segments[start] === 'admin' && segments.length > start + 1) start += 1;
  const noun = firstParam > 0 ? segments[firstParam - 1] : firstParam < 0 ? segments[start] : undefined;
  const paramName =
    firstParam >= 0 ? (segments[firstParam] ?? '').replace(/^[:{]/, '').replace(/\W.*$/, '') : undefined;
  return { noun: noun ? singular(noun.toLowerCase()) : 'request', paramName };
}

/** `/api/v1/cases/:id/notes` → a `case` and the value of `:id`; `/api/v1/cases` → a `case`, no id. */
function objectOf(route: MatchedRoute): { objectType: AuditObjectType; objectId: string } {
  const { noun, paramName } = routeNounOf(route.path);
  const id = paramName ? route.params[paramName] : undefined;
  return {
    // A noun the contracts do not name is recorded as a refused request: the action names are a closed set.
    objectType: isAuditObjectType(noun) ? noun : 'request',
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
  const { objectType, objectId } = route ? objectOf(route) : { objectType: 'request' as const, objectId: '-' };
  return { actor, action: `${objectType}.refused` as const, objectType, objectId, requestId: req.requestId, status };
}
