/**
 * Saved views over HTTP on PostgreSQL: saved, shared, applied to the stuck scan, replaced and deleted, with
 * Idempotency-Key replays, problems instead of 500s, and the audit trail. Temporal has no part in these views: the
 * scan's workflow side sees no workflows here, and its task side reads the tasks this suite opens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Principal, SavedView, StuckItem, StuckReport } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { staff } from '../../testing/fake-case-service';
import { createPostgresCaseService } from '../../testing/postgres-case-service';
import { openAction, workflowCalls } from '../../testing/workflow-calls';
import { noWorkflows } from '../../testing/no-workflows';

const DAY_MS = 24 * 60 * 60 * 1000;
const colleague: Principal = {
  staffId: 'admin-2',
  agencyId: 'agency-it',
  townCode: 'county',
  roles: ['administrator'],
};

describe('saved views of the stuck scan', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  let acceptanceCase: string;
  let mediationCase: string;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-views-'));
    service = await createPostgresCaseService(db.url, documentsDir, { inspector: noWorkflows });
    // Two awaited actions long past due: an acceptance at the police, a mediation in the village.
    const overdue = new Date(Date.now() - 3 * DAY_MS).toISOString();
    const open = async (kind: 'accept-transfer' | 'mediate', agencyId: string) => {
      const res = await request(service.app)
        .post('/api/v1/cases')
        .set('Authorization', await service.bearer(staff.villageMediator))
        .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
      const caseId = res.body.id as string;
      const task = await workflowCalls(service.app, service.engineBearer, caseId).openTask(
        openAction({ kind, actionId: `1-${kind}`, agencyId, dueAt: overdue }),
      );
      expect(task.status).toBe(201);
      return caseId;
    };
    acceptanceCase = await open('accept-transfer', '0a9e0000-0000-4000-8000-000000000005');
    mediationCase = await open('mediate', '0a9e0000-0000-4000-8000-000000000006');
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  async function as(who: Principal) {
    return service.bearer(who);
  }

  async function save(body: object, who: Principal = staff.administrator, key?: string) {
    const req = request(service.app)
      .post('/api/v1/admin/views')
      .set('Authorization', await as(who));
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  }

  async function stuck(query: string) {
    const res = await request(service.app)
      .get(`/api/v1/admin/stuck?${query}`)
      .set('Authorization', await as(staff.administrator));
    return res;
  }

  const ours = (report: StuckReport) =>
    report.items
      .filter((item: StuckItem) => [acceptanceCase, mediationCase].includes(item.caseId ?? ''))
      .map((item) => [item.kind, item.caseId]);

  it('saves a view once per Idempotency-Key, and applies it to the scan, the query’s own parameters first', async () => {
    const body = {
      name: 'overdue-acceptances',
      filters: { kind: 'overdue-acceptance', minAgeHours: 24 },
      shareRoles: ['administrator'],
    };
    const first = await save(body, staff.administrator, 'save-view-0001');
    expect(first.status).toBe(201);
    expect(first.headers['etag']).toBe(`"${first.body.id as string}.v1"`);
    expect(first.body).toMatchObject({ name: 'overdue-acceptances', ownerStaffId: 'admin-1', editable: true });
    const replay = await save(body, staff.administrator, 'save-view-0001');
    expect([replay.status, replay.headers['idempotent-replayed'], replay.body.id]).toEqual([
      201,
      'true',
      first.body.id,
    ]);
    const reused = await save({ ...body, name: 'other' }, staff.administrator, 'save-view-0001');
    expect(reused.status).toBe(422);
    expect(await service.prisma.savedView.count()).toBe(1);

    const applied = await stuck('view=overdue-acceptances');
    expect(applied.status).toBe(200);
    expect(applied.body.view).toEqual({ id: first.body.id, name: 'overdue-acceptances' });
    expect(ours(applied.body as StuckReport)).toEqual([['overdue-acceptance', acceptanceCase]]);
    // By id too; the query's kind overrides the view's, its age filter stays.
    const overridden = await stuck(`view=${first.body.id as string}&kind=overdue-task`);
    expect(ours(overridden.body as StuckReport)).toEqual([['overdue-task', mediationCase]]);
    expect((await stuck('view=overdue-acceptances&minAgeHours=100')).body.items).toEqual([]);
  });

  it('answers problems, never a 500: a bad view, a taken name, an unknown view, a caller who may not', async () => {
    const bad = await save({ name: 'my view', filters: { kind: 'slow', town: '' }, shareRoles: ['root'] });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((bad.body.errors as { path: string }[]).map((error) => error.path)).toEqual(
      expect.arrayContaining(['name', 'filters.kind', 'filters.town', 'shareRoles.0']),
    );
    const taken = await save({ name: 'OVERDUE-acceptances', filters: {} }, colleague);
    expect([taken.status, taken.body.detail]).toEqual([
      409,
      'A saved view named "OVERDUE-acceptances" exists already: choose another name, or replace that view.',
    ]);
    const unknown = await stuck('view=nobody-saved-this');
    expect([unknown.status, unknown.headers['content-type']]).toEqual([404, expect.stringMatching(/problem\+json/)]);
    const coordinator = await save({ name: 'mine', filters: {} }, staff.coordinator);
    expect(coordinator.status).toBe(403);
  });

  it('shows a view to whoever it is shared with, by role or agency, and lets administrators who see it change it', async () => {
    const created = await save({
      name: 'centre-l2',
      filters: { level: 'L2' },
      shareAgencyIds: ['0a9e0000-0000-4000-8000-000000000001'],
    });
    expect(created.status).toBe(201);
    const list = async (who: Principal) => {
      const res = await request(service.app)
        .get('/api/v1/admin/views')
        .set('Authorization', await as(who));
      expect(res.status).toBe(200);
      return (res.body.items as SavedView[]).map((view) => view.name);
    };
    expect(await list(staff.administrator)).toEqual(['centre-l2', 'overdue-acceptances']);
    expect(await list(colleague)).toEqual(['overdue-acceptances']);
    expect(await list(staff.coordinator)).toEqual(['centre-l2']);
    expect(await list(staff.villageMediator)).toEqual([]);
    const hidden = await request(service.app)
      .get('/api/v1/admin/views/centre-l2')
      .set('Authorization', await as(colleague));
    expect(hidden.status).toBe(404);

    // The colleague sees the team's view (shared with administrators) and changes it; an old ETag is refused.
    const read = await request(service.app)
      .get('/api/v1/admin/views/overdue-acceptances')
      .set('Authorization', await as(colleague));
    expect(read.status).toBe(200);
    const replace = async (etag: string) =>
      request(service.app)
        .put('/api/v1/admin/views/overdue-acceptances')
        .set('Authorization', await as(colleague))
        .set('If-Match', etag)
        .send({ name: 'overdue-acceptances', filters: { kind: 'overdue-acceptance' }, shareRoles: ['administrator'] });
    const replaced = await replace(read.headers['etag'] as string);
    expect([replaced.status, replaced.headers['etag'], replaced.body.updatedBy]).toEqual([
      200,
      `"${read.body.id as string}.v2"`,
      'admin-2',
    ]);
    expect((await replace(read.headers['etag'] as string)).status).toBe(412);

    const deleted = await request(service.app)
      .delete('/api/v1/admin/views/centre-l2')
      .set('Authorization', await as(staff.administrator));
    expect([deleted.status, deleted.body.name]).toEqual([200, 'centre-l2']);
    expect(await list(staff.coordinator)).toEqual([]);

    const audited = await service.prisma.auditRecord.findMany({
      where: { objectType: 'saved-view' },
      orderBy: { id: 'asc' },
      select: { action: true, actor: true, objectId: true },
    });
    expect(audited).toEqual([
      { action: 'admin.view.create', actor: 'admin-1', objectId: read.body.id },
      { action: 'admin.view.create', actor: 'admin-1', objectId: created.body.id },
      { action: 'admin.view.update', actor: 'admin-2', objectId: read.body.id },
      { action: 'admin.view.delete', actor: 'admin-1', objectId: created.body.id },
    ]);
  });
});
