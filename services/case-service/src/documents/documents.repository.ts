import type { DocumentKind, DocumentStatus } from '@gongzhi/contracts';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { claimIdempotencyKey, earlierRequestOrRethrow, type IdempotentCreate } from '../kernel/idempotent-create';
import { type Actor, appendEvent } from '../kernel/timeline';

/** A case document's metadata as the service works with it. */
export interface DocumentRecord {
  id: string;
  caseId: string;
  title: string;
  kind: DocumentKind;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  agencyId: string;
  uploadedAt: Date;
  status: DocumentStatus;
}

/** What the service supplies; the time and the status are the repository's to set. */
export type NewDocument = Omit<DocumentRecord, 'uploadedAt' | 'status'>;

/** Either this request registered the document, or an earlier one with the same Idempotency-Key did. */
export type CreateDocumentOutcome =
  { kind: 'created'; record: DocumentRecord } | { kind: 'replayed'; documentId: string; requestHash: string };

export interface DocumentsRepository {
  /** Registers the metadata (status pending) and the idempotency key in one transaction. */
  create(data: NewDocument, idempotency?: IdempotentCreate): Promise<CreateDocumentOutcome>;
  /** The document, if it belongs to that case. */
  find(caseId: string, documentId: string): Promise<DocumentRecord | undefined>;
  /** The case's documents, oldest first. */
  listForCase(caseId: string): Promise<DocumentRecord[]>;
  /**
   * Marks a pending document stored and appends `document.added` to the case timeline in one transaction; a
   * document already stored is returned unchanged (a concurrent identical upload got there first).
   */
  markStored(caseId: string, documentId: string, actor: Actor): Promise<DocumentRecord | undefined>;
  /**
   * A document whose bytes are already in the store (one the service wrote itself): registers it stored, with its
   * idempotency key and the `document.added` timeline event, in one transaction.
   */
  createStored(data: NewDocument, actor: Actor, idempotency?: IdempotentCreate): Promise<CreateDocumentOutcome>;
  /**
   * The document an earlier request with this Idempotency-Key made, if any: looked up before costly work (writing a
   * PDF, reading parties) so a retry repeats none of it. `createStored` still settles a race between two retries.
   */
  findClaim(idempotency: IdempotentCreate): Promise<{ documentId: string; requestHash: string } | undefined>;
}

const documentSelect = {
  id: true,
  caseId: true,
  title: true,
  kind: true,
  contentType: true,
  sizeBytes: true,
  sha256: true,
  uploadedBy: true,
  agencyId: true,
  uploadedAt: true,
  status: true,
} satisfies Prisma.CaseDocumentSelect;

type DocumentRow = Prisma.CaseDocumentGetPayload<{ select: typeof documentSelect }>;

function toDocument(row: DocumentRow): DocumentRecord {
  // kind and status only ever hold values validated by the contracts (or set here) on the way in.
  return { ...row, kind: row.kind as DocumentKind, status: row.status as DocumentStatus };
}

export function createDocumentsRepository(prisma: PrismaClient): DocumentsRepository {
  return {
    async create(data, idempotency) {
      try {
        const row = await prisma.$transaction(async (tx) => {
          if (idempotency) await claimIdempotencyKey(tx, idempotency, data.id);
          return tx.caseDocument.create({ data: { ...data, status: 'pending' }, select: documentSelect });
        });
        return { kind: 'created', record: toDocument(row) };
      } catch (error) {
        const earlier = await earlierRequestOrRethrow(prisma, idempotency, error);
        return { kind: 'replayed', documentId: earlier.resourceId, requestHash: earlier.requestHash };
      }
    },

    async find(caseId, documentId) {
      const row = await prisma.caseDocument.findFirst({ where: { id: documentId, caseId }, select: documentSelect });
      return row ? toDocument(row) : undefined;
    },

    async listForCase(caseId) {
      const rows = await prisma.caseDocument.findMany({
        where: { caseId },
        orderBy: [{ uploadedAt: 'asc' }, { id: 'asc' }],
        select: documentSelect,
      });
      return rows.map(toDocument);
    },

    async markStored(caseId, documentId, actor) {
      return prisma.$transaction(async (tx) => {
        // The status condition makes check-and-set one statement: of two concurrent uploads, one writes the event.
        const updated = await tx.caseDocument.updateMany({
          where: { id: documentId, caseId, status: 'pending' },
          data: { status: 'stored' },
        });
        const row = await tx.caseDocument.findFirst({ where: { id: documentId, caseId }, select: documentSelect });
        if (!row) return undefined;
        // Id and kind only: the title may name people, and timeline events carry ids, never personal data.
        if (updated.count === 1) {
          await appendEvent(tx, caseId, 'document.added', actor, { documentId, kind: row.kind });
        }
        return toDocument(row);
      });
    },

    async createStored(data, actor, idempotency) {
      try {
        const row = await prisma.$transaction(async (tx) => {
          if (idempotency) await claimIdempotencyKey(tx, idempotency, data.id);
          const created = await tx.caseDocument.create({
            data: { ...data, status: 'stored' },
            select: documentSelect,
          });
          // Id and kind only, as for an uploaded document: the title and the bytes may name people.
          await appendEvent(tx, data.caseId, 'document.added', actor, { documentId: data.id, kind: data.kind });
          return created;
        });
        return { kind: 'created', record: toDocument(row) };
      } catch (error) {
        const earlier = await earlierRequestOrRethrow(prisma, idempotency, error);
        return { kind: 'replayed', documentId: earlier.resourceId, requestHash: earlier.requestHash };
      }
    },

    async findClaim(idempotency) {
      const row = await prisma.idempotencyRecord.findUnique({
        where: { scope_key: { scope: idempotency.scope, key: idempotency.key } },
        select: { resourceId: true, requestHash: true },
      });
      return row ? { documentId: row.resourceId, requestHash: row.requestHash } : undefined;
    },
  };
}
