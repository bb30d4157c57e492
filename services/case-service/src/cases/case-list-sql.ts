/**
 * The case search of `GET /api/v1/cases` in SQL over `cases` (`c`): the rule `matchesCaseListFilter` states over
 * records, always under the caller's visibility scope.
 */
import { Prisma } from '../generated/prisma/client';
import { type CaseListFilter, containsPattern } from './case-list';
import type { CaseListPosition, CaseListScope } from './case.model';

const TRUE = Prisma.sql`TRUE`;
const instant = (at: Date | string) => Prisma.sql`${typeof at === 'string' ? at : at.toISOString()}::timestamptz`;

function scopeSql(scope: CaseListScope): Prisma.Sql {
  switch (scope.kind) {
    case 'all':
      return TRUE;
    case 'town':
      return Prisma.sql`c.town_code = ${scope.townCode}`;
    case 'agency':
      return Prisma.sql`c.agency_ids @> ARRAY[${scope.agencyId}]::text[]`;
  }
}

function filterSql(filter: CaseListFilter): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (filter.statuses !== undefined) parts.push(Prisma.sql`c.status = ANY (${[...filter.statuses]}::text[])`);
  if (filter.level !== undefined) parts.push(Prisma.sql`c.current_level = ${filter.level}`);
  if (filter.villageCode !== undefined) parts.push(Prisma.sql`c.village_code = ${filter.villageCode}`);
  if (filter.disputeType !== undefined) parts.push(Prisma.sql`c.dispute_type = ${filter.disputeType}`);
  if (filter.partyId !== undefined) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = c.id AND p.party_id = ${filter.partyId}::uuid)`,
    );
  }
  if (filter.eventRef !== undefined) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM reports r WHERE r.case_id = c.id AND r.event_ref = ${filter.eventRef})`,
    );
  }
  if (filter.openedFrom !== undefined) parts.push(Prisma.sql`c.opened_at >= ${instant(filter.openedFrom)}`);
  if (filter.openedTo !== undefined) parts.push(Prisma.sql`c.opened_at < ${instant(filter.openedTo)}`);
  if (filter.agencyId !== undefined) parts.push(Prisma.sql`c.agency_ids @> ARRAY[${filter.agencyId}]::text[]`);
  if (filter.text !== undefined) {
    parts.push(Prisma.sql`c.summary ILIKE ${containsPattern(filter.text)} ESCAPE '\\'`);
  }
  return parts;
}

/** The ids of up to `limit` cases of the scope matching the filter after `after`, newest first (id breaks ties). */
export function caseListSql(
  scope: CaseListScope,
  filter: CaseListFilter,
  limit: number,
  after?: CaseListPosition,
): Prisma.Sql {
  const conditions = [
    scopeSql(scope),
    ...filterSql(filter),
    ...(after ? [Prisma.sql`(c.opened_at, c.id) < (${instant(after.openedAt)}, ${after.id}::uuid)`] : []),
  ];
  return Prisma.sql`SELECT c.id::text AS id FROM cases c
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY c.opened_at DESC, c.id DESC
    LIMIT ${limit}`;
}
