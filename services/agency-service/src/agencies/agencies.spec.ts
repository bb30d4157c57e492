import request from 'supertest';
import type { DemoStaff } from '../seed/demo-town';
import { DEMO_AGENCY_IDS, DEMO_STAFF } from '../seed/demo-town';
import { createFakeAgencyService, demoPrincipal, OTHER_TOWN, seedInMemoryDemoTown } from '../agency-service.fakes';

async function setup() {
  const fake = await createFakeAgencyService();
  await seedInMemoryDemoTown(fake);
  const as = async (staff: DemoStaff) => {
    const auth = `Bearer ${await fake.tokenFor(demoPrincipal(staff))}`;
    return {
      get: (path: string) => request(fake.app).get(path).set('Authorization', auth),
      post: (path: string, body: object, key?: string) => {
        const req = request(fake.app).post(path).set('Authorization', auth);
        return (key ? req.set('Idempotency-Key', key) : req).send(body);
      },
      patch: (path: string, body: object, ifMatch?: string) => {
        const req = request(fake.app).patch(path).set('Authorization', auth);
        return (ifMatch ? req.set('If-Match', ifMatch) : req).send(body);
      },
    };
  };
  return { fake, as };
}

const labourOffice = {
  kind: 'other-department',
  name: '清水镇劳动保障所',
  townCode: 'qingshui',
  areaCodes: ['shangba', 'xiaba', 'dongkou'],
  contactPhone: '0000-1000200',
  receptionHours: [{ weekday: 4, from: '09:00', to: '12:00' }],
};

describe('agencies', () => {
  it('are created by a coordinator of the town, with a Location, an ETag and an audit record', async () => {
    const { fake, as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    const res = await coordinator.post('/api/v1/agencies', labourOffice);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...labourOffice, version: 1 });
    expect(res.headers.location).toBe(`/api/v1/agencies/${res.body.id}`);
    expect(res.headers.etag).toBe(`"${res.body.id}.v1"`);
    expect(fake.audit).toContainEqual({
      actor: DEMO_STAFF.coordinator.id,
      action: 'agency.create',
      objectType: 'agency',
      objectId: res.body.id,
      requestId: res.headers['x-request-id'],
    });
  });

  it('are not created by a coordinator in another town, nor by a mediator', async () => {
    const { as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    expect((await coordinator.post('/api/v1/agencies', { ...labourOffice, townCode: 'hetian' })).status).toBe(403);
    const mediator = await as(DEMO_STAFF.mediatorShangba);
    const res = await mediator.post('/api/v1/agencies', labourOffice);
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe('Only coordinator or administrator staff may create agencies.');
  });

  it('reject invalid fields with a problem naming each', async () => {
    const { as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    const res = await coordinator.post('/api/v1/agencies', {
      ...labourOffice,
      kind: 'ministry',
      receptionHours: [{ weekday: 8, from: '12:00', to: '09:00' }],
      contactPhone: 'call me',
    });
    expect(res.status).toBe(400);
    expect((res.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'contactPhone',
      'kind',
      'receptionHours.0.to',
      'receptionHours.0.weekday',
    ]);
  });

  it('replay the first response for a repeated Idempotency-Key and refuse it with another body (422)', async () => {
    const { fake, as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    const before = fake.repositories.agencies.rows.size;
    const first = await coordinator.post('/api/v1/agencies', labourOffice, 'create-labour-office-1');
    const again = await coordinator.post('/api/v1/agencies', labourOffice, 'create-labour-office-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(fake.repositories.agencies.rows.size).toBe(before + 1);
    const other = await coordinator.post(
      '/api/v1/agencies',
      { ...labourOffice, name: '妇联' },
      'create-labour-office-1',
    );
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('urn:gongzhi:problem:idempotency-key-reused');
  });

  it('are listed page by page, filtered by kind, within what the caller may see', async () => {
    const { as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    const first = await coordinator.get('/api/v1/agencies?limit=4');
    expect(first.body.items).toHaveLength(4);
    const second = await coordinator.get(`/api/v1/agencies?limit=4&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(3);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((a: { id: string }) => a.id);
    expect(ids).not.toContain(OTHER_TOWN.committeeId);
    const committees = await coordinator.get('/api/v1/agencies?kind=mediation-committee');
    expect(committees.body.items).toHaveLength(3);
    expect((await coordinator.get('/api/v1/agencies?townCode=hetian')).body.items).toEqual([]);
    expect((await coordinator.get('/api/v1/agencies?cursor=garbage')).status).toBe(400);

    const mediator = await as(DEMO_STAFF.mediatorShangba);
    const own = await mediator.get('/api/v1/agencies');
    expect(own.body.items.map((a: { id: string }) => a.id)).toEqual([DEMO_AGENCY_IDS.shangbaCommittee]);
    const admin = await as(DEMO_STAFF.administrator);
    expect((await admin.get('/api/v1/agencies?townCode=hetian')).body.items).toHaveLength(1);
  });

  it('update only with the current ETag in If-Match: missing → 428, stale → 412', async () => {
    const { as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    const path = `/api/v1/agencies/${DEMO_AGENCY_IDS.court}`;
    const read = await coordinator.get(path);
    expect(read.headers.etag).toBe(`"${DEMO_AGENCY_IDS.court}.v1"`);

    const missing = await coordinator.patch(path, { contactPhone: '0000-1000121' });
    expect(missing.status).toBe(428);
    expect(missing.body.type).toBe('urn:gongzhi:problem:precondition-required');

    const updated = await coordinator.patch(path, { contactPhone: '0000-1000121' }, read.headers.etag);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ contactPhone: '0000-1000121', version: 2, kind: 'court' });
    expect(updated.headers.etag).toBe(`"${DEMO_AGENCY_IDS.court}.v2"`);

    const stale = await coordinator.patch(path, { name: '清水法庭' }, read.headers.etag);
    expect(stale.status).toBe(412);
    expect((await coordinator.patch(path, {}, updated.headers.etag)).status).toBe(400);
  });

  it('hide other agencies from agency staff: 404, without a field of the agency in the answer', async () => {
    const { as } = await setup();
    const mediator = await as(DEMO_STAFF.mediatorShangba);
    const res = await mediator.get(`/api/v1/agencies/${DEMO_AGENCY_IDS.policeStation}`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('派出所');
    expect((await mediator.get(`/api/v1/agencies/${DEMO_AGENCY_IDS.shangbaCommittee}`)).status).toBe(200);
    expect((await mediator.get('/api/v1/agencies/not-a-uuid')).status).toBe(400);
  });
});
