import type { Request, RequestHandler } from 'express';
import type { RouteCaller, RoutePolicyEnforcement } from '@gongzhi/http';
import { isWorkflowEngine } from './visibility';

/** The kind of caller of a request, as routes declare who may call them: none yet, the workflow engine, or staff. */
export function routeCallerOf(req: Request): RouteCaller {
  if (!req.principal) return 'public';
  return isWorkflowEngine(req.principal) ? 'workflow-engine' : 'staff';
}

/** How every service enforces its routes' declarations: callers told apart by their verified token. */
export function routePolicy(options: { replay?: RequestHandler } = {}): RoutePolicyEnforcement {
  return { callerOf: routeCallerOf, ...(options.replay ? { replay: options.replay } : {}) };
}
