import type { RequestHandler } from 'express';
import { isWorkflowEngine } from '@gongzhi/auth';
import { ForbiddenError } from '@gongzhi/errors';

/**
 * The routes the dispute worker's activities call (workflows/worker/src/clients/agency-api.ts): planning a case reads
 * the town's current policy and its agencies, naming a responsible person or a joint agency reads that account or
 * agency, and every clock asks the calendar. Nothing else: its token sees every town, so on any other route (listing
 * staff accounts, creating agencies, the policy history…) a leaked worker key would read or change far more than
 * the workflows need.
 */
export const WORKFLOW_ENGINE_OPERATIONS = [
  'getCurrentPolicy',
  'listAgencies',
  'getAgency',
  'getStaff',
  'addWorkingDays',
  'addCalendarDays',
  'periodEnd',
] as const;

interface RouteEntry {
  method: string;
  path: string;
  operationId: string;
}

function pathPattern(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}$`);
}

/**
 * Refuses the workflow engine (403) on every route but {@link WORKFLOW_ENGINE_OPERATIONS}, before the route runs.
 * An allow-list, matched exactly (method, and path case and trailing slash as declared), so anything Express would
 * route more loosely, a route added later, or an unknown path is refused rather than let through.
 */
export function workflowEngineGate(routes: readonly RouteEntry[]): RequestHandler {
  const allowed = routes
    .filter((route) => (WORKFLOW_ENGINE_OPERATIONS as readonly string[]).includes(route.operationId))
    .map((route) => ({ method: route.method.toUpperCase(), pattern: pathPattern(route.path) }));
  const missing = WORKFLOW_ENGINE_OPERATIONS.filter((id) => !routes.some((route) => route.operationId === id));
  if (missing.length > 0) throw new Error(`workflow-engine operations without a route: ${missing.join(', ')}`);
  return (req, _res, next) => {
    if (!isWorkflowEngine(req.principal)) {
      next();
      return;
    }
    if (allowed.some((route) => route.method === req.method && route.pattern.test(req.path))) {
      next();
      return;
    }
    next(
      new ForbiddenError(
        'The workflow engine may read policies, agencies, the staff it names and the calendar only: this route serves staff tokens.',
      ),
    );
  };
}
