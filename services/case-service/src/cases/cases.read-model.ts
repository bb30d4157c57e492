/**
 * The read side of the cases repository: every query of cases, their timelines, watchers, transfers and possible
 * duplicates. Nothing here writes; the writes are the repository's (cases.repository.ts), which serves these reads
 * beside them. The reads every case view is made of run as plain SQL (case-reads.ts), the others on Prisma.
 */
import type { LadderLevel, TimelineEvent } from '@gongzhi/contracts';
import type { PrismaClient } from '../generated/prisma/client';
import type { CaseListFilter } from './case-list';
import { caseListSql } from './case-list-sql';
import type {
  CaseListPosition,
  CaseListScope,
  CaseRecord,
  TransferHistory,
  WatchedCaseRecord,
  WatchedPosition,
} from './case.model';
import { createCaseReads, type SqlRows, sqlRowsOfPrisma } from './case-reads';
import { caseSelect, suggestionSelect, toRecord, toSuggestionRecord } from './case-rows';
import { ACTIVE_STATUSES, transferRejectionOf, transferRequestOf } from './case-rules';
import type {
  DuplicateSuggestionRecord,
  SuggestionPosition,
  SuggestionScope,
  SuggestionStatusFilter,
} from './duplicate-suggestions';
import type { CaseTaskBrief } from './recorded-view';

/** The queries of cases. */
export interface CasesReadModel {
  findById(id: string): Promise<CaseRecord | undefined>;
  /** The cases with these ids, those that exist, in no particular order. */
  findByIds(ids: string[]): Promise<CaseRecord[]>;
  /** Cases whose workflow start was never confirmed (a crash between insert and start), oldest first. */
  findOpening(olderThan: Date, limit: number): Promise<CaseRecord[]>;
  /** Up to `limit` cases of the scope matching `filter` after `after`, newest first. */
  list(scope: CaseListScope, limit: number, after?: CaseListPosition, filter?: CaseListFilter): Promise<CaseRecord[]>;
  timeline(caseId: string): Promise<TimelineEvent[]>;
  /**
   * The tasks the recorded workflow view is made of, in one read on the tasks' (case_id, action_id) index: the case's
   * open tasks, and its mediate tasks of `level` (whoever holds the latest is the responsible mediator).
   */
  viewTasks(caseId: string, level: LadderLevel | null): Promise<CaseTaskBrief[]>;
  /** Whether the staff member watches the case (they mediated it at a level). */
  isWatcher(caseId: string, staffId: string): Promise<boolean>;
  /** Up to `limit` cases the staff member watches after `after`, most recently watched first. */
  listWatched(staffId: string, limit: number, after?: WatchedPosition): Promise<WatchedCaseRecord[]>;
  /** The workflow's `transfer-requested` and `transfer-rejected` events of the cases, in one read, oldest first. */
  transferHistory(caseIds: string[]): Promise<TransferHistory>;
  /** The possible duplicates naming the case on either side, oldest first. */
  duplicateSuggestions(caseId: string): Promise<DuplicateSuggestionRecord[]>;
  findDuplicateSuggestion(id: string): Promise<DuplicateSuggestionRecord | undefined>;
  /** Up to `limit` suggestions of the scope with this status after `after`, newest first (see SuggestionStatusFilter). */
  listDuplicateSuggestions(
    scope: SuggestionScope,
    status: SuggestionStatusFilter,
    limit: number,
    after?: SuggestionPosition,
  ): Promise<DuplicateSuggestionRecord[]>;
}

