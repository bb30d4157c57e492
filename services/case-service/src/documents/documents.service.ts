import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { requireAnyRole } from '@gongzhi/auth';
import type { CreateDocumentRequest, DocumentView, StaffRole } from '@gongzhi/contracts';
import { AppError, ConflictError, IdempotencyKeyReusedError, NotFoundError, PROBLEM_TYPES } from '@gongzhi/errors';
import { hashRequest } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CaseRecord } from '../cases/case.model';
import type { CallContext } from '../kernel/call-context';
import type { CasesService } from '../cases/cases.service';
import { DocumentBytesMismatchError, digestOf, type StoredBytes } from './document-bytes';
import { documentKey, type DocumentStore } from './document-store';
import type { DocumentRecord, DocumentsRepository } from './documents.repository';

export interface DocumentsServiceDeps {
  documents: DocumentsRepository;
  store: DocumentStore;
  casesService: CasesService;
  logger: Logger;
  newId?: () => string;
}

/**
 * Staff who work a case add its documents (agreements, session records, evidence…); grid workers report and
 * follow, so they read documents but do not add them — the same line as correcting a case.
 */
export const UPLOADERS: readonly StaffRole[] = ['mediator', 'liaison', 'coordinator', 'administrator'];

/** The bytes did not match the hash or size declared with the metadata. */
export class DocumentContentMismatchError extends AppError {
  constructor(detail: string) {
    super(422, 'document-content-mismatch', 'The bytes do not match the document', { detail });
  }
}

function contentMismatch(received: StoredBytes, document: DocumentRecord): DocumentContentMismatchError {
  return new DocumentContentMismatchError(
    received.size === document.sizeBytes
      ? 'The SHA-256 of the bytes differs from the one registered: the file changed or was damaged on the way. Upload the file you registered, or register it again.'
      : `Received ${received.size} bytes but ${document.sizeBytes} were registered: upload the whole file you registered, or register it again.`,
  );
}

export interface CreateDocumentResult {
  status: number;
  body: DocumentView;
  replayed: boolean;
}

export interface UploadResult {
  body: DocumentView;
  /** False when the same bytes were already stored: the upload changed nothing. */
  changed: boolean;
}

export interface DocumentDownload {
  document: DocumentView;
  stream: Readable;
  /** Made by the server from kind and id: a client's title never becomes a file name. */
  fileName: string;
}

export interface DocumentsService {
  create(
    ctx: CallContext,
    caseId: string,
    request: CreateDocumentRequest,
    idempotencyKey?: string,
  ): Promise<CreateDocumentResult>;
  list(ctx: CallContext, caseId: string): Promise<DocumentView[]>;
  upload(
    ctx: CallContext,
    caseId: string,
    documentId: string,
    content: { contentType: string | undefined; bytes: Readable },
  ): Promise<UploadResult>;
  download(ctx: CallContext, caseId: string, documentId: string): Promise<DocumentDownload>;
}

export function toDocumentView(record: DocumentRecord): DocumentView {
  return { ...record, uploadedAt: record.uploadedAt.toISOString() };
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/tiff': '.tif',
  'text/plain': '.txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/msword': '.doc',
};

/** The media type of a Content-Type header, without parameters, lowercased. */
function mediaTypeOf(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase() || undefined;
}

export function refuseIfMerged(record: CaseRecord): void {
  // Documents of a merged case would be lost from view; closed cases still take late papers (a 司法确认书).
  if (record.status === 'merged') {
    throw new ConflictError(`This case was merged into case ${record.mergedIntoId ?? '?'}: add documents there.`);
  }
}

