import { randomUUID } from 'node:crypto';
import type { CaseStatus, DisputeType, SourceChannel } from '@gongzhi/contracts';
import type { PrismaClient } from '../generated/prisma/client';

/** A case row as the service works with it. */
export interface CaseRecord {
  id: string;
  disputeType: DisputeType;
  source: SourceChannel;
  summary: string;
  townCode: string;
  villageCode: string | null;
  status: CaseStatus;
  reportedBy: string | null;
  intakeAgencyId: string | null;
  agencyIds: string[];
  workflowId: string;
  openedAt: Date;
}

/** Which cases a list may return: everything, a town, or the cases involving one agency. */
export type CaseListScope = { kind: 'all' } | { kind: 'town'; townCode: string } | { kind: 'agency'; agencyId: string };

/** Sort position of the last case on a page: newest first, id breaks ties. */
export interface CaseListPosition {
  openedAt: string;
  id: string;
}

/** What intake supplies; status and timestamps are the repository's to set. */
export type NewCase = Omit<CaseRecord, 'status' | 'openedAt'>;

export interface IdempotentCreate {
  scope: string;
  key: string;
  requestHash: string;
}

/** Outcome of an idempotent insert: either this request created the case, or an earlier one with the same key did. */
export type CreateOutcome =
  | { kind: 'created'; record: CaseRecord }
  | { kind: 'replayed'; caseId: string; requestHash: string; response?: StoredResponse };

/** A response remembered for an idempotency key. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface CasesRepository {
  /** Stores the case, and the idempotency key if given, in one transaction. */
  create(data: NewCase, idempotency?: IdempotentCreate): Promise<CreateOutcome>;
  findById(id: string): Promise<CaseRecord | undefined>;
  markOpen(id: string): Promise<void>;
  /** Remembers the response of the request that created a resource, for replays of its key. */
  saveResponse(idempotency: IdempotentCreate, response: StoredResponse): Promise<void>;
  /** Cases whose workflow start was never confirmed (a crash between insert and start), oldest first. */
  findOpening(olderThan: Date, limit: number): Promise<CaseRecord[]>;
  /** Up to `limit` cases of the scope after `after`, newest first. */
  list(scope: CaseListScope, limit: number, after?: CaseListPosition): Promise<CaseRecord[]>;
}

/** Columns of a case as the service reads them (shared with the reports repository, which opens cases too). */
export const caseSelect = {
  id: true,
  disputeType: true,
  source: true,
  summary: true,
  townCode: true,
  villageCode: true,
  status: true,
  reportedBy: true,
  intakeAgencyId: true,
  agencyIds: true,
  workflowId: true,
  openedAt: true,
} as const;

type CaseRow = { [K in keyof typeof caseSelect]: unknown } & { openedAt: Date; villageCode: string | null };

export function toRecord(row: CaseRow): CaseRecord {
  // The columns only ever hold values validated by the contracts on the way in.
  return row as unknown as CaseRecord;
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

export function createCasesRepository(prisma: PrismaClient): CasesRepository {
  return {
    async create(data, idempotency) {
      try {
        const row = await prisma.$transaction(async (tx) => {
          if (idempotency) {
            await tx.idempotencyRecord.create({
              data: {
                scope: idempotency.scope,
                key: idempotency.key,
                requestHash: idempotency.requestHash,
                resourceId: data.id,
              },
              select: { key: true },
            });
          }
          const created = await tx.case.create({ data: { ...data, status: 'opening' }, select: caseSelect });
          // Every intake is kept as a report, also when the caller opened the case directly.
          if (data.reportedBy !== null && data.intakeAgencyId !== null) {
            await tx.report.create({
              data: {
                id: randomUUID(),
                caseId: data.id,
                source: data.source,
                disputeType: data.disputeType,
                summary: data.summary,
                townCode: data.townCode,
                villageCode: data.villageCode,
                reportedBy: data.reportedBy,
                agencyId: data.intakeAgencyId,
                receivedAt: created.openedAt,
              },
              select: { id: true },
            });
          }
          return created;
        });
        return { kind: 'created', record: toRecord(row) };
      } catch (error) {
        if (!idempotency || !isUniqueViolation(error)) throw error;
        const earlier = await prisma.idempotencyRecord.findUnique({
          where: { scope_key: { scope: idempotency.scope, key: idempotency.key } },
          select: { resourceId: true, requestHash: true, responseStatus: true, responseBody: true },
        });
        if (!earlier) throw error;
        return {
          kind: 'replayed',
          caseId: earlier.resourceId,
          requestHash: earlier.requestHash,
          ...(earlier.responseStatus === null
            ? {}
            : { response: { status: earlier.responseStatus, body: earlier.responseBody } }),
        };
      }
    },

    async findById(id) {
      const row = await prisma.case.findUnique({ where: { id }, select: caseSelect });
      return row ? toRecord(row) : undefined;
    },

    async markOpen(id) {
      await prisma.case.updateMany({ where: { id, status: 'opening' }, data: { status: 'open' } });
    },

    async saveResponse(idempotency, response) {
      await prisma.idempotencyRecord.update({
        where: { scope_key: { scope: idempotency.scope, key: idempotency.key } },
        data: { responseStatus: response.status, responseBody: response.body as object },
        select: { key: true },
      });
    },

    async list(scope, limit, after) {
      const rows = await prisma.case.findMany({
        where: {
          ...(scope.kind === 'town' ? { townCode: scope.townCode } : {}),
          ...(scope.kind === 'agency' ? { agencyIds: { has: scope.agencyId } } : {}),
          ...(after
            ? {
                OR: [
                  { openedAt: { lt: new Date(after.openedAt) } },
                  { openedAt: new Date(after.openedAt), id: { lt: after.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
        take: limit,
        select: caseSelect,
      });
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
  };
}
