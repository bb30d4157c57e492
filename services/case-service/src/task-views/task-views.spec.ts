/**
 * Saved views of the task queue on the in-memory wiring: who saves, sees, applies, changes and deletes them, how they
 * are named, and that applying one never shows more than the caller's own queue rules. task-views.int-spec.ts runs
 * the same on PostgreSQL, beside the stuck scan's views in the same table.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { type Principal, SavedTaskViewRequest } from '@gongzhi/contracts';
import { etagOf } from '@gongzhi/http';
import { createFakeCaseService, staff } from '../testing/fake-case-service';
import { openAction, workflowCalls } from '../testing/workflow-calls';

const DAY = 86_400_000;

/** Staff of Qingshui beyond the shared ones. */
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
const otherCoordinator: Principal = {
  staffId: 'coord-2',
  agencyId: '0a9e0000-0000-4000-8000-000000000001',
  townCode: 'qingshui',
  roles: ['coordinator'],
};
/** A liaison of a police station of Hekou that happens to share the demo id: the town limit, not the id, keeps it out. */
const hekouPoliceLiaison: Principal = {
  staffId: 'liaison-h',
  agencyId: '0a9e0000-0000-4000-8000-000000000005',
  townCode: 'hekou',
  roles: ['liaison'],
};

/** The coordinator's view of the example: police transfers overdue in Xiaba, for the station's liaisons. */
const policeOverdue = {
  name: '小坝 派出所超期',
  filters: {
    view: 'all',
    kind: 'accept-transfer',
    agencyId: '0a9e0000-0000-4000-8000-000000000005',
    villageCode: 'xiaba',
    overdue: true,
  },
  shareRoles: ['liaison'],
  shareAgencyIds: ['0a9e0000-0000-4000-8000-000000000005'],
};

async function setUp() {
  const fake = await createFakeCaseService({ rateLimits: { perIp: 10_000, perUser: 10_000 } });
  const as = async (who: Principal) => ({ Authorization: await fake.bearer(who) });
  const api = {
    list: async (who: Principal) =>
      request(fake.app)
        .get('/api/v1/task-views')
        .set(await as(who)),
    create: async (who: Principal, body: object) =>
      request(fake.app)
        .post('/api/v1/task-views')
        .set(await as(who))
        .send(body),
    get: async (who: Principal, ref: string) =>
      request(fake.app)
        .get(`/api/v1/task-views/${encodeURIComponent(ref)}`)
        .set(await as(who)),
    replace: async (who: Principal, ref: string, body: object, ifMatch?: string) => {
      const req = request(fake.app)
        .put(`/api/v1/task-views/${encodeURIComponent(ref)}`)
        .set(await as(who));
      if (ifMatch) req.set('If-Match', ifMatch);
      return req.send(body);
    },
    remove: async (who: Principal, ref: string) =>
      request(fake.app)
        .delete(`/api/v1/task-views/${encodeURIComponent(ref)}`)
        .set(await as(who)),
    tasks: async (who: Principal, query: string) =>
      request(fake.app)
        .get(`/api/v1/tasks?${query}`)
        .set(await as(who)),
  };
  const names = async (who: Principal) => ((await api.list(who)).body.items as { name: string }[]).map((v) => v.name);
  /** A case of the village, and a transfer of it to the police (overdue, or due in ten days). */
  const transfer = async (villageCode: string, overdue: boolean) => {
    const res = await request(fake.app)
      .post('/api/v1/cases')
      .set(await as(staff.coordinator))
      .send({
        disputeType: 'neighbour',
        source: 'walk-in',
        summary: 'A leaning wall.',
        townCode: 'qingshui',
        villageCode,
      });
    const caseId = res.body.id as string;
    const opened = await workflowCalls(fake.app, fake.engineBearer, caseId).openTask(
      openAction({
        kind: 'accept-transfer',
        agencyId: '0a9e0000-0000-4000-8000-000000000005',
        roles: ['liaison', 'mediator'],
        level: 'L2',
        openedAt: new Date(Date.now() - 5 * DAY).toISOString(),
        dueAt: new Date(Date.now() + (overdue ? -1 : 10) * DAY).toISOString(),
      }),
    );
    return opened.body.id as string;
  };
  const ids = async (res: request.Response) => (res.body.items as { id: string }[]).map((task) => task.id).sort();
  return { ...fake, api, names, transfer, ids };
}

