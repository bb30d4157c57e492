import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import type { PartyCrypto } from '../crypto/party-crypto';
import type { PrismaClient } from '../generated/prisma/client';
import { AGENCIES, principal } from '../party-service.fakes';
import { DEMO_ORGANISATION, DEMO_PERSONS, seedDemoParties } from '../seed/demo-town';
import { syntheticIdNumber } from '../seed/synthetic-ids';
import { type PartyServiceOnPostgres, startPartyServiceOnPostgres } from '../testing/party-service-on-postgres';

let service: PartyServiceOnPostgres;
let prisma: PrismaClient;
let crypto: PartyCrypto;
let app: PartyServiceOnPostgres['app'];

beforeAll(async () => {
  service = await startPartyServiceOnPostgres();
  ({ prisma, crypto, app } = service);
});

afterAll(async () => {
  await service?.close();
});

const bearer = (who: Principal) => service.tokenFor(who);

const person = (idNumber: string, phone: string) => ({
  kind: 'person',
  name: '集成测试',
  idNumber,
  phone,
  address: { townCode: 'qingshui', villageCode: 'shangba', detail: '上坝村5组' },
});

async function rowsWithBlindIndex(idNumber: string): Promise<number> {
  const rows = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM parties WHERE id_number_blind_index = ${crypto.blindIndex(idNumber)}`;
  return Number(rows[0]?.n ?? -1);
}

/**
 * Every column that can hold text or bytes, read from information_schema so new columns are covered without
 * touching this test: where does `needle` occur in plain form (as text, or as UTF-8 bytes inside a bytea)?
 */
async function plaintextOccurrences(needle: string): Promise<string[]> {
  const columns = await prisma.$queryRaw<{ table_name: string; column_name: string; data_type: string }[]>`
    SELECT c.table_name, c.column_name, c.data_type
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
       AND c.data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'ARRAY')`;
  const hits: string[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const ident = `"${table.replace(/"/g, '""')}"."${column.replace(/"/g, '""')}"`;
    const from = `"${table.replace(/"/g, '""')}"`;
    const condition =
      type === 'bytea'
        ? `position(convert_to($1, 'UTF8') in ${ident}) > 0 OR position($1 in encode(${ident}, 'escape')) > 0`
        : `position($1 in ${ident}::text) > 0`;
    const found = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM ${from} WHERE ${condition}`,
      needle,
    );
    if (Number(found[0]?.n ?? 0) > 0) hits.push(`${table}.${column}`);
  }
  return hits;
}

describe('party-service on PostgreSQL', () => {
  it('stores no ID number or phone number in plain text anywhere in the database', async () => {
    const mediator = await bearer(principal('mediator'));
    const idNumber = syntheticIdNumber('522701', '19800101', 101);
    const phone = '13912345678';
    const newPhone = '13987654321';
    const contactPhone = '0851-86661234';
    const created = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', mediator)
      .set('Idempotency-Key', 'int-plaintext-0001')
      .send(person(idNumber, phone));
    expect(created.status).toBe(201);
    const updated = await request(app)
      .patch(`/api/v1/parties/${created.body.id}`)
      .set('Authorization', mediator)
      .set('If-Match', created.headers.etag ?? '')
      .send({ phone: newPhone });
    expect(updated.status).toBe(200);
    const revealed = await request(app)
      .get(`/api/v1/parties/${created.body.id}?reveal=idNumber,phone`)
      .set('Authorization', mediator);
    expect(revealed.body).toMatchObject({ idNumber, phone: newPhone });
    await request(app)
      .post('/api/v1/parties/search-by-id-number')
      .set('Authorization', mediator)
      .set('Idempotency-Key', 'int-plaintext-0002')
      .send({ idNumber });
    const org = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', mediator)
      .set('Idempotency-Key', 'int-plaintext-0003')
      .send({
        kind: 'organisation',
        name: '集成测试公司',
        creditCode: '91350100M000100Y43',
        contactPhone,
        address: { townCode: 'qingshui' },
      });
    expect(org.status).toBe(201);

    // Positive control: the scan does find what is stored in plain text on purpose (names, credit codes; the masked
    // response remembered for the Idempotency-Key holds them too).
    expect(await plaintextOccurrences('集成测试公司')).toEqual(['idempotency_records.response_body', 'parties.name']);
    expect(await plaintextOccurrences('91350100M000100Y43')).toEqual(
      expect.arrayContaining(['parties.credit_code', 'idempotency_records.response_body']),
    );
    for (const secret of [
      idNumber,
      idNumber.slice(0, 17),
      phone,
      newPhone,
      contactPhone,
      contactPhone.replace('-', ''),
    ]) {
      expect({ secret, hits: await plaintextOccurrences(secret) }).toEqual({ secret, hits: [] });
    }
  });

  it('answers lookup-or-create twice with one row', async () => {
    const idNumber = syntheticIdNumber('522701', '19800101', 202);
    const token = await bearer(principal('grid-worker'));
    const first = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .send(person(idNumber, '13700000001'));
    const again = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .send(person(idNumber, '13700000001'));
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(await rowsWithBlindIndex(idNumber)).toBe(1);
  });

  it('makes one primary row of concurrent registrations by different agencies; the others get records of their own', async () => {
    const idNumber = syntheticIdNumber('522701', '19800101', 303);
    const agencies = [
      AGENCIES.own,
      AGENCIES.other,
      AGENCIES.third,
      AGENCIES.court,
      'a9e00000-0000-4000-8000-0000000000c1',
    ];
    const responses = await Promise.all(
      agencies.map(async (agencyId) =>
        request(app)
          .post('/api/v1/parties/lookup-or-create')
          .set('Authorization', await bearer(principal('mediator', agencyId)))
          .send(person(idNumber, '13700000002')),
      ),
    );
    // None of them may see another's record, so each gets one of its own, answered as a fresh registration.
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(5);
    expect(await rowsWithBlindIndex(idNumber)).toBe(5);
    const rows = await prisma.party.findMany({
      where: { id: { in: responses.map((r) => r.body.id as string) } },
      select: { id: true, possibleDuplicateOf: true, involvedAgencyIds: true },
    });
    const primary = rows.filter((row) => row.possibleDuplicateOf === null);
    expect(primary).toHaveLength(1);
    expect(rows.filter((row) => row.possibleDuplicateOf === primary[0]?.id)).toHaveLength(4);
    expect(rows.every((row) => row.involvedAgencyIds.length === 1)).toBe(true);
  });

  it('makes one record of one agency’s concurrent registrations of a person another agency registered', async () => {
    const idNumber = syntheticIdNumber('522701', '19800101', 313);
    const first = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', await bearer(principal('mediator', AGENCIES.own)))
      .send(person(idNumber, '13700000031'));
    expect(first.status).toBe(201);
    const responses = await Promise.all(
      [1, 2, 3, 4].map(async (n) =>
        request(app)
          .post('/api/v1/parties/lookup-or-create')
          .set('Authorization', await bearer({ ...principal('mediator', AGENCIES.other), staffId: `s-police-${n}` }))
          .send(person(idNumber, '13700000032')),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await rowsWithBlindIndex(idNumber)).toBe(2);
  });

  it('writes an audit row for every read and change, including each reveal', async () => {
    const token = await bearer(principal('coordinator', 'a-centre'));
    const created = await request(app)
      .post('/api/v1/parties/lookup-or-create')
      .set('Authorization', token)
      .send(person(syntheticIdNumber('522701', '19800101', 404), '13700000003'));
    const id = created.body.id as string;
    const read = await request(app)
      .get(`/api/v1/parties/${id}?reveal=idNumber`)
      .set('Authorization', token)
      .set('X-Request-Id', 'int-reveal-1');
    const flag = await request(app)
      .post(`/api/v1/parties/${id}/risk-flags`)
      .set('Authorization', token)
      .send({ category: 'group-dispute', reason: '二十余户联名反映' });
    expect(flag.status).toBe(201);
    await request(app)
      .post(`/api/v1/parties/${id}/risk-flags/${flag.body.id}/clear`)
      .set('Authorization', token)
      .send({ reason: '已分别化解' });
    const rows = await prisma.auditRecord.findMany({
      where: { objectType: 'party', objectId: id },
      orderBy: { id: 'asc' },
      select: { actor: true, action: true, requestId: true, callerRequestId: true },
    });
    expect(rows.map((r) => r.action)).toEqual([
      'party.created',
      'party.read',
      'party.revealed.idNumber',
      'party.risk-flag-set.group-dispute',
      'party.risk-flag-cleared.group-dispute',
    ]);
    expect(rows.every((r) => r.actor === 's-coordinator-a-centre')).toBe(true);
    // Filed under the id this service made for the request; the caller's own id is kept beside it, never in its place.
    const readRows = rows.filter((r) => r.requestId === read.headers['x-request-id']);
    expect(readRows.map((r) => [r.action, r.callerRequestId])).toEqual([
      ['party.read', 'int-reveal-1'],
      ['party.revealed.idNumber', 'int-reveal-1'],
    ]);
    expect(rows.some((r) => r.requestId === 'int-reveal-1')).toBe(false);
    const history = await request(app).get(`/api/v1/parties/${id}/risk-flags`).set('Authorization', token);
    expect(history.body.items).toEqual([expect.objectContaining({ active: false, clearReason: '已分别化解' })]);
  });

  it('replays an idempotent POST from the database and refuses the key with another body', async () => {
    const token = await bearer(principal('grid-worker'));
    const body = person(syntheticIdNumber('522701', '19800101', 505), '13700000004');
    const send = (payload: object) =>
      request(app)
        .post('/api/v1/parties/lookup-or-create')
        .set('Authorization', token)
        .set('Idempotency-Key', 'int-idem-0001')
        .send(payload);
    const first = await send(body);
    const replay = await send(body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect((await send({ ...body, name: '别人' })).status).toBe(422);
  });

  it('pages through the visible parties with cursors', async () => {
    const token = await bearer(principal('grid-worker', 'a-paging'));
    for (let i = 1; i <= 3; i += 1) {
      await request(app)
        .post('/api/v1/parties/lookup-or-create')
        .set('Authorization', token)
        .send(person(syntheticIdNumber('522701', '19850101', 600 + i), '13700000005'));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(app)
        .get(`/api/v1/parties?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', token);
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it('seeds the demo town idempotently, readable through the API', async () => {
    const first = await seedDemoParties(prisma, crypto);
    const again = await seedDemoParties(prisma, crypto);
    expect(again).toEqual(first);
    expect(first).toHaveLength(DEMO_PERSONS.length + 1);
    expect(await prisma.riskFlag.count({ where: { partyId: { in: first } } })).toBe(1);
    const flagged = DEMO_PERSONS.find((p) => p.flag);
    const res = await request(app)
      .get(`/api/v1/parties/${flagged?.id}?reveal=idNumber`)
      .set('Authorization', await bearer(principal('coordinator', 'a-centre')));
    expect(res.body).toMatchObject({ idNumber: flagged?.idNumber, activeRiskCategories: ['violence-risk'] });
    const org = await prisma.party.findUnique({ where: { id: DEMO_ORGANISATION.id }, select: { creditCode: true } });
    expect(org?.creditCode).toBe(DEMO_ORGANISATION.creditCode);
  });
});
