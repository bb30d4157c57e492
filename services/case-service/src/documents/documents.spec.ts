import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { MAX_DOCUMENT_BYTES } from '@gongzhi/contracts';
import { createFakeCaseService, staff } from '../testing/fake-case-service';
import { documentKey } from './document-store';
import { downloadBytes } from '../testing/download-bytes';

const bytes = Buffer.from('%PDF-1.7 调解协议书 — signed by both families');
const sha256 = createHash('sha256').update(bytes).digest('hex');
const metadata = {
  title: 'Agreement between the two families on the courtyard wall',
  kind: 'mediation-agreement',
  contentType: 'application/pdf',
  sizeBytes: bytes.length,
  sha256,
};

async function setUp() {
  const fake = await createFakeCaseService({ rateLimits: { perIp: 10_000, perUser: 10_000 } });
  const mediator = await fake.bearer(staff.villageMediator);
  const opened = await request(fake.app)
    .post('/api/v1/cases')
    .set('Authorization', mediator)
    .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
  const caseId = opened.body.id as string;
  const documents = `/api/v1/cases/${caseId}/documents`;
  const register = async (body: object = metadata, key?: string) => {
    const req = request(fake.app).post(documents).set('Authorization', mediator);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const upload = (documentId: string, content: Buffer = bytes, type = 'application/pdf') =>
    request(fake.app)
      .put(`${documents}/${documentId}/content`)
      .set('Authorization', mediator)
      .set('Content-Type', type)
      .send(content);
  return { ...fake, mediator, caseId, documents, register, upload };
}

describe('case documents', () => {
  it('registers a document as pending, stores its bytes, and serves them back as an attachment', async () => {
    const { app, mediator, documents, register, upload, caseId, audit, documentStore, repository } = await setUp();
    const created = await register();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...metadata, caseId, status: 'pending', uploadedBy: 'med-1' });
    const id = created.body.id as string;

    const stored = await upload(id);
    expect(stored.status).toBe(200);
    expect(stored.body.status).toBe('stored');
    expect(documentStore.files.get(documentKey(caseId, id))).toEqual(bytes);

    const listed = await request(app).get(documents).set('Authorization', mediator);
    expect(listed.body.items).toEqual([expect.objectContaining({ id, status: 'stored' })]);

    const downloaded = await downloadBytes(
      request(app).get(`${documents}/${id}/content`).set('Authorization', mediator),
    );
    expect(downloaded.status).toBe(200);
    expect(downloaded.body).toEqual(bytes);
    expect(downloaded.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      etag: `"${sha256}"`,
      'content-disposition': `attachment; filename="mediation-agreement-${id}.pdf"`,
      'cache-control': 'private, no-store',
    });

    expect(audit.entries.map((e) => e.action)).toEqual([
      'case.open',
      'case.document.create',
      'case.document.upload',
      'case.documents.read',
      'case.document.read',
    ]);
    // The timeline learns of the document when its bytes are stored, once, without its title.
    expect(repository.events.filter((e) => e.type === 'document.added')).toHaveLength(1);
  });

  it('refuses bytes whose hash or size differ from the registered ones (422), and keeps the document pending', async () => {
    const { register, upload, documentStore } = await setUp();
    const id = (await register()).body.id as string;
    const tampered = Buffer.from(bytes);
    tampered[0] = 0x21;
    const wrongHash = await upload(id, tampered);
    expect(wrongHash.status).toBe(422);
    expect(wrongHash.body).toMatchObject({ type: 'urn:gongzhi:problem:document-content-mismatch' });
    expect(wrongHash.body.detail).toContain('SHA-256');
    const wrongSize = await upload(id, bytes.subarray(0, 10));
    expect(wrongSize.status).toBe(422);
    expect(wrongSize.body.detail).toContain(`Received 10 bytes but ${bytes.length}`);
    expect(documentStore.files.size).toBe(0);
  });

  it('refuses bytes sent with another Content-Type than registered (415)', async () => {
    const { register, upload } = await setUp();
    const id = (await register()).body.id as string;
    const res = await upload(id, bytes, 'image/png');
    expect(res.status).toBe(415);
    expect(res.body.detail).toContain('Content-Type: application/pdf');
  });

  it('refuses a document over 20 MiB with a problem naming the document limit (413)', async () => {
    const { register, upload } = await setUp();
    const id = (await register()).body.id as string;
    const res = await upload(id, Buffer.alloc(MAX_DOCUMENT_BYTES + 1));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ type: 'urn:gongzhi:problem:payload-too-large' });
    expect(res.body.detail).toContain('20 MiB');
    const declared = await register({ ...metadata, sizeBytes: MAX_DOCUMENT_BYTES + 1 });
    expect(declared.status).toBe(400);
  });

  it('refuses a document over 20 MiB sent without a length, as it arrives (413)', async () => {
    const { app, documents, mediator, register } = await setUp();
    const id = (await register()).body.id as string;
    const chunk = Buffer.alloc(1024 * 1024);
    const req = request(app)
      .put(`${documents}/${id}/content`)
      .set('Authorization', mediator)
      .set('Content-Type', 'application/pdf')
      .set('Transfer-Encoding', 'chunked');
    for (let sent = 0; sent <= MAX_DOCUMENT_BYTES; sent += chunk.length) req.write(chunk);
    const res = await req;
    expect(res.status).toBe(413);
    expect(res.body.detail).toContain('20 MiB');
  });

  it('stores the decoded bytes of an upload sent gzip-compressed', async () => {
    const { register, upload, documentStore, caseId, mediator, app, documents } = await setUp();
    const id = (await register()).body.id as string;
    const res = await request(app)
      .put(`${documents}/${id}/content`)
      .set('Authorization', mediator)
      .set('Content-Type', 'application/pdf')
      .set('Content-Encoding', 'gzip')
      .send(gzipSync(bytes));
    expect(res.status).toBe(200);
    expect(documentStore.files.get(documentKey(caseId, id))).toEqual(bytes);
    expect((await upload(id)).headers['idempotent-replayed']).toBe('true');
  });

  it('refuses the workflow engine an upload before reading its body: 403, not 413, for 20 MiB and more', async () => {
    const { app, documents, register, engineBearer } = await setUp();
    const id = (await register()).body.id as string;
    const res = await request(app)
      .put(`${documents}/${id}/content`)
      .set('Authorization', await engineBearer())
      .set('Content-Type', 'application/pdf')
      .send(Buffer.alloc(MAX_DOCUMENT_BYTES + 1));
    expect(res.status).toBe(403);
  });

  it('keeps the JSON-only rule and the 100 kB limit on every other route', async () => {
    const { app, mediator, documents } = await setUp();
    const notJson = await request(app)
      .post(documents)
      .set('Authorization', mediator)
      .set('Content-Type', 'application/pdf')
      .send(bytes);
    expect(notJson.status).toBe(415);
    const big = await request(app)
      .post(documents)
      .set('Authorization', mediator)
      .send({ ...metadata, title: 'x'.repeat(200 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body.detail).toContain('100 kB');
  });

  it('treats re-uploading identical bytes as a no-op (200) and different bytes for a stored document as a conflict (409)', async () => {
    const { register, upload, repository } = await setUp();
    const id = (await register()).body.id as string;
    expect((await upload(id)).status).toBe(200);
    const again = await upload(id);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await upload(id, Buffer.from('another file entirely'));
    expect(other.status).toBe(409);
    expect(other.body.detail).toContain('register the new version as a new document');
    expect(repository.events.filter((e) => e.type === 'document.added')).toHaveLength(1);
  });

  it('registers once per Idempotency-Key: the same body replays the same document, another body is refused (422)', async () => {
    const { register, app, mediator, documents } = await setUp();
    const first = await register(metadata, 'doc-key-0001');
    const replay = await register(metadata, 'doc-key-0001');
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    const reused = await register({ ...metadata, title: 'Another document' }, 'doc-key-0001');
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ type: 'urn:gongzhi:problem:idempotency-key-reused' });
    const listed = await request(app).get(documents).set('Authorization', mediator);
    expect(listed.body.items).toHaveLength(1);
  });

  it('lets grid workers read documents but not add them (403)', async () => {
    const { app, bearer, register, upload, documents } = await setUp();
    const id = (await register()).body.id as string;
    await upload(id);
    const grid = await bearer({ ...staff.gridWorker, agencyId: '0a9e0000-0000-4000-8000-000000000006' });
    expect((await request(app).get(documents).set('Authorization', grid)).status).toBe(200);
    expect((await request(app).get(`${documents}/${id}/content`).set('Authorization', grid)).status).toBe(200);
    const refused = await request(app).post(documents).set('Authorization', grid).send(metadata);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('mediator or liaison or coordinator or administrator');
  });

  it('answers 404 for a document of another case, and 409 when downloading bytes not uploaded yet', async () => {
    const { app, mediator, register, documents } = await setUp();
    const id = (await register()).body.id as string;
    const pending = await request(app).get(`${documents}/${id}/content`).set('Authorization', mediator);
    expect(pending.status).toBe(409);
    const elsewhere = await request(app)
      .get(`/api/v1/cases/0d3c6a52-4d2e-4a57-9e0a-6a0a3b6f2c11/documents/${id}/content`)
      .set('Authorization', mediator);
    expect(elsewhere.status).toBe(404);
  });
});
