import request from 'supertest';
import { AGENCIES, createFakePartyService, principal } from '../party-service.fakes';

async function withPerson() {
  const fx = await createFakePartyService();
  const as = (role: Parameters<typeof principal>[0], agencyId?: string) => fx.tokenFor(principal(role, agencyId));
  const created = await request(fx.app)
    .post('/api/v1/parties/lookup-or-create')
    .set('Authorization', await as('grid-worker'))
    .send({
      kind: 'person',
      name: '王五',
      idNumber: '110101199003078515',
      address: { townCode: 'qingshui', villageCode: 'dongkou' },
    });
  fx.audit.length = 0;
  return { ...fx, as, url: `/api/v1/parties/${created.body.id}`, id: created.body.id as string };
}

describe('risk flags', () => {
  it('records who set a flag, why and when; clearing keeps the history', async () => {
    const { app, as, url, audit } = await withPerson();
    const coordinator = await as('coordinator', 'a-centre');
    const set = await request(app)
      .post(`${url}/risk-flags`)
      .set('Authorization', coordinator)
      .send({ category: 'violence-risk', reason: '扬言要对邻居动手，已口头警告' });
    expect(set.status).toBe(201);
    expect(set.body).toMatchObject({
      category: 'violence-risk',
      active: true,
      setBy: 's-coordinator-a-centre',
      setByAgencyId: 'a-centre',
      clearedAt: null,
    });
    expect((await request(app).get(url).set('Authorization', coordinator)).body.activeRiskCategories).toEqual([
      'violence-risk',
    ]);

    const cleared = await request(app)
      .post(`${url}/risk-flags/${set.body.id}/clear`)
      .set('Authorization', await as('liaison'))
      .send({ reason: '双方已达成调解协议并履行' });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ active: false, clearedBy: `s-liaison-${AGENCIES.own}` });
    expect(cleared.body.clearedAt).toEqual(expect.any(String));

    const history = await request(app)
      .get(`${url}/risk-flags`)
      .set('Authorization', await as('grid-worker'));
    expect(history.body.items).toEqual([
      expect.objectContaining({ id: set.body.id, active: false, reason: expect.any(String) }),
    ]);
    expect((await request(app).get(url).set('Authorization', coordinator)).body.activeRiskCategories).toEqual([]);
    expect(audit.map((e) => e.action)).toEqual([
      'party.risk-flag-set.violence-risk',
      'party.read',
      'party.risk-flag-cleared.violence-risk',
      'party.risk-flags-read',
      'party.read',
    ]);
  });

  it('refuses a second active flag of the same category (409 naming it) and a second clear', async () => {
    const { app, as, url } = await withPerson();
    const token = await as('liaison');
    const first = await request(app)
      .post(`${url}/risk-flags`)
      .set('Authorization', token)
      .send({ category: 'key-person', reason: '列入镇重点人员名单' });
    const again = await request(app)
      .post(`${url}/risk-flags`)
      .set('Authorization', token)
      .send({ category: 'key-person', reason: '重复标记测试' });
    expect(again.status).toBe(409);
    expect(again.body.activeFlagId).toBe(first.body.id);
    await request(app)
      .post(`${url}/risk-flags/${first.body.id}/clear`)
      .set('Authorization', token)
      .send({ reason: '已移出名单' });
    const twice = await request(app)
      .post(`${url}/risk-flags/${first.body.id}/clear`)
      .set('Authorization', token)
      .send({ reason: '已移出名单' });
    expect(twice.status).toBe(409);
    const reset = await request(app)
      .post(`${url}/risk-flags`)
      .set('Authorization', token)
      .send({ category: 'key-person', reason: '再次列入名单' });
    expect(reset.status).toBe(201);
  });

  it('lets only coordinators and liaisons set flags, and wants a reason and a known category', async () => {
    const { app, as, url } = await withPerson();
    const mediator = await request(app)
      .post(`${url}/risk-flags`)
      .set('Authorization', await as('mediator'))
      .send({ category: 'group-dispute', reason: '涉及七户村民' });
    expect(mediator.status).toBe(403);
    const bad = await request(app)
      .post(`${url}/risk-flags`)
      .set('Authorization', await as('coordinator', 'a-centre'))
      .send({ category: 'dangerous', reason: 'x' });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['category', 'reason']);
  });

  it('publishes the flag that was set (ids and its category, never the reason); a refusal or a clear publishes nothing', async () => {
    const { app, as, url, id, riskFlagOutbox } = await withPerson();
    const liaison = await as('liaison');
    const set = await request(app)
      .post(`${url}/risk-flags`)
      .set('Authorization', liaison)
      .send({ category: 'violence-risk', reason: '扬言要对邻居动手，已口头警告' });
    expect(set.status).toBe(201);
    const again = await request(app)
      .post(`${url}/risk-flags`)
      .set('Authorization', liaison)
      .send({ category: 'violence-risk', reason: '重复标记测试' });
    expect(again.status).toBe(409);
    await request(app)
      .post(`${url}/risk-flags/${set.body.id}/clear`)
      .set('Authorization', liaison)
      .send({ reason: '双方已和解' });

    expect(riskFlagOutbox.map((message) => [message.key, message.event.type, message.event.data])).toEqual([
      [
        id,
        'gongzhi.party.risk-flag-set',
        { partyId: id, townCode: 'qingshui', flagId: set.body.id, category: 'violence-risk', agencyId: AGENCIES.own },
      ],
    ]);
    const text = JSON.stringify(riskFlagOutbox);
    for (const secret of ['扬言', '重复标记', '和解', '王五', '110101199003078515', `s-liaison-${AGENCIES.own}`]) {
      expect(text).not.toContain(secret);
    }
  });

  it('answers 404 for an unknown flag', async () => {
    const { app, as, url } = await withPerson();
    const res = await request(app)
      .post(`${url}/risk-flags/7f8d2b70-5a0e-4d5e-9a55-0b1c1c7f0c11/clear`)
      .set('Authorization', await as('coordinator', 'a-centre'))
      .send({ reason: '不存在的标记' });
    expect(res.status).toBe(404);
  });
});
