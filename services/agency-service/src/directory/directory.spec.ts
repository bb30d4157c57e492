import request from 'supertest';
import { createFakeAgencyService, demoPrincipal, OTHER_TOWN, seedInMemoryDemoTown } from '../agency-service.fakes';
import { DEMO_STAFF, DEMO_TOWN_CODE, type DemoStaff } from '../seed/demo-town';

async function setup(options: Parameters<typeof createFakeAgencyService>[0] = {}) {
  const fake = await createFakeAgencyService(options);
  await seedInMemoryDemoTown(fake);
  const get = async (path: string, staff: DemoStaff = DEMO_STAFF.gridWorker) =>
    request(fake.app)
      .get(path)
      .set('Authorization', `Bearer ${await fake.tokenFor(demoPrincipal(staff))}`);
  return { fake, get };
}

describe('town directory (fakes)', () => {
  it('names the whole town for a grid worker, the village grids included', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/directory');
    expect(res.status).toBe(200);
    expect(res.body.townName).toBe('清水镇');
    expect(res.body.agencies).toHaveLength(7);
    expect(res.body.staff).toHaveLength(Object.keys(DEMO_STAFF).length);
    expect(res.body.villages.map((v: { code: string }) => v.code)).toEqual(['dongkou', 'shangba', 'xiaba']);
    expect(res.body.villages[1]).toMatchObject({ name: '上坝村', grids: ['shangba-01', 'shangba-02', 'shangba-03'] });
  });

  it('reads an own-town `townCode` like none, and another town as empty', async () => {
    const { get } = await setup();
    const own = await get(`/api/v1/directory?townCode=${DEMO_TOWN_CODE}`);
    expect(own.body.staff).toHaveLength(Object.keys(DEMO_STAFF).length);
    const foreign = await get(`/api/v1/directory?townCode=${OTHER_TOWN.code}`, DEMO_STAFF.coordinator);
    expect(foreign.body).toEqual({
      townCode: OTHER_TOWN.code,
      villages: [],
      agencies: [],
      staff: [],
      truncated: { villages: false, agencies: false, staff: false },
    });
  });

  it('flags exactly the lists that hit their limit', async () => {
    const { get } = await setup({ directoryLimits: { villages: 3, agencies: 7, staff: 8 } });
    const res = await get('/api/v1/directory');
    expect(res.body.truncated).toEqual({ villages: false, agencies: false, staff: true });
    expect(res.body.staff).toHaveLength(8);
  });

  it('refuses administrators without a town, and audits each read on the town', async () => {
    const { fake, get } = await setup();
    const res = await get('/api/v1/directory', DEMO_STAFF.administrator);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'townCode', message: 'required for administrators' }]);
    await get('/api/v1/directory');
    expect(fake.audit.filter((entry) => entry.action === 'directory.read')).toEqual([
      expect.objectContaining({ actor: DEMO_STAFF.gridWorker.id, objectType: 'town', objectId: DEMO_TOWN_CODE }),
    ]);
  });

  it('publishes its schemas in the OpenAPI document, with no username or phone', async () => {
    const { fake } = await setup();
    const res = await request(fake.app).get('/openapi.json');
    const schemas = (res.body as { components: { schemas: Record<string, { properties: object }> } }).components
      .schemas;
    expect(Object.keys(schemas.DirectoryStaff?.properties ?? {}).sort()).toEqual([
      'active',
      'agencyId',
      'displayName',
      'id',
      'roles',
    ]);
    expect(Object.keys(schemas.DirectoryAgency?.properties ?? {}).sort()).toEqual(['areaCodes', 'id', 'kind', 'name']);
    expect(schemas.TownDirectory).toBeDefined();
    expect(schemas.WorkingDaysBetween).toBeDefined();
    expect(res.body.paths['/api/v1/directory'].get.operationId).toBe('getTownDirectory');
    expect(res.body.paths['/api/v1/calendar/working-days-between'].get.operationId).toBe('countWorkingDays');
  });
});
