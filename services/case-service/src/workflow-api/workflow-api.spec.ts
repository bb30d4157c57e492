import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { WORKFLOW_API_PROBLEM_TYPES } from '@gongzhi/contracts';
import { createFakeCaseService, staff } from '../testing/fake-case-service';
import { openAction, progress, timelineEvent, workflowCalls } from '../testing/workflow-calls';

async function setUp() {
  const fake = await createFakeCaseService({ rateLimits: { perIp: 10_000, perUser: 10_000 } });
  const mediator = await fake.bearer(staff.villageMediator);
  const opened = await request(fake.app)
    .post('/api/v1/cases')
    .set('Authorization', mediator)
    .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
  const caseId = opened.body.id as string;
  return { ...fake, mediator, caseId, worker: workflowCalls(fake.app, fake.engineBearer, caseId) };
}

describe('tasks the workflow opens and closes (/internal/v1)', () => {
  it('opens a task once: the same call twice answers 201 then 200 with the same task', async () => {
    const { worker, tasks } = await setUp();
    const first = await worker.openTask(openAction());
    const again = await worker.openTask(openAction());
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    // The same task; only its clock moved on between the two reads.
    expect(again.body).toEqual({ ...first.body, clock: { ...first.body.clock, remainingMs: expect.any(Number) } });
    expect(first.body).toMatchObject({ actionId: '1-mediate', kind: 'mediate', status: 'open', remindedAt: null });
    expect(tasks.rows).toHaveLength(1);
  });

  it('keeps the first version of a task when a retry differs (the key decides, not the body)', async () => {
    const { worker } = await setUp();
    await worker.openTask(openAction({ dueAt: '2026-04-01T00:00:00.000Z' }));
    const retry = await worker.openTask(openAction({ dueAt: '2026-05-01T00:00:00.000Z' }));
    expect(retry.status).toBe(200);
    expect(retry.body.dueAt).toBe('2026-04-01T00:00:00.000Z');
  });

  it('lets the agency asked to act see the case (a transfer to the police)', async () => {
    const { app, worker, caseId, bearer } = await setUp();
    const police = await bearer(staff.policeLiaison);
    expect((await request(app).get(`/api/v1/cases/${caseId}`).set('Authorization', police)).status).toBe(404);
    await worker.openTask(
      openAction({ kind: 'accept-transfer', agencyId: '0a9e0000-0000-4000-8000-000000000005', roles: ['liaison'] }),
    );
    expect((await request(app).get(`/api/v1/cases/${caseId}`).set('Authorization', police)).status).toBe(200);
  });

  it('refuses a body whose action id differs from the path (400), and another case’s workflow (409)', async () => {
    const { app, caseId, engineBearer, worker } = await setUp();
    const mismatch = await request(app)
      .put(`/internal/v1/cases/${caseId}/tasks/2-mediate`)
      .set('Authorization', await engineBearer())
      .send({ workflowId: `dispute-case-${caseId}`, action: openAction() });
    expect(mismatch.status).toBe(400);
    const otherWorkflow = await worker.openTask(openAction(), `dispute-case-${randomUUID()}`);
    expect(otherWorkflow.status).toBe(409);
  });

  it('answers an unknown case with the case-not-found problem the activities map to CaseNotFound', async () => {
    const { app, engineBearer } = await setUp();
    const worker = workflowCalls(app, engineBearer, randomUUID());
    for (const res of [
      await worker.openTask(openAction()),
      await worker.recordTimeline('x:wf:1'),
      await worker.updateProgress(progress()),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.type).toBe(WORKFLOW_API_PROBLEM_TYPES.caseNotFound);
    }
  });

  it('closes a task once; closing it again, or a task it never heard of, is a 200 that changes nothing', async () => {
    const { worker } = await setUp();
    await worker.openTask(openAction());
    const closed = await worker.closeTask('1-mediate');
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      closed: true,
      changed: true,
      task: { status: 'completed', closedBy: 'med-1', closedAt: '2026-03-05T02:00:00.000Z' },
    });
    const again = await worker.closeTask('1-mediate', { outcome: 'cancelled', closedBy: null });
    expect(again.body).toMatchObject({
      closed: true,
      changed: false,
      task: { status: 'completed', closedBy: 'med-1' },
    });
    const unknown = await worker.closeTask('9-mediate');
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({ closed: false, changed: false, task: null });
  });

  it('marks a task reminded once, and never a closed one', async () => {
    const { worker } = await setUp();
    await worker.openTask(openAction());
    const first = await worker.remindTask('1-mediate', '2026-03-02T01:00:00.000Z');
    const second = await worker.remindTask('1-mediate', '2026-03-09T01:00:00.000Z');
    expect(first.body).toMatchObject({ reminded: true, changed: true });
    expect(second.body).toMatchObject({
      reminded: true,
      changed: false,
      task: { remindedAt: '2026-03-02T01:00:00.000Z' },
    });
    await worker.openTask(openAction({ actionId: '2-mediate' }));
    await worker.closeTask('2-mediate');
    expect((await worker.remindTask('2-mediate')).body).toMatchObject({ reminded: false, changed: false });
    expect((await worker.remindTask('3-mediate')).body).toEqual({ reminded: false, changed: false, task: null });
  });
});

