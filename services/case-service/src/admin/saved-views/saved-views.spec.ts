/** Saved views on fakes: who sees a view, who may change it, names, versions, and the audit of every change. */
import { type Principal, SavedViewRequest } from '@gongzhi/contracts';
import { type AuditEntry, createLogger, etagOf } from '@gongzhi/http';
import { staff } from '../../testing/fake-case-service';
import { createInMemorySavedViewsRepository } from './saved-views.fakes';
import { createSavedViewsService } from './saved-views.service';

const colleague: Principal = {
  staffId: 'admin-2',
  agencyId: 'agency-it',
  townCode: 'county',
  roles: ['administrator'],
};
const centreAdmin: Principal = {
  staffId: 'admin-3',
  agencyId: '0a9e0000-0000-4000-8000-000000000001',
  townCode: 'qingshui',
  roles: ['administrator'],
};

function setUp() {
  const audits: AuditEntry[] = [];
  const repository = createInMemorySavedViewsRepository();
  const service = createSavedViewsService({
    repository,
    audit: { record: async (entry) => void audits.push(entry) },
    logger: createLogger('case-service', 'silent'),
    now: () => new Date('2026-03-10T00:00:00.000Z'),
  });
  const as = (principal: Principal) => ({ principal, requestId: `req-${principal.staffId}` });
  return { service, repository, audits, as };
}

const policeOverdue = SavedViewRequest.parse({
  name: 'Police-Overdue',
  filters: { kind: 'overdue-acceptance', agencyId: '0a9e0000-0000-4000-8000-000000000005', minAgeHours: '24' },
});

