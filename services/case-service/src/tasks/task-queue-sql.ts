/**
 * The task queue's lists and counts in SQL over `tasks` (`t`) and `open_task_tallies` (`o`): the rule the in-memory
 * repository states over records (tasks.fakes.ts), and the priority of `task-clock.ts`, as of one instant.
 */
import type { TaskPriority } from '@gongzhi/contracts';
import { Prisma } from '../generated/prisma/client';
import { DUE_SOON_MS, PRIORITY_RANK } from './task-clock';
import type { TaskFilters, TaskListPosition, TaskListRequest, TaskScope } from './tasks.model';

const TRUE = Prisma.sql`TRUE`;
/** The parts joined by AND; TRUE for none. */
export const and = (parts: Prisma.Sql[]) => (parts.length === 0 ? TRUE : Prisma.join(parts, ' AND '));
/** An instant as an SQL timestamptz. */
export const instant = (at: Date | string) =>
  Prisma.sql`${typeof at === 'string' ? at : at.toISOString()}::timestamptz`;

/** A rank as an SQL integer literal: our own constants, never input (a bound parameter would arrive untyped). */
const rankLiteral = (priority: TaskPriority) => Prisma.raw(String(PRIORITY_RANK[priority]));

/** The priority rank of `task-clock.ts`'s priorityOf, as SQL over the task row `t`, as of one instant. */
function rankSql(asOf: Date): Prisma.Sql {
  const now = instant(asOf);
  const soon = instant(new Date(asOf.getTime() + DUE_SOON_MS));
  return Prisma.sql`(CASE
    WHEN t.due_at < ${now} OR (cardinality(t.risk_flags) > 0 AND t.due_at < ${soon}) THEN ${rankLiteral('urgent')}
    WHEN t.due_at < ${soon} OR cardinality(t.risk_flags) > 0 THEN ${rankLiteral('high')}
    WHEN t.due_at IS NOT NULL THEN ${rankLiteral('normal')}
    ELSE ${rankLiteral('low')} END)`;
}

/** The tasks of the scope, over `t`. */
export function scopeSql(scope: TaskScope): Prisma.Sql {
  switch (scope.kind) {
    case 'all':
      return TRUE;
    case 'town':
      return Prisma.sql`t.town_code = ${scope.townCode}`;
    case 'agency':
      return Prisma.sql`(t.agency_id = ${scope.agencyId} OR t.assignee_staff_id = ${scope.staffId})`;
    case 'eligible':
      return and([
        Prisma.sql`t.agency_id = ${scope.agencyId}`,
        Prisma.sql`t.roles && ${scope.roles}::text[]`,
        ...(scope.unassignedOnly ? [Prisma.sql`t.status = 'open' AND t.assignee_staff_id IS NULL`] : []),
      ]);
    case 'assignee':
      return Prisma.sql`t.assignee_staff_id = ${scope.staffId}`;
    case 'team':
      return Prisma.sql`t.agency_id = ${scope.agencyId}`;
    case 'watching':
      return Prisma.sql`EXISTS (SELECT 1 FROM case_watchers w WHERE w.case_id = t.case_id AND w.staff_id = ${scope.staffId})`;
  }
}

/**
 * The open-task tallies (alias `o`) that add up to the scope's open tasks, when the tallies can say: scopes by town,
 * agency and roles, filtered by kind at most. A person's own views (mine, watching) are small and other filters are
 * rare; those are counted from the tasks.
 */
export function talliedScopeSql(scope: TaskScope, filters: Omit<TaskFilters, 'status'>): Prisma.Sql | undefined {
  const { kind, ...others } = filters;
  if (Object.values(others).some((value) => value !== undefined)) return undefined;
  const ofKind = kind === undefined ? [] : [Prisma.sql`o.kind = ${kind}`];
  switch (scope.kind) {
    case 'all':
      return and(ofKind);
    case 'town':
      return and([Prisma.sql`o.town_code = ${scope.townCode}`, ...ofKind]);
    case 'team':
      return and([Prisma.sql`o.agency_id = ${scope.agencyId}`, ...ofKind]);
    case 'eligible':
      return and([
        Prisma.sql`o.agency_id = ${scope.agencyId}`,
        Prisma.sql`string_to_array(o.roles, ',') && ${scope.roles}::text[]`,
        ...(scope.unassignedOnly ? [Prisma.sql`NOT o.assigned`] : []),
        ...ofKind,
      ]);
    case 'agency':
    case 'assignee':
    case 'watching':
      return undefined;
  }
}

