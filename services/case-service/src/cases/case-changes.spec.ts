import request from 'supertest';
import { createFakeCaseService, staff } from '../testing/fake-case-service';

const report = {
  disputeType: 'contract-debt',
  source: 'walk-in',
  summary: 'A supplier says a contractor owes him for building materials.',
  townCode: 'qingshui',
  villageCode: 'shangba',
  amountInDispute: '235000.00',
  parties: [
    { partyId: '7d1f3a0e-1c2b-4d5e-8f90-a1b2c3d4e5f6', role: 'applicant' },
    { partyId: '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d', role: 'respondent' },
  ],
  riskAssessment: {
    violenceRisk: false,
    groupDispute: false,
    keyPerson: true,
    notes: 'respondent on the key-person list',
  },
};

async function openedCase() {
  const fake = await createFakeCaseService();
  // party-service knows both parties, and both villages' committees work with them.
  for (const party of report.parties) {
    fake.partyDirectory.add({
      id: party.partyId,
      involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000006', '0a9e0000-0000-4000-8000-000000000007'],
    });
  }
  const mediator = await fake.bearer(staff.villageMediator);
  const created = await request(fake.app).post('/api/v1/cases').set('Authorization', mediator).send(report);
  return { ...fake, mediator, created };
}

describe('a case carries its parties, amount and risk assessment', () => {
  it('keeps what intake said, amounts as exact decimal strings', async () => {
    const { created } = await openedCase();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      amountInDispute: '235000.00',
      parties: report.parties,
      riskAssessment: report.riskAssessment,
      mergedIntoId: null,
    });
    expect(created.body).not.toHaveProperty('version');
    expect(created.headers.etag).toBe(`"${created.body.id}.v1"`);
  });

  it('refuses amounts that are not yuan with at most two decimals, and a party listed twice', async () => {
    const { app, mediator } = await openedCase();
    const res = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', mediator)
      .send({ ...report, amountInDispute: '12.345', parties: [report.parties[0], report.parties[0]] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['amountInDispute', 'parties']);
  });
});

describe('a case names only parties party-service shows the caller', () => {
  const stranger = '3c9e2f4a-8b1d-4e6f-9a0b-7c5d3e1f2a4b';
  const xiabaOnly = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

  it('refuses a made-up id or another agency’s party with a 422 naming each field, and stores nothing', async () => {
    const { app, mediator, partyDirectory, repository } = await openedCase();
    partyDirectory.add({ id: xiabaOnly, involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000007'] });
    const before = repository.rows.size;
    const res = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', mediator)
      .send({
        ...report,
        parties: [report.parties[0], { partyId: stranger, role: 'respondent' }, { partyId: xiabaOnly, role: 'other' }],
      });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('urn:gongzhi:problem:unknown-party');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['parties.1.partyId', 'parties.2.partyId']);
    expect(repository.rows.size).toBe(before);
  });

  it('asks only about the parties a correction adds, and refuses an unknown one', async () => {
    const { app, mediator, created, partyDirectory } = await openedCase();
    partyDirectory.lookups.length = 0;
    const url = `/api/v1/cases/${created.body.id}`;
    const refused = await request(app)
      .patch(url)
      .set('Authorization', mediator)
      .set('If-Match', '*')
      .send({ parties: [...report.parties, { partyId: stranger, role: 'other' }] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: 'parties.2.partyId', message: expect.any(String) }]);
    expect(partyDirectory.lookups).toEqual([stranger]);
    const kept = await request(app)
      .patch(url)
      .set('Authorization', mediator)
      .set('If-Match', '*')
      .send({ parties: [report.parties[1]] });
    expect(kept.status).toBe(200);
  });

  it('answers 503 when party-service does not answer, and stores nothing', async () => {
    const { app, mediator, partyDirectory, repository } = await openedCase();
    partyDirectory.down = true;
    const before = repository.rows.size;
    const res = await request(app).post('/api/v1/cases').set('Authorization', mediator).send(report);
    expect([res.status, res.body.type]).toEqual([503, 'urn:gongzhi:problem:dependency-unavailable']);
    expect(repository.rows.size).toBe(before);
    // A case without parties does not need party-service.
    const { parties: _parties, ...withoutParties } = report;
    expect((await request(app).post('/api/v1/cases').set('Authorization', mediator).send(withoutParties)).status).toBe(
      201,
    );
  });
});

describe('correcting a case', () => {
  it('needs the ETag the caller read: missing → 428, stale → 412, current → 200 with a new ETag', async () => {
    const { app, mediator, created } = await openedCase();
    const url = `/api/v1/cases/${created.body.id}`;
    const change = { amountInDispute: '198000.50' };
    expect((await request(app).patch(url).set('Authorization', mediator).send(change)).status).toBe(428);
    expect(
      (await request(app).patch(url).set('Authorization', mediator).set('If-Match', '"other.v7"').send(change)).status,
    ).toBe(412);

    const ok = await request(app)
      .patch(url)
      .set('Authorization', mediator)
      .set('If-Match', created.headers.etag ?? '')
      .send(change);
    expect(ok.status).toBe(200);
    expect(ok.body.amountInDispute).toBe('198000.50');
    expect(ok.headers.etag).toBe(`"${created.body.id}.v2"`);
    // The first ETag is now stale: a second writer who read version 1 cannot overwrite this change.
    const late = await request(app)
      .patch(url)
      .set('Authorization', mediator)
      .set('If-Match', created.headers.etag ?? '')
      .send({ amountInDispute: '1.00' });
    expect(late.status).toBe(412);
  });

  it('refuses an empty change and records changes on the timeline', async () => {
    const { app, mediator, created } = await openedCase();
    const url = `/api/v1/cases/${created.body.id}`;
    expect((await request(app).patch(url).set('Authorization', mediator).set('If-Match', '*').send({})).status).toBe(
      400,
    );
    await request(app).patch(url).set('Authorization', mediator).set('If-Match', '*').send({ villageCode: 'xiaba' });
    const timeline = await request(app).get(`${url}/timeline`).set('Authorization', mediator);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual(['case.opened', 'case.updated']);
  });
});

