/**
 * Issue 14, finding 1, on case-service (the service the worker calls most): a burst of real worker-signed calls from
 * one address, far over the per-address limit, is never refused with 429; a person from that address is.
 */
import request from 'supertest';
import { createFakeCaseService } from './testing/fake-case-service';

const PER_IP = 5;

describe('case-service rate limits and the workflow engine', () => {
  it('never throttles the worker’s own token, and still limits a person from the same address', async () => {
    const service = await createFakeCaseService({ rateLimits: { perIp: PER_IP, perUser: PER_IP } });
    const engine = await service.engineBearer();
    for (let i = 0; i < PER_IP * 8; i += 1) {
      const res = await request(service.app)
        .put('/internal/v1/cases/case-unknown/progress')
        .set('Authorization', engine)
        .send({});
      expect(res.status).not.toBe(429);
    }
    const person = await service.bearer({
      staffId: 'staff-1',
      agencyId: 'agency-1',
      townCode: 'qingshui',
      roles: ['mediator'],
    });
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP + 1; i += 1) {
      statuses.push((await request(service.app).get('/api/v1/cases').set('Authorization', person)).status);
    }
    expect(statuses[PER_IP]).toBe(429);
  });
});
