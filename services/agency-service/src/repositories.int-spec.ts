import { PrismaPg } from '@prisma/adapter-pg';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { hashRefreshToken } from './auth/auth.service';
import { PrismaClient } from './generated/prisma/client';
import {
  DEMO_AGENCIES,
  DEMO_AGENCY_IDS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_TOWN_CODE,
  seedDemoTown,
} from './seed/demo-town';
import { createPrismaAgencyService } from './testing/prisma-wiring';

let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase('agency');
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  await seedDemoTown(prisma);
});

afterAll(async () => {
  await prisma.$disconnect();
  await db.drop();
});

const wire = () => createPrismaAgencyService(prisma);

async function loginAs(app: Awaited<ReturnType<typeof wire>>['app'], username: string) {
  const res = await request(app).post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return res.body as { accessToken: string; refreshToken: string };
}

describe('the demo-town seed', () => {
  it('is idempotent: a second run leaves the same rows', async () => {
    const snapshot = async () => ({
      agencies: await prisma.agency.findMany({
        orderBy: { id: 'asc' },
        select: {
          id: true,
          kind: true,
          name: true,
          townCode: true,
          areaCodes: true,
          receptionHours: true,
          version: true,
        },
      }),
      staff: await prisma.staff.findMany({
        orderBy: { id: 'asc' },
        select: { id: true, username: true, roles: true, agencyId: true, passwordHash: true, version: true },
      }),
      policies: await prisma.escalationPolicy.findMany({ select: { townCode: true, version: true, document: true } }),
    });
    const before = await snapshot();
    await seedDemoTown(prisma);
    expect(await snapshot()).toEqual(before);
    expect(before.agencies).toHaveLength(DEMO_AGENCIES.length);
    expect(before.staff).toHaveLength(Object.keys(DEMO_STAFF).length);
    expect(before.policies).toEqual([expect.objectContaining({ townCode: DEMO_TOWN_CODE, version: 1 })]);
  });
});

