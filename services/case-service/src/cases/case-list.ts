/**
 * The case search of `GET /api/v1/cases`: its filters, the fingerprint its cursors carry, and the rule as a predicate
 * over records (the in-memory repository; `case-list-sql.ts` is the same rule in SQL). The caller's visibility scope
 * is always applied as well: a filter only narrows the cases the caller could list without it.
 */
import { createHash } from 'node:crypto';
import type { CaseListFilters, CaseStatus, DisputeType, LadderLevel } from '@gongzhi/contracts';
import type { CaseRecord } from './case.model';

/** The filters as the repositories apply them; every one given must hold (AND). */
export interface CaseListFilter {
  statuses?: readonly CaseStatus[];
  level?: LadderLevel;
  villageCode?: string;
  disputeType?: DisputeType;
  /** Cases this party takes part in. */
  partyId?: string;
  /** Cases with a report of this event reference. */
  eventRef?: string;
  /** Opened in [openedFrom, openedTo). */
  openedFrom?: Date;
  openedTo?: Date;
  /** Cases this agency is or was involved in (the current agency is always among them). */
  agencyId?: string;
  /** A case-insensitive substring of the summary, taken literally. */
  text?: string;
}

/** The filters of a validated query, as the repositories take them. */
export function caseListFilterOf(query: CaseListFilters): CaseListFilter {
  return {
    ...(query.status === undefined ? {} : { statuses: query.status }),
    ...(query.level === undefined ? {} : { level: query.level }),
    ...(query.villageCode === undefined ? {} : { villageCode: query.villageCode }),
    ...(query.disputeType === undefined ? {} : { disputeType: query.disputeType }),
    ...(query.partyId === undefined ? {} : { partyId: query.partyId }),
    ...(query.eventRef === undefined ? {} : { eventRef: query.eventRef }),
    ...(query.openedFrom === undefined ? {} : { openedFrom: new Date(query.openedFrom) }),
    ...(query.openedTo === undefined ? {} : { openedTo: new Date(query.openedTo) }),
    ...(query.agencyId === undefined ? {} : { agencyId: query.agencyId }),
    ...(query.q === undefined ? {} : { text: query.q }),
  };
}

/**
 * A short fingerprint of the filters, which the page cursor carries: a cursor pages one filter set, and used with
 * another it would skip or repeat cases without anyone noticing. Equal filters give equal fingerprints however they
 * were spelt (status order, an instant's offset); no filters give none, so cursors from before the search still page.
 */
export function filterFingerprint(filter: CaseListFilter): string | undefined {
  const canonical = Object.entries(filter)
    .map(([key, value]): [string, unknown] => [key, value instanceof Date ? value.toISOString() : value])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (canonical.length === 0) return undefined;
  return createHash('sha256').update(JSON.stringify(canonical), 'utf8').digest('base64url').slice(0, 22);
}

/** `text` as a LIKE pattern matching it anywhere, its `%`, `_` and `\` taken literally (the escape is `\`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The same rule over a record, for the in-memory repository; `eventRefs` are those of the case's reports. */
export function matchesCaseListFilter(
  record: CaseRecord,
  filter: CaseListFilter,
  eventRefs: readonly (string | null)[],
): boolean {
  const { statuses, level, villageCode, disputeType, partyId, eventRef, openedFrom, openedTo, agencyId, text } = filter;
  return (
    (statuses === undefined || statuses.includes(record.status)) &&
    (level === undefined || record.progress.level === level) &&
    (villageCode === undefined || record.villageCode === villageCode) &&
    (disputeType === undefined || record.disputeType === disputeType) &&
    (partyId === undefined || record.parties.some((p) => p.partyId === partyId)) &&
    (eventRef === undefined || eventRefs.includes(eventRef)) &&
    (openedFrom === undefined || record.openedAt >= openedFrom) &&
    (openedTo === undefined || record.openedAt < openedTo) &&
    (agencyId === undefined || record.agencyIds.includes(agencyId)) &&
    (text === undefined || record.summary.toLowerCase().includes(text.toLowerCase()))
  );
}
