/**
 * Security review, issue 12, finding 7: involving an agency with a party gives that agency's staff the party's data,
 * so the agency id must name a working agency of the party's town. party-service asks the real agency-service (the
 * process `npm start` runs, seeded with the demo town) over HTTP with the caller's own token, and answers 503 when it
 * cannot.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import { AGENCIES, principal } from '../party-service.fakes';
import { syntheticIdNumber } from '../seed/synthetic-ids';
import { type DemoAgencyService, startDemoAgencyService } from '../testing/demo-agency-service';
import { type PartyServiceOnPostgres, startPartyServiceOnPostgres } from '../testing/party-service-on-postgres';

let agencies: DemoAgencyService;
let service: PartyServiceOnPostgres;
let farTownAgency: string;

beforeAll(async () => {
  agencies = await startDemoAgencyService();
  service = await startPartyServiceOnPostgres({ secrets: agencies.secrets, agencyServiceUrl: agencies.baseUrl });
  farTownAgency = await agencies.createAgency('far-town', '远方镇司法所');
});

afterAll(async () => {
  await service?.close();
  await agencies?.stop();
});

const coordinator = principal('coordinator', AGENCIES.centre);
const mediator = principal('mediator', AGENCIES.own);
let sequence = 950;

/** A party of the caller's (Shangba committee's) own, registered through the API. */
async function newParty(): Promise<string> {
  sequence += 1;
  const res = await request(service.app)
    .post('/api/v1/parties/lookup-or-create')
    .set('Authorization', await service.tokenFor(mediator))
    .send({
      kind: 'person',
      name: '周八',
      idNumber: syntheticIdNumber('522701', '19800101', sequence),
      address: { townCode: 'qingshui' },
    });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function involve(who: Principal, partyId: string, agencyId: string) {
  return request(service.app)
    .post(`/api/v1/parties/${partyId}/involved-agencies`)
    .set('Authorization', await service.tokenFor(who))
    .send({ agencyId });
}

describe('involving an agency: only a working agency of the party’s town, as agency-service knows it', () => {
  it('involves an agency of the town that agency-service knows, whose staff then see the party', async () => {
    const id = await newParty();
    const res = await involve(coordinator, id, AGENCIES.court);
    expect(res.status).toBe(200);
    expect(res.body.involvedAgencyIds).toEqual([AGENCIES.own, AGENCIES.court]);
    const court = await request(service.app)
      .get(`/api/v1/parties/${id}`)
      .set('Authorization', await service.tokenFor(principal('liaison', AGENCIES.court)));
    expect(court.status).toBe(200);
  });

  it('refuses an agency id nobody gave out, and an agency of another town, with a problem saying so', async () => {
    const id = await newParty();
    for (const agencyId of [randomUUID(), farTownAgency]) {
      const res = await involve(coordinator, id, agencyId);
      expect({ status: res.status, type: res.body.type }).toEqual({
        status: 422,
        type: 'urn:gongzhi:problem:unknown-agency',
      });
      expect(res.body.detail).toMatch(/qingshui/);
    }
    const notAnId = await involve(coordinator, id, 'a-court');
    expect(notAnId.status).toBe(400);
    // Nothing was granted to anyone.
    const party = await request(service.app)
      .get(`/api/v1/parties/${id}`)
      .set('Authorization', await service.tokenFor(mediator));
    expect(party.body).toMatchObject({ involvedAgencyIds: [AGENCIES.own], version: 1 });
  });

  it('asks with the caller’s token: an agency agency-service does not show the caller cannot be involved', async () => {
    const id = await newParty();
    // A village mediator does not see the police station in agency-service (only their own agency).
    const res = await involve(mediator, id, AGENCIES.other);
    expect({ status: res.status, type: res.body.type }).toEqual({
      status: 422,
      type: 'urn:gongzhi:problem:unknown-agency',
    });
  });

  it('answers 503 dependency-unavailable when agency-service is down, and changes nothing', async () => {
    const id = await newParty();
    await agencies.stop();
    const res = await involve(coordinator, id, AGENCIES.court);
    expect({ status: res.status, type: res.body.type }).toEqual({
      status: 503,
      type: 'urn:gongzhi:problem:dependency-unavailable',
    });
    const party = await request(service.app)
      .get(`/api/v1/parties/${id}`)
      .set('Authorization', await service.tokenFor(mediator));
    expect(party.body.involvedAgencyIds).toEqual([AGENCIES.own]);
  });
});
