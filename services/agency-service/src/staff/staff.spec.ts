import request from 'supertest';
import { DEMO_AGENCY_IDS, DEMO_STAFF, type DemoStaff } from '../seed/demo-town';
import { createFakeAgencyService, demoPrincipal, OTHER_TOWN, seedInMemoryDemoTown } from '../agency-service.fakes';

async function setup() {
  const fake = await createFakeAgencyService();
  await seedInMemoryDemoTown(fake);
  const as = async (staff: DemoStaff) => {
    const auth = `Bearer ${await fake.tokenFor(demoPrincipal(staff))}`;
    return {
      get: (path: string) => request(fake.app).get(path).set('Authorization', auth),
      post: (body: object) => request(fake.app).post('/api/v1/staff').set('Authorization', auth).send(body),
    };
  };
  return { fake, as };
}

const newMediator = {
  username: 'mediator.shangba2',
  displayName: '调解员 二',
  agencyId: DEMO_AGENCY_IDS.shangbaCommittee,
  roles: ['mediator', 'grid-worker'],
  password: 'a-long-enough-password',
};

describe('staff accounts', () => {
  it('are created by a coordinator, can log in, and never show their password hash', async () => {
    const { fake, as } = await setup();
    const res = await (await as(DEMO_STAFF.coordinator)).post(newMediator);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'mediator.shangba2', townCode: 'qingshui', active: true, version: 1 });
    expect(Object.keys(res.body)).not.toContain('password');
    expect(Object.keys(res.body)).not.toContain('passwordHash');
    expect(fake.repositories.staff.rows.get(res.body.id)?.passwordHash).toMatch(/^\$2[aby]\$/);
    const login = await request(fake.app)
      .post('/api/v1/auth/login')
      .send({ username: 'mediator.shangba2', password: 'a-long-enough-password' });
    expect(login.status).toBe(200);
    expect(fake.audit).toContainEqual(expect.objectContaining({ action: 'staff.create', objectId: res.body.id }));
  });

  it('need a free username (409), a visible agency (404) and a valid password and roles (400)', async () => {
    const { as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    const taken = await coordinator.post({ ...newMediator, username: 'mediator.shangba' });
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toContain('choose another one');
    expect((await coordinator.post({ ...newMediator, agencyId: OTHER_TOWN.committeeId })).status).toBe(404);
    const bad = await coordinator.post({ ...newMediator, password: 'short', roles: ['mediator', 'mediator'] });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['password', 'roles']);
  });

  it('with the administrator role are created by administrators only', async () => {
    const { as } = await setup();
    const admin = { ...newMediator, username: 'admin2', roles: ['administrator'] };
    expect((await (await as(DEMO_STAFF.coordinator)).post(admin)).status).toBe(403);
    expect((await (await as(DEMO_STAFF.administrator)).post(admin)).status).toBe(201);
  });

  it('are listed for coordinators (their town) and administrators (all), not for other roles', async () => {
    const { as } = await setup();
    const town = await (await as(DEMO_STAFF.coordinator)).get('/api/v1/staff?limit=100');
    expect(town.body.items).toHaveLength(9);
    const all = await (await as(DEMO_STAFF.administrator)).get('/api/v1/staff?limit=100');
    expect(all.body.items).toHaveLength(10);
    const committee = await (
      await as(DEMO_STAFF.coordinator)
    ).get(`/api/v1/staff?agencyId=${DEMO_AGENCY_IDS.shangbaCommittee}`);
    expect(committee.body.items.map((s: { username: string }) => s.username).sort()).toEqual([
      'grid.shangba',
      'mediator.shangba',
    ]);
    expect((await (await as(DEMO_STAFF.mediatorShangba)).get('/api/v1/staff')).status).toBe(403);
  });

  it('are readable by colleagues of the same agency, and invisible (404) to others', async () => {
    const { as } = await setup();
    const mediator = await as(DEMO_STAFF.mediatorShangba);
    expect((await mediator.get(`/api/v1/staff/${DEMO_STAFF.gridWorker.id}`)).status).toBe(200);
    expect((await mediator.get(`/api/v1/staff/${DEMO_STAFF.policeLiaison.id}`)).status).toBe(404);
    const coordinator = await as(DEMO_STAFF.coordinator);
    expect((await coordinator.get(`/api/v1/staff/${OTHER_TOWN.coordinatorId}`)).status).toBe(404);
  });
});