/** The filters' conditions over `t`, as of `asOf` (priority, overdue and due soon depend on it). */
export function filtersSql(filters: Partial<TaskFilters>, asOf: Date): Prisma.Sql[] {
  const now = instant(asOf);
  const soon = instant(new Date(asOf.getTime() + DUE_SOON_MS));
  const dueSoon = Prisma.sql`(t.due_at >= ${now} AND t.due_at < ${soon})`;
  const parts: Prisma.Sql[] = [];
  if (filters.status === 'assigned') parts.push(Prisma.sql`t.status = 'open' AND t.assignee_staff_id IS NOT NULL`);
  else if (filters.status !== undefined) parts.push(Prisma.sql`t.status = ${filters.status}`);
  if (filters.caseId !== undefined) parts.push(Prisma.sql`t.case_id = ${filters.caseId}::uuid`);
  if (filters.kind !== undefined) parts.push(Prisma.sql`t.kind = ${filters.kind}`);
  if (filters.agencyId !== undefined) parts.push(Prisma.sql`t.agency_id = ${filters.agencyId}`);
  if (filters.level !== undefined) parts.push(Prisma.sql`t.level = ${filters.level}`);
  if (filters.villageCode !== undefined) parts.push(Prisma.sql`t.village_code = ${filters.villageCode}`);
  if (filters.disputeType !== undefined) parts.push(Prisma.sql`t.dispute_type = ${filters.disputeType}`);
  if (filters.priority !== undefined) parts.push(Prisma.sql`${rankSql(asOf)} = ${rankLiteral(filters.priority)}`);
  if (filters.dueBefore !== undefined) parts.push(Prisma.sql`t.due_at < ${instant(filters.dueBefore)}`);
  if (filters.dueAfter !== undefined) parts.push(Prisma.sql`t.due_at > ${instant(filters.dueAfter)}`);
  if (filters.overdue === true) parts.push(Prisma.sql`t.due_at < ${now}`);
  if (filters.overdue === false) parts.push(Prisma.sql`(t.due_at IS NULL OR t.due_at >= ${now})`);
  if (filters.dueSoon === true) parts.push(dueSoon);
  if (filters.dueSoon === false) parts.push(Prisma.sql`NOT COALESCE(${dueSoon}, FALSE)`);
  return parts;
}

/** Rows after `after` in the order (due date ascending, undated last; id ascending). */
function afterDueSql(after: TaskListPosition): Prisma.Sql {
  if (after.dueAt === undefined) return Prisma.sql`(t.due_at IS NULL AND t.id > ${after.id}::uuid)`;
  const due = instant(after.dueAt);
  return Prisma.sql`(t.due_at > ${due} OR (t.due_at = ${due} AND t.id > ${after.id}::uuid) OR t.due_at IS NULL)`;
}

/** The rows after the request's position in its sort (none for a first page). */
export function afterSql(request: TaskListRequest): Prisma.Sql[] {
  const { after, sort } = request;
  if (!after) return [];
  switch (sort) {
    case 'due':
      return [afterDueSql(after)];
    case 'priority': {
      const rank = rankSql(request.asOf);
      const position = Prisma.sql`${after.rank ?? PRIORITY_RANK.low}::int`;
      return [Prisma.sql`(${rank} < ${position} OR (${rank} = ${position} AND ${afterDueSql(after)}))`];
    }
    case 'created': {
      const opened = instant(after.openedAt ?? new Date(0));
      return [Prisma.sql`(t.opened_at > ${opened} OR (t.opened_at = ${opened} AND t.id > ${after.id}::uuid))`];
    }
  }
}

/** The ORDER BY of the request's sort. */
export function orderSql(request: TaskListRequest): Prisma.Sql {
  switch (request.sort) {
    case 'due':
      return Prisma.sql`t.due_at ASC NULLS LAST, t.id ASC`;
    case 'priority':
      return Prisma.sql`${rankSql(request.asOf)} DESC, t.due_at ASC NULLS LAST, t.id ASC`;
    case 'created':
      return Prisma.sql`t.opened_at ASC, t.id ASC`;
  }
}
