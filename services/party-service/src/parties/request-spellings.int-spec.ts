/**
 * The real party-service, on PostgreSQL, given requests a client can forge or spell another way: a page cursor is
 * opaque but unsigned, so one that names a year PostgreSQL cannot store is a 400 problem (never a 500 from the
 * database); and an Idempotency-Key is scoped to the route a request reaches, so a retry that spells the path
 * differently (Express routes it the same) replays the first answer.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { principal } from '../party-service.fakes';
import { syntheticIdNumber } from '../seed/synthetic-ids';
import { type PartyServiceOnPostgres, startPartyServiceOnPostgres } from '../testing/party-service-on-postgres';

let service: PartyServiceOnPostgres;

beforeAll(async () => {
  service = await startPartyServiceOnPostgres();
});

afterAll(async () => {
  await service?.close();
});

const forgedCursor = (position: object) => Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

describe('party-service and forged or respelled requests (PostgreSQL)', () => {
  it('refuses a forged cursor that names the year 0000 with a 400 problem on the cursor', async () => {
    const cursor = forgedCursor({ c: '0000-01-01T00:00:00Z', i: randomUUID() });
    const res = await request(service.app)
      .get(`/api/v1/parties?cursor=${cursor}`)
      .set('Authorization', await service.tokenFor(principal('coordinator')));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'urn:gongzhi:problem:validation-failed', errors: [{ path: 'cursor' }] });
  });

  it('replays lookup-or-create when the same key is retried on another spelling of its path', async () => {
    const bearer = await service.tokenFor(principal('mediator'));
    const body = {
      kind: 'person',
      name: '赵六',
      idNumber: syntheticIdNumber('522701', '19810202', 731),
      phone: '13700000073',
      address: { townCode: 'qingshui', villageCode: 'shangba', detail: '上坝村7组' },
    };
    const send = (path: string) =>
      request(service.app)
        .post(path)
        .set('Authorization', bearer)
        .set('Idempotency-Key', 'spelling-party-0001')
        .send(body);
    const first = await send('/api/v1/parties/lookup-or-create');
    const retried = await send('/API/V1/PARTIES/LOOKUP-OR-CREATE/');
    expect([first.status, retried.status]).toEqual([201, 201]);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(first.body);
    expect(await service.prisma.party.count()).toBe(1);
  });
});
