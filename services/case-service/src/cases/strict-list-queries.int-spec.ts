/**
 * case-service's lists refuse query parameters they do not know, on PostgreSQL: `GET /api/v1/cases?status=open`
 * answered every case as if filtered, and `?limit=100` on a case's task list answered as if paged. Each list now
 * answers 400 naming each parameter to remove, and still answers the parameters it knows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { openAction, workflowCalls } from '../testing/workflow-calls';
import { noWorkflows, untouchedRepairWorkflows } from '../testing/no-workflows';

describe('lists refuse query parameters they do not know', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  let caseId: string;
  let taskId: string;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-queries-'));
    service = await createPostgresCaseService(db.url, documentsDir, {
      inspector: noWorkflows,
      repairWorkflows: untouchedRepairWorkflows,
    });
    const opened = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', await service.bearer(staff.villageMediator))
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
    caseId = opened.body.id as string;
    const task = await workflowCalls(service.app, service.engineBearer, caseId).openTask(
      openAction({ kind: 'mediate', actionId: '1-mediate', agencyId: '0a9e0000-0000-4000-8000-000000000006' }),
    );
    taskId = task.body.id as string;
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  async function get(url: string, who: Principal = staff.villageMediator) {
    return request(service.app)
      .get(url)
      .set('Authorization', await service.bearer(who));
  }

  it('answers GET /cases with an unknown parameter with a 400 naming it, and pages as before', async () => {
    // `status` is a filter of this list now (the case search); `sort` and `townCode` are not.
    const refused = await get('/api/v1/cases?limit=5&sort=newest&townCode=qingshui');
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body).toMatchObject({
      type: 'urn:gongzhi:problem:validation-failed',
      detail: 'The query string is not valid: see `errors`.',
    });
    expect(refused.body.errors).toEqual([
      { path: 'sort', message: expect.stringMatching(/remove it/), code: 'unknown-field' },
      { path: 'townCode', message: expect.stringMatching(/remove it/), code: 'unknown-field' },
    ]);

    const paged = await get('/api/v1/cases?limit=1');
    expect(paged.status).toBe(200);
    expect(paged.body.items).toHaveLength(1);
  });

  it.each([
    ['a case’s tasks', () => `/api/v1/cases/${caseId}/tasks`, 'limit', staff.villageMediator],
    ['a case’s timeline', () => `/api/v1/cases/${caseId}/timeline`, 'limit', staff.villageMediator],
    ['a case’s reports', () => `/api/v1/cases/${caseId}/reports`, 'since', staff.villageMediator],
    ['a case’s documents', () => `/api/v1/cases/${caseId}/documents`, 'kind', staff.villageMediator],
    ['a task’s notes', () => `/api/v1/tasks/${taskId}/notes`, 'limit', staff.villageMediator],
    ['the task counts', () => '/api/v1/tasks/counts', 'view', staff.villageMediator],
    ['the watched cases', () => '/api/v1/watching', 'status', staff.villageMediator],
    ['the saved views', () => '/api/v1/admin/views', 'owner', staff.administrator],
    ['a case’s repair log', () => `/api/v1/admin/cases/${caseId}/repairs`, 'limit', staff.administrator],
  ])('refuses an unknown parameter on %s, and answers without it', async (_what, url, parameter, who) => {
    const refused = await get(`${url()}?${parameter}=100`, who);
    expect([refused.status, refused.body.errors]).toEqual([
      400,
      [{ path: parameter, message: 'not a parameter of this route — remove it', code: 'unknown-field' }],
    ]);
    expect((await get(url(), who)).status).toBe(200);
  });
});
