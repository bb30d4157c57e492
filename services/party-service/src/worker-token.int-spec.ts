/**
 * Security review, issue 12, finding 4: the dispute worker's `workflow-engine` token sees every town (canSee lets it),
 * and none of its activities calls party-service. A leaked worker key must not read anybody's personal data or risk
 * flags here: party-service refuses that token on every route (403), verified with the worker's real key as main.ts
 * verifies it.
 */
import request from 'supertest';
import { AGENCIES, principal } from './party-service.fakes';
import { syntheticIdNumber } from './seed/synthetic-ids';
import { type PartyServiceOnPostgres, startPartyServiceOnPostgres } from './testing/party-service-on-postgres';

let service: PartyServiceOnPostgres;

beforeAll(async () => {
  service = await startPartyServiceOnPostgres();
});

afterAll(async () => {
  await service?.close();
});

describe('the dispute worker’s token reads no party', () => {
  it('is refused with 403 on every kind of request, and nothing of the party comes back', async () => {
    const idNumber = syntheticIdNumber('522701', '19800101', 901);
    const staff = await service.tokenFor(principal('liaison', AGENCIES.own));
    const created = await request(service.app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', staff)
      .send({ kind: 'person', name: '孙七', idNumber, phone: '13700000901', address: { townCode: 'qingshui' } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const flag = await request(service.app)
      .post(`/api/v1/parties/${id}/risk-flags`)
      .set('Authorization', staff)
      .send({ category: 'key-person', reason: '镇重点人员名单' });
    expect(flag.status).toBe(201);

    const worker = await service.workerToken();
    const app = request(service.app);
    const attempts: [string, request.Test][] = [
      ['list', app.get('/api/v1/parties')],
      ['read', app.get(`/api/v1/parties/${id}`)],
      ['risk flags', app.get(`/api/v1/parties/${id}/risk-flags`)],
      ['search by ID number', app.post('/api/v1/parties/search-by-id-number').send({ idNumber })],
      [
        'lookup-or-create',
        app
          .post('/api/v1/parties/lookup-or-create')
          .send({ kind: 'person', name: '任意', idNumber, address: { townCode: 'qingshui' } }),
      ],
      ['update', app.patch(`/api/v1/parties/${id}`).set('If-Match', `"${id}.v1"`).send({ name: '改名' })],
      ['involve', app.post(`/api/v1/parties/${id}/involved-agencies`).send({ agencyId: AGENCIES.court })],
      [
        'clear a flag',
        app.post(`/api/v1/parties/${id}/risk-flags/${flag.body.id}/clear`).send({ reason: '工作流清除' }),
      ],
      ['possible duplicates', app.get('/api/v1/parties/possible-duplicates')],
    ];
    for (const [what, attempt] of attempts) {
      const res = await attempt.set('Authorization', worker);
      expect({ what, status: res.status, type: res.body.type }).toEqual({
        what,
        status: 403,
        type: 'urn:gongzhi:problem:forbidden',
      });
      expect(JSON.stringify(res.body)).not.toMatch(/孙七|重点人员|0901/);
    }
    // Nothing changed either: the party and its flag are as staff left them.
    const after = await request(service.app).get(`/api/v1/parties/${id}`).set('Authorization', staff);
    expect(after.body).toMatchObject({ name: '孙七', version: 1, activeRiskCategories: ['key-person'] });
  });
});