describe('saving a task view', () => {
  it('is open to anyone on the staff, and answers with the view, its ETag and no default filled in', async () => {
    const { api, audit } = await setUp();
    const res = await api.create(staff.villageMediator, {
      name: 'My overdue',
      filters: { view: 'mine', overdue: true },
    });
    expect(res.status).toBe(201);
    expect(res.headers['etag']).toBe(etagOf(res.body.id, 1));
    expect(res.body).toMatchObject({
      name: 'My overdue',
      filters: { view: 'mine', overdue: true },
      shareRoles: [],
      shareAgencyIds: [],
      ownerStaffId: 'med-1',
      editable: true,
      updatedBy: 'med-1',
    });
    expect(audit.entries.filter((e) => e.action === 'task.view.create')).toEqual([
      expect.objectContaining({ actor: 'med-1', objectType: 'task-view', objectId: res.body.id }),
    ]);
  });

  it('names each person’s views apart: the same name twice is one person’s conflict, never another’s', async () => {
    const { api } = await setUp();
    expect((await api.create(staff.villageMediator, { name: 'Overdue', filters: {} })).status).toBe(201);
    const again = await api.create(staff.villageMediator, { name: '  OVERDUE ', filters: { sort: 'priority' } });
    expect([again.status, again.body.detail]).toEqual([409, expect.stringMatching(/You have a saved view named/)]);
    expect((await api.create(staff.otherVillageMediator, { name: 'overdue', filters: {} })).status).toBe(201);
  });

  it('refuses names shaped like ids or with runs of spaces, and filters the queue does not keep', async () => {
    const { api } = await setUp();
    for (const [body, path] of [
      [{ name: randomUUID(), filters: {} }, 'name'],
      [{ name: 'two  spaces', filters: {} }, 'name'],
      [{ name: 'x'.repeat(65), filters: {} }, 'name'],
      [{ name: 'One case', filters: { caseId: randomUUID() } }, 'filters'],
      [{ name: 'Tomorrow', filters: { dueBefore: new Date().toISOString() } }, 'filters'],
      [{ name: 'Strings', filters: { overdue: 'true' } }, 'filters.overdue'],
      [{ name: 'Engine', filters: {}, shareRoles: ['workflow-engine'] }, 'shareRoles.0'],
    ] as const) {
      const res = await api.create(staff.villageMediator, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors.map((issue: { path: string }) => issue.path)).toContain(path);
    }
  });
});

describe('who sees a task view', () => {
  it('is its owner, and the staff of its town matching each list it is shared with', async () => {
    const { api, names } = await setUp();
    expect((await api.create(staff.coordinator, policeOverdue)).status).toBe(201);
    expect((await api.create(staff.coordinator, { name: 'Private', filters: {} })).status).toBe(201);
    expect(
      (await api.create(staff.coordinator, { name: 'For coordinators', filters: {}, shareRoles: ['coordinator'] }))
        .status,
    ).toBe(201);
    expect(await names(staff.coordinator)).toEqual(['For coordinators', 'Private', '小坝 派出所超期']);
    // The police station's liaisons: the role and the agency.
    expect(await names(staff.policeLiaison)).toEqual(['小坝 派出所超期']);
    expect(await names(policeMediator)).toEqual([]);
    expect(await names(shangbaLiaison)).toEqual([]);
    // The town limit: a liaison of another town's station with the same id, another town's coordinator.
    expect(await names(hekouPoliceLiaison)).toEqual([]);
    expect(await names(staff.otherTownCoordinator)).toEqual([]);
    expect(await names(otherCoordinator)).toEqual(['For coordinators']);
    const seen = await api.get(staff.policeLiaison, '小坝 派出所超期');
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ ownerStaffId: 'coord-1', editable: false });
    expect((await api.get(shangbaLiaison, seen.body.id)).status).toBe(404);
    expect((await api.get(staff.policeLiaison, 'Private')).status).toBe(404);
  });

  it('by name is the caller’s own first; several shared under one name are told apart by id (409)', async () => {
    const { api } = await setUp();
    const shared = { name: 'Overdue', filters: { overdue: true }, shareRoles: ['mediator'] };
    const first = await api.create(staff.coordinator, shared);
    const second = await api.create(otherCoordinator, shared);
    const ambiguous = await api.get(staff.villageMediator, 'overdue');
    expect([ambiguous.status, ambiguous.body.viewIds?.sort()]).toEqual([409, [first.body.id, second.body.id].sort()]);
    expect((await api.get(staff.villageMediator, first.body.id)).body.ownerStaffId).toBe('coord-1');
    const own = await api.create(staff.villageMediator, { name: 'OVERDUE', filters: { view: 'mine' } });
    expect((await api.get(staff.villageMediator, 'overdue')).body.id).toBe(own.body.id);
  });
});