describe('merging and splitting (coordinators)', () => {
  it('merges a duplicate into the case that carries on, closes its workflow, and lets both agencies follow', async () => {
    const { app, workflows, bearer, created } = await openedCase();
    const other = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', await bearer(staff.otherVillageMediator))
      .send({ ...report, villageCode: 'xiaba' });
    const coordinator = await bearer(staff.coordinator);
    const merged = await request(app)
      .post(`/api/v1/cases/${other.body.id}/merge`)
      .set('Authorization', coordinator)
      .send({ intoCaseId: created.body.id, reason: 'The same debt, reported in both villages.' });
    expect(merged.status).toBe(200);
    expect(merged.body.id).toBe(created.body.id);
    expect(workflows.closedAsMerged).toEqual([
      {
        workflowId: other.body.workflow.workflowId,
        actorId: staff.coordinator.staffId,
        mergedIntoCaseId: created.body.id,
      },
    ]);

    const source = await request(app).get(`/api/v1/cases/${other.body.id}`).set('Authorization', coordinator);
    expect(source.body).toMatchObject({ status: 'merged', mergedIntoId: created.body.id });
    // Xiaba's mediator reported the duplicate, so now follows the surviving case.
    const asXiaba = await request(app)
      .get(`/api/v1/cases/${created.body.id}`)
      .set('Authorization', await bearer(staff.otherVillageMediator));
    expect(asXiaba.status).toBe(200);
    // A merged case is finished: no more merges or corrections.
    const again = await request(app)
      .post(`/api/v1/cases/${other.body.id}/merge`)
      .set('Authorization', coordinator)
      .send({ intoCaseId: created.body.id, reason: 'Trying once more.' });
    expect(again.status).toBe(409);
  });

  it('answers a retried merge with the same Idempotency-Key with the first response, and refuses the key for another body', async () => {
    const { app, bearer, created } = await openedCase();
    const other = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', await bearer(staff.villageMediator))
      .send(report);
    const coordinator = await bearer(staff.coordinator);
    const merge = (reason: string) =>
      request(app)
        .post(`/api/v1/cases/${other.body.id}/merge`)
        .set('Authorization', coordinator)
        .set('Idempotency-Key', 'merge-0001')
        .send({ intoCaseId: created.body.id, reason });
    const first = await merge('The same debt, reported twice.');
    const retried = await merge('The same debt, reported twice.');
    expect(first.status).toBe(200);
    expect(retried.status).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(first.body);
    expect((await merge('A different reason altogether.')).status).toBe(422);
  });

  it('refuses merging a case into itself', async () => {
    const { app, bearer, created } = await openedCase();
    const res = await request(app)
      .post(`/api/v1/cases/${created.body.id}/merge`)
      .set('Authorization', await bearer(staff.coordinator))
      .send({ intoCaseId: created.body.id, reason: 'Same case twice.' });
    expect(res.status).toBe(409);
  });

  it('splits reports off into a new case with its own workflow', async () => {
    const { app, workflows, bearer } = await openedCase();
    const mediator = await bearer(staff.villageMediator);
    const file = async () =>
      (
        await request(app).post('/api/v1/reports').set('Authorization', mediator).send({
          disputeType: 'neighbour',
          source: 'walk-in',
          summary: 'A fence torn down in a quarrel.',
          townCode: 'qingshui',
          eventRef: 'JQ-fence-1',
        })
      ).body;
    const first = await file();
    const second = await file();
    const coordinator = await bearer(staff.coordinator);
    const split = (reportIds: string[]) =>
      request(app)
        .post(`/api/v1/cases/${first.case.id}/split`)
        .set('Authorization', coordinator)
        .send({ reportIds, reason: 'A separate quarrel about a fence.' });
    expect((await split(['5b0e6a0c-9f1d-4c2b-8a7e-3d4c5b6a7f80'])).status).toBe(409);
    expect((await split([first.report.id, second.report.id])).status).toBe(409);

    const res = await split([second.report.id]);
    expect(res.status).toBe(201);
    const moved = await request(app).get(`/api/v1/cases/${res.body.id}/reports`).set('Authorization', coordinator);
    expect(moved.body.items.map((r: { id: string }) => r.id)).toEqual([second.report.id]);
    expect(res.headers.location).toBe(`/api/v1/cases/${res.body.id}`);
    expect(res.body.id).not.toBe(first.case.id);
    expect(workflows.started.has(res.body.workflow.workflowId)).toBe(true);
  });
});
