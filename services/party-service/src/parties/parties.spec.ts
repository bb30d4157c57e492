import { Writable } from 'node:stream';
import request from 'supertest';
import { createLogger } from '@gongzhi/http';
import { AGENCIES, createFakePartyService, FAR_TOWN, principal, RETIRED_AGENCY } from '../party-service.fakes';
import { syntheticIdNumber } from '../seed/synthetic-ids';

const ID = '11010519491231002X';
const PHONE = '13800138000';
const person = (idNumber = ID) => ({
  kind: 'person',
  name: '张三',
  idNumber,
  phone: PHONE,
  gender: 'male',
  address: { townCode: 'qingshui', villageCode: 'shangba', gridCode: 'shangba-03', detail: '3组12号' },
});

async function setup(options: Parameters<typeof createFakePartyService>[0] = {}) {
  const fx = await createFakePartyService(options);
  const as = async (role: Parameters<typeof principal>[0], agencyId?: string, townCode?: string) =>
    fx.tokenFor(principal(role, agencyId, townCode));
  return { ...fx, as };
}

describe('lookup-or-create', () => {
  it('registers a person and answers with the ID number and phone masked', async () => {
    const { app, as, audit } = await setup();
    const res = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await as('grid-worker'))
      .send(person());
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/parties/${res.body.id}`);
    expect(res.headers.etag).toBe(`"${res.body.id}.v1"`);
    expect(res.body).toMatchObject({
      kind: 'person',
      idNumber: '110105********002X',
      phone: '138****8000',
      townCode: 'qingshui',
      registeringAgencyId: AGENCIES.own,
      involvedAgencyIds: [AGENCIES.own],
      revealed: [],
    });
    expect(JSON.stringify(res.body)).not.toContain(ID);
    expect(JSON.stringify(res.body)).not.toContain(PHONE);
    expect(audit).toEqual([expect.objectContaining({ action: 'party.created', objectId: res.body.id })]);
  });

  it('answers the same call twice with the same party (200), and never stores a second one', async () => {
    const { app, as, partyRows } = await setup();
    const token = await as('grid-worker');
    const first = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .send(person());
    const again = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .send({ ...person(), idNumber: '11010519491231002x', name: '张三丰' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.name).toBe('张三');
    expect(partyRows.size).toBe(1);
  });

  it('makes one party of two concurrent registrations of the same ID number by one agency', async () => {
    const { app, as, partyRows } = await setup();
    const [a, b] = await Promise.all([
      request(app)
        .post('/api/v1/parties/lookup-or-create')
        .set('Authorization', await as('grid-worker'))
        .send(person()),
      request(app)
        .post('/api/v1/parties/lookup-or-create')
        .set('Authorization', await as('mediator'))
        .send(person()),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(partyRows.size).toBe(1);
  });

  it('never hands a second agency a record it cannot see: it gets its own, marked as a possible duplicate', async () => {
    const { app, as, audit, partyRows } = await setup();
    const first = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await as('grid-worker'))
      .send(person());
    const second = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await as('liaison', AGENCIES.other))
      .send({ ...person(), name: '张叁', phone: '13900001111' });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body).toMatchObject({ name: '张叁', phone: '139****1111', involvedAgencyIds: [AGENCIES.other] });
    expect(partyRows.get(first.body.id)?.involvedAgencyIds).toEqual([AGENCIES.own]);
    expect(partyRows.get(second.body.id)?.possibleDuplicateOf).toBe(first.body.id);
    expect(audit.map((e) => [e.action, e.objectId])).toEqual([
      ['party.created', first.body.id],
      ['party.created.possible-duplicate', second.body.id],
    ]);
  });

  it('gives the town’s coordinator the existing record, and involves the coordinator’s agency (audited)', async () => {
    const { app, as, audit } = await setup();
    const first = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await as('grid-worker'))
      .send(person());
    const coordinator = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await as('coordinator', AGENCIES.centre))
      .send(person());
    expect([coordinator.status, coordinator.body.id]).toEqual([200, first.body.id]);
    expect(coordinator.body.involvedAgencyIds).toEqual([AGENCIES.own, AGENCIES.centre]);
    expect(audit.map((e) => e.action)).toEqual(['party.created', 'party.linked', 'party.read']);
  });

  it('makes one primary record of concurrent registrations by different agencies, and possible duplicates of it', async () => {
    const { app, as, partyRows } = await setup();
    const responses = await Promise.all(
      [AGENCIES.own, AGENCIES.other, AGENCIES.third].map(async (agencyId) =>
        request(app)
          .post('/api/v1/parties/lookup-or-create')
          .set('Authorization', await as('mediator', agencyId))
          .send(person()),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    const rows = [...partyRows.values()];
    const primary = rows.filter((r) => r.possibleDuplicateOf === null);
    expect(primary).toHaveLength(1);
    expect(rows.filter((r) => r.possibleDuplicateOf === primary[0]?.id)).toHaveLength(2);
  });

  it('gives one agency one record of a hidden match, however many of its staff register the person at once', async () => {
    const { app, as, partyRows } = await setup();
    await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await as('grid-worker'))
      .send(person());
    const responses = await Promise.all(
      (['grid-worker', 'mediator', 'liaison'] as const).map(async (role) =>
        request(app)
          .post('/api/v1/parties/lookup-or-create')
          .set('Authorization', await as(role, AGENCIES.other))
          .send(person()),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(partyRows.size).toBe(2);
  });

  it('keeps identity per town: another town registering the same ID number gets a record of its own', async () => {
    const { app, as, partyRows } = await setup();
    const home = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await as('grid-worker'))
      .send(person());
    const far = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await as('coordinator', AGENCIES.farTown, FAR_TOWN))
      .send({ ...person(), name: '别人', address: { townCode: FAR_TOWN } });
    expect(far.status).toBe(201);
    expect(far.body).toMatchObject({ name: '别人', townCode: FAR_TOWN, involvedAgencyIds: [AGENCIES.farTown] });
    // Not a possible duplicate either: nothing ties the two towns' records together.
    expect(partyRows.get(far.body.id)?.possibleDuplicateOf).toBeNull();
    expect(partyRows.get(home.body.id)?.involvedAgencyIds).toEqual([AGENCIES.own]);
  });

  it('registers an organisation once per credit code', async () => {
    const { app, as } = await setup();
    const org = {
      kind: 'organisation',
      name: '青水建筑劳务有限公司',
      creditCode: '91350100M000100Y43',
      contactName: '李四',
      contactPhone: '0851-88881234',
      address: { townCode: 'qingshui', villageCode: 'xiaba' },
    };
    const token = await as('mediator');
    const first = await request(app).post('/api/v1/parties/lookup-or-create').set('Authorization', token).send(org);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'organisation', idNumber: null, phone: '0851-****1234', gender: null });
    const again = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .send({ ...org, creditCode: '91350100m000100y43' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const police = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await as('mediator', AGENCIES.other))
      .send({ ...org, name: '派出所登记' });
    expect(police.status).toBe(201);
    expect(police.body).toMatchObject({ name: '派出所登记', involvedAgencyIds: [AGENCIES.other] });
  });

  it('names the wrong fields without repeating what was sent', async () => {
    const { app, as } = await setup();
    const res = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await as('grid-worker'))
      .send({ ...person('11010519491231003X'), phone: '12345', extra: 1 });
    expect(res.status).toBe(400);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['(body)', 'idNumber', 'phone']);
    expect(JSON.stringify(res.body)).not.toContain('11010519491231003X');
    expect(JSON.stringify(res.body)).not.toContain('12345');
  });

  it('replays a retried POST with the same Idempotency-Key and refuses the key with another body (422)', async () => {
    const { app, as, partyRows } = await setup();
    const token = await as('grid-worker');
    const first = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .set('Idempotency-Key', 'intake-party-0001')
      .send(person());
    const replay = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .set('Idempotency-Key', 'intake-party-0001')
      .send(person());
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    const other = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .set('Idempotency-Key', 'intake-party-0001')
      .send(person(syntheticIdNumber('520101', '19800101', 7)));
    expect(other.status).toBe(422);
    expect(partyRows.size).toBe(1);
  });

  it('never writes an ID number, phone or address to the logs', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { app, as } = await setup({ logger: createLogger('party-service', 'trace', stream) });
    const token = await as('mediator');
    const created = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .send(person());
    await request(app).get(`/api/v1/parties/${created.body.id}?reveal=idNumber,phone`).set('Authorization', token);
    await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .send({ ...person(), idNumber: '11010519491231003X' });
    const output = lines.join('');
    expect(output).toContain(created.body.id);
    for (const secret of [ID, '11010519491231003X', PHONE, '3组12号']) expect(output).not.toContain(secret);
  });
});

describe('reading and revealing', () => {
  async function withParty() {
    const fx = await setup();
    const res = await request(fx.app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await fx.as('grid-worker'))
      .send(person());
    fx.audit.length = 0;
    return { ...fx, id: res.body.id as string };
  }

  it('shows the ID number in full to a mediator who asks, and audits the read and the reveal', async () => {
    const { app, as, id, audit } = await withParty();
    const res = await request(app)
      .get(`/api/v1/parties/${id}?reveal=idNumber`)
      .set('Authorization', await as('mediator'))
      .set('X-Request-Id', 'req-reveal-1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ idNumber: ID, phone: '138****8000', revealed: ['idNumber'] });
    expect(audit).toEqual([
      {
        actor: `s-mediator-${AGENCIES.own}`,
        action: 'party.read',
        objectType: 'party',
        objectId: id,
        // Filed under the id this service made (the caller's own is kept beside it by the real trail).
        requestId: res.headers['x-request-id'],
      },
      {
        actor: `s-mediator-${AGENCIES.own}`,
        action: 'party.revealed.idNumber',
        objectType: 'party',
        objectId: id,
        requestId: res.headers['x-request-id'],
      },
    ]);
  });

  it('refuses an ID-number reveal to a grid worker (403) but lets them see the phone', async () => {
    const { app, as, id, audit } = await withParty();
    const token = await as('grid-worker');
    const refused = await request(app).get(`/api/v1/parties/${id}?reveal=idNumber`).set('Authorization', token);
    expect(refused.status).toBe(403);
    // Nothing was read or revealed; the refusal itself is on record, without the data asked for.
    expect(audit).toEqual([expect.objectContaining({ action: 'party.refused', objectId: id, status: 403 })]);
    const phone = await request(app).get(`/api/v1/parties/${id}?reveal=phone`).set('Authorization', token);
    expect(phone.body).toMatchObject({ phone: PHONE, idNumber: '110105********002X' });
  });

  it('never reveals to an administrator, who sees parties masked', async () => {
    const { app, as, id } = await withParty();
    const token = await as('administrator', 'a-ops', 'elsewhere');
    expect((await request(app).get(`/api/v1/parties/${id}`).set('Authorization', token)).body.idNumber).toBe(
      '110105********002X',
    );
    expect((await request(app).get(`/api/v1/parties/${id}?reveal=idNumber`).set('Authorization', token)).status).toBe(
      403,
    );
  });

  it('answers 404 for a party of another agency, and 400 for an unknown reveal field', async () => {
    const { app, as, id } = await withParty();
    const foreign = await request(app)
      .get(`/api/v1/parties/${id}`)
      .set('Authorization', await as('mediator', AGENCIES.other));
    expect(foreign.status).toBe(404);
    const coordinator = await request(app)
      .get(`/api/v1/parties/${id}`)
      .set('Authorization', await as('coordinator', 'a-centre'));
    expect(coordinator.status).toBe(200);
    const bad = await request(app)
      .get(`/api/v1/parties/${id}?reveal=address`)
      .set('Authorization', await as('mediator'));
    expect(bad.status).toBe(400);
  });

  it('finds a visible person by ID number through a POST body', async () => {
    const { app, as, id, audit } = await withParty();
    const found = await request(app)
      .post('/api/v1/parties/search-by-id-number')
      .set('Authorization', await as('mediator'))
      .send({ idNumber: '11010519491231002x' });
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(id);
    expect(audit.map((e) => e.action)).toEqual(['party.found-by-id-number']);
    const hidden = await request(app)
      .post('/api/v1/parties/search-by-id-number')
      .set('Authorization', await as('mediator', AGENCIES.other))
      .send({ idNumber: ID });
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain(ID);
  });
});

describe('updating with If-Match', () => {
  it('requires If-Match (428), refuses a stale ETag (412) and accepts the current one', async () => {
    const { app, as, audit } = await setup();
    const token = await as('mediator');
    const created = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .send(person());
    const url = `/api/v1/parties/${created.body.id}`;
    expect((await request(app).patch(url).set('Authorization', token).send({ name: '张三' })).status).toBe(428);
    const ok = await request(app)
      .patch(url)
      .set('Authorization', token)
      .set('If-Match', created.headers.etag ?? '')
      .send({ phone: '139 0000 1111', address: { townCode: 'qingshui', villageCode: 'xiaba' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.etag).toBe(`"${created.body.id}.v2"`);
    expect(ok.body).toMatchObject({
      phone: '139****1111',
      version: 2,
      address: { villageCode: 'xiaba', gridCode: null },
    });
    const stale = await request(app)
      .patch(url)
      .set('Authorization', token)
      .set('If-Match', created.headers.etag ?? '')
      .send({ name: '张三' });
    expect(stale.status).toBe(412);
    expect(audit.map((e) => e.action)).toEqual(['party.created', 'party.updated']);
  });

  it('refuses fields that do not fit the kind of party', async () => {
    const { app, as } = await setup();
    const token = await as('mediator');
    const created = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .send(person());
    const res = await request(app)
      .patch(`/api/v1/parties/${created.body.id}`)
      .set('Authorization', token)
      .set('If-Match', created.headers.etag ?? '')
      .send({ contactName: '王五' });
    expect(res.status).toBe(400);
    const empty = await request(app)
      .patch(`/api/v1/parties/${created.body.id}`)
      .set('Authorization', token)
      .set('If-Match', created.headers.etag ?? '')
      .send({});
    expect(empty.status).toBe(400);
  });
});

describe('listing', () => {
  it('lists only visible parties, newest first, a page at a time, and audits each page as one row naming the parties shown', async () => {
    const { app, as, audit } = await setup();
    const own = await as('grid-worker');
    const other = await as('grid-worker', AGENCIES.other);
    const ids: string[] = [];
    for (let i = 1; i <= 3; i += 1) {
      const res = await request(app)
        .post('/api/v1/parties/lookup-or-create')
        .set('Authorization', own)
        .send(person(syntheticIdNumber('520101', '19800101', i)));
      ids.push(res.body.id);
    }
    await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', other)
      .send(person(syntheticIdNumber('520101', '19800101', 9)));
    audit.length = 0;

    const page1 = await request(app).get('/api/v1/parties?limit=2').set('Authorization', own);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1]]);
    expect(page1.body.items[0].idNumber).toMatch(/^520101\*{8}\d{3}[\dX]$/);
    const page2 = await request(app)
      .get(`/api/v1/parties?limit=2&cursor=${page1.body.nextCursor}`)
      .set('Authorization', own);
    expect(page2.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    // One row per page, naming every party shown on it.
    expect(audit.map((e) => [e.action, e.objectId, e.objectIds])).toEqual([
      ['party.listed', 'list', [ids[2], ids[1]]],
      ['party.listed', 'list', [ids[0]]],
    ]);

    const town = await request(app)
      .get('/api/v1/parties')
      .set('Authorization', await as('coordinator', 'a-centre'));
    expect(town.body.items).toHaveLength(4);
    const far = await request(app)
      .get('/api/v1/parties')
      .set('Authorization', await as('coordinator', 'a-centre', 'another-town'));
    expect(far.body.items).toHaveLength(0);
    expect((await request(app).get('/api/v1/parties?cursor=garbage').set('Authorization', own)).status).toBe(400);
  });
});

describe('involving another agency', () => {
  async function withParty() {
    const fx = await setup();
    const created = await request(fx.app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await fx.as('mediator'))
      .send(person());
    const url = `/api/v1/parties/${created.body.id}`;
    const involve = async (agencyId: string, who = fx.as('coordinator', AGENCIES.centre)) =>
      request(fx.app)
        .post(`${url}/involved-agencies`)
        .set('Authorization', await who)
        .send({ agencyId });
    return { ...fx, url, involve };
  }

  it('lets the town’s coordinator bring in another agency of the town, whose staff then see the party', async () => {
    const { app, as, url, involve, audit } = await withParty();
    const police = await as('liaison', AGENCIES.other);
    expect((await request(app).get(url).set('Authorization', police)).status).toBe(404);
    const granted = await involve(AGENCIES.other);
    expect(granted.status).toBe(200);
    expect(granted.body.involvedAgencyIds).toEqual([AGENCIES.own, AGENCIES.other]);
    expect((await request(app).get(url).set('Authorization', police)).status).toBe(200);
    expect(audit.map((e) => e.action)).toContain('party.agency-added');
  });

  it('refuses an unknown agency, one of another town and a retired one (422), without asking twice', async () => {
    const { url, involve, agencies, partyRows } = await withParty();
    for (const agencyId of ['a9e00000-0000-4000-8000-00000000dead', AGENCIES.farTown, RETIRED_AGENCY]) {
      const res = await involve(agencyId);
      expect({ status: res.status, type: res.body.type }).toEqual({
        status: 422,
        type: 'urn:gongzhi:problem:unknown-agency',
      });
    }
    expect(agencies.lookups).toHaveLength(3);
    expect([...partyRows.values()][0]?.involvedAgencyIds).toEqual([AGENCIES.own]);
    expect(url).toMatch(/^\/api\/v1\/parties\//);
  });

  it('names only agencies agency-service shows the caller: a mediator cannot involve the police station', async () => {
    const { involve, as } = await withParty();
    const res = await involve(AGENCIES.other, as('mediator'));
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/coordinator/);
  });

  it('answers 503 when agency-service cannot answer, and involves nobody', async () => {
    const { involve, agencies, partyRows } = await withParty();
    agencies.down = true;
    const res = await involve(AGENCIES.other);
    expect({ status: res.status, type: res.body.type }).toEqual({
      status: 503,
      type: 'urn:gongzhi:problem:dependency-unavailable',
    });
    expect([...partyRows.values()][0]?.involvedAgencyIds).toEqual([AGENCIES.own]);
  });

  it('refuses an agency id that is no UUID before asking anyone (400)', async () => {
    const { involve, agencies } = await withParty();
    expect((await involve('a-court')).status).toBe(400);
    expect(agencies.lookups).toEqual([]);
  });
});

describe('reviewing possible duplicates', () => {
  it('lists the town’s possible duplicates to its coordinator and records a dismissal with its reason', async () => {
    const { app, as, audit } = await setup();
    const first = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await as('grid-worker'))
      .send(person());
    const second = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await as('liaison', AGENCIES.other))
      .send(person());
    const coordinator = await as('coordinator', AGENCIES.centre);
    const list = await request(app).get('/api/v1/parties/possible-duplicates').set('Authorization', coordinator);
    expect(list.body).toEqual({
      items: [
        expect.objectContaining({ partyId: second.body.id, existingPartyId: first.body.id, agencyId: AGENCIES.other }),
      ],
      nextCursor: null,
    });
    const dismissed = await request(app)
      .post(`/api/v1/parties/${second.body.id}/duplicate-review`)
      .set('Authorization', coordinator)
      .send({ decision: 'dismiss', reason: '派出所只需自己的记录' });
    expect(dismissed.body).toMatchObject({ resolution: 'dismissed', reason: '派出所只需自己的记录' });
    // Dismissed: the police station still does not see the first record.
    const police = await as('liaison', AGENCIES.other);
    expect((await request(app).get(`/api/v1/parties/${first.body.id}`).set('Authorization', police)).status).toBe(404);
    expect(audit.map((e) => e.action)).toContain('party.duplicate-dismissed');
    // A party that is no possible duplicate cannot be reviewed.
    const notDuplicate = await request(app)
      .post(`/api/v1/parties/${first.body.id}/duplicate-review`)
      .set('Authorization', coordinator)
      .send({ decision: 'grant', reason: '这不是重复登记的记录' });
    expect(notDuplicate.status).toBe(404);
  });
});

describe('rate limits', () => {
  it('limits each user after authentication (429 with Retry-After)', async () => {
    const { app, as } = await setup({ rateLimits: { perIp: 100, perUser: 2 } });
    const token = await as('mediator');
    expect((await request(app).get('/api/v1/parties').set('Authorization', token)).status).toBe(200);
    expect((await request(app).get('/api/v1/parties').set('Authorization', token)).status).toBe(200);
    const limited = await request(app).get('/api/v1/parties').set('Authorization', token);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(
      (
        await request(app)
          .get('/api/v1/parties')
          .set('Authorization', await as('liaison'))
      ).status,
    ).toBe(200);
  });

  it('limits each address before authentication', async () => {
    const { app } = await setup({ rateLimits: { perIp: 2, perUser: 100 } });
    expect((await request(app).get('/api/v1/parties')).status).toBe(401);
    expect((await request(app).get('/api/v1/parties')).status).toBe(401);
    expect((await request(app).get('/api/v1/parties')).status).toBe(429);
  });
});
