/** What every detector of the stuck scan shares: how an item is made, and how the filters the scan was given match. */
import type { StuckFilters, StuckItem } from '@gongzhi/contracts';
import type { InspectedWorkflow } from '@gongzhi/dispute-client';
import type { AdminCaseRecord } from './stuck-scan.model';

/** What a detector says of an item; the fields it leaves out are null, and `stuckForMs` is counted from `since`. */
export type StuckItemBase = Pick<StuckItem, 'kind' | 'workflowId' | 'subject' | 'diagnosis'> &
  Partial<StuckItem> & { since: string };

/** A stuck item as the scan reports it, judged at `at`. */
export function stuckItem(base: StuckItemBase, at: Date): StuckItem {
  return {
    caseId: null,
    townCode: null,
    agencyId: null,
    level: null,
    taskId: null,
    assigneeStaffId: null,
    attempt: null,
    message: null,
    ...base,
    stuckForMs: Math.max(0, at.getTime() - Date.parse(base.since)),
  };
}

/** A workflow (from Temporal's visibility or describe) within the town, agency and level filters. */
export function workflowMatches(workflow: InspectedWorkflow, filters: StuckFilters): boolean {
  return (
    (!filters.town || workflow.townCode === filters.town) &&
    (!filters.agencyId || workflow.agencyId === filters.agencyId) &&
    (!filters.level || workflow.level === filters.level)
  );
}

/** A case record within the agency and level filters (its town was already narrowed by the database). */
export function caseMatches(record: AdminCaseRecord, filters: StuckFilters): boolean {
  return (
    (!filters.agencyId || record.currentAgencyId === filters.agencyId) &&
    (!filters.level || record.currentLevel === filters.level)
  );
}

/** An item within the town, agency and level filters. */
export function itemMatches(found: StuckItem, filters: StuckFilters): boolean {
  return (
    (!filters.town || found.townCode === filters.town) &&
    (!filters.agencyId || found.agencyId === filters.agencyId) &&
    (!filters.level || found.level === filters.level)
  );
}

/** Tasks by case (Node 20 has no Map.groupBy). */
export function byCase<T extends { caseId: string }>(tasks: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const task of tasks) grouped.set(task.caseId, [...(grouped.get(task.caseId) ?? []), task]);
  return grouped;
}
