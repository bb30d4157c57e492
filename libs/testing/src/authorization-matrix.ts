import type { StaffRole } from '@gongzhi/contracts';

/** Whose object a request targets: the caller's own agency's, another agency's (same town), or none (lists, creates). */
export type ObjectOwnership = 'own' | 'foreign' | 'none';

/** Expected HTTP status for one route, one role, one kind of object. */
export type RoleExpectations = Partial<Record<ObjectOwnership, number>>;

/** The callers a matrix covers by default: every staff role, and no token at all. */
export type DefaultMatrixRole = StaffRole | 'anonymous';

/**
 * operationId → role → ownership → status. Every role must be listed for every route. A service whose routes also
 * serve a service identity widens `R`, e.g. `AuthorizationMatrix<DefaultMatrixRole | 'workflow-engine'>`.
 */
export type AuthorizationMatrix<R extends string = DefaultMatrixRole> = Record<string, Record<R, RoleExpectations>>;

export interface MatrixRow<R extends string = DefaultMatrixRole> {
  operationId: string;
  role: R;
  ownership: ObjectOwnership;
  expected: number;
}

/** A route of the route table: where it is, and (from its declaration) who may call it. */
export interface MatrixRoute {
  operationId: string;
  method: string;
  path: string;
  callers?: readonly string[];
}

/**
 * Where the matrix's expectations contradict what the route declares: on a route that is not public, a caller without
 * a token is refused (401) on every object, and the workflow engine is refused (403) on every object exactly where the
 * route does not declare it. (A public route lets everyone past authentication; what it answers is its own business.)
 * So the matrix is built on the declarations, and cannot silently drift from them.
 */
function disagreementsWithDeclaration(
  route: MatrixRoute,
  byRole: Record<string, RoleExpectations> | undefined,
): string[] {
  if (!route.callers || !byRole || route.callers.includes('public')) return [];
  const statuses = (role: string) => Object.values(byRole[role] ?? {});
  const found: string[] = [];
  const engine = statuses('workflow-engine');
  const engineDeclared = route.callers.includes('workflow-engine');
  if (engine.length > 0 && engineDeclared === engine.every((status) => status === 403)) {
    found.push(
      `${route.operationId} ${engineDeclared ? 'declares the workflow engine, which the matrix refuses' : 'does not declare the workflow engine, which the matrix lets through'}`,
    );
  }
  if (statuses('anonymous').some((status) => status !== 401)) {
    found.push(`${route.operationId} is not public, yet the matrix answers a caller without a token`);
  }
  return found;
}

/**
 * Flattens a matrix into test rows, after checking it covers the service's route table exactly: a route added
 * without a matrix entry, or an entry for a route that no longer exists, fails the build with a message saying so.
 */
export function matrixRows<R extends string = DefaultMatrixRole>(
  routes: readonly MatrixRoute[],
  matrix: AuthorizationMatrix<R>,
): MatrixRow<R>[] {
  const disagreements = routes.flatMap((route) => disagreementsWithDeclaration(route, matrix[route.operationId]));
  if (disagreements.length > 0) {
    throw new Error(`the matrix and the routes' declared callers disagree: ${disagreements.join('; ')}`);
  }
  const routeIds = new Set(routes.map((r) => r.operationId));
  const missing = routes
    .filter((r) => !(r.operationId in matrix))
    .map((r) => `${r.method.toUpperCase()} ${r.path} (${r.operationId})`);
  const stale = Object.keys(matrix).filter((id) => !routeIds.has(id));
  if (missing.length > 0 || stale.length > 0) {
    throw new Error(
      [
        missing.length > 0 ? `routes without an authorization matrix entry: ${missing.join(', ')}` : '',
        stale.length > 0 ? `matrix entries for routes that do not exist: ${stale.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
  const rows: MatrixRow<R>[] = [];
  for (const [operationId, byRole] of Object.entries(matrix)) {
    for (const [role, byOwnership] of Object.entries(byRole) as [R, RoleExpectations][]) {
      for (const [ownership, expected] of Object.entries(byOwnership) as [ObjectOwnership, number][]) {
        rows.push({ operationId, role, ownership, expected });
      }
    }
  }
  return rows;
}
