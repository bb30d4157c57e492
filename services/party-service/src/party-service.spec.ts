import request from 'supertest';
import { createLogger } from '@gongzhi/http';
import { createPartyService } from './party-service';

describe('party-service shell', () => {
  it('is live, reports readiness from its database check, and publishes an OpenAPI document', async () => {
    let databaseUp = true;
    const { app } = createPartyService({
      logger: createLogger('party-service', 'silent'),
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
  });
});
