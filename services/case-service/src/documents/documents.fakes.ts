import type { InMemoryEvents, InMemoryIdempotencyKeys } from '../cases/cases.fakes';
import type { DocumentRecord, DocumentsRepository } from './documents.repository';

/** In-memory documents with the Prisma version's idempotency and stored-once semantics. */
export function createInMemoryDocumentsRepository(
  keys: InMemoryIdempotencyKeys,
  events: InMemoryEvents,
): DocumentsRepository & { rows: Map<string, DocumentRecord> } {
  const rows = new Map<string, DocumentRecord>();
  return {
    rows,
    async create(data, idempotency) {
      const keyId = idempotency ? `${idempotency.scope}|${idempotency.key}` : undefined;
      const earlier = keyId ? keys.get(keyId) : undefined;
      if (earlier) return { kind: 'replayed', documentId: earlier.caseId, requestHash: earlier.requestHash };
      const record: DocumentRecord = { ...data, status: 'pending', uploadedAt: new Date(Date.now() + rows.size) };
      rows.set(record.id, record);
      // The shared key table names its resource column after cases; here it holds the document id.
      if (keyId && idempotency) keys.set(keyId, { caseId: record.id, requestHash: idempotency.requestHash });
      return { kind: 'created', record: { ...record } };
    },
    async find(caseId, documentId) {
      const row = rows.get(documentId);
      return row?.caseId === caseId ? { ...row } : undefined;
    },
    async listForCase(caseId) {
      return [...rows.values()].filter((r) => r.caseId === caseId).map((r) => ({ ...r }));
    },
    async markStored(caseId, documentId, actor) {
      const row = rows.get(documentId);
      if (row?.caseId !== caseId) return undefined;
      if (row.status === 'pending') {
        row.status = 'stored';
        events.push({ caseId, type: 'document.added', actor: actor.staffId, agencyId: actor.agencyId });
      }
      return { ...row };
    },
    async createStored(data, actor, idempotency) {
      const keyId = idempotency ? `${idempotency.scope}|${idempotency.key}` : undefined;
      const earlier = keyId ? keys.get(keyId) : undefined;
      if (earlier) return { kind: 'replayed', documentId: earlier.caseId, requestHash: earlier.requestHash };
      const record: DocumentRecord = { ...data, status: 'stored', uploadedAt: new Date(Date.now() + rows.size) };
      rows.set(record.id, record);
      if (keyId && idempotency) keys.set(keyId, { caseId: record.id, requestHash: idempotency.requestHash });
      events.push({ caseId: data.caseId, type: 'document.added', actor: actor.staffId, agencyId: actor.agencyId });
      return { kind: 'created', record: { ...record } };
    },
    async findClaim(idempotency) {
      const earlier = keys.get(`${idempotency.scope}|${idempotency.key}`);
      return earlier && { documentId: earlier.caseId, requestHash: earlier.requestHash };
    },
  };
}
