import request from 'supertest';
import { createFakeCaseService, staff } from '../testing/fake-case-service';

const report = {
  disputeType: 'wages-labour',
  source: 'hotline-12345',
  summary: 'Workers on a housing site report three months of unpaid wages.',
  townCode: 'qingshui',
  villageCode: 'xiaba',
  gridCode: 'xb-02',
};

describe('filing intake reports', () => {
  it('opens a case for a new dispute, starts its workflow, and keeps the report', async () => {
    const { app, workflows, audit, bearer } = await createFakeCaseService();
    const auth = await bearer(staff.gridWorker);
    const res = await request(app).post('/api/v1/reports').set('Authorization', auth).send(report);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      outcome: 'opened',
      report: { matchedBy: null, reportedBy: 'grid-1' },
      case: { status: 'open' },
    });
    expect(workflows.started.size).toBe(1);
    expect(audit.entries.map((e) => e.action)).toEqual(['report.file', 'case.open']);

    const reports = await request(app).get(`/api/v1/cases/${res.body.case.id}/reports`).set('Authorization', auth);
    expect(reports.body.items).toHaveLength(1);
  });

  it('links a second report of the same event to the open case, lets its agency follow the case, and starts no workflow', async () => {
    const { app, workflows, bearer } = await createFakeCaseService();
    const first = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', await bearer(staff.gridWorker))
      .send({ ...report, eventRef: 'T12345-0042' });
    const second = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', await bearer(staff.policeLiaison))
      .send({ ...report, eventRef: 'T12345-0042', source: 'police-transfer', gridCode: 'xb-09' });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      outcome: 'linked',
      report: { matchedBy: 'same-event' },
      case: { id: first.body.case.id },
    });
    expect(workflows.started.size).toBe(1);

    const asPolice = await request(app)
      .get(`/api/v1/cases/${first.body.case.id}/reports`)
      .set('Authorization', await bearer(staff.policeLiaison));
    expect(asPolice.status).toBe(200);
    expect(asPolice.body.items.map((r: { matchedBy: string | null }) => r.matchedBy)).toEqual([null, 'same-event']);
  });

  it('replays a retried report with the same Idempotency-Key', async () => {
    const { app, reports, bearer } = await createFakeCaseService();
    const auth = await bearer(staff.gridWorker);
    const first = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'report-0001')
      .send(report);
    const again = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'report-0001')
      .send(report);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(reports.rows).toHaveLength(1);
  });

  it('hides the reports of another village’s case (404) and refuses another town (403)', async () => {
    const { app, bearer } = await createFakeCaseService();
    const filed = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', await bearer(staff.gridWorker))
      .send(report);
    const foreign = await request(app)
      .get(`/api/v1/cases/${filed.body.case.id}/reports`)
      .set('Authorization', await bearer(staff.otherVillageMediator));
    expect(foreign.status).toBe(404);
    const elsewhere = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', await bearer(staff.gridWorker))
      .send({ ...report, townCode: 'hekou' });
    expect(elsewhere.status).toBe(403);
  });

  it('names bad fields, such as a reporter that is not a party id', async () => {
    const { app, bearer } = await createFakeCaseService();
    const res = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', await bearer(staff.gridWorker))
      .send({ ...report, reporterPartyId: '13800138000' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['reporterPartyId']);
  });

  it('files a report by a reporter party-service shows the caller, and refuses one it does not (422)', async () => {
    const { app, bearer, partyDirectory, reports } = await createFakeCaseService();
    const auth = await bearer(staff.gridWorker);
    const known = partyDirectory.add({
      id: '2b4d6f80-1a3c-4e5f-8a9b-0c1d2e3f4a5b',
      involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000006'],
    });
    const xiabas = partyDirectory.add({
      id: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
      involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000007'],
    });
    const filed = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .send({ ...report, reporterPartyId: known.id });
    expect(filed.status).toBe(201);
    expect(filed.body.case.parties).toEqual([{ partyId: known.id, role: 'applicant' }]);
    const refused = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .send({ ...report, eventRef: 'T12345-0099', reporterPartyId: xiabas.id });
    expect([refused.status, refused.body.type]).toEqual([422, 'urn:gongzhi:problem:unknown-party']);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['reporterPartyId']);
    expect(reports.rows).toHaveLength(1);
  });
  it('gives a new case the other parties, the amount and the risk signs, and names an unseen party (422)', async () => {
    const { app, bearer, partyDirectory, workflows, reports } = await createFakeCaseService();
    const auth = await bearer(staff.gridWorker);
    const [reporter, respondent] = ['2b4d6f80-1a3c-4e5f-8a9b-0c1d2e3f4a5b', '3c5e7a91-2b4d-4f6a-9b0c-1d2e3f4a5b6c'];
    for (const id of [reporter, respondent])
      partyDirectory.add({ id, involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000006'] });
    const xiabas = partyDirectory.add({
      id: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
      involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000007'],
    });
    const risk = { violenceRisk: false, groupDispute: true, keyPerson: false };
    const filed = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .send({
        ...report,
        reporterPartyId: reporter,
        otherParties: [{ partyId: respondent, role: 'respondent' }],
        amountInDispute: '235000.00',
        riskAssessment: risk,
      });
    expect(filed.status).toBe(201);
    expect(filed.body.case).toMatchObject({
      amountInDispute: '235000.00',
      riskAssessment: risk,
      parties: [
        { partyId: reporter, role: 'applicant' },
        { partyId: respondent, role: 'respondent' },
      ],
    });
    expect([...workflows.started.values()][0]).toMatchObject({ risks: ['group-dispute'] });

    const refused = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .send({
        ...report,
        eventRef: 'T12345-0100',
        otherParties: [
          { partyId: respondent, role: 'respondent' },
          { partyId: xiabas.id, role: 'other' },
        ],
      });
    expect([refused.status, refused.body.type]).toEqual([422, 'urn:gongzhi:problem:unknown-party']);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['otherParties.1.partyId']);
    expect(reports.rows).toHaveLength(1);
  });
});

