/**
 * A document's download is a route like any other for the audit trail: another agency's attempt to fetch the bytes of
 * a case it may not see is answered 404 and leaves a `case.refused` row naming who tried and which case — on the real
 * case-service, on PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { callerRequests } from '../testing/caller-requests';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';

describe('refused document downloads are on record (PostgreSQL)', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-download-'));
    service = await createPostgresCaseService(db.url, documentsDir);
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  const { get, post } = callerRequests(() => service);

  it("records another agency's 404 on a document's content: who, which case and the status", async () => {
    const opened = await post(staff.villageMediator, '/api/v1/cases', {
      disputeType: 'neighbour',
      source: 'walk-in',
      summary: 'A leaning wall.',
      townCode: 'qingshui',
    });
    const caseId = opened.body.id as string;
    const bytes = Buffer.from('%PDF-1.4 agreement');
    const created = await post(staff.villageMediator, `/api/v1/cases/${caseId}/documents`, {
      title: 'Agreement between the two families',
      kind: 'mediation-agreement',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(created.status).toBe(201);
    const contentPath = `/api/v1/cases/${caseId}/documents/${created.body.id as string}/content`;
    const uploaded = await request(service.app)
      .put(contentPath)
      .set('Authorization', await service.bearer(staff.villageMediator))
      .set('Content-Type', 'application/pdf')
      .send(bytes);
    expect(uploaded.status).toBe(200);
    expect((await get(staff.villageMediator, contentPath)).status).toBe(200);

    const refused = await get(staff.otherVillageMediator, contentPath);
    expect(refused.status).toBe(404);
    const rows = await service.prisma.auditRecord.findMany({
      where: { actor: staff.otherVillageMediator.staffId },
      select: { action: true, objectType: true, objectId: true, requestId: true, status: true },
    });
    expect(rows).toEqual([
      {
        action: 'case.refused',
        objectType: 'case',
        objectId: caseId,
        requestId: refused.headers['x-request-id'],
        status: 404,
      },
    ]);
  });
});
