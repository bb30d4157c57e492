import { isAuditObjectType, routeNounOf } from '@gongzhi/http';
import request from 'supertest';
import { createFakePartyService } from './party-service.fakes';

describe('party-service shell', () => {
  it('is live, reports readiness from its database check, and publishes an OpenAPI document', async () => {
    let databaseUp = true;
    const { app } = await createFakePartyService({
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
    expect(openapi.body.info.title).toBe('Gongzhi party-service');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/parties/lookup-or-create',
        '/api/v1/parties/{id}',
        '/api/v1/parties/{id}/risk-flags',
        '/api/v1/parties/possible-duplicates',
        '/api/v1/parties/{id}/duplicate-review',
      ]),
    );
  });

  it('names the object of every route in the contracts, so a refusal on any of them is recorded under it', async () => {
    const { app } = await createFakePartyService();
    const paths = Object.keys((await request(app).get('/openapi.json')).body.paths as Record<string, unknown>);
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((path) => !isAuditObjectType(routeNounOf(path).noun))).toEqual([]);
  });

  it('asks for a token on every API route, with a problem saying how', async () => {
    const { app } = await createFakePartyService();
    const res = await request(app).get('/api/v1/parties');
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('urn:gongzhi:problem:unauthenticated');
  });
});
