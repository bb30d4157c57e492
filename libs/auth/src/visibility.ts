import type { Principal } from '@gongzhi/contracts';

/** Where an object sits in the town's organisation, as far as visibility is concerned. */
export interface ObjectScope {
  townCode: string;
  /** Agencies involved with the object (a case's current and past agencies, an agency itself…). */
  agencyIds: readonly string[];
}

/** Whether the caller is the dispute worker acting for the workflows, not a staff member. */
export function isWorkflowEngine(principal: Principal | undefined): boolean {
  return principal?.roles.includes('workflow-engine') ?? false;
}

/**
 * Callers who see every object in every town: administrators, and the workflow engine, which runs every town's
 * cases and must read their policies, agencies and records. For queries that push the visibility rule into SQL.
 */
export function seesEveryTown(principal: Principal): boolean {
  return principal.roles.includes('administrator') || principal.roles.includes('workflow-engine');
}

/**
 * The one visibility rule: an administrator (and the workflow engine) sees everything; a coordinator sees the town;
 * everyone else sees objects that involve their own agency. Callers answer an invisible object with 404, so its
 * existence does not leak.
 */
export function canSee(principal: Principal, scope: ObjectScope): boolean {
  if (seesEveryTown(principal)) return true;
  if (principal.roles.includes('coordinator') && principal.townCode === scope.townCode) return true;
  return scope.agencyIds.includes(principal.agencyId);
}