describe('the same place: linked only with a party in common, otherwise a possible duplicate', () => {
  const [familyA, familyB, respondent] = [
    '2b4d6f80-1a3c-4e5f-8a9b-0c1d2e3f4a5b',
    '3c5e7a91-2b4d-4f6a-9b0c-1d2e3f4a5b6c',
    '4d6f8a02-3c5e-4a7b-8c1d-2e3f4a5b6c7d',
  ];
  const quarrel = { ...report, disputeType: 'neighbour', gridCode: 'shangba-02', villageCode: 'shangba' };

  async function serviceWithParties() {
    const service = await createFakeCaseService();
    for (const id of [familyA, familyB, respondent]) {
      service.partyDirectory.add({ id, involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000006'] });
    }
    return { ...service, auth: await service.bearer(staff.gridWorker) };
  }

  it('opens a case for a second family of the same grid cell, with a suggestion naming the first case', async () => {
    const { app, auth, workflows } = await serviceWithParties();
    const first = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .send({ ...quarrel, reporterPartyId: familyA });
    const second = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .send({ ...quarrel, reporterPartyId: familyB });
    expect([first.body.outcome, second.body.outcome]).toEqual(['opened', 'opened']);
    expect(second.body.case.id).not.toBe(first.body.case.id);
    expect(workflows.started.size).toBe(2);

    const seen = await request(app).get(`/api/v1/cases/${second.body.case.id}`).set('Authorization', auth);
    expect(seen.body.duplicateSuggestions).toEqual([
      expect.objectContaining({
        caseId: second.body.case.id,
        candidateCaseId: first.body.case.id,
        rule: 'same-place',
        status: 'open',
        evidence: expect.objectContaining({ place: 'grid', placeCode: 'shangba-02', sharedPartyIds: [] }),
      }),
    ]);
  });

  it('links a report of the same grid cell naming a party of the case, by the same-place rule', async () => {
    const { app, auth } = await serviceWithParties();
    const first = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .send({ ...quarrel, reporterPartyId: familyA, otherParties: [{ partyId: respondent, role: 'respondent' }] });
    const second = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .send({ ...quarrel, reporterPartyId: familyB, otherParties: [{ partyId: respondent, role: 'respondent' }] });
    expect(second.body).toMatchObject({
      outcome: 'linked',
      report: { matchedBy: 'same-place' },
      case: { id: first.body.case.id },
    });
  });

  it('refuses a village the town does not have (422 on villageCode) and files nothing', async () => {
    const { app, auth, reports } = await serviceWithParties();
    const res = await request(app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .send({ ...quarrel, villageCode: 'shangbaa' });
    expect([res.status, res.body.type]).toEqual([422, 'urn:gongzhi:problem:unknown-village']);
    expect(res.body.errors).toEqual([{ path: 'villageCode', message: expect.any(String) }]);
    expect(reports.rows).toHaveLength(0);
  });

  it('files the report with its village unchecked when agency-service does not answer', async () => {
    const { app, auth, staffDirectory } = await serviceWithParties();
    staffDirectory.down = true;
    const res = await request(app).post('/api/v1/reports').set('Authorization', auth).send(quarrel);
    expect([res.status, res.body.outcome]).toEqual([201, 'opened']);
    expect(staffDirectory.villageLookups).toEqual(['qingshui/shangba']);
  });
});
