import { isAuditObjectType, routeNounOf } from '@gongzhi/http';
import request from 'supertest';
import { DEMO_STAFF } from './seed/demo-town';
import { createFakeAgencyService, demoPrincipal, seedInMemoryDemoTown } from './agency-service.fakes';

describe('agency-service shell', () => {
  it('is live, reports readiness from its database check, and publishes an OpenAPI document', async () => {
    let databaseUp = true;
    const { app } = await createFakeAgencyService({
      readiness: {
        database: async () => {
          if (!databaseUp) throw new Error('connection refused');
        },
      },
    });
    expect((await request(app).get('/health/live')).status).toBe(200);
    expect((await request(app).get('/health/ready')).status).toBe(200);
    databaseUp = false;
    expect((await request(app).get('/health/ready')).status).toBe(503);
    const openapi = await request(app).get('/openapi.json');
    expect(openapi.body.info.title).toBe('Gongzhi agency-service');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/agencies/{id}', '/api/v1/towns/{town}/policy', '/api/v1/auth/login']),
    );
  });

  it('names the object of every route in the contracts, so a refusal on any of them is recorded under it', async () => {
    const { app } = await createFakeAgencyService();
    const paths = Object.keys((await request(app).get('/openapi.json')).body.paths as Record<string, unknown>);
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((path) => !isAuditObjectType(routeNounOf(path).noun))).toEqual([]);
  });

  it('asks for a token on everything but the public auth routes', async () => {
    const { app } = await createFakeAgencyService();
    const res = await request(app).get('/api/v1/agencies');
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('urn:gongzhi:problem:unauthenticated');
    expect((await request(app).get('/api/v1/auth/public-key')).status).toBe(200);
    const forged = await request(app).get('/api/v1/agencies').set('Authorization', 'Bearer not.a.token');
    expect(forged.status).toBe(401);
  });
});

describe('rate limits', () => {
  it('limits one address before authentication, with a 429 problem', async () => {
    const { app } = await createFakeAgencyService({ rateLimits: { perIpPerMinute: 2, perUserPerMinute: 100 } });
    await request(app).get('/api/v1/auth/public-key');
    await request(app).get('/api/v1/auth/public-key');
    const res = await request(app).get('/api/v1/agencies');
    expect(res.status).toBe(429);
    expect(res.body.type).toBe('urn:gongzhi:problem:rate-limited');
    expect(res.body.detail).toContain('from one address');
  });

  it('limits one user after authentication, without counting other users against them', async () => {
    const fake = await createFakeAgencyService({ rateLimits: { perIpPerMinute: 100, perUserPerMinute: 2 } });
    await seedInMemoryDemoTown(fake);
    const mediator = await fake.tokenFor(demoPrincipal(DEMO_STAFF.mediatorShangba));
    const coordinator = await fake.tokenFor(demoPrincipal(DEMO_STAFF.coordinator));
    const get = (token: string) => request(fake.app).get('/api/v1/agencies').set('Authorization', `Bearer ${token}`);
    expect((await get(mediator)).status).toBe(200);
    expect((await get(mediator)).status).toBe(200);
    const limited = await get(mediator);
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toContain('per user');
    expect((await get(coordinator)).status).toBe(200);
  });
});
