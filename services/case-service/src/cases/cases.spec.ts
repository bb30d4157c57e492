import { isAuditObjectType, routeNounOf } from '@gongzhi/http';
import request from 'supertest';
import type { TaskRecord } from '../tasks/tasks.model';
import { createFakeCaseService, staff } from '../testing/fake-case-service';

const report = {
  disputeType: 'land-forest',
  source: 'grid-report',
  summary: 'Two households disagree about the boundary of a plot.',
  townCode: 'qingshui',
  villageCode: 'shangba',
};

describe('opening a case', () => {
  it('stores the case, records who reported it, and starts exactly one workflow with an id derived from the case id', async () => {
    const { app, workflows, audit, bearer } = await createFakeCaseService();
    const res = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', await bearer(staff.gridWorker))
      .send(report);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/cases/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'open',
      townCode: 'qingshui',
      // Recorded, not asked of Temporal: the workflow has reported nothing yet, so only its status is known.
      workflow: { source: 'recorded', status: 'RUNNING', level: null, openActions: [] },
    });
    expect(res.body.workflow.workflowId).toBe(`dispute-case-${res.body.id}`);
    expect(workflows.started.get(res.body.workflow.workflowId)).toEqual({
      caseId: res.body.id,
      townCode: 'qingshui',
      villageCode: 'shangba',
      disputeType: 'land-forest',
      risks: [],
      intakeAgencyId: '0a9e0000-0000-4000-8000-000000000006',
    });
    // Nothing reported by the workflow yet: the stored progress is empty.
    expect(res.body.progress).toEqual({
      level: null,
      agencyId: null,
      phase: null,
      outcome: null,
      awaitedAction: null,
      nextDeadline: null,
    });
    expect(audit.entries).toEqual([
      {
        actor: 'grid-1',
        action: 'case.open',
        objectType: 'case',
        objectId: res.body.id,
        requestId: res.headers['x-request-id'],
      },
    ]);
  });

  it('starts the workflow with intake’s risk assessment as flags, and never with its notes', async () => {
    const { app, workflows, bearer } = await createFakeCaseService();
    const res = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', await bearer(staff.gridWorker))
      .send({
        ...report,
        riskAssessment: {
          violenceRisk: true,
          groupDispute: false,
          keyPerson: true,
          notes: 'Threats made at the market.',
        },
      });
    const input = workflows.started.get(res.body.workflow.workflowId);
    expect(input?.risks).toEqual(['violence-risk', 'key-person']);
    expect(JSON.stringify(input)).not.toContain('market');
  });

  it('never puts the free-text summary into the workflow input', async () => {
    const { app, workflows, bearer } = await createFakeCaseService();
    await request(app)
      .post('/api/v1/cases')
      .set('Authorization', await bearer(staff.gridWorker))
      .send(report);
    expect(JSON.stringify([...workflows.started.values()])).not.toContain('boundary');
  });

  it('answers a retried request with the same Idempotency-Key with the first response, and starts nothing new', async () => {
    const { app, workflows, repository, bearer } = await createFakeCaseService();
    const auth = await bearer(staff.gridWorker);
    const first = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'intake-0001')
      .send(report);
    const again = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'intake-0001')
      .send(report);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(repository.rows.size).toBe(1);
    expect(workflows.started.size).toBe(1);
  });

  it('keeps Idempotency-Keys apart per user: the same key from someone else is a new request', async () => {
    const { app, repository, bearer } = await createFakeCaseService();
    await request(app)
      .post('/api/v1/cases')
      .set('Authorization', await bearer(staff.gridWorker))
      .set('Idempotency-Key', 'shared-key-1')
      .send(report);
    const other = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', await bearer(staff.villageMediator))
      .set('Idempotency-Key', 'shared-key-1')
      .send(report);
    expect(other.status).toBe(201);
    expect(repository.rows.size).toBe(2);
  });

  it('refuses the same Idempotency-Key with a different body (422)', async () => {
    const { app, bearer } = await createFakeCaseService();
    const auth = await bearer(staff.gridWorker);
    await request(app)
      .post('/api/v1/cases')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'intake-0002')
      .send(report);
    const res = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'intake-0002')
      .send({ ...report, summary: 'A different dispute altogether.' });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('urn:gongzhi:problem:idempotency-key-reused');
  });

  it('keeps the case when Temporal is down, and the resume sweep starts its workflow later', async () => {
    const { app, workflows, cases, bearer } = await createFakeCaseService();
    workflows.failNextStarts = 1;
    const auth = await bearer(staff.gridWorker);
    const res = await request(app).post('/api/v1/cases').set('Authorization', auth).send(report);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('opening');
    expect(workflows.started.size).toBe(0);

    expect(await cases.resumeOpeningCases(-1)).toBe(1);
    const after = await request(app).get(`/api/v1/cases/${res.body.id}`).set('Authorization', auth);
    expect(after.body).toMatchObject({ status: 'open', workflow: { status: 'RUNNING' } });
  });

  it('refuses a report for another town', async () => {
    const { app, bearer } = await createFakeCaseService();
    const res = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', await bearer(staff.gridWorker))
      .send({ ...report, townCode: 'hekou' });
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('qingshui');
  });

  it('rejects bad input with a problem naming the fields', async () => {
    const { app, bearer } = await createFakeCaseService();
    const res = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', await bearer(staff.gridWorker))
      .send({ ...report, disputeType: 'alien-abduction', summary: 'x', extra: true });
    expect(res.status).toBe(400);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['(body)', 'disputeType', 'summary']);
  });

  it('rejects a malformed Idempotency-Key', async () => {
    const { app, bearer } = await createFakeCaseService();
    const res = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', await bearer(staff.gridWorker))
      .set('Idempotency-Key', 'bad key!')
      .send(report);
    expect(res.status).toBe(400);
  });
});