describe('repositories on PostgreSQL', () => {
  it('round-trip an agency with its reception hours, and update it under If-Match', async () => {
    const { app } = await wire();
    const { accessToken } = await loginAs(app, DEMO_STAFF.coordinator.username);
    const auth = `Bearer ${accessToken}`;
    const path = `/api/v1/agencies/${DEMO_AGENCY_IDS.court}`;
    const read = await request(app).get(path).set('Authorization', auth);
    expect(read.body.receptionHours).toEqual([{ weekday: 5, from: '09:00', to: '17:00', note: '法庭接待日（周五）' }]);
    const updated = await request(app)
      .patch(path)
      .set('Authorization', auth)
      .set('If-Match', read.headers.etag ?? '')
      .send({ name: '清水人民法庭（巡回）' });
    expect(updated.body).toMatchObject({ name: '清水人民法庭（巡回）', version: read.body.version + 1 });
    const stale = await request(app)
      .patch(path)
      .set('Authorization', auth)
      .set('If-Match', read.headers.etag ?? '')
      .send({ name: 'x-x' });
    expect(stale.status).toBe(412);
  });

  it('count who can sign an agreement off for an agency: active mediators and liaisons only', async () => {
    const { app } = await wire();
    const { accessToken } = await loginAs(app, DEMO_STAFF.coordinator.username);
    const auth = `Bearer ${accessToken}`;
    const created = await request(app).post('/api/v1/agencies').set('Authorization', auth).send({
      kind: 'other-department',
      name: '清水镇林业站',
      townCode: DEMO_TOWN_CODE,
      areaCodes: [],
      contactPhone: null,
      receptionHours: [],
    });
    expect(created.status).toBe(201);
    // A new agency has nobody: it could not join a joint mediation yet.
    expect(created.body.signers).toBe(0);
    const agencyId = created.body.id as string;
    const staffIds: Record<string, string> = {};
    for (const [username, roles] of [
      ['forest.mediator', ['mediator']],
      ['forest.liaison', ['liaison', 'grid-worker']],
      ['forest.grid', ['grid-worker']],
      ['forest.gone', ['mediator']],
    ] as const) {
      const res = await request(app)
        .post('/api/v1/staff')
        .set('Authorization', auth)
        .send({ username, displayName: '林业站工作人员', agencyId, roles, password: 'integration-password' });
      expect(res.status).toBe(201);
      staffIds[username] = res.body.id as string;
    }
    await prisma.staff.update({ where: { id: staffIds['forest.gone'] }, data: { active: false } });
    const read = await request(app).get(`/api/v1/agencies/${agencyId}`).set('Authorization', auth);
    expect(read.body.signers).toBe(2);
    const listed = await request(app)
      .get('/api/v1/agencies')
      .query({ kind: 'other-department', limit: 100 })
      .set('Authorization', auth);
    const counts = new Map(
      (listed.body.items as { id: string; signers: number }[]).map((agency) => [agency.id, agency.signers]),
    );
    expect(counts.get(agencyId)).toBe(2);
  });

  it('enforce unique usernames (409) and keep only a bcrypt hash of cost 10', async () => {
    const { app } = await wire();
    const { accessToken } = await loginAs(app, DEMO_STAFF.coordinator.username);
    const body = {
      username: 'mediator.int',
      displayName: '调解员',
      agencyId: DEMO_AGENCY_IDS.xiabaCommittee,
      roles: ['mediator'],
      password: 'integration-password',
    };
    const post = () => request(app).post('/api/v1/staff').set('Authorization', `Bearer ${accessToken}`).send(body);
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(409);
    const row = await prisma.staff.findUnique({ where: { username: 'mediator.int' }, select: { passwordHash: true } });
    expect(row?.passwordHash).toMatch(/^\$2[aby]\$10\$/);
  });

  it('answer the same Idempotency-Key twice with one row and the first response', async () => {
    const { app } = await wire();
    const { accessToken } = await loginAs(app, DEMO_STAFF.administrator.username);
    const body = {
      kind: 'other-department',
      name: '清水镇国土所',
      townCode: DEMO_TOWN_CODE,
      areaCodes: [],
      contactPhone: null,
      receptionHours: [],
    };
    const post = (name = body.name) =>
      request(app)
        .post('/api/v1/agencies')
        .set('Authorization', `Bearer ${accessToken}`)
        .set('Idempotency-Key', 'int-land-office-0001')
        .send({ ...body, name });
    const [first, second] = await Promise.all([post(), post()]);
    const statuses = [first.status, second.status].sort();
    // Concurrent duplicates: one creates, the other replays or is told to retry while the first is in flight.
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    const replay = await post();
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await prisma.agency.count({ where: { name: body.name } })).toBe(1);
    expect((await post('清水镇国土资源所')).status).toBe(422);
  });

  it('rotate refresh tokens: stored hashed, single use, a replay revokes the family', async () => {
    const { app } = await wire();
    const session = await loginAs(app, DEMO_STAFF.policeLiaison.username);
    const stored = await prisma.refreshToken.findUnique({
      where: { tokenHash: hashRefreshToken(session.refreshToken) },
      select: { familyId: true, usedAt: true },
    });
    expect(stored?.usedAt).toBeNull();
    const renewed = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken });
    expect(renewed.status).toBe(200);
    expect((await request(app).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(
      401,
    );
    const family = await prisma.refreshToken.findMany({
      where: { familyId: stored?.familyId ?? '' },
      select: { revokedAt: true },
    });
    expect(family).toHaveLength(2);
    expect(family.every((token) => token.revokedAt !== null)).toBe(true);
  });

  it('version the policy, and write audit rows for reads and changes', async () => {
    const { app } = await wire();
    const { accessToken } = await loginAs(app, DEMO_STAFF.coordinator.username);
    const auth = `Bearer ${accessToken}`;
    const current = await request(app).get('/api/v1/towns/qingshui/policy').set('Authorization', auth);
    expect(current.body.version).toBe(1);
    const next = await request(app)
      .put('/api/v1/towns/qingshui/policy')
      .set('Authorization', auth)
      .set('If-Match', current.headers.etag ?? '')
      .send({ ladder: current.body.ladder, acceptance: current.body.acceptance, routing: [] });
    expect(next.body.version).toBe(2);
    const v1 = await request(app).get('/api/v1/towns/qingshui/policy/versions/1').set('Authorization', auth);
    expect(v1.body.routing).toHaveLength(2);

    const audit = await prisma.auditRecord.findMany({
      where: { objectType: 'policy' },
      orderBy: { id: 'asc' },
      select: { actor: true, action: true, objectId: true, requestId: true },
    });
    expect(audit).toEqual([
      {
        actor: DEMO_STAFF.coordinator.id,
        action: 'policy.read',
        objectId: 'qingshui@1',
        requestId: current.headers['x-request-id'],
      },
      {
        actor: DEMO_STAFF.coordinator.id,
        action: 'policy.update',
        objectId: 'qingshui@2',
        requestId: next.headers['x-request-id'],
      },
      {
        actor: DEMO_STAFF.coordinator.id,
        action: 'policy.read',
        objectId: 'qingshui@1',
        requestId: v1.headers['x-request-id'],
      },
    ]);
  });
});
