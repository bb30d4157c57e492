/**
 * The real party-service, on PostgreSQL: a NUL character in a party's text is a 400 problem naming the field (not a
 * 500 from the database), and no response with a party in it — masked or revealed — may be kept by a browser or proxy.
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

const person = (sequence: number, name: string, detail = '上坝村5组') => ({
  kind: 'person',
  name,
  idNumber: syntheticIdNumber('522701', '19800101', sequence),
  phone: '13700000041',
  address: { townCode: 'qingshui', villageCode: 'shangba', detail },
});

describe('party-service input and caching (PostgreSQL)', () => {
  it("refuses a NUL character in a party's name or address, naming each field, and stores nothing", async () => {
    const res = await request(service.app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await service.tokenFor(principal('mediator')))
      .send(person(701, '王\u0000五', '上坝村\u00005组'));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.type).toBe('urn:gongzhi:problem:validation-failed');
    expect(res.body.errors).toEqual([
      { path: 'name', message: expect.stringContaining('NUL') },
      { path: 'address.detail', message: expect.stringContaining('NUL') },
    ]);
    expect(await service.prisma.party.count()).toBe(0);
  });

  it('marks a party Cache-Control: no-store, read masked or revealed, and the 404 for a stranger too', async () => {
    const mediator = await service.tokenFor(principal('mediator'));
    const created = await request(service.app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', mediator)
      .send(person(702, '王五'));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const masked = await request(service.app).get(`/api/v1/parties/${id}`).set('Authorization', mediator);
    const revealed = await request(service.app)
      .get(`/api/v1/parties/${id}?reveal=idNumber,phone`)
      .set('Authorization', mediator);
    const stranger = await request(service.app)
      .get(`/api/v1/parties/${id}`)
      .set('Authorization', await service.tokenFor(principal('mediator', AGENCIES.other)));
    expect([created.status, masked.status, revealed.status, stranger.status]).toEqual([201, 200, 200, 404]);
    expect(revealed.body.phone).toBe('13700000041');
    for (const res of [created, masked, revealed, stranger]) expect(res.headers['cache-control']).toBe('no-store');
  });
});
