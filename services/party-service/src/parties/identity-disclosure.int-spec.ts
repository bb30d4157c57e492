/**
 * Security review, issue 12, finding 1: a known ID number (semi-public, enumerable) or credit code must reveal nobody
 * the caller may not already see. Identity is per town, and within a town a record the caller cannot see is neither
 * linked to the caller's agency nor returned: the caller gets a record of their own, answered exactly as a fresh
 * registration, and the town's coordinator decides (audited) whether the agency gets the existing record.
 */
import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import { AGENCIES, FAR_TOWN, principal } from '../party-service.fakes';
import { syntheticCreditCode, syntheticIdNumber } from '../seed/synthetic-ids';
import { type PartyServiceOnPostgres, startPartyServiceOnPostgres } from '../testing/party-service-on-postgres';

let service: PartyServiceOnPostgres;

beforeAll(async () => {
  service = await startPartyServiceOnPostgres();
});

afterAll(async () => {
  await service?.close();
});

const home = principal('mediator', AGENCIES.own);
const homeLiaison = principal('liaison', AGENCIES.own);
const police = principal('mediator', AGENCIES.other);
const coordinator = principal('coordinator', AGENCIES.centre);

function register(who: Principal, body: object) {
  return service
    .tokenFor(who)
    .then((token) =>
      request(service.app).post('/api/v1/parties/lookup-or-create').set('Authorization', token).send(body),
    );
}

async function get(who: Principal, url: string) {
  return request(service.app)
    .get(url)
    .set('Authorization', await service.tokenFor(who));
}

const person = (idNumber: string, name: string, phone: string, townCode: string, detail: string) => ({
  kind: 'person',
  name,
  idNumber,
  phone,
  gender: 'female',
  address: { townCode, detail },
});

