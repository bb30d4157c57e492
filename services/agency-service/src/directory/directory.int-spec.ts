/**
 * The town directory (`GET /api/v1/directory`) on the running service with PostgreSQL behind it: every staff member
 * of a town reads the names of all its villages, agencies and staff — a mediator of one committee included, who may
 * not list other agencies or staff accounts — and nothing else of them (no username, phone or password data); another
 * town's directory reads empty; administrators name the town; the dispute worker's token is refused. Villages are
 * added and renamed by the town's coordinator.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import request from 'supertest';
import { type Principal, STAFF_ROLES } from '@gongzhi/contracts';
import { etagOf } from '@gongzhi/http';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { OTHER_TOWN, demoPrincipal } from '../agency-service.fakes';
import { PrismaClient } from '../generated/prisma/client';
import {
  DEMO_AGENCIES,
  DEMO_AGENCY_IDS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_TOWN_CODE,
  DEMO_VILLAGES,
  seedDemoTown,
} from '../seed/demo-town';
import { createPrismaAgencyService, type PrismaAgencyService } from '../testing/prisma-wiring';

let db: TestDatabase;
let prisma: PrismaClient;
let service: PrismaAgencyService;

const HETIAN_COORDINATOR: Principal = {
  staffId: OTHER_TOWN.coordinatorId,
  agencyId: OTHER_TOWN.committeeId,
  townCode: OTHER_TOWN.code,
  roles: ['coordinator'],
};

beforeAll(async () => {
  db = await createTestDatabase('agency');
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  await seedDemoTown(prisma);
  service = await createPrismaAgencyService(prisma);
  // A town next door, with a committee, a coordinator and a village of its own.
  await service.repositories.agencies.create({
    id: OTHER_TOWN.committeeId,
    kind: 'mediation-committee',
    name: '河田村人民调解委员会',
    townCode: OTHER_TOWN.code,
    areaCodes: ['hetian-1'],
    contactPhone: '0000-2000001',
    receptionHours: [],
  });
  await service.repositories.staff.create({
    id: OTHER_TOWN.coordinatorId,
    username: 'coordinator.hetian',
    displayName: '河田 协调员',
    agencyId: OTHER_TOWN.committeeId,
    roles: ['coordinator'],
    password: DEMO_PASSWORD,
  });
  await service.repositories.villages.nameTown(OTHER_TOWN.code, '河田镇');
  await service.repositories.villages.create({
    id: OTHER_TOWN.villageId,
    townCode: OTHER_TOWN.code,
    code: 'hetian-1',
    name: '河田村',
    gridCodes: [],
  });
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const as = async (principal: Principal) => `Bearer ${await service.tokenFor(principal)}`;
const directory = async (auth: string, query = '') =>
  request(service.app).get(`/api/v1/directory${query}`).set('Authorization', auth);
const mediator = demoPrincipal(DEMO_STAFF.mediatorShangba);
const administrator = demoPrincipal(DEMO_STAFF.administrator);
const coordinator = demoPrincipal(DEMO_STAFF.coordinator);

/** Everything a directory answer must never carry: usernames, phones, password hashes. */
function expectNoPrivateFields(body: unknown): void {
  const text = JSON.stringify(body);
  // `coordinator` is a username and a role alike: only the usernames no role shares can be told apart in the text.
  const usernames = Object.values(DEMO_STAFF)
    .map((staff) => staff.username)
    .filter((username) => !(STAFF_ROLES as readonly string[]).includes(username));
  for (const username of usernames) expect(text).not.toContain(`"${username}"`);
  for (const agency of DEMO_AGENCIES) expect(text).not.toContain(agency.contactPhone);
  expect(text).not.toMatch(/username|password|Phone|\$2[aby]\$/i);
}

