import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { makeDisputeWorkflowId } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import { createCasesRepository } from '../cases/cases.repository';
import { createLocalDiskDocumentStore, type DocumentStore, InvalidDocumentKeyError } from './document-store';
import { createDocumentsRepository, type DocumentsRepository, type NewDocument } from './documents.repository';

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

describe('the local-disk document store', () => {
  let root: string;
  let store: DocumentStore;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'gongzhi-documents-'));
    store = createLocalDiskDocumentStore(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function readAll(key: string): Promise<Buffer | undefined> {
    const stream = await store.get(key);
    if (!stream) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  it('writes atomically: the file holds all of the new bytes and no temporary file is left', async () => {
    const key = `${randomUUID()}/${randomUUID()}`;
    const bytes = Buffer.from('调解协议书 version 1');
    expect(await store.put(key, bytes)).toEqual({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
    });
    const replacement = Buffer.alloc(256 * 1024, 7);
    await store.put(key, replacement);
    expect(await readAll(key)).toEqual(replacement);
    const [caseDir] = key.split('/');
    expect(await readdir(path.join(root, caseDir ?? ''))).toEqual([key.split('/')[1]]);
  });

  it('answers undefined for missing bytes, and deleting twice is fine', async () => {
    const key = `${randomUUID()}/${randomUUID()}`;
    expect(await store.get(key)).toBeUndefined();
    await store.put(key, Buffer.from('x'));
    await store.delete(key);
    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
  });

  it('refuses keys that could reach outside its directory, and writes nothing for them', async () => {
    const outside = path.join(path.dirname(root), `escaped-${randomUUID()}`);
    for (const key of [`../${path.basename(outside)}`, `a/../../${path.basename(outside)}`, outside, 'a/./b', '..']) {
      await expect(store.put(key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidDocumentKeyError);
      await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidDocumentKeyError);
    }
    await expect(readFile(outside)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