describe('saved views', () => {
  it('are seen by their owner and by whoever they are shared with, by role or agency, and nobody else', async () => {
    const { service, as } = setUp();
    const mine = await service.create(as(staff.administrator), policeOverdue);
    const shared = await service.create(
      as(staff.administrator),
      SavedViewRequest.parse({
        name: 'centre',
        filters: { town: 'qingshui' },
        shareAgencyIds: ['0a9e0000-0000-4000-8000-000000000001'],
      }),
    );
    const team = await service.create(
      as(staff.administrator),
      SavedViewRequest.parse({ name: 'all-blocked', filters: { kind: 'blocked' }, shareRoles: ['administrator'] }),
    );
    const names = async (who: Principal) => (await service.list(as(who))).items.map((view) => view.name);
    expect(await names(staff.administrator)).toEqual(['all-blocked', 'centre', 'Police-Overdue']);
    expect(await names(colleague)).toEqual(['all-blocked']);
    expect(await names(centreAdmin)).toEqual(['all-blocked', 'centre']);
    // A coordinator of the agency reads the view shared with it (the scan itself stays the administrators').
    expect(await names(staff.coordinator)).toEqual(['centre']);
    expect(await names(staff.villageMediator)).toEqual([]);
    await expect(service.get(as(colleague), mine.view.id)).rejects.toMatchObject({ status: 404 });
    await expect(service.filtersOf(as(colleague), 'police-overdue')).rejects.toMatchObject({ status: 404 });
    expect((await service.get(as(staff.coordinator), shared.view.id)).view).toMatchObject({
      name: 'centre',
      editable: false,
    });
    expect(team.view).toMatchObject({ ownerStaffId: 'admin-1', shareRoles: ['administrator'], editable: true });
  });

  it('are found by id or by name whatever its case, and apply the filters they were saved with', async () => {
    const { service, as } = setUp();
    const created = await service.create(as(staff.administrator), policeOverdue);
    expect(created.view.filters).toEqual({
      kind: 'overdue-acceptance',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
      minAgeHours: 24,
    });
    expect(created.etag).toBe(etagOf(created.view.id, 1));
    expect((await service.get(as(staff.administrator), 'police-OVERDUE')).view.id).toBe(created.view.id);
    expect(await service.filtersOf(as(staff.administrator), created.view.id)).toEqual({
      id: created.view.id,
      name: 'Police-Overdue',
      filters: { kind: 'overdue-acceptance', agencyId: '0a9e0000-0000-4000-8000-000000000005', minAgeHours: 24 },
    });
  });

  it('are saved by administrators only, under a name nobody else uses', async () => {
    const { service, as } = setUp();
    await expect(service.create(as(staff.coordinator), policeOverdue)).rejects.toMatchObject({ status: 403 });
    await service.create(as(staff.administrator), policeOverdue);
    await expect(service.create(as(colleague), { ...policeOverdue, name: 'POLICE-overdue' })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/named "POLICE-overdue" exists already/),
    });
  });

  it('are changed and deleted by any administrator who sees them, never by other staff, and every change is audited', async () => {
    const { service, audits, as } = setUp();
    const created = await service.create(
      as(staff.administrator),
      SavedViewRequest.parse({ ...policeOverdue, shareRoles: ['administrator', 'coordinator'] }),
    );
    await expect(service.replace(as(staff.coordinator), created.view.id, policeOverdue)).rejects.toMatchObject({
      status: 403,
    });
    const replaced = await service.replace(
      as(colleague),
      'police-overdue',
      SavedViewRequest.parse({ name: 'police-l2', filters: { level: 'L2' }, shareRoles: ['administrator'] }),
    );
    expect(replaced.view).toMatchObject({
      name: 'police-l2',
      filters: { level: 'L2' },
      shareRoles: ['administrator'],
      ownerStaffId: 'admin-1',
      updatedBy: 'admin-2',
    });
    expect(replaced.etag).toBe(etagOf(created.view.id, 2));
    // No longer shared with coordinators: gone from their sight.
    await expect(service.get(as(staff.coordinator), created.view.id)).rejects.toMatchObject({ status: 404 });
    const deleted = await service.remove(as(staff.administrator), 'police-l2');
    expect(deleted.name).toBe('police-l2');
    await expect(service.get(as(staff.administrator), created.view.id)).rejects.toMatchObject({ status: 404 });
    expect(audits.map((entry) => [entry.action, entry.actor, entry.objectType, entry.objectId])).toEqual([
      ['admin.view.create', 'admin-1', 'saved-view', created.view.id],
      ['admin.view.update', 'admin-2', 'saved-view', created.view.id],
      ['admin.view.delete', 'admin-1', 'saved-view', created.view.id],
    ]);
  });

  it('refuse a change made on an old read (If-Match), and one that lost a race to another editor', async () => {
    const { service, repository, as } = setUp();
    const created = await service.create(
      as(staff.administrator),
      SavedViewRequest.parse({ ...policeOverdue, shareRoles: ['administrator'] }),
    );
    await service.replace(as(colleague), created.view.id, policeOverdue, created.etag);
    await expect(
      service.replace(as(staff.administrator), created.view.id, policeOverdue, created.etag),
    ).rejects.toMatchObject({ status: 412 });
    await expect(service.remove(as(staff.administrator), created.view.id, created.etag)).rejects.toMatchObject({
      status: 412,
    });
    // Someone else wrote between this request's read and its write.
    const write = repository.replace.bind(repository);
    repository.replace = async (id, _version, view) => write(id, -1, view);
    await expect(service.replace(as(staff.administrator), created.view.id, policeOverdue)).rejects.toMatchObject({
      status: 412,
    });
  });

  it('refuse to apply filters a later version no longer understands, asking to save the view again', async () => {
    const { service, repository, as } = setUp();
    const created = await service.create(as(staff.administrator), policeOverdue);
    const row = repository.rows.get(created.view.id);
    if (row) row.filters = { kind: 'stalled-for-ever' };
    await expect(service.filtersOf(as(staff.administrator), created.view.id)).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/no longer understands: save it again/),
    });
  });
});

describe('a saved view request', () => {
  const valid = { name: '派出所-超期', filters: { kind: 'blocked' } };

  it('takes names people can type after --view, in any script, with the scan’s filters and no default added', () => {
    expect(SavedViewRequest.parse(valid)).toEqual({ ...valid, shareRoles: [], shareAgencyIds: [] });
  });

  it('refuses names with spaces or shaped like ids, unknown filters and roles, with a reason per field', () => {
    for (const [request, path] of [
      [{ ...valid, name: 'my view' }, 'name'],
      [{ ...valid, name: '3f2b8c1e-1d2a-4e5f-9a8b-7c6d5e4f3a2b' }, 'name'],
      [{ ...valid, filters: { kind: 'blocked', view: 'other' } }, 'filters'],
      [{ ...valid, filters: { kind: 'slow' } }, 'filters.kind'],
      [{ ...valid, shareRoles: ['workflow-engine'] }, 'shareRoles.0'],
    ] as const) {
      const parsed = SavedViewRequest.safeParse(request);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
    }
  });
});
