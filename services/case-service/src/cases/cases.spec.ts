import request from 'supertest';
import { createLogger } from '@gongzhi/http';
import { createCaseService } from '../case-service';
import { createFakeCaseWorkflows, createInMemoryCasesRepository } from './cases.fakes';

function setup() {
  const repository = createInMemoryCasesRepository();
  const workflows = createFakeCaseWorkflows();
  const service = createCaseService({
    logger: createLogger('case-service', 'silent'),
    repository,
    workflows,
    firstLevelClockDays: 30,
  });
  return { ...service, repository, workflows };
}

const report = {
  disputeType: 'land-forest',
  source: 'grid-report',
  summary: 'Two households disagree about the boundary of a plot.',
  townCode: 'qingshui',
  villageCode: 'shangba',
};

describe('opening a case', () => {
  it('stores the case and starts exactly one workflow with an id derived from the case id', async () => {
    const { app, workflows } = setup();
    const res = await request(app).post('/api/v1/cases').send(report);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/cases/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'open',
      townCode: 'qingshui',
      workflow: { status: 'RUNNING', level: 'L1' },
    });
    expect(res.body.workflow.workflowId).toBe(`dispute-case-${res.body.id}`);
    expect(workflows.started.get(res.body.workflow.workflowId)).toEqual({
      caseId: res.body.id,
      townCode: 'qingshui',
      disputeType: 'land-forest',
      firstLevelClockDays: 30,
    });
  });

  it('never puts the free-text summary into the workflow input', async () => {
    const { app, workflows } = setup();
    await request(app).post('/api/v1/cases').send(report);
    expect(JSON.stringify([...workflows.started.values()])).not.toContain('boundary');
  });

  it('answers a retried request with the same Idempotency-Key with the first response, and starts nothing new', async () => {
    const { app, workflows, repository } = setup();
    const first = await request(app).post('/api/v1/cases').set('Idempotency-Key', 'intake-0001').send(report);
    const again = await request(app).post('/api/v1/cases').set('Idempotency-Key', 'intake-0001').send(report);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(repository.rows.size).toBe(1);
    expect(workflows.started.size).toBe(1);
  });

  it('refuses the same Idempotency-Key with a different body (422)', async () => {
    const { app } = setup();
    await request(app).post('/api/v1/cases').set('Idempotency-Key', 'intake-0002').send(report);
    const res = await request(app)
      .post('/api/v1/cases')
      .set('Idempotency-Key', 'intake-0002')
      .send({ ...report, summary: 'A different dispute altogether.' });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('urn:gongzhi:problem:idempotency-key-reused');
  });

  it('keeps the case when Temporal is down, and the resume sweep starts its workflow later', async () => {
    const { app, workflows, cases } = setup();
    workflows.failNextStarts = 1;
    const res = await request(app).post('/api/v1/cases').send(report);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('opening');
    expect(workflows.started.size).toBe(0);

    expect(await cases.resumeOpeningCases(-1)).toBe(1);
    const after = await request(app).get(`/api/v1/cases/${res.body.id}`);
    expect(after.body).toMatchObject({ status: 'open', workflow: { status: 'RUNNING' } });
  });

  it('rejects bad input with a problem naming the fields', async () => {
    const { app } = setup();
    const res = await request(app)
      .post('/api/v1/cases')
      .send({ ...report, disputeType: 'alien-abduction', summary: 'x', extra: true });
    expect(res.status).toBe(400);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['(body)', 'disputeType', 'summary']);
  });

  it('rejects a malformed Idempotency-Key', async () => {
    const { app } = setup();
    const res = await request(app).post('/api/v1/cases').set('Idempotency-Key', 'bad key!').send(report);
    expect(res.status).toBe(400);
  });
});

describe('reading a case', () => {
  it('returns 404 for an unknown case and 400 for a malformed id', async () => {
    const { app } = setup();
    expect((await request(app).get('/api/v1/cases/3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60')).status).toBe(404);
    expect((await request(app).get('/api/v1/cases/42')).status).toBe(400);
  });
});
