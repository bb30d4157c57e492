/**
 * The dispute worker's token sees every town, so `GET /api/v1/staff/:id` answers it with the account's ids, town,
 * roles and active flag only, never a name or a username (issue 12, finding 4); staff keep the full view, as far as
 * their visibility reaches. On the running service with PostgreSQL behind it.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import { DEMO_STAFF, DEMO_TOWN_CODE, seedDemoTown } from '../seed/demo-town';
import { createPrismaAgencyService, type PrismaAgencyService } from '../testing/prisma-wiring';

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
  await prisma.$disconnect();
  await db.drop();
});

const mediator = DEMO_STAFF.mediatorShangba;
const readStaff = (token: string, id: string) =>
  request(service.app).get(`/api/v1/staff/${id}`).set('Authorization', `Bearer ${token}`);

describe('GET /api/v1/staff/:id for the workflow engine and for staff', () => {
  it('gives the worker token ids, town, roles and the active flag, and no name or username', async () => {
    const res = await readStaff(await service.workerToken(), mediator.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: mediator.id,
      agencyId: mediator.agencyId,
      townCode: DEMO_TOWN_CODE,
      roles: [...mediator.roles],
      active: true,
    });
    expect(JSON.stringify(res.body)).not.toContain(mediator.username);
  });

  it('gives staff who may see the account its full view, names included', async () => {
    const coordinator = DEMO_STAFF.coordinator;
    const token = await service.tokenFor({
      staffId: coordinator.id,
      agencyId: coordinator.agencyId,
      townCode: DEMO_TOWN_CODE,
      roles: [...coordinator.roles],
    });
    const res = await readStaff(token, mediator.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: mediator.id, username: mediator.username, displayName: expect.any(String) });
  });

  it('still hides the account from a coordinator of another town', async () => {
    const coordinator = DEMO_STAFF.coordinator;
    const token = await service.tokenFor({
      staffId: coordinator.id,
      agencyId: coordinator.agencyId,
      townCode: 'hetian',
      roles: [...coordinator.roles],
    });
    expect((await readStaff(token, mediator.id)).status).toBe(404);
  });

  it('documents the reduced view in the OpenAPI document', async () => {
    const res = await request(service.app).get('/openapi.json');
    expect(res.status).toBe(200);
    const schemas = (res.body as { components: { schemas: Record<string, { properties: object }> } }).components
      .schemas;
    expect(Object.keys(schemas.StaffForWorkflowEngine?.properties ?? {}).sort()).toEqual([
      'active',
      'agencyId',
      'id',
      'roles',
      'townCode',
    ]);
  });
});
