import request from 'supertest';
import { parseDomainEvent } from '@gongzhi/contracts';
import { AGENCIES, principal } from '../party-service.fakes';
import { type PartyServiceOnPostgres, startPartyServiceOnPostgres } from '../testing/party-service-on-postgres';

let service: PartyServiceOnPostgres;

beforeAll(async () => {
  service = await startPartyServiceOnPostgres();
});

afterAll(async () => {
  await service?.close();
});

async function outbox(): Promise<{ key: string; event_type: string; event: unknown }[]> {
  return service.prisma.$queryRaw`SELECT key, event_type, event FROM outbox_events ORDER BY seq`;
}

describe("party-service's outbox", () => {
  it('writes one event per change, in the same transaction, in order, with ids and codes only', async () => {
    const token = await service.tokenFor(principal('mediator'));
    const created = await request(service.app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .send({
        kind: 'person',
        name: '事件测试',
        idNumber: '11010519491231002X',
        phone: '13800138000',
        address: { townCode: 'qingshui', villageCode: 'shangba', detail: '上坝村5组' },
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const etag = created.headers.etag as string;

    const updated = await request(service.app)
      .patch(`/api/v1/parties/${id}`)
      .set('Authorization', token)
      .set('If-Match', etag)
      .send({ phone: '13900139000' });
    expect(updated.status).toBe(200);
    // A stale ETag changes nothing, so it writes no event either.
    const stale = await request(service.app)
      .patch(`/api/v1/parties/${id}`)
      .set('Authorization', token)
      .set('If-Match', etag)
      .send({ name: '改名' });
    expect(stale.status).toBe(412);
    // The town's coordinator involves the police station (a mediator may name only agencies they see).
    const involved = await request(service.app)
      .post(`/api/v1/parties/${id}/involved-agencies`)
      .set('Authorization', await service.tokenFor(principal('coordinator', AGENCIES.centre)))
      .send({ agencyId: AGENCIES.other });
    expect(involved.status).toBeLessThan(300);

    const rows = await outbox();
    expect(rows.map((row) => [row.key, row.event_type])).toEqual([
      [id, 'gongzhi.party.registered'],
      [id, 'gongzhi.party.updated'],
      [id, 'gongzhi.party.agency-involved'],
    ]);
    for (const row of rows) expect(parseDomainEvent(row.event).ok).toBe(true);
    expect(rows[1]?.event).toMatchObject({ data: { changedFields: ['phone'], version: 2 } });
    const text = JSON.stringify(rows);
    for (const secret of ['事件测试', '11010519491231002X', '13800138000', '13900139000', '上坝村5组']) {
      expect(text).not.toContain(secret);
    }
  });

  it('writes risk-flag-set with the flag, in its transaction: ids and the category, never the reason', async () => {
    const registrar = await service.tokenFor(principal('mediator'));
    const created = await request(service.app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', registrar)
      .send({
        kind: 'person',
        name: '风险测试',
        idNumber: '110101199003078515',
        phone: '13700137000',
        address: { townCode: 'qingshui', villageCode: 'shangba' },
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const police = await service.tokenFor(principal('liaison'));
    const flag = (reason: string) =>
      request(service.app)
        .post(`/api/v1/parties/${id}/risk-flags`)
        .set('Authorization', police)
        .send({ category: 'violence-risk', reason });
    const set = await flag('扬言要对邻居动手，已口头警告');
    expect(set.status).toBe(201);
    // Refused (one active flag of a category): no flag, so no event either.
    expect((await flag('重复标记测试')).status).toBe(409);
    const cleared = await request(service.app)
      .post(`/api/v1/parties/${id}/risk-flags/${set.body.id}/clear`)
      .set('Authorization', police)
      .send({ reason: '双方已和解' });
    expect(cleared.status).toBe(200);

    const rows = (await outbox()).filter((row) => row.key === id);
    expect(rows.map((row) => row.event_type)).toEqual(['gongzhi.party.registered', 'gongzhi.party.risk-flag-set']);
    const [, flagged] = rows;
    const parsed = parseDomainEvent(flagged?.event);
    expect(parsed.ok && parsed.event.data).toEqual({
      partyId: id,
      townCode: 'qingshui',
      flagId: set.body.id,
      category: 'violence-risk',
      agencyId: AGENCIES.own,
    });
    const text = JSON.stringify(rows);
    for (const secret of ['扬言', '重复标记', '和解', '风险测试', '110101199003078515', '13700137000']) {
      expect(text).not.toContain(secret);
    }
  });
});
