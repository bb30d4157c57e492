import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { PrismaPg } from '@prisma/adapter-pg';
import { makeDisputeWorkflowId } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import { createCasesRepository } from '../cases/cases.repository';
import { loadDocumentStoreConfig } from '../config';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { testS3Environment } from '../testing/test-s3';
import { type ConfiguredDocumentStore, createConfiguredDocumentStore } from './configured-document-store';
import { digestOf, sha256Of } from './document-bytes';
import { documentKey } from './document-store';
import { createDocumentsRepository, type DocumentsRepository, type NewDocument } from './documents.repository';
import { downloadBytes } from '../testing/download-bytes';

const actor = { staffId: 'med-1', agencyId: '0a9e0000-0000-4000-8000-000000000006' };

describe('case documents on PostgreSQL', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let repository: DocumentsRepository;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
    repository = createDocumentsRepository(prisma);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  async function openCase(): Promise<string> {
    const id = randomUUID();
    await createCasesRepository(prisma).create({
      id,
      disputeType: 'neighbour',
      source: 'walk-in',
      summary: 'A leaning wall between courtyards.',
      townCode: 'qingshui',
      villageCode: null,
      reportedBy: 'med-1',
      intakeAgencyId: '0a9e0000-0000-4000-8000-000000000006',
      agencyIds: ['0a9e0000-0000-4000-8000-000000000006'],
      amountInDispute: null,
      riskAssessment: { violenceRisk: false, groupDispute: false, keyPerson: false },
      parties: [],
      workflowId: makeDisputeWorkflowId(id),
    });
    return id;
  }

  function document(caseId: string, overrides: Partial<NewDocument> = {}): NewDocument {
    return {
      id: randomUUID(),
      caseId,
      title: 'Agreement of the Wang and Li families',
      kind: 'mediation-agreement',
      contentType: 'application/pdf',
      sizeBytes: 1234,
      sha256: 'a'.repeat(64),
      uploadedBy: 'med-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      ...overrides,
    };
  }

  it('round-trips a document: created pending, found only under its own case, listed oldest first', async () => {
    const caseId = await openCase();
    const first = document(caseId);
    const second = document(caseId, { kind: 'session-record', contentType: 'image/jpeg' });
    const created = await repository.create(first);
    await repository.create(second);
    expect(created).toMatchObject({ kind: 'created', record: { ...first, status: 'pending' } });
    expect(await repository.find(caseId, first.id)).toMatchObject({ ...first, status: 'pending' });
    expect(await repository.find(await openCase(), first.id)).toBeUndefined();
    expect((await repository.listForCase(caseId)).map((d) => d.id)).toEqual([first.id, second.id]);
  });

  it('registers once per idempotency key: the same call twice replays the first document', async () => {
    const caseId = await openCase();
    const key = { scope: `med-1 POST /api/v1/cases/${caseId}/documents`, key: `k-${randomUUID()}`, requestHash: 'h' };
    const first = document(caseId);
    expect((await repository.create(first, key)).kind).toBe('created');
    const again = await repository.create(document(caseId), key);
    expect(again).toEqual({ kind: 'replayed', documentId: first.id, requestHash: 'h' });
    expect(await prisma.caseDocument.count({ where: { caseId } })).toBe(1);
  });

  it('marks a document stored once, with one document.added event that carries no title', async () => {
    const caseId = await openCase();
    const doc = document(caseId);
    await repository.create(doc);
    const [a, b] = await Promise.all([
      repository.markStored(caseId, doc.id, actor),
      repository.markStored(caseId, doc.id, actor),
    ]);
    expect(a?.status).toBe('stored');
    expect(b?.status).toBe('stored');
    const events = await prisma.caseEvent.findMany({
      where: { caseId, type: 'document.added' },
      select: { actor: true, agencyId: true, details: true },
    });
    expect(events).toEqual([
      {
        actor: 'med-1',
        agencyId: '0a9e0000-0000-4000-8000-000000000006',
        details: { documentId: doc.id, kind: 'mediation-agreement' },
      },
    ]);
    expect(await repository.markStored(await openCase(), doc.id, actor)).toBeUndefined();
  });
});

describe('case documents through the HTTP API, with CASE_DOCUMENT_STORE=s3 (SeaweedFS)', () => {
  let db: TestDatabase;
  let documentStore: ConfiguredDocumentStore;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentStore = createConfiguredDocumentStore(loadDocumentStoreConfig(testS3Environment()));
    // No documents directory: every byte must go to the object store.
    service = await createPostgresCaseService(db.url, '', { documentStore: documentStore.store });
  });

  /** Keys this test may have written, removed after it: the test server's bucket outlives the run. */
  const written: string[] = [];

  afterAll(async () => {
    for (const key of written) await documentStore.store.delete(key);
    documentStore?.close();
    await service?.prisma.$disconnect();
    await db?.drop();
  });

  it('stores an upload in the object store and serves the same bytes back; other bytes are refused (422)', async () => {
    const mediator = await service.bearer(staff.villageMediator);
    const opened = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', mediator)
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
    expect(opened.status).toBe(201);
    const caseId = opened.body.id as string;
    const scan = randomBytes(3 * 1024 * 1024 + 5);
    const { sha256, size } = sha256Of(scan);
    const register = async () => {
      const created = await request(service.app)
        .post(`/api/v1/cases/${caseId}/documents`)
        .set('Authorization', mediator)
        .send({
          title: 'Scanned agreement',
          kind: 'mediation-agreement',
          contentType: 'image/jpeg',
          sizeBytes: size,
          sha256,
        });
      expect(created.status).toBe(201);
      const key = documentKey(caseId, created.body.id as string);
      written.push(key);
      return { key, path: `/api/v1/cases/${caseId}/documents/${created.body.id as string}` };
    };
    const upload = (document: { path: string }, bytes: Buffer) =>
      request(service.app)
        .put(`${document.path}/content`)
        .set('Authorization', mediator)
        .set('Content-Type', 'image/jpeg')
        .send(bytes);

    const document = await register();
    const stored = await upload(document, scan);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ status: 'stored', sha256, sizeBytes: size });
    const inStore = await documentStore.store.get(document.key);
    expect(inStore && (await digestOf(inStore))).toEqual({ sha256, size });

    const downloaded = await downloadBytes(
      request(service.app).get(`${document.path}/content`).set('Authorization', mediator),
    );
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers).toMatchObject({ etag: `"${sha256}"`, 'content-length': String(size) });
    expect(Buffer.compare(downloaded.body as Buffer, scan)).toBe(0);

    const damaged = Buffer.from(scan);
    damaged[0] = (damaged[0] ?? 0) ^ 0xff;
    const other = await register();
    const refused = await upload(other, damaged);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'urn:gongzhi:problem:document-content-mismatch' });
    expect(await documentStore.store.get(other.key)).toBeUndefined();
    const pending = await request(service.app).get(`${other.path}/content`).set('Authorization', mediator);
    expect(pending.status).toBe(409);
  });
});
