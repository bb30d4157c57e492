/**
 * Changing staff accounts on PostgreSQL: a deactivation revokes the person's refresh tokens and writes its event to the
 * outbox in the transaction of the change; a stale or refused change writes neither; two administrators deactivating
 * each other at once leave one standing; and the list's filters run in SQL (`%` and `_` taken literally).
 */
import { PrismaPg } from '@prisma/adapter-pg';
import request from 'supertest';
import { parseDomainEvent, type Principal, type StaffRole } from '@gongzhi/contracts';
import { etagOf } from '@gongzhi/http';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import { DEMO_AGENCY_IDS, DEMO_PASSWORD, DEMO_STAFF, DEMO_TOWN_CODE, seedDemoTown } from '../seed/demo-town';
import { createPrismaAgencyService, type PrismaAgencyService } from '../testing/prisma-wiring';

let db: TestDatabase;
let prisma: PrismaClient;
let service: PrismaAgencyService;

const SECOND_ADMIN = {
  id: '5aff0000-0000-4000-8000-0000000000aa',
  username: 'admin.two',
  displayName: '第二管理员',
  agencyId: DEMO_AGENCY_IDS.judicialOffice,
  roles: ['administrator' as const],
};
const PERCENT_NAME = {
  id: '5aff0000-0000-4000-8000-0000000000ab',
  username: 'grid.percent',
  displayName: '百分_号%网格员',
  agencyId: DEMO_AGENCY_IDS.xiabaCommittee,
  roles: ['grid-worker' as const],
};

beforeAll(async () => {
  db = await createTestDatabase('agency');
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  await seedDemoTown(prisma);
  service = await createPrismaAgencyService(prisma);
  for (const staff of [SECOND_ADMIN, PERCENT_NAME]) {
    await service.repositories.staff.create({ ...staff, roles: [...staff.roles], password: DEMO_PASSWORD });
  }
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

async function bearer(who: { id: string; agencyId: string; roles: readonly StaffRole[] }): Promise<string> {
  const principal: Principal = {
    staffId: who.id,
    agencyId: who.agencyId,
    townCode: DEMO_TOWN_CODE,
    roles: [...who.roles],
  };
  return `Bearer ${await service.tokenFor(principal)}`;
}

async function patch(who: Parameters<typeof bearer>[0], id: string, body: object) {
  const row = await prisma.staff.findUniqueOrThrow({ where: { id }, select: { version: true } });
  return request(service.app)
    .patch(`/api/v1/staff/${id}`)
    .set('Authorization', await bearer(who))
    .set('If-Match', etagOf(id, row.version))
    .send(body);
}

const staffEvents = (staffId: string) =>
  prisma.outboxEvent.findMany({
    where: { key: staffId, eventType: 'gongzhi.agency.staff-changed' },
    orderBy: { seq: 'asc' },
    select: { topic: true, event: true },
  });

describe('deactivating an account on PostgreSQL', () => {
  const mediator = DEMO_STAFF.mediatorXiaba;

  it('revokes the refresh tokens and announces the change in the same transaction', async () => {
    const login = () =>
      request(service.app).post('/api/v1/auth/login').send({ username: mediator.username, password: DEMO_PASSWORD });
    const first = await login();
    const second = await login();
    expect([first.status, second.status]).toEqual([200, 200]);

    const res = await patch(DEMO_STAFF.coordinator, mediator.id, { active: false });
    expect(res.status).toBe(200);

    const live = await prisma.refreshToken.count({ where: { staffId: mediator.id, revokedAt: null } });
    expect(live).toBe(0);
    for (const session of [first, second]) {
      const refresh = await request(service.app)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.body.refreshToken });
      expect(refresh.status).toBe(401);
    }
    expect((await login()).status).toBe(401);

    const events = await staffEvents(mediator.id);
    expect(events).toHaveLength(1);
    const parsed = parseDomainEvent(events[0]?.event);
    expect(parsed.ok).toBe(true);
    expect(events[0]?.event).toMatchObject({
      subject: `staff/${mediator.id}`,
      data: {
        staffId: mediator.id,
        agencyId: mediator.agencyId,
        townCode: DEMO_TOWN_CODE,
        roles: [...mediator.roles],
        active: false,
        version: 2,
        changedFields: ['active'],
        changedBy: DEMO_STAFF.coordinator.id,
      },
    });
    expect(JSON.stringify(events)).not.toMatch(/mediator\.xiaba|调解员 下坝/);

    const audit = await prisma.auditRecord.findMany({
      where: { objectId: mediator.id, action: 'staff.deactivate' },
      select: { actor: true },
    });
    expect(audit).toEqual([{ actor: DEMO_STAFF.coordinator.id }]);
  });

  it('writes nothing for a stale change or a refused one', async () => {
    const target = DEMO_STAFF.mediatorDongkou;
    const stale = await request(service.app)
      .patch(`/api/v1/staff/${target.id}`)
      .set('Authorization', await bearer(DEMO_STAFF.coordinator))
      .set('If-Match', etagOf(target.id, 7))
      .send({ active: false });
    expect(stale.status).toBe(412);
    const refused = await patch(DEMO_STAFF.coordinator, target.id, { roles: ['administrator'] });
    expect(refused.status).toBe(403);
    expect(
      await prisma.staff.findUnique({ where: { id: target.id }, select: { active: true, version: true } }),
    ).toEqual({ active: true, version: 1 });
    expect(await staffEvents(target.id)).toEqual([]);
  });
});

