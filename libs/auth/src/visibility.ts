import type { Principal } from '@gongzhi/contracts';

/** Where an object sits in the town's organisation, as far as visibility is concerned. */
export interface ObjectScope {
  townCode: string;
  /** Agencies involved with the object (a case's current and past agencies, an agency itself…). */
  agencyIds: readonly string[];
}

/**
 * The one visibility rule: an administrator sees everything; a coordinator sees the town; everyone else sees objects
 * that involve their own agency. Callers answer an invisible object with 404, so its existence does not leak.
 */
export function canSee(principal: Principal, scope: ObjectScope): boolean {
  if (principal.roles.includes('administrator')) return true;
  if (principal.roles.includes('coordinator') && principal.townCode === scope.townCode) return true;
  return scope.agencyIds.includes(principal.agencyId);
}