describe('reading and listing cases', () => {
  it('returns 404 for an unknown case and 400 for a malformed id', async () => {
    const { app, bearer } = await createFakeCaseService();
    const auth = await bearer(staff.coordinator);
    expect(
      (await request(app).get('/api/v1/cases/3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60').set('Authorization', auth)).status,
    ).toBe(404);
    expect((await request(app).get('/api/v1/cases/42').set('Authorization', auth)).status).toBe(400);
  });

  it('pages through the visible cases newest first, with a cursor', async () => {
    const { app, bearer } = await createFakeCaseService();
    const auth = await bearer(staff.gridWorker);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push(
        (
          await request(app)
            .post('/api/v1/cases')
            .set('Authorization', auth)
            .send({ ...report, summary: `Dispute number ${i}` })
        ).body.id,
      );
    }
    const first = await request(app).get('/api/v1/cases?limit=2').set('Authorization', auth);
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([ids[4], ids[3]]);
    const second = await request(app)
      .get(`/api/v1/cases?limit=2&cursor=${first.body.nextCursor}`)
      .set('Authorization', auth);
    const third = await request(app)
      .get(`/api/v1/cases?limit=2&cursor=${second.body.nextCursor}`)
      .set('Authorization', auth);
    expect([...second.body.items, ...third.body.items].map((c: { id: string }) => c.id)).toEqual([
      ids[2],
      ids[1],
      ids[0],
    ]);
    expect(third.body.nextCursor).toBeNull();
    expect((await request(app).get('/api/v1/cases?cursor=garbage').set('Authorization', auth)).status).toBe(400);
  });

  it('lists only what the caller may see', async () => {
    const { app, bearer } = await createFakeCaseService();
    await request(app)
      .post('/api/v1/cases')
      .set('Authorization', await bearer(staff.gridWorker))
      .send(report);
    const count = async (who: keyof typeof staff) =>
      (
        await request(app)
          .get('/api/v1/cases')
          .set('Authorization', await bearer(staff[who]))
      ).body.items.length;
    expect(await count('villageMediator')).toBe(1);
    expect(await count('otherVillageMediator')).toBe(0);
    expect(await count('coordinator')).toBe(1);
    expect(await count('otherTownCoordinator')).toBe(0);
    expect(await count('administrator')).toBe(1);
  });
});

