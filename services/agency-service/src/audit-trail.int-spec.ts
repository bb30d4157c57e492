/**
 * agency-service's audit trail on PostgreSQL: append-only for every role (the service's own role owns the table),
 * hash-chained so `npm run audit:verify` finds any change made behind the triggers' back, and refused requests (a 403
 * on an administrator's action, a 404 on an agency) on record.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import { createPrismaAuditTrail } from '@gongzhi/http';
import {
  asServiceRole,
  attemptStatements,
  createTestDatabase,
  rewriteAuditChainAsOwner,
  runAuditVerify,
  tamperWithAuditRecords,
  TEST_AUDIT_CHAIN_KEY,
  type TestDatabase,
} from '@gongzhi/testing';
import { PrismaClient } from './generated/prisma/client';
import { DEMO_PASSWORD, DEMO_STAFF, DEMO_TOWN_CODE, seedDemoTown } from './seed/demo-town';
import { createPrismaAgencyService, type PrismaAgencyService } from './testing/prisma-wiring';

const TAMPERING = [
  "UPDATE audit_records SET actor = 'someone-else'",
  'DELETE FROM audit_records',
  'TRUNCATE audit_records',
];

let db: TestDatabase;
let prisma: PrismaClient;
let service: PrismaAgencyService;

beforeAll(async () => {
  db = await createTestDatabase('agency');
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  await seedDemoTown(prisma);
  service = await createPrismaAgencyService(prisma);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const as = async (who: (typeof DEMO_STAFF)[keyof typeof DEMO_STAFF]) => {
  const principal: Principal = {
    staffId: who.id,
    agencyId: who.agencyId,
    townCode: DEMO_TOWN_CODE,
    roles: [...who.roles],
  };
  return `Bearer ${await service.tokenFor(principal)}`;
};

describe('the agency-service audit trail on PostgreSQL', () => {
  it("records a mediator's refused attempt to create an agency (403) and a read of no agency (404)", async () => {
    const refused = await request(service.app)
      .post('/api/v1/agencies')
      .set('Authorization', await as(DEMO_STAFF.mediatorShangba))
      .send({
        kind: 'other-department',
        name: '清水镇劳动保障所',
        townCode: DEMO_TOWN_CODE,
        areaCodes: ['shangba'],
        contactPhone: null,
        receptionHours: [],
      });
    expect(refused.status).toBe(403);
    const missing = randomUUID();
    const notFound = await request(service.app)
      .get(`/api/v1/agencies/${missing}`)
      .set('Authorization', await as(DEMO_STAFF.coordinator));
    expect(notFound.status).toBe(404);
    const rows = await prisma.auditRecord.findMany({
      where: { action: 'agency.refused' },
      orderBy: { seq: 'asc' },
      select: { actor: true, objectId: true, requestId: true, status: true },
    });
    expect(rows).toEqual([
      { actor: DEMO_STAFF.mediatorShangba.id, objectId: '-', requestId: refused.headers['x-request-id'], status: 403 },
      { actor: DEMO_STAFF.coordinator.id, objectId: missing, requestId: notFound.headers['x-request-id'], status: 404 },
    ]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the service role, also once it grants itself the rights, and to a superuser', async () => {
    const login = await request(service.app)
      .post('/api/v1/auth/login')
      .send({ username: DEMO_STAFF.coordinator.username, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const before = await prisma.auditRecord.count();
    expect(before).toBeGreaterThan(0);
    const asAgencyRole = asServiceRole(db.url, 'agency');
    expect(await attemptStatements(asAgencyRole, TAMPERING)).toEqual(
      TAMPERING.map(() => 'permission denied for table audit_records'),
    );
    const appendOnly = ['UPDATE', 'DELETE', 'TRUNCATE'].map(
      (op) => `audit_records is append-only: ${op} is not allowed`,
    );
    expect(
      await attemptStatements(asAgencyRole, [
        'GRANT UPDATE, DELETE, TRUNCATE ON audit_records TO CURRENT_USER',
        ...TAMPERING,
      ]),
    ).toEqual(['ok', ...appendOnly]);
    expect(await attemptStatements(db.url, TAMPERING)).toEqual(appendOnly);
    expect(await prisma.auditRecord.count()).toBe(before);
  });

  it('writes every entry of four replicas recording at once, in one intact chain', async () => {
    // Each replica has its own pool and its own idea of the head, as separate processes do.
    const replicas = Array.from(
      { length: 4 },
      () => new PrismaClient({ adapter: new PrismaPg({ connectionString: asServiceRole(db.url, 'agency') }) }),
    );
    try {
      const before = await prisma.auditRecord.count();
      const requestId = randomUUID();
      const outcomes = await Promise.allSettled(
        replicas.map(async (replica, index) => {
          const trail = createPrismaAuditTrail(replica, { chainKey: TEST_AUDIT_CHAIN_KEY });
          for (let read = 0; read < 40; read += 1) {
            await trail.record({
              actor: 'replica-test',
              action: 'staff.read',
              objectType: 'staff',
              objectId: `replica-${index}-${read}`,
              requestId,
            });
          }
        }),
      );
      // Racing single INSERTs refused each other until a request ran out of attempts and failed (a 503 to its caller).
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      expect(await prisma.auditRecord.count()).toBe(before + 160);
      const verified = await runAuditVerify(asServiceRole(db.url, 'agency'), 'agency');
      expect(verified).toEqual({ code: 0, output: expect.stringContaining('intact') });
    } finally {
      await Promise.all(replicas.map((replica) => replica.$disconnect()));
    }
  });

  // Last: it leaves the chain broken on purpose.
  it('chains every record; audit:verify finds the chain intact, then the row a superuser changed', async () => {
    const intact = await runAuditVerify(asServiceRole(db.url, 'agency'), 'agency');
    expect(intact).toEqual({ code: 0, output: expect.stringContaining('intact') });
    const first = await prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'asc' }, select: { seq: true } });
    await tamperWithAuditRecords(
      db.url,
      `UPDATE audit_records SET status = NULL, object_id = 'x' WHERE seq = ${first.seq}`,
    );
    const broken = await runAuditVerify(asServiceRole(db.url, 'agency'), 'agency');
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`at record ${first.seq} `);
    expect(broken.output).toContain('changed after it was written');

    // The owner (no superuser needed) changes the row too and re-chains everything from it with the database's own
    // hash: every link fits and every row matches audit_record_hash(), yet without the key the row is still found.
    await rewriteAuditChainAsOwner(
      db.url,
      'agency',
      `UPDATE audit_records SET actor = 'someone-else' WHERE seq = ${first.seq}`,
      first.seq,
    );
    const rewritten = await runAuditVerify(asServiceRole(db.url, 'agency'), 'agency');
    expect(rewritten.code).toBe(1);
    expect(rewritten.output).toContain(`at record ${first.seq} `);
    expect(rewritten.output).toContain('without the audit chain key');
  });
});