describe('changing a task view', () => {
  it('is its owner’s (If-Match, when sent, must be current), or an administrator’s it is shared with', async () => {
    const { api, audit } = await setUp();
    const created = await api.create(staff.coordinator, { ...policeOverdue, shareRoles: ['liaison', 'administrator'] });
    const id = created.body.id as string;
    const replacement = { name: 'Police overdue', filters: { kind: 'accept-transfer', overdue: true } };
    expect((await api.replace(staff.policeLiaison, id, replacement)).status).toBe(403);
    expect((await api.remove(staff.policeLiaison, id)).status).toBe(403);
    const replaced = await api.replace(staff.coordinator, id, replacement, created.headers['etag']);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ ...replacement, shareRoles: [], shareAgencyIds: [], updatedBy: 'coord-1' });
    expect(replaced.headers['etag']).toBe(etagOf(id, 2));
    const stale = await api.replace(staff.coordinator, id, replacement, created.headers['etag']);
    expect(stale.status).toBe(412);
    // No longer shared: gone from the liaison's sight, and out of the administrator's reach.
    expect((await api.get(staff.policeLiaison, id)).status).toBe(404);
    expect((await api.remove(staff.administrator, id)).status).toBe(404);
    expect((await api.remove(staff.coordinator, 'police OVERDUE')).status).toBe(200);
    expect((await api.get(staff.coordinator, id)).status).toBe(404);
    // Refusals are on the trail too (the shared refusal audit); the changes are these.
    const changes = audit.entries.filter((e) => e.objectType === 'task-view' && e.action.startsWith('task.view.'));
    expect(changes.map((e) => [e.action, e.actor])).toEqual([
      ['task.view.create', 'coord-1'],
      ['task.view.update', 'coord-1'],
      ['task.view.delete', 'coord-1'],
    ]);
  });

  it('may be done by an administrator it is shared with, wherever they work', async () => {
    const { api } = await setUp();
    const created = await api.create(staff.coordinator, { name: 'Town', filters: {}, shareRoles: ['administrator'] });
    const seen = await api.get(staff.administrator, created.body.id);
    expect(seen.body.editable).toBe(true);
    const res = await api.replace(staff.administrator, created.body.id, { name: 'Town', filters: { sort: 'created' } });
    expect([res.status, res.body.updatedBy, res.body.ownerStaffId]).toEqual([200, 'admin-1', 'coord-1']);
  });
});

describe('applying a task view to the queue', () => {
  it('lists what its filters select, and the query’s own parameters override them', async () => {
    const { api, transfer, ids } = await setUp();
    const overdueXiaba = await transfer('xiaba', true);
    const overdueShangba = await transfer('shangba', true);
    await transfer('xiaba', false);
    const saved = await api.create(staff.coordinator, policeOverdue);
    expect(
      await ids(await api.tasks(staff.coordinator, `savedView=${encodeURIComponent(policeOverdue.name)}`)),
    ).toEqual([overdueXiaba]);
    expect(await ids(await api.tasks(staff.coordinator, `savedView=${saved.body.id}&villageCode=shangba`))).toEqual([
      overdueShangba,
    ]);
    // A saved view of another person, not shared with the caller: as if it did not exist.
    expect((await api.tasks(staff.villageMediator, `savedView=${saved.body.id}`)).status).toBe(404);
    expect((await api.tasks(staff.coordinator, 'savedView=nothing-saved')).status).toBe(404);
  });

  it('never shows more than the caller’s queue: a view their role lacks is refused, the rest applies under their own', async () => {
    const { api, transfer, ids } = await setUp();
    const overdueXiaba = await transfer('xiaba', true);
    const saved = await api.create(staff.coordinator, policeOverdue);
    // The coordinator's view=all is not the liaison's: refused as if they had asked for it, naming the saved view.
    const refused = await api.tasks(staff.policeLiaison, `savedView=${saved.body.id}`);
    expect([refused.status, refused.body.detail]).toEqual([403, expect.stringContaining('小坝 派出所超期')]);
    // Their own view with the rest of the filters: the station's transfers, as their team view shows them.
    expect(await ids(await api.tasks(staff.policeLiaison, `savedView=${saved.body.id}&view=team`))).toEqual([
      overdueXiaba,
    ]);
    // A view shared with the Shangba committee naming the police's tasks shows its liaison none of them.
    const leaky = await api.create(staff.coordinator, {
      name: 'Police for Shangba',
      filters: { agencyId: '0a9e0000-0000-4000-8000-000000000005' },
      shareAgencyIds: ['0a9e0000-0000-4000-8000-000000000006'],
    });
    const none = await api.tasks(shangbaLiaison, `savedView=${leaky.body.id}`);
    expect([none.status, none.body.items]).toEqual([200, []]);
  });

  it('refuses filters this version no longer understands, asking to save the view again', async () => {
    const { api, tasks } = await setUp();
    const saved = await api.create(staff.coordinator, { name: 'Old', filters: { overdue: true } });
    const row = tasks.savedViews.rows.get(saved.body.id);
    if (row) row.filters = { urgency: 'very' };
    const res = await api.tasks(staff.coordinator, `savedView=${saved.body.id}`);
    expect([res.status, res.body.detail]).toEqual([409, expect.stringMatching(/save it again/)]);
  });
});

describe('a task view request', () => {
  it('keeps the filters as JSON (booleans, no defaults) and shares with no one unless told', () => {
    expect(SavedTaskViewRequest.parse({ name: ' 我的 超期 ', filters: { overdue: false } })).toEqual({
      name: '我的 超期',
      filters: { overdue: false },
      shareRoles: [],
      shareAgencyIds: [],
    });
  });
});