describe('the last active administrator on PostgreSQL', () => {
  it('stays when two administrators deactivate each other at the same moment', async () => {
    const admin = DEMO_STAFF.administrator;
    const [one, two] = await Promise.all([
      patch(admin, SECOND_ADMIN.id, { active: false }),
      patch(SECOND_ADMIN, admin.id, { active: false }),
    ]);
    // Exactly one wins. How the other is refused depends on the interleaving: checked while the winner's change is
    // in flight, it would leave no administrator (409); checked after it committed, its own account is no longer
    // active (403). Either way it changes nothing.
    expect([one.status, two.status].filter((status) => status === 200)).toHaveLength(1);
    const refused = one.status === 200 ? two : one;
    const refusals: Record<number, string> = {
      409: 'urn:gongzhi:problem:last-administrator',
      403: 'urn:gongzhi:problem:forbidden',
    };
    expect(refused.body.type).toBe(refusals[refused.status]);
    const active = await prisma.staff.findMany({
      where: { active: true, roles: { has: 'administrator' } },
      select: { id: true },
    });
    expect(active).toHaveLength(1);
    // The refused change announced nothing: one event in all, the winner's.
    const events = [...(await staffEvents(admin.id)), ...(await staffEvents(SECOND_ADMIN.id))];
    expect(events).toHaveLength(1);
  });
});

describe('the staff list on PostgreSQL', () => {
  const list = async (query: string) => {
    const res = await request(service.app)
      .get(`/api/v1/staff?${query}`)
      .set('Authorization', await bearer(DEMO_STAFF.coordinator));
    expect(res.status).toBe(200);
    return (res.body.items as { username: string }[]).map((item) => item.username).sort();
  };

  it('filters by role and active flag, and searches names and usernames with `%` and `_` taken literally', async () => {
    expect(await list('role=liaison')).toEqual(['liaison.court', 'liaison.judicial', 'liaison.police']);
    expect(await list('role=grid-worker&active=true')).toEqual(['grid.percent', 'grid.shangba', 'mediator.dongkou']);
    expect(await list('q=SHANGBA')).toEqual(['grid.shangba', 'mediator.shangba']);
    expect(await list(`q=${encodeURIComponent('下坝')}`)).toEqual(['mediator.xiaba']);
    expect(await list('q=%25')).toEqual(['grid.percent']);
    expect(await list('q=_')).toEqual(['grid.percent']);
    expect(await list('q=a_m')).toEqual([]);
    expect(await list(`agencyId=${DEMO_AGENCY_IDS.xiabaCommittee}&active=false`)).toEqual(['mediator.xiaba']);
  });
});
