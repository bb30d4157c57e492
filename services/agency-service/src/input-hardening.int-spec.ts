/**
 * The real agency-service, on PostgreSQL: input the database cannot store is a 400 problem naming the field, never a
 * 500 — a NUL character in the (unauthenticated) login's username, a malformed percent-encoded path, a year-0000
 * instant.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from './generated/prisma/client';
import { DEMO_PASSWORD, DEMO_STAFF, DEMO_TOWN_CODE, seedDemoTown } from './seed/demo-town';
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

function expectValidationProblem(res: request.Response, errors: { path: string; message: unknown }[]) {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({ type: 'urn:gongzhi:problem:validation-failed', errors });
}

describe('agency-service refuses unstorable input with a 400 problem (PostgreSQL)', () => {
  it('refuses a NUL character in the username at login, before any account is looked up', async () => {
    const res = await request(service.app)
      .post('/api/v1/auth/login')
      .send({ username: `${DEMO_STAFF.coordinator.username}\u0000`, password: DEMO_PASSWORD });
    expectValidationProblem(res, [{ path: 'username', message: expect.stringContaining('NUL') }]);
    // The account is untouched: no failed attempt counted against it, and the real login still works.
    const login = await request(service.app)
      .post('/api/v1/auth/login')
      .send({ username: DEMO_STAFF.coordinator.username, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
  });

  it('refuses a path that is not valid percent-encoding and a year-0000 instant', async () => {
    const principal: Principal = {
      staffId: DEMO_STAFF.coordinator.id,
      agencyId: DEMO_STAFF.coordinator.agencyId,
      townCode: DEMO_TOWN_CODE,
      roles: ['coordinator'],
    };
    const auth = `Bearer ${await service.tokenFor(principal)}`;
    const path = await request(service.app).get('/api/v1/agencies/%E0%A4%A').set('Authorization', auth);
    expectValidationProblem(path, [{ path: '(path)', message: 'malformed percent-encoding' }]);
    const year0 = await request(service.app)
      .get('/api/v1/calendar/add-working-days?from=0000-01-03T09:00:00%2B08:00&days=2')
      .set('Authorization', auth);
    expectValidationProblem(year0, [{ path: 'from', message: 'use an instant between the years 1900 and 9999' }]);
  });
});
