/**
 * The real agency-service, on PostgreSQL: an Idempotency-Key is scoped to the route a request reaches, not to how its
 * path was spelled. Express routes `/API/V1/AGENCIES/` to the same handler as `/api/v1/agencies`, so a client (or a
 * proxy) that retries with another spelling must get the first answer replayed, never a second agency.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from './generated/prisma/client';
import { DEMO_STAFF, DEMO_TOWN_CODE, seedDemoTown } from './seed/demo-town';
import { createPrismaAgencyService, type PrismaAgencyService } from './testing/prisma-wiring';

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

describe('agency-service idempotency keys and the spelling of the path (PostgreSQL)', () => {
  it('replays the first agency when the same key is retried on /API/V1/AGENCIES/, and creates one agency', async () => {
    const who = DEMO_STAFF.administrator;
    const principal: Principal = {
      staffId: who.id,
      agencyId: who.agencyId,
      townCode: DEMO_TOWN_CODE,
      roles: [...who.roles],
    };
    const bearer = `Bearer ${await service.tokenFor(principal)}`;
    const body = {
      kind: 'other-department',
      name: '清水镇水利站',
      townCode: DEMO_TOWN_CODE,
      areaCodes: [],
      contactPhone: null,
      receptionHours: [],
    };
    const create = (path: string) =>
      request(service.app)
        .post(path)
        .set('Authorization', bearer)
        .set('Idempotency-Key', 'spelling-agency-0001')
        .send(body);

    const first = await create('/api/v1/agencies');
    const retried = await create('/API/V1/AGENCIES/');
    expect([first.status, retried.status]).toEqual([201, 201]);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(first.body);
    expect(await prisma.agency.count({ where: { name: body.name } })).toBe(1);
  });
});