describe('authentication and limits', () => {
  it('asks for a token with a 401 problem', async () => {
    const { app } = await createFakeCaseService();
    const res = await request(app).get('/api/v1/cases');
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('urn:gongzhi:problem:unauthenticated');
    expect((await request(app).get('/api/v1/cases').set('Authorization', 'Bearer forged.token.here')).status).toBe(401);
  });

  it('keeps health and the OpenAPI document public', async () => {
    const { app } = await createFakeCaseService();
    expect((await request(app).get('/health/live')).status).toBe(200);
    expect((await request(app).get('/openapi.json')).status).toBe(200);
  });

  it('names the object of every route in the contracts, so a refusal on any of them is recorded under it', async () => {
    const { app } = await createFakeCaseService();
    const paths = Object.keys((await request(app).get('/openapi.json')).body.paths as Record<string, unknown>);
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((path) => !isAuditObjectType(routeNounOf(path).noun))).toEqual([]);
  });

  it('answers a user over the rate limit with 429', async () => {
    const { app, bearer } = await createFakeCaseService({ rateLimits: { perIp: 100, perUser: 3 } });
    const auth = await bearer(staff.coordinator);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await request(app).get('/api/v1/cases').set('Authorization', auth)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('the workflow view of a case read', () => {
  async function caseInMediation() {
    const service = await createFakeCaseService();
    const { app, repository, bearer } = service;
    const opened = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', await bearer(staff.gridWorker))
      .send(report);
    const caseId = opened.body.id as string;
    // What the workflow's activities write after an accepted transfer: its progress and the mediate task it names.
    await repository.applyProgress(caseId, {
      progressSeq: 3,
      level: 'L1',
      phase: 'mediation',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      involvedAgencyIds: [],
      outcome: null,
      awaitedAction: 'mediate',
      nextDeadline: '2026-04-01T00:00:00.000Z',
    });
    const task = (actionId: string, kind: TaskRecord['kind'], status: TaskRecord['status'], at: string) =>
      ({
        id: `task-${actionId}`,
        caseId,
        townCode: 'qingshui',
        workflowId: `dispute-case-${caseId}`,
        actionId,
        kind,
        level: 'L1',
        agencyId: '0a9e0000-0000-4000-8000-000000000006',
        roles: ['mediator'],
        assigneeStaffId: kind === 'mediate' ? 'med-1' : null,
        assignedAt: null,
        assignedBy: null,
        workflowAssigned: kind === 'mediate',
        status,
        openedAt: new Date(at),
        dueAt: new Date('2026-04-01T00:00:00.000Z'),
        rule: null,
        reason: null,
        remindedAt: null,
        closedAt: null,
        closedBy: null,
        version: 1,
        villageCode: 'shangba',
        disputeType: 'land-forest',
        riskFlags: [],
      }) satisfies TaskRecord;
    repository.tasks.push(
      task('1-accept', 'accept-transfer', 'completed', '2026-03-01T00:00:00.000Z'),
      task('2-mediate', 'mediate', 'open', '2026-03-02T00:00:00.000Z'),
    );
    return { ...service, caseId };
  }

  it('comes from the case row and its open tasks, without a call to the workflow', async () => {
    const { app, workflows, bearer, caseId } = await caseInMediation();
    const res = await request(app)
      .get(`/api/v1/cases/${caseId}`)
      .set('Authorization', await bearer(staff.villageMediator));
    expect(res.status).toBe(200);
    expect(res.body.workflow).toEqual({
      workflowId: `dispute-case-${caseId}`,
      source: 'recorded',
      status: 'RUNNING',
      level: 'L1',
      phase: 'mediation',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      responsibleStaffId: 'med-1',
      nextDeadline: '2026-04-01T00:00:00.000Z',
      openActions: [
        {
          actionId: '2-mediate',
          kind: 'mediate',
          agencyId: '0a9e0000-0000-4000-8000-000000000006',
          assigneeStaffId: 'med-1',
          dueAt: '2026-04-01T00:00:00.000Z',
        },
      ],
    });
    // Neither opening the case nor reading it asked Temporal for the workflow's state.
    expect(workflows.viewCalls).toEqual([]);
  });

  it('asks the workflow only with live=true, which is for administrators', async () => {
    const { app, workflows, bearer, caseId } = await caseInMediation();
    const live = await request(app)
      .get(`/api/v1/cases/${caseId}?live=true`)
      .set('Authorization', await bearer(staff.administrator));
    expect(live.status).toBe(200);
    expect(live.body.workflow).toMatchObject({ source: 'live', status: 'RUNNING', level: 'L1' });
    expect(workflows.viewCalls).toEqual([`dispute-case-${caseId}`]);

    const mediatorAuth = await bearer(staff.villageMediator);
    const refused = await request(app).get(`/api/v1/cases/${caseId}?live=true`).set('Authorization', mediatorAuth);
    expect(refused.status).toBe(403);
    const notLive = await request(app).get(`/api/v1/cases/${caseId}?live=false`).set('Authorization', mediatorAuth);
    expect(notLive.body.workflow.source).toBe('recorded');
    expect((await request(app).get(`/api/v1/cases/${caseId}?live=yes`).set('Authorization', mediatorAuth)).status).toBe(
      400,
    );
    expect((await request(app).get(`/api/v1/cases/${caseId}?lve=true`).set('Authorization', mediatorAuth)).status).toBe(
      400,
    );
    expect(workflows.viewCalls).toHaveLength(1);
  });
});
