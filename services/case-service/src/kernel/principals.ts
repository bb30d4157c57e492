import { isWorkflowEngine, requireAnyRole } from '@gongzhi/auth';
import { type Principal, type PrincipalRole, type ServiceRole, STAFF_ROLES, type StaffRole } from '@gongzhi/contracts';
import { ForbiddenError } from '@gongzhi/errors';

/** The service role the dispute worker's tokens carry. */
export const WORKFLOW_ENGINE_ROLE = 'workflow-engine' satisfies ServiceRole;

function isStaffRole(role: PrincipalRole): role is StaffRole {
  return (STAFF_ROLES as readonly PrincipalRole[]).includes(role);
}

/** The caller's staff roles: what the workflow checks an action against (a service role never acts on a case). */
export function staffRolesOf(principal: Principal): StaffRole[] {
  return principal.roles.filter(isStaffRole);
}

/**
 * Staff routes serve staff only. The workflow engine sees every town's cases (its writes need that), so letting its
 * token through here would turn a leaked worker key into a read of every dispute's free text and parties.
 */
export function requireStaff(principal: Principal): void {
  if (isWorkflowEngine(principal)) {
    throw new ForbiddenError('The workflow engine calls /internal/v1 only: staff routes serve staff tokens.');
  }
}

/** The workflow-facing routes serve the dispute worker only: staff change tasks through the workflow's Update. */
export function requireWorkflowEngine(principal: Principal): void {
  if (!isWorkflowEngine(principal)) {
    throw new ForbiddenError(
      'Only the workflow engine (the dispute worker) may call /internal/v1: staff act on tasks with POST /api/v1/tasks/{id}/complete.',
    );
  }
}

/** The administrators' tools (stuck scan, repairs) serve administrators only; `what` says what was refused. */
export function requireAdministrator(principal: Principal, what: string): void {
  requireStaff(principal);
  requireAnyRole(principal, ['administrator'], what);
}
