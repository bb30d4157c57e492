/**
 * Saved views of the task queue over HTTP on PostgreSQL: saved once per Idempotency-Key, shared by the SQL's rules
 * (role and agency, within the town), applied to the queue's SQL, replaced and deleted under their conditions, named
 * per person by the unique index, and kept apart from the stuck scan's views in the same table. Temporal has no part
 * here: the tasks are opened as the worker opens them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { staff } from '../testing/fake-case-service';
import { noWorkflows } from '../testing/no-workflows';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { openAction, workflowCalls } from '../testing/workflow-calls';

const DAY = 86_400_000;

const policeMediator: Principal = {
  staffId: 'police-med-1',
  agencyId: '0a9e0000-0000-4000-8000-000000000005',
  townCode: 'qingshui',
  roles: ['mediator'],
};
const shangbaLiaison: Principal = {
  staffId: 'liaison-s',
  agencyId: '0a9e0000-0000-4000-8000-000000000006',
  townCode: 'qingshui',
  roles: ['liaison'],
};
const hekouPoliceLiaison: Principal = {
  staffId: 'liaison-h',
  agencyId: '0a9e0000-0000-4000-8000-000000000005',
  townCode: 'hekou',
  roles: ['liaison'],
};

interface OpenApiDocument {
  components: { schemas: Record<string, { properties?: Record<string, { pattern?: string }> }> };
}

describe('saved views of the task queue on PostgreSQL', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-task-views-'));
    // With the administrators' routes, so the stuck scan's views share the table with the task views here.
    service = await createPostgresCaseService(db.url, documentsDir, { inspector: noWorkflows });
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  const auth = async (who: Principal) => ({ Authorization: await service.bearer(who) });
  const save = async (who: Principal, body: object, key?: string) => {
    const req = request(service.app)
      .post('/api/v1/task-views')
      .set(await auth(who));
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const names = async (who: Principal) =>
    (
      (
        await request(service.app)
          .get('/api/v1/task-views')
          .set(await auth(who))
      ).body.items as { name: string }[]
    ).map((view) => view.name);
  /** A unique name per test: the database is shared by the whole suite. */
  const unique = (name: string) => `${name} ${randomUUID().slice(0, 8)}`;

  it('saves a view once per Idempotency-Key, in the task scope, named in its owner’s name space', async () => {
    const body = { name: unique('我的 超期'), filters: { view: 'mine', overdue: true } };
    const first = await save(staff.villageMediator, body, 'save-task-view-0001');
    expect(first.status).toBe(201);
    const replay = await save(staff.villageMediator, body, 'save-task-view-0001');
    expect([replay.status, replay.headers['idempotent-replayed'], replay.body.id]).toEqual([
      201,
      'true',
      first.body.id,
    ]);
    const row = await service.prisma.savedView.findUniqueOrThrow({ where: { id: first.body.id as string } });
    expect(row).toMatchObject({ scope: 'tasks', nameSpace: 'med-1', ownerStaffId: 'med-1', townCode: 'qingshui' });
    // The same name again is the owner's conflict (the unique index, whatever the case), never a colleague's.
    const taken = await save(staff.villageMediator, { ...body, name: body.name.toUpperCase() });
    expect(taken.status).toBe(409);
    expect((await save(staff.otherVillageMediator, body)).status).toBe(201);
    // Renaming onto a taken name is refused the same way.
    const other = await save(staff.villageMediator, { name: unique('other'), filters: {} });
    const renamed = await request(service.app)
      .put(`/api/v1/task-views/${other.body.id as string}`)
      .set(await auth(staff.villageMediator))
      .send({ name: body.name, filters: {} });
    expect(renamed.status).toBe(409);
  });

  it('shares by role and agency within the owner’s town, as the SQL reads it', async () => {
    const name = unique('小坝 派出所超期');
    const created = await save(staff.coordinator, {
      name,
      filters: {
        view: 'all',
        kind: 'accept-transfer',
        agencyId: '0a9e0000-0000-4000-8000-000000000005',
        overdue: true,
      },
      shareRoles: ['liaison'],
      shareAgencyIds: ['0a9e0000-0000-4000-8000-000000000005'],
    });
    expect(created.status).toBe(201);
    const adminsOnly = unique('for administrators');
    await save(staff.coordinator, { name: adminsOnly, filters: {}, shareRoles: ['administrator'] });
    expect(await names(staff.policeLiaison)).toContain(name);
    for (const who of [policeMediator, shangbaLiaison, hekouPoliceLiaison, staff.otherTownCoordinator]) {
      expect({ who: who.staffId, sees: (await names(who)).includes(name) }).toEqual({ who: who.staffId, sees: false });
    }
    // Administrators work county-wide: one it is shared with sees it from outside the town, and may change it.
    const seen = await request(service.app)
      .get(`/api/v1/task-views/${encodeURIComponent(adminsOnly)}`)
      .set(await auth(staff.administrator));
    expect([seen.status, seen.body.editable]).toEqual([200, true]);
    expect(await names(staff.administrator)).not.toContain(name);
  });

  it('keeps the stuck scan’s views and the task views apart, even under one name', async () => {
    const name = `police-overdue-${randomUUID().slice(0, 8)}`;
    const stuck = await request(service.app)
      .post('/api/v1/admin/views')
      .set(await auth(staff.administrator))
      .send({ name, filters: { kind: 'overdue-acceptance' }, shareRoles: ['administrator'] });
    expect(stuck.status).toBe(201);
    const task = await save(staff.administrator, { name, filters: { overdue: true }, shareRoles: ['administrator'] });
    expect(task.status).toBe(201);
    const adminViews = await request(service.app)
      .get('/api/v1/admin/views')
      .set(await auth(staff.administrator));
    expect((adminViews.body.items as { id: string }[]).map((view) => view.id)).toContain(stuck.body.id);
    expect((adminViews.body.items as { id: string }[]).map((view) => view.id)).not.toContain(task.body.id);
    expect(
      (
        await request(service.app)
          .get(`/api/v1/admin/views/${task.body.id as string}`)
          .set(await auth(staff.administrator))
      ).status,
    ).toBe(404);
    expect(
      (
        await request(service.app)
          .get(`/api/v1/task-views/${stuck.body.id as string}`)
          .set(await auth(staff.administrator))
      ).status,
    ).toBe(404);
    // By name, each list finds its own.
    const stuckByName = await request(service.app)
      .get(`/api/v1/admin/views/${name}`)
      .set(await auth(staff.administrator));
    const taskByName = await request(service.app)
      .get(`/api/v1/task-views/${name}`)
      .set(await auth(staff.administrator));
    expect([stuckByName.body.id, taskByName.body.id]).toEqual([stuck.body.id, task.body.id]);
    // Deleting the task view leaves the stuck one.
    expect(
      (
        await request(service.app)
          .delete(`/api/v1/task-views/${task.body.id as string}`)
          .set(await auth(staff.administrator))
      ).status,
    ).toBe(200);
    expect(await service.prisma.savedView.count({ where: { id: stuck.body.id as string, scope: 'stuck' } })).toBe(1);
  });

  it('applies a view to the queue’s SQL, under the caller’s own queue rules', async () => {
    const open = async (villageCode: string, overdue: boolean) => {
      const res = await request(service.app)
        .post('/api/v1/cases')
        .set(await auth(staff.coordinator))
        .send({
          disputeType: 'neighbour',
          source: 'walk-in',
          summary: 'A leaning wall.',
          townCode: 'qingshui',
          villageCode,
        });
      const task = await workflowCalls(service.app, service.engineBearer, res.body.id as string).openTask(
        openAction({
          kind: 'accept-transfer',
          agencyId: '0a9e0000-0000-4000-8000-000000000005',
          roles: ['liaison', 'mediator'],
          level: 'L2',
          openedAt: new Date(Date.now() - 5 * DAY).toISOString(),
          dueAt: new Date(Date.now() + (overdue ? -1 : 10) * DAY).toISOString(),
        }),
      );
      return task.body.id as string;
    };
    const xiaba = await open('xiaba', true);
    const shangba = await open('shangba', true);
    const notYet = await open('xiaba', false);
    const saved = await save(staff.coordinator, {
      name: unique('派出所超期'),
      filters: {
        view: 'all',
        kind: 'accept-transfer',
        agencyId: '0a9e0000-0000-4000-8000-000000000005',
        villageCode: 'xiaba',
        overdue: true,
      },
      shareRoles: ['liaison'],
      shareAgencyIds: ['0a9e0000-0000-4000-8000-000000000005'],
    });
    const list = async (who: Principal, query: string) =>
      request(service.app)
        .get(`/api/v1/tasks?savedView=${saved.body.id as string}&limit=100${query}`)
        .set(await auth(who));
    const ids = (res: request.Response) => (res.body.items as { id: string }[]).map((task) => task.id);
    expect(ids(await list(staff.coordinator, ''))).toEqual([xiaba]);
    expect(ids(await list(staff.coordinator, '&villageCode=shangba'))).toEqual([shangba]);
    expect(ids(await list(staff.coordinator, '&overdue=false'))).toEqual([notYet]);
    const refused = await list(staff.policeLiaison, '');
    expect([refused.status, refused.body.type]).toEqual([403, 'urn:gongzhi:problem:forbidden']);
    expect(ids(await list(staff.policeLiaison, '&view=team'))).toEqual([xiaba]);
    // Another town's coordinator does not see the view: as if it did not exist.
    expect((await list(staff.otherTownCoordinator, '')).status).toBe(404);
  });

  it('documents a view’s name with a pattern that the names the route accepts match, and the refused ones do not', async () => {
    const document = (await request(service.app).get('/openapi.json')).body as OpenApiDocument;
    const pattern = document.components.schemas['SavedTaskViewRequest']?.properties?.['name']?.pattern ?? '';
    const documented = new RegExp(pattern, 'u');
    for (const name of ['小坝 派出所超期', 'Xiaba overdue (L2)', '调解·超期_2026']) {
      const saved = await save(staff.villageMediator, { name, filters: {} });
      expect({ name, status: saved.status, matches: documented.test(name) }).toEqual({
        name,
        status: 201,
        matches: true,
      });
    }
    for (const name of ['two  spaces', 'ends with a dash!', '-leading']) {
      const saved = await save(staff.villageMediator, { name, filters: {} });
      expect({ name, status: saved.status, matches: documented.test(name) }).toEqual({
        name,
        status: 400,
        matches: false,
      });
    }
  });
});