export function createCasesReadModel(
  prisma: PrismaClient,
  /** Where the hot reads' SQL runs (case-reads.ts): the pool Prisma's adapter uses, or Prisma itself by default. */
  reads: SqlRows = sqlRowsOfPrisma(prisma),
): CasesReadModel {
  const caseReads = createCaseReads(reads);
  return {
    findById: caseReads.findById,

    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await prisma.case.findMany({ where: { id: { in: ids } }, select: caseSelect });
      return rows.map(toRecord);
    },

    async findOpening(olderThan, limit) {
      const rows = await prisma.case.findMany({
        where: { status: 'opening', openedAt: { lt: olderThan } },
        orderBy: { openedAt: 'asc' },
        take: limit,
        select: caseSelect,
      });
      return rows.map(toRecord);
    },

    async list(scope, limit, after, filter = {}) {
      // The search is SQL of its own (ILIKE with an escape, EXISTS over parties and reports); the rows are then read
      // as every other read does. Cases are never deleted, so each id found is there to read.
      const found = await prisma.$queryRaw<{ id: string }[]>(caseListSql(scope, filter, limit, after));
      if (found.length === 0) return [];
      const rows = await prisma.case.findMany({ where: { id: { in: found.map((f) => f.id) } }, select: caseSelect });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return found.flatMap(({ id }) => {
        const row = byId.get(id);
        return row ? [toRecord(row)] : [];
      });
    },

    async timeline(caseId) {
      const rows = await prisma.caseEvent.findMany({
        where: { caseId },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        select: { type: true, actor: true, agencyId: true, at: true, details: true },
      });
      return rows.map((row) => ({
        ...row,
        at: row.at.toISOString(),
        details: row.details as TimelineEvent['details'],
      }));
    },

    viewTasks: caseReads.viewTasks,

    async isWatcher(caseId, staffId) {
      const row = await prisma.caseWatcher.findUnique({
        where: { caseId_staffId: { caseId, staffId } },
        select: { caseId: true },
      });
      return row !== null;
    },

    async listWatched(staffId, limit, after) {
      const rows = await prisma.caseWatcher.findMany({
        where: {
          staffId,
          ...(after
            ? {
                OR: [
                  { since: { lt: new Date(after.since) } },
                  { since: new Date(after.since), caseId: { lt: after.caseId } },
                ],
              }
            : {}),
        },
        orderBy: [{ since: 'desc' }, { caseId: 'desc' }],
        take: limit,
        select: { since: true, level: true, case: { select: caseSelect } },
      });
      return rows.map((row) => ({
        record: toRecord(row.case),
        since: row.since,
        level: row.level as LadderLevel | null,
      }));
    },

    async transferHistory(caseIds) {
      if (caseIds.length === 0) return { requests: [], rejections: [] };
      // One statement for the whole inbox page (on the (case_id, at, id) index), whatever the number of cases.
      const rows = await prisma.caseEvent.findMany({
        where: { caseId: { in: caseIds }, type: { in: ['transfer-requested', 'transfer-rejected'] } },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        select: { caseId: true, type: true, agencyId: true, at: true, details: true },
      });
      return {
        requests: rows
          .filter((row) => row.type === 'transfer-requested')
          .map((row) => transferRequestOf(row.caseId, row.at, row.details)),
        rejections: rows
          .filter((row) => row.type === 'transfer-rejected')
          .map((row) => transferRejectionOf(row.caseId, row.at, row.agencyId, row.details)),
      };
    },

    duplicateSuggestions: caseReads.duplicateSuggestions,

    async findDuplicateSuggestion(id) {
      const row = await prisma.duplicateSuggestion.findUnique({ where: { id }, select: suggestionSelect });
      return row ? toSuggestionRecord(row) : undefined;
    },

    async listDuplicateSuggestions(scope, status, limit, after) {
      const rows = await prisma.duplicateSuggestion.findMany({
        where: {
          ...(scope.kind === 'town' ? { townCode: scope.townCode } : {}),
          status,
          // An open suggestion whose case or candidate is merged or closed can no longer be decided: not on the list.
          ...(status === 'open'
            ? {
                case: { status: { in: [...ACTIVE_STATUSES] } },
                candidateCase: { status: { in: [...ACTIVE_STATUSES] } },
              }
            : {}),
          ...(after
            ? {
                OR: [
                  { suggestedAt: { lt: new Date(after.suggestedAt) } },
                  { suggestedAt: new Date(after.suggestedAt), id: { lt: after.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ suggestedAt: 'desc' }, { id: 'desc' }],
        take: limit,
        select: suggestionSelect,
      });
      return rows.map(toSuggestionRecord);
    },
  };
}