export function createDocumentsService(deps: DocumentsServiceDeps): DocumentsService {
  const newId = deps.newId ?? randomUUID;
  const cases = deps.casesService;

  async function findDocument(caseId: string, documentId: string): Promise<DocumentRecord> {
    const record = await deps.documents.find(caseId, documentId);
    if (!record) throw new NotFoundError('document', documentId);
    return record;
  }

  return {
    async create(ctx, caseId, request, idempotencyKey) {
      const caseRecord = await cases.requireVisible(ctx, caseId);
      requireAnyRole(ctx.principal, UPLOADERS, 'add documents to a case');
      refuseIfMerged(caseRecord);
      const idempotency = idempotencyKey
        ? {
            // The stored case's id, not the path's spelling of it: every spelling of a retry replays.
            scope: `${ctx.principal.staffId} POST /api/v1/cases/${caseRecord.id}/documents`,
            key: idempotencyKey,
            requestHash: hashRequest(request),
          }
        : undefined;
      const outcome = await deps.documents.create(
        {
          id: newId(),
          caseId,
          title: request.title,
          kind: request.kind,
          contentType: request.contentType,
          sizeBytes: request.sizeBytes,
          sha256: request.sha256,
          uploadedBy: ctx.principal.staffId,
          agencyId: ctx.principal.agencyId,
        },
        idempotency,
      );
      if (outcome.kind === 'replayed') {
        if (outcome.requestHash !== idempotency?.requestHash) throw new IdempotencyKeyReusedError();
        // Answered from the document as it is now (it may have been stored since): same id, current status.
        const earlier = await findDocument(caseId, outcome.documentId);
        return { status: 201, body: toDocumentView(earlier), replayed: true };
      }
      await cases.audit(ctx, 'case.document.create', 'document', outcome.record.id);
      deps.logger.info({ caseId, documentId: outcome.record.id, kind: outcome.record.kind }, 'document registered');
      return { status: 201, body: toDocumentView(outcome.record), replayed: false };
    },

    async list(ctx, caseId) {
      await cases.requireVisible(ctx, caseId);
      const documents = await deps.documents.listForCase(caseId);
      await cases.audit(ctx, 'case.documents.read', 'case', caseId);
      return documents.map(toDocumentView);
    },

    async upload(ctx, caseId, documentId, content) {
      const caseRecord = await cases.requireVisible(ctx, caseId);
      requireAnyRole(ctx.principal, UPLOADERS, 'upload documents');
      const document = await findDocument(caseId, documentId);
      const sent = mediaTypeOf(content.contentType);
      if (sent !== document.contentType) {
        throw new AppError(415, PROBLEM_TYPES.unsupportedMediaType, 'Content-Type differs from the declared one', {
          detail: `This document was registered as ${document.contentType}: send its bytes with Content-Type: ${document.contentType}.`,
        });
      }
      if (document.status === 'stored') {
        const received = await digestOf(content.bytes);
        if (received.sha256 === document.sha256 && received.size === document.sizeBytes) {
          await cases.audit(ctx, 'case.document.upload', 'document', documentId);
          return { body: toDocumentView(document), changed: false };
        }
        throw new ConflictError(
          'This document is already stored with other bytes, and stored documents never change: register the new version as a new document.',
        );
      }
      refuseIfMerged(caseRecord);
      try {
        await deps.store.put(documentKey(caseId, documentId), content.bytes, {
          sha256: document.sha256,
          size: document.sizeBytes,
        });
      } catch (error) {
        if (error instanceof DocumentBytesMismatchError) throw contentMismatch(error.received, document);
        throw error;
      }
      const marked = await deps.documents.markStored(caseId, documentId, {
        staffId: ctx.principal.staffId,
        agencyId: ctx.principal.agencyId,
      });
      if (!marked) throw new NotFoundError('document', documentId);
      await cases.audit(ctx, 'case.document.upload', 'document', documentId);
      deps.logger.info({ caseId, documentId, sizeBytes: marked.sizeBytes }, 'document stored');
      return { body: toDocumentView(marked), changed: true };
    },

    async download(ctx, caseId, documentId) {
      await cases.requireVisible(ctx, caseId);
      const document = await findDocument(caseId, documentId);
      if (document.status !== 'stored') {
        throw new ConflictError(
          'The bytes of this document have not been uploaded yet: the uploader sends them with PUT …/content.',
        );
      }
      const stream = await deps.store.get(documentKey(caseId, documentId));
      // Stored in the database but missing from the store: lost data, for an operator to look at, not the caller.
      if (!stream) throw new Error(`document ${documentId} is stored but its bytes are missing from the store`);
      await cases.audit(ctx, 'case.document.read', 'document', documentId);
      return {
        document: toDocumentView(document),
        stream,
        fileName: `${document.kind}-${document.id}${EXTENSIONS[document.contentType] ?? ''}`,
      };
    },
  };
}