describe('the timeline and progress the workflow writes', () => {
  it('records an event once per key: 201, then 200 and no second entry', async () => {
    const { app, worker, caseId, mediator } = await setUp();
    const first = await worker.recordTimeline(`${caseId}:wf:1`);
    const again = await worker.recordTimeline(`${caseId}:wf:1`);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual({ eventKey: `${caseId}:wf:1`, created: false });
    const timeline = await request(app).get(`/api/v1/cases/${caseId}/timeline`).set('Authorization', mediator);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual(['case.opened', 'transfer-requested']);
  });

  it('refuses an event key already used by another case (409)', async () => {
    const { app, worker, caseId, engineBearer, mediator } = await setUp();
    await worker.recordTimeline(`${caseId}:wf:1`);
    const other = await request(app)
      .post('/api/v1/cases')
      .set('Authorization', mediator)
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'Another wall.', townCode: 'qingshui' });
    const res = await workflowCalls(app, engineBearer, other.body.id).recordTimeline(`${caseId}:wf:1`);
    expect(res.status).toBe(409);
  });

  it('refuses timeline details that are not ids, codes or instants (nested objects)', async () => {
    const { worker, caseId } = await setUp();
    const res = await worker.recordTimeline(`${caseId}:wf:1`, {
      ...timelineEvent(),
      details: { party: { name: 'x' } } as never,
    });
    expect(res.status).toBe(400);
  });

  it('applies progress in sequence order: the case view shows it, an older report changes nothing', async () => {
    const { app, worker, caseId, mediator } = await setUp();
    const newer = await worker.updateProgress(
      progress({ progressSeq: 2, phase: 'mediation', awaitedAction: 'mediate' }),
    );
    expect(newer.body).toEqual({ applied: true, progressSeq: 2 });
    const older = await worker.updateProgress(progress({ progressSeq: 1, phase: 'transfer' }));
    expect(older.body).toEqual({ applied: false, progressSeq: 2 });
    const same = await worker.updateProgress(progress({ progressSeq: 2, phase: 'closed', outcome: 'withdrawn' }));
    expect(same.body).toEqual({ applied: false, progressSeq: 2 });

    const view = await request(app).get(`/api/v1/cases/${caseId}`).set('Authorization', mediator);
    expect(view.body.status).toBe('open');
    expect(view.body.progress).toEqual({
      level: 'L1',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      phase: 'mediation',
      outcome: null,
      awaitedAction: 'mediate',
      nextDeadline: '2026-03-03T09:00:00.000Z',
    });
    const list = await request(app).get('/api/v1/cases').set('Authorization', mediator);
    expect(list.body.items[0].progress.phase).toBe('mediation');
  });

  it('lets the agencies a report names see the case, even from a report that arrives late', async () => {
    const { app, worker, caseId, bearer } = await setUp();
    await worker.updateProgress(progress({ progressSeq: 5 }));
    const late = await worker.updateProgress(
      progress({
        progressSeq: 3,
        agencyId: '0a9e0000-0000-4000-8000-000000000005',
        involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000005'],
      }),
    );
    expect(late.body.applied).toBe(false);
    const police = await bearer(staff.policeLiaison);
    expect((await request(app).get(`/api/v1/cases/${caseId}`).set('Authorization', police)).status).toBe(200);
  });

  it('closes the case when the workflow reports an outcome, and keeps a merged case merged', async () => {
    const { app, worker, caseId, mediator, repository } = await setUp();
    await worker.updateProgress(
      progress({ progressSeq: 9, phase: 'closed', outcome: 'resolved', awaitedAction: null }),
    );
    const closed = await request(app).get(`/api/v1/cases/${caseId}`).set('Authorization', mediator);
    expect(closed.body).toMatchObject({ status: 'closed', progress: { outcome: 'resolved', phase: 'closed' } });

    const row = repository.rows.get(caseId);
    if (row) row.status = 'merged';
    await worker.updateProgress(progress({ progressSeq: 10, phase: 'closed', outcome: 'merged' }));
    expect(repository.rows.get(caseId)?.status).toBe('merged');
  });
});

describe('who may call /internal/v1', () => {
  it('refuses staff (403) before looking at the body, and strangers (401)', async () => {
    const { app, caseId, bearer } = await setUp();
    for (const who of [staff.villageMediator, staff.coordinator, staff.administrator]) {
      const res = await request(app)
        .put(`/internal/v1/cases/${caseId}/progress`)
        .set('Authorization', await bearer(who))
        .send({ not: 'a progress report' });
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('urn:gongzhi:problem:forbidden');
    }
    const anonymous = await request(app).put(`/internal/v1/cases/${caseId}/progress`).send(progress());
    expect(anonymous.status).toBe(401);
  });

  it('refuses the workflow engine on every staff route (403), also where it could see everything', async () => {
    const { app, caseId, engineBearer } = await setUp();
    const engine = await engineBearer();
    expect((await request(app).get(`/api/v1/cases/${caseId}`).set('Authorization', engine)).status).toBe(403);
    expect((await request(app).get('/api/v1/tasks').set('Authorization', engine)).status).toBe(403);
  });

  it('does not count the workflow engine against the per-user rate limit', async () => {
    const fake = await createFakeCaseService({ rateLimits: { perIp: 10_000, perUser: 2 } });
    const worker = workflowCalls(fake.app, fake.engineBearer, randomUUID());
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await worker.closeTask(`${i}-mediate`)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
  });
});
