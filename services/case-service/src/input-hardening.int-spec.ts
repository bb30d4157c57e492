/**
 * Input PostgreSQL cannot store, or that code cannot walk, is a 400 problem on the real case-service — never a 500:
 * a NUL character in a case's text, JSON nested deep enough to overflow the request hash behind Idempotency-Key, a
 * path that is not valid percent-encoding, a year-0000 instant from the workflow engine. And no response that carries
 * a case or a note may be kept by a browser or proxy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { staffRolesOf } from './kernel/principals';
import { callerRequests } from './testing/caller-requests';
import { staff } from './testing/fake-case-service';
import { createPostgresCaseService } from './testing/postgres-case-service';
import { openAction, workflowCalls } from './testing/workflow-calls';

describe('case-service refuses unstorable input with a 400 problem (PostgreSQL)', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-input-'));
    service = await createPostgresCaseService(db.url, documentsDir);
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  const { get, post } = callerRequests(() => service);
  const report = { disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' };

  function expectValidationProblem(res: request.Response) {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'urn:gongzhi:problem:validation-failed', status: 400 });
  }

  it("refuses a NUL character in a case's summary, naming the field, and stores nothing", async () => {
    const res = await post(staff.villageMediator, '/api/v1/cases', { ...report, summary: 'A leaning\u0000 wall.' });
    expectValidationProblem(res);
    expect(res.body.errors).toEqual([{ path: 'summary', message: expect.stringContaining('NUL') }]);
    expect(await service.prisma.case.count()).toBe(0);
  });

  it('refuses JSON nested past 64 levels on a POST with an Idempotency-Key, and claims no key', async () => {
    const key = `deep-${randomUUID()}`;
    const res = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', await service.bearer(staff.villageMediator))
      .set('Idempotency-Key', key)
      .set('Content-Type', 'application/json')
      .send(`{"summary":${'['.repeat(30_000)}${']'.repeat(30_000)}}`);
    expectValidationProblem(res);
    expect(res.body.errors).toEqual([{ path: '(body)', message: 'nest at most 64 levels deep' }]);
    expect(await service.prisma.idempotencyRecord.count({ where: { key } })).toBe(0);
    // The same key still works for the real request.
    const real = await post(staff.villageMediator, '/api/v1/cases', report, key);
    expect(real.status).toBe(201);
  });

  it('refuses a path that is not valid percent-encoding', async () => {
    const res = await get(staff.villageMediator, '/api/v1/cases/%E0%A4%A');
    expectValidationProblem(res);
    expect(res.body.errors).toEqual([{ path: '(path)', message: 'malformed percent-encoding' }]);
  });

  it('refuses a year-0000 instant from the workflow engine, naming the field, and leaves the task as it was', async () => {
    const opened = await post(staff.villageMediator, '/api/v1/cases', report);
    const caseId = opened.body.id as string;
    const calls = workflowCalls(service.app, service.engineBearer, caseId);
    expect((await calls.openTask(openAction({ actionId: '1-mediate' }))).status).toBe(201);
    const res = await calls.remindTask('1-mediate', '0000-01-01T00:00:00.000Z');
    expectValidationProblem(res);
    expect(res.body.errors).toEqual([
      { path: 'remindedAt', message: 'use an instant between the years 1900 and 9999' },
    ]);
    const task = await service.prisma.task.findFirstOrThrow({ where: { caseId }, select: { remindedAt: true } });
    expect(task.remindedAt).toBeNull();
    expect((await calls.remindTask('1-mediate', '2026-03-02T01:00:00.000Z')).status).toBe(200);
  });

  it('marks a case, its notes and the problems about them Cache-Control: no-store', async () => {
    const agencyId = `agency-${randomUUID()}`;
    const mediator: Principal = { staffId: `med-${randomUUID()}`, agencyId, townCode: 'qingshui', roles: ['mediator'] };
    service.staffDirectory.add({ id: mediator.staffId, agencyId, roles: staffRolesOf(mediator) });
    const caseId = (await post(staff.villageMediator, '/api/v1/cases', report)).body.id as string;
    const calls = workflowCalls(service.app, service.engineBearer, caseId);
    const task = (await calls.openTask(openAction({ actionId: '2-mediate', agencyId }))).body as { id: string };
    expect((await post(mediator, `/api/v1/tasks/${task.id}/notes`, { text: '当事人周五有空' })).status).toBe(201);

    const responses = {
      case: await get(staff.villageMediator, `/api/v1/cases/${caseId}`),
      notes: await get(mediator, `/api/v1/tasks/${task.id}/notes`),
      hidden: await get(staff.otherVillageMediator, `/api/v1/cases/${caseId}`),
    };
    expect(responses.case.status).toBe(200);
    expect(responses.notes.body.items).toEqual([expect.objectContaining({ text: '当事人周五有空' })]);
    expect(responses.hidden.status).toBe(404);
    for (const res of Object.values(responses)) expect(res.headers['cache-control']).toBe('no-store');
  });
});
