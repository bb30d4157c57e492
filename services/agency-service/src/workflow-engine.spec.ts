import request from 'supertest';
import { agencyRouteTable, createFakeAgencyService, OTHER_TOWN, seedInMemoryDemoTown } from './agency-service.fakes';
import { DEFAULT_POLICY } from './policy/policy.defaults';
import { WORKFLOW_ENGINE_OPERATIONS } from './workflow-engine';
import { DEMO_AGENCIES, DEMO_STAFF } from './seed/demo-town';

const DEMO_STAFF_ADMIN = DEMO_STAFF.administrator;

/** The dispute worker plans every town's cases: it reads any town's policy and agencies, and changes nothing. */
describe('the workflow engine (the dispute worker’s service identity)', () => {
  async function setup() {
    const fake = await createFakeAgencyService();
    await seedInMemoryDemoTown(fake);
    const auth = `Bearer ${await fake.workerToken()}`;
    return { fake, get: (path: string) => request(fake.app).get(path).set('Authorization', auth), auth };
  }

  it('reads the policy of any town', async () => {
    const { get } = await setup();
    for (const town of ['qingshui', OTHER_TOWN.code]) {
      const res = await get(`/api/v1/towns/${town}/policy`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ townCode: town, version: 0 });
    }
  });

  it('lists the agencies of the town it asks for', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/agencies?townCode=qingshui&limit=100');
    expect(res.status).toBe(200);
    expect(res.body.items.map((a: { id: string }) => a.id).sort()).toEqual(DEMO_AGENCIES.map((a) => a.id).sort());
    const other = await get(`/api/v1/agencies?townCode=${OTHER_TOWN.code}`);
    expect(other.body.items.map((a: { id: string }) => a.id)).toEqual([OTHER_TOWN.committeeId]);
  });

  it('uses the calendar', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/calendar/add-working-days?from=2026-09-30T01:00:00Z&days=3');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ result: '2026-10-10T01:00:00.000Z', basis: 'official' });
  });

  it('reads a staff account and an agency by id in any town: the workflow checks whom and where it sends a case', async () => {
    const { get } = await setup();
    expect((await get(`/api/v1/staff/${OTHER_TOWN.coordinatorId}`)).status).toBe(200);
    expect((await get(`/api/v1/agencies/${OTHER_TOWN.committeeId}`)).status).toBe(200);
  });

  it('may not change agencies or policies, nor list staff accounts', async () => {
    const { fake, auth, get } = await setup();
    const created = await request(fake.app).post('/api/v1/agencies').set('Authorization', auth).send({
      kind: 'court',
      name: '某法庭',
      townCode: 'qingshui',
      areaCodes: [],
      contactPhone: null,
      receptionHours: [],
    });
    expect(created.status).toBe(403);
    const replaced = await request(fake.app)
      .put('/api/v1/towns/qingshui/policy')
      .set('Authorization', auth)
      .set('If-Match', '"policy-qingshui.v0"')
      .send(DEFAULT_POLICY);
    expect(replaced.status).toBe(403);
    expect((await get('/api/v1/staff')).status).toBe(403);
  });

  it('is refused with a problem on every route its activities do not call, however the path is spelt', async () => {
    const { get } = await setup();
    for (const path of [
      '/api/v1/staff?limit=100',
      '/api/v1/towns/qingshui/policy/versions/0',
      '/api/v1/calendar/is-working-day?date=2026-10-10',
      // Express routes these to the staff routes (case-insensitive, trailing slash): the routes' own guards refuse.
      '/API/V1/STAFF',
      '/api/v1/staff/',
    ]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.body).toMatchObject({ type: 'urn:gongzhi:problem:forbidden', status: 403 });
      expect(res.body.detail).toContain('workflow engine');
    }
  });

  it('finds no route that is not there, as anyone would not', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/no-such-route');
    expect(res.status).toBe(404);
  });

  it('may call exactly the routes WORKFLOW_ENGINE_OPERATIONS names: each of them, and no other, declares it', async () => {
    const declared = agencyRouteTable().filter((route) => route.callers.includes('workflow-engine'));
    expect(declared.map((route) => route.operationId).sort()).toEqual([...WORKFLOW_ENGINE_OPERATIONS].sort());
  });

  it('gets the same answers as staff on the routes it may call (the guard only lets it through)', async () => {
    const { fake, get } = await setup();
    const staff = await fake.tokenFor({
      staffId: DEMO_STAFF_ADMIN.id,
      agencyId: DEMO_STAFF_ADMIN.agencyId,
      townCode: 'qingshui',
      roles: ['administrator'],
    });
    const asStaff = await request(fake.app)
      .get('/api/v1/calendar/add-calendar-days?from=2026-09-30T01:00:00Z&days=3')
      .set('Authorization', `Bearer ${staff}`);
    const asEngine = await get('/api/v1/calendar/add-calendar-days?from=2026-09-30T01:00:00Z&days=3');
    expect(asEngine.body).toEqual(asStaff.body);
  });
});