describe('a known ID number reveals nobody the caller may not already see', () => {
  it('never links across towns: a person registered elsewhere is a separate record of the caller’s town', async () => {
    const idNumber = syntheticIdNumber('522701', '19800101', 801);
    const original = await register(home, person(idNumber, '张三', '13700000801', 'qingshui', '上坝村5组'));
    expect(original.status).toBe(201);

    const farMediator = principal('mediator', AGENCIES.farTown, FAR_TOWN);
    const far = await register(farMediator, person(idNumber, '另一人', '13900000802', FAR_TOWN, '远方村'));
    expect(far.status).toBe(201);
    expect(far.body.id).not.toBe(original.body.id);
    // Built from the far caller's own input: none of the home town's name, phone or address comes back.
    expect(far.body).toMatchObject({
      name: '另一人',
      phone: '139****0802',
      townCode: FAR_TOWN,
      address: { townCode: FAR_TOWN, detail: '远方村' },
      registeringAgencyId: AGENCIES.farTown,
      involvedAgencyIds: [AGENCIES.farTown],
      version: 1,
    });
    expect(JSON.stringify(far.body)).not.toMatch(/张三|上坝村5组|0801/);

    // Even the far town's coordinator, who sees their whole town, finds the far town's record and nothing else.
    const farCoordinator = principal('coordinator', AGENCIES.farTown, FAR_TOWN);
    const again = await register(farCoordinator, person(idNumber, '又一人', '13900000803', FAR_TOWN, '远方村'));
    expect(again.body.id).toBe(far.body.id);
    expect((await get(farCoordinator, `/api/v1/parties/${original.body.id}`)).status).toBe(404);
    const found = await request(service.app)
      .post('/api/v1/parties/search-by-id-number')
      .set('Authorization', await service.tokenFor(farMediator))
      .send({ idNumber });
    expect(found.body.id).toBe(far.body.id);

    // The home town's record is as it was: no agency of the far town was linked to it.
    const untouched = await get(home, `/api/v1/parties/${original.body.id}`);
    expect(untouched.body).toMatchObject({ involvedAgencyIds: [AGENCIES.own], version: 1, name: '张三' });
  });

  it('answers a hidden match in the same town exactly as a fresh registration, from the caller’s input only', async () => {
    const idNumber = syntheticIdNumber('522701', '19800101', 811);
    const original = await register(home, person(idNumber, '李四', '13700000811', 'qingshui', '上坝村6组'));
    const flag = await request(service.app)
      .post(`/api/v1/parties/${original.body.id}/risk-flags`)
      .set('Authorization', await service.tokenFor(homeLiaison))
      .send({ category: 'violence-risk', reason: '扬言报复邻居' });
    expect(flag.status).toBe(201);

    const hidden = await register(police, person(idNumber, '李肆', '13900000812', 'qingshui', '派出所窗口登记'));
    const fresh = await register(
      police,
      person(syntheticIdNumber('522701', '19800101', 812), '王五', '13900000813', 'qingshui', '派出所窗口登记'),
    );
    // Same status, same headers, same fields: nothing tells the caller that the number was already registered.
    expect(hidden.status).toBe(201);
    expect(fresh.status).toBe(201);
    expect(Object.keys(hidden.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(Object.keys(hidden.headers).sort()).toEqual(Object.keys(fresh.headers).sort());
    expect(hidden.headers.location).toBe(`/api/v1/parties/${hidden.body.id}`);
    expect(hidden.headers.etag).toBe(`"${hidden.body.id}.v1"`);
    expect(hidden.body.id).not.toBe(original.body.id);
    expect(hidden.body).toMatchObject({
      name: '李肆',
      phone: '139****0812',
      address: { townCode: 'qingshui', detail: '派出所窗口登记' },
      registeringAgencyId: AGENCIES.other,
      involvedAgencyIds: [AGENCIES.other],
      activeRiskCategories: [],
      version: 1,
    });
    expect(JSON.stringify(hidden.body)).not.toMatch(/李四|上坝村6组|0811|violence/);

    // The existing record stays out of reach, and nobody was linked to it.
    expect((await get(police, `/api/v1/parties/${original.body.id}`)).status).toBe(404);
    expect((await get(home, `/api/v1/parties/${original.body.id}`)).body.involvedAgencyIds).toEqual([AGENCIES.own]);
    // The police station's own record is the one it finds from now on.
    const again = await register(police, person(idNumber, '李肆', '13900000812', 'qingshui', '派出所窗口登记'));
    expect([again.status, again.body.id]).toEqual([200, hidden.body.id]);
    const search = await request(service.app)
      .post('/api/v1/parties/search-by-id-number')
      .set('Authorization', await service.tokenFor(police))
      .send({ idNumber });
    expect(search.body.id).toBe(hidden.body.id);
    // Internally, the new record is marked as a possible duplicate of the existing one (never shown to the caller).
    const stored = await service.prisma.party.findUnique({
      where: { id: hidden.body.id },
      select: { possibleDuplicateOf: true },
    });
    expect(stored?.possibleDuplicateOf).toBe(original.body.id);
  });

  it('treats a known credit code the same way: a separate record, from the caller’s input', async () => {
    const creditCode = syntheticCreditCode('522701', 'MA6HDP001');
    const organisation = (name: string) => ({
      kind: 'organisation',
      name,
      creditCode,
      address: { townCode: 'qingshui' },
    });
    const original = await register(home, organisation('清水示例劳务公司'));
    const hidden = await register(police, organisation('派出所登记的公司'));
    expect(original.status).toBe(201);
    expect(hidden.status).toBe(201);
    expect(hidden.body.id).not.toBe(original.body.id);
    expect(hidden.body).toMatchObject({ name: '派出所登记的公司', involvedAgencyIds: [AGENCIES.other] });
    // The town's coordinator sees the first record, and gets it.
    const seen = await register(coordinator, organisation('综治中心登记'));
    expect([seen.status, seen.body.id, seen.body.name]).toEqual([200, original.body.id, '清水示例劳务公司']);
  });

  it('lets the town’s coordinator review the possible duplicate and grant access, audited with who and why', async () => {
    const idNumber = syntheticIdNumber('522701', '19800101', 821);
    const original = await register(home, person(idNumber, '赵六', '13700000821', 'qingshui', '上坝村7组'));
    const hidden = await register(police, person(idNumber, '赵六', '13900000822', 'qingshui', '派出所窗口登记'));

    // Only coordinators review, and only their own town's.
    expect((await get(police, '/api/v1/parties/possible-duplicates')).status).toBe(403);
    const farCoordinator = principal('coordinator', AGENCIES.farTown, FAR_TOWN);
    const farList = await get(farCoordinator, '/api/v1/parties/possible-duplicates');
    expect(farList.body.items.map((d: { partyId: string }) => d.partyId)).not.toContain(hidden.body.id);
    const list = await get(coordinator, '/api/v1/parties/possible-duplicates');
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        partyId: hidden.body.id,
        existingPartyId: original.body.id,
        agencyId: AGENCIES.other,
        townCode: 'qingshui',
        resolution: null,
      }),
    );

    const review = (who: Principal, body: object) =>
      service
        .tokenFor(who)
        .then((token) =>
          request(service.app)
            .post(`/api/v1/parties/${hidden.body.id}/duplicate-review`)
            .set('Authorization', token)
            .send(body),
        );
    expect((await review(police, { decision: 'grant', reason: '我们需要这个人的记录' })).status).toBe(403);
    const granted = await review(coordinator, { decision: 'grant', reason: '同一当事人，派出所调处需要' });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      partyId: hidden.body.id,
      existingPartyId: original.body.id,
      resolution: 'granted',
      resolvedBy: coordinator.staffId,
      reason: '同一当事人，派出所调处需要',
    });
    expect((await get(police, `/api/v1/parties/${original.body.id}`)).status).toBe(200);
    expect((await review(coordinator, { decision: 'dismiss', reason: '再审一次这个记录' })).status).toBe(409);
    const after = await get(coordinator, '/api/v1/parties/possible-duplicates');
    expect(after.body.items.map((d: { partyId: string }) => d.partyId)).not.toContain(hidden.body.id);

    const audited = await service.prisma.auditRecord.findMany({
      where: { actor: coordinator.staffId, objectId: { in: [hidden.body.id, original.body.id] } },
      select: { action: true, objectId: true },
      orderBy: { id: 'asc' },
    });
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: 'party.duplicate-granted', objectId: hidden.body.id },
        { action: 'party.access-granted', objectId: original.body.id },
      ]),
    );
    // Why is kept with the decision, on the record the agency registered.
    const decision = await service.prisma.party.findUnique({
      where: { id: hidden.body.id },
      select: { duplicateResolution: true, duplicateResolvedBy: true, duplicateResolutionReason: true },
    });
    expect(decision).toEqual({
      duplicateResolution: 'granted',
      duplicateResolvedBy: coordinator.staffId,
      duplicateResolutionReason: '同一当事人，派出所调处需要',
    });
  });
});