describe('GET /api/v1/directory (PostgreSQL)', () => {
  it('shows a mediator of one committee every agency, staff member and village of the town by name', async () => {
    const auth = await as(mediator);
    // Without the directory the mediator sees their own agency only, and no staff list at all.
    const agencies = await request(service.app).get('/api/v1/agencies').set('Authorization', auth);
    expect(agencies.body.items.map((a: { id: string }) => a.id)).toEqual([DEMO_AGENCY_IDS.shangbaCommittee]);
    expect((await request(service.app).get('/api/v1/staff').set('Authorization', auth)).status).toBe(403);

    const res = await directory(auth);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      townCode: DEMO_TOWN_CODE,
      townName: '清水镇',
      truncated: { villages: false, agencies: false, staff: false },
    });
    const names = (list: { name?: string; displayName?: string }[]) =>
      list.map((item) => item.name ?? item.displayName).sort();
    expect(names(res.body.agencies)).toEqual(DEMO_AGENCIES.map((a) => a.name).sort());
    expect(names(res.body.staff)).toEqual(
      Object.values(DEMO_STAFF)
        .map((s) => s.displayName)
        .sort(),
    );
    // The police station's liaison, in another agency, by name, agency and roles.
    expect(res.body.staff).toContainEqual({
      id: DEMO_STAFF.policeLiaison.id,
      displayName: '联络员 派出所',
      agencyId: DEMO_AGENCY_IDS.policeStation,
      roles: ['liaison', 'mediator'],
      active: true,
    });
    expect(res.body.agencies).toContainEqual({
      id: DEMO_AGENCY_IDS.court,
      kind: 'court',
      name: '清水人民法庭',
      areaCodes: ['shangba', 'xiaba', 'dongkou'],
    });
    expect(res.body.villages).toEqual(
      DEMO_VILLAGES.map((v) => ({ id: v.id, code: v.code, name: v.name, grids: v.gridCodes })).sort((a, b) =>
        a.code < b.code ? -1 : 1,
      ),
    );
    expect(res.body.villages.map((v: { name: string }) => v.name).sort()).toEqual(
      ['上坝村', '下坝村', '洞口村'].sort(),
    );
    for (const staff of res.body.staff) {
      expect(Object.keys(staff).sort()).toEqual(['active', 'agencyId', 'displayName', 'id', 'roles']);
    }
    expectNoPrivateFields(res.body);
  });

  it('keeps disabled accounts listed, flagged inactive, so old names still resolve', async () => {
    await prisma.staff.update({ where: { id: DEMO_STAFF.mediatorXiaba.id }, data: { active: false } });
    try {
      const res = await directory(await as(mediator));
      expect(res.body.staff).toContainEqual(
        expect.objectContaining({ id: DEMO_STAFF.mediatorXiaba.id, displayName: '调解员 下坝', active: false }),
      );
    } finally {
      await prisma.staff.update({ where: { id: DEMO_STAFF.mediatorXiaba.id }, data: { active: true } });
    }
  });

  it('shows nothing of another town to its staff, either way round', async () => {
    const foreign = await directory(await as(mediator), `?townCode=${OTHER_TOWN.code}`);
    expect(foreign.status).toBe(200);
    expect(foreign.body).toEqual({
      townCode: OTHER_TOWN.code,
      villages: [],
      agencies: [],
      staff: [],
      truncated: { villages: false, agencies: false, staff: false },
    });
    // Hetian's own coordinator sees Hetian, and nothing of Qingshui even when asking for it.
    const hetianAuth = await as(HETIAN_COORDINATOR);
    const own = await directory(hetianAuth);
    expect(own.body).toMatchObject({ townCode: OTHER_TOWN.code, townName: '河田镇' });
    expect(own.body.staff.map((s: { displayName: string }) => s.displayName)).toEqual(['河田 协调员']);
    const qingshui = await directory(hetianAuth, `?townCode=${DEMO_TOWN_CODE}`);
    expect(qingshui.status).toBe(200);
    expect(qingshui.body).toMatchObject({ townCode: DEMO_TOWN_CODE, villages: [], agencies: [], staff: [] });
    expect(JSON.stringify(qingshui.body)).not.toMatch(/清水|上坝|调解员/);
  });

  it('makes administrators name the town (400 without `townCode`), then shows any', async () => {
    const auth = await as(administrator);
    const missing = await directory(auth);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      type: 'urn:gongzhi:problem:validation-failed',
      errors: [{ path: 'townCode', message: 'required for administrators' }],
    });
    const hetian = await directory(auth, `?townCode=${OTHER_TOWN.code}`);
    expect(hetian.status).toBe(200);
    expect(hetian.body.agencies.map((a: { name: string }) => a.name)).toEqual(['河田村人民调解委员会']);
    expectNoPrivateFields(hetian.body);
  });

  it("refuses the dispute worker's token (403), before any name is read", async () => {
    const res = await directory(`Bearer ${await service.workerToken()}`, `?townCode=${DEMO_TOWN_CODE}`);
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toMatch(/清水|调解员/);
  });

  it('refuses an unknown query parameter with a 400 naming it', async () => {
    const res = await directory(await as(mediator), '?limit=20');
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('urn:gongzhi:problem:validation-failed');
    expect(JSON.stringify(res.body.errors)).toContain('limit');
  });

  it('audits every read as directory.read on the town', async () => {
    const res = await directory(await as(mediator));
    const requestId = res.headers['x-request-id'];
    const rows = await prisma.auditRecord.findMany({
      where: { requestId },
      select: { action: true, objectId: true, actor: true, objectType: true },
    });
    expect(rows).toEqual([
      { action: 'directory.read', objectType: 'town', objectId: DEMO_TOWN_CODE, actor: DEMO_STAFF.mediatorShangba.id },
    ]);
  });

  it('cuts each list at its limit and says which were cut', async () => {
    const small = await createPrismaAgencyService(prisma, { directoryLimits: { villages: 2, agencies: 3, staff: 20 } });
    const res = await request(small.app)
      .get('/api/v1/directory')
      .set('Authorization', `Bearer ${await small.tokenFor(mediator)}`);
    expect(res.status).toBe(200);
    expect(res.body.villages).toHaveLength(2);
    expect(res.body.agencies).toHaveLength(3);
    expect(res.body.staff).toHaveLength(Object.keys(DEMO_STAFF).length);
    expect(res.body.truncated).toEqual({ villages: true, agencies: true, staff: false });
  });
});

