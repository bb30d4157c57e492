/**
 * case-service's audit trail on PostgreSQL: append-only for every role (the service's own role owns the table),
 * hash-chained so `npm run audit:verify` finds any change made behind the triggers' back, filed under the id the
 * service gave the request (the caller's own id kept beside it), and refused requests on record.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import {
  asServiceRole,
  attemptStatements,
  createTestDatabase,
  rewriteAuditChainAsOwner,
  runAuditVerify,
  tamperWithAuditRecords,
  type TestDatabase,
} from '@gongzhi/testing';
import { callerRequests } from './testing/caller-requests';
import { staff } from './testing/fake-case-service';
import { createPostgresCaseService } from './testing/postgres-case-service';

const TAMPERING = [
  "UPDATE audit_records SET actor = 'someone-else'",
  'DELETE FROM audit_records',
  'TRUNCATE audit_records',
];

describe('the case-service audit trail on PostgreSQL', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-audit-'));
    service = await createPostgresCaseService(db.url, documentsDir);
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  const { get } = callerRequests(() => service);

  async function openCase(who: Principal = staff.villageMediator): Promise<string> {
    const res = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', await service.bearer(who))
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it("files a read under the id the service gave the request, and keeps the caller's X-Request-Id beside it", async () => {
    const caseId = await openCase();
    const res = await request(service.app)
      .get(`/api/v1/cases/${caseId}`)
      .set('Authorization', await service.bearer(staff.villageMediator))
      .set('X-Request-Id', 'caller-trace-42');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).not.toBe('caller-trace-42');
    const rows = await service.prisma.auditRecord.findMany({
      where: { action: 'case.read', objectId: caseId },
      select: { requestId: true, callerRequestId: true },
    });
    expect(rows).toEqual([{ requestId: res.headers['x-request-id'], callerRequestId: 'caller-trace-42' }]);
  });

  it("records a 404 on another agency's case: who, which case and the status, nothing else", async () => {
    const caseId = await openCase(staff.villageMediator);
    const res = await get(staff.otherVillageMediator, `/api/v1/cases/${caseId}`);
    expect(res.status).toBe(404);
    const rows = await service.prisma.auditRecord.findMany({
      where: { objectId: caseId, actor: staff.otherVillageMediator.staffId },
      select: { action: true, objectType: true, requestId: true, callerRequestId: true, status: true },
    });
    expect(rows).toEqual([
      {
        action: 'case.refused',
        objectType: 'case',
        requestId: res.headers['x-request-id'],
        callerRequestId: null,
        status: 404,
      },
    ]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the service role, also once it grants itself the rights, and to a superuser', async () => {
    await openCase();
    const before = await service.prisma.auditRecord.count();
    const asCaseRole = asServiceRole(db.url, 'case');
    expect(await attemptStatements(asCaseRole, TAMPERING)).toEqual(
      TAMPERING.map(() => 'permission denied for table audit_records'),
    );
    // The role owns the table, so it can grant itself the rights back: the triggers still refuse.
    expect(
      await attemptStatements(asCaseRole, [
        'GRANT UPDATE, DELETE, TRUNCATE ON audit_records TO CURRENT_USER',
        ...TAMPERING,
      ]),
    ).toEqual([
      'ok',
      'audit_records is append-only: UPDATE is not allowed',
      'audit_records is append-only: DELETE is not allowed',
      'audit_records is append-only: TRUNCATE is not allowed',
    ]);
    expect(await attemptStatements(db.url, TAMPERING)).toEqual([
      'audit_records is append-only: UPDATE is not allowed',
      'audit_records is append-only: DELETE is not allowed',
      'audit_records is append-only: TRUNCATE is not allowed',
    ]);
    expect(await service.prisma.auditRecord.count()).toBe(before);
    expect(await service.prisma.auditRecord.count({ where: { actor: 'someone-else' } })).toBe(0);
  });

  it('audits a page of N cases as exactly one row naming the N ids, and an empty page as one row naming none', async () => {
    const caseIds = await Promise.all(Array.from({ length: 4 }, () => openCase(staff.otherVillageMediator)));
    const before = await service.prisma.auditRecord.count();
    const res = await get(staff.otherVillageMediator, '/api/v1/cases?limit=4');
    expect(res.status).toBe(200);
    const listed = (res.body.items as { id: string }[]).map((item) => item.id);
    expect(listed.sort()).toEqual([...caseIds].sort());
    const rows = await service.prisma.auditRecord.findMany({ where: { requestId: res.headers['x-request-id'] } });
    expect(await service.prisma.auditRecord.count()).toBe(before + 1);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'case.list',
        objectType: 'case',
        objectId: 'list',
        objectIds: res.body.items.map((item: { id: string }) => item.id),
      }),
    ]);
    // No case has this party: an empty page, still one read on record.
    const empty = await get(
      staff.otherVillageMediator,
      `/api/v1/cases?partyId=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
    );
    expect([empty.status, empty.body.items]).toEqual([200, []]);
    const emptyRows = await service.prisma.auditRecord.findMany({
      where: { requestId: empty.headers['x-request-id'] },
    });
    expect(emptyRows).toEqual([expect.objectContaining({ action: 'case.list', objectId: 'list', objectIds: [] })]);
  });

  // Last: it leaves the chain broken on purpose.
  it('chains records written by many requests at once; audit:verify finds the chain intact, then the row a superuser changed', async () => {
    const caseIds = await Promise.all(Array.from({ length: 5 }, () => openCase()));
    // Reads racing each other, and a list read that audits every case it returns in one row.
    const reads = await Promise.all([
      ...caseIds.map((id) => get(staff.villageMediator, `/api/v1/cases/${id}`)),
      get(staff.coordinator, '/api/v1/cases?limit=50'),
    ]);
    expect(reads.map((res) => res.status)).toEqual(reads.map(() => 200));
    const rows = await service.prisma.auditRecord.findMany({ orderBy: { seq: 'asc' }, select: { seq: true } });
    expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_, index) => index + 1));
    const listRead = reads[reads.length - 1];
    const listed = await service.prisma.auditRecord.findMany({
      where: { action: 'case.list', requestId: listRead?.headers['x-request-id'] },
    });
    expect(listed).toHaveLength(1);
    expect(listed[0]?.objectIds).toEqual(expect.arrayContaining(caseIds));

    // The service's own role may read the trail, which is all the check needs.
    const intact = await runAuditVerify(asServiceRole(db.url, 'case'), 'case');
    expect(intact).toEqual({ code: 0, output: expect.stringContaining(`intact`) });
    expect(intact.output).toContain(`${rows.length} records`);

    const victim = Number(rows[3]?.seq);
    await tamperWithAuditRecords(db.url, `UPDATE audit_records SET actor = 'someone-else' WHERE seq = ${victim}`);
    const broken = await runAuditVerify(asServiceRole(db.url, 'case'), 'case');
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`BROKEN`);
    expect(broken.output).toContain(`at record ${victim} `);
    expect(broken.output).toContain('changed after it was written');

    // The owner (no superuser needed) changes the row too and re-chains everything from it with the database's own
    // hash: every link fits and every row matches audit_record_hash(), yet without the key the row is still found.
    await rewriteAuditChainAsOwner(
      db.url,
      'case',
      `UPDATE audit_records SET actor = 'someone-else' WHERE seq = ${victim}`,
      BigInt(victim),
    );
    const rewritten = await runAuditVerify(asServiceRole(db.url, 'case'), 'case');
    expect(rewritten.code).toBe(1);
    expect(rewritten.output).toContain(`at record ${victim} `);
    expect(rewritten.output).toContain('without the audit chain key');
  });
});
