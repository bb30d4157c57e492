/**
 * A token signed with agency-service's own key, but with time claims a real signer never writes, is refused by the
 * running service (PostgreSQL behind it): no `exp`, no `iat`, an `iat` far ahead, a lifetime beyond the longest
 * agency-service may configure. The same forger with honest claims gets in, so the signature is not what is refused.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { importPKCS8, SignJWT } from 'jose';
import request from 'supertest';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from './generated/prisma/client';
import { DEMO_STAFF, seedDemoTown } from './seed/demo-town';
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
  await prisma.$disconnect();
  await db.drop();
});

const admin = DEMO_STAFF.administrator;

/** The administrator's claims, signed with the service's own staff key; `times` as the forger likes. */
async function forged(times: { iat?: number; exp?: number }): Promise<string> {
  return new SignJWT({ agency: admin.agencyId, town: 'qingshui', roles: ['administrator'], ...times })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setSubject(admin.id)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .sign(await importPKCS8(service.staffPrivateKeyPem, 'EdDSA'));
}

const readStaffWith = (token: string) =>
  request(service.app).get('/api/v1/staff?limit=5').set('Authorization', `Bearer ${token}`);

describe('time claims of access tokens, on the running service', () => {
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it('lets in a correctly signed token with honest claims (the control)', async () => {
    const res = await readStaffWith(await forged({ iat: nowSeconds(), exp: nowSeconds() + 600 }));
    expect(res.status).toBe(200);
  });

  it.each([
    ['without exp (a token that never expires)', () => ({ iat: nowSeconds() })],
    ['without iat', () => ({ exp: nowSeconds() + 600 })],
    ['issued an hour in the future', () => ({ iat: nowSeconds() + 3600, exp: nowSeconds() + 3600 + 600 })],
    ['issued ten years in the future', () => ({ iat: nowSeconds() + 315_360_000, exp: nowSeconds() + 315_360_900 })],
    ['living a year', () => ({ iat: nowSeconds(), exp: nowSeconds() + 31_536_000 })],
    [
      'living a second longer than a day, the most a staff token may',
      () => ({
        iat: nowSeconds(),
        exp: nowSeconds() + 86_401,
      }),
    ],
  ])('refuses a correctly signed token %s with 401', async (_name, times) => {
    const res = await readStaffWith(await forged(times()));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ type: 'urn:gongzhi:problem:unauthenticated', status: 401 });
    expect(res.body.detail).toMatch(/log in again/);
  });
});