describe('villages by name (PostgreSQL)', () => {
  it("lets the town's coordinator add a village (once per Idempotency-Key) and rename it with If-Match", async () => {
    const auth = await as(coordinator);
    const body = { townCode: DEMO_TOWN_CODE, code: 'xinzhai', name: '新寨村', gridCodes: ['xinzhai-01'] };
    const created = await request(service.app)
      .post('/api/v1/villages')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'village-xinzhai-1')
      .send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, version: 1 });
    const replay = await request(service.app)
      .post('/api/v1/villages')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'village-xinzhai-1')
      .send(body);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(created.body.id);
    // The same code again, under a new key, is a conflict: one village per code and town.
    const duplicate = await request(service.app).post('/api/v1/villages').set('Authorization', auth).send(body);
    expect(duplicate.status).toBe(409);

    const id: string = created.body.id;
    const rename = (ifMatch: string | undefined, who: string) => {
      const req = request(service.app).patch(`/api/v1/villages/${id}`).set('Authorization', who);
      return (ifMatch ? req.set('If-Match', ifMatch) : req).send({ name: '新寨社区' });
    };
    expect((await rename(undefined, auth)).status).toBe(428);
    expect((await rename(etagOf(id, 1), await as(mediator))).status).toBe(403);
    const renamed = await rename(etagOf(id, 1), auth);
    expect(renamed.status).toBe(200);
    expect(renamed.headers.etag).toBe(etagOf(id, 2));
    expect((await rename(etagOf(id, 1), auth)).status).toBe(412);
    // Another town's coordinator does not see it at all.
    expect((await rename(etagOf(id, 2), await as(HETIAN_COORDINATOR))).status).toBe(404);

    const read = await directory(await as(mediator));
    expect(read.body.villages).toContainEqual({ id, code: 'xinzhai', name: '新寨社区', grids: ['xinzhai-01'] });

    // The demo seed run again adds nothing and undoes no rename.
    await prisma.village.update({ where: { id: DEMO_VILLAGES[0]?.id ?? '' }, data: { name: '上坝社区' } });
    await seedDemoTown(prisma);
    const again = await directory(await as(mediator));
    expect(again.body.villages.map((v: { name: string }) => v.name).sort()).toEqual(
      ['上坝社区', '下坝村', '洞口村', '新寨社区'].sort(),
    );
  });

  it("refuses a coordinator another town's village (403 to add, 404 to read)", async () => {
    const auth = await as(coordinator);
    const add = await request(service.app)
      .post('/api/v1/villages')
      .set('Authorization', auth)
      .send({ townCode: OTHER_TOWN.code, code: 'hetian-2', name: '河田二村' });
    expect(add.status).toBe(403);
    expect(
      (await request(service.app).get(`/api/v1/villages/${OTHER_TOWN.villageId}`).set('Authorization', auth)).status,
    ).toBe(404);
  });
});
