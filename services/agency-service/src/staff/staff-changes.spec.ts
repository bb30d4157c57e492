/**
 * Changing staff accounts (`PATCH /api/v1/staff/:id`): roles, deactivation and reactivation under the managers' rules,
 * with If-Match, the audit trail, the event the outbox would carry and the person's sessions; and the list's filters.
 */
import request from 'supertest';
import { etagOf } from '@gongzhi/http';
import { parseDomainEvent } from '@gongzhi/contracts';
import { createFakeAgencyService, demoPrincipal, OTHER_TOWN, seedInMemoryDemoTown } from '../agency-service.fakes';
import { DEMO_AGENCY_IDS, DEMO_PASSWORD, DEMO_STAFF, DEMO_TOWN_CODE, type DemoStaff } from '../seed/demo-town';

/** A second administrator, in another agency of the demo town. */
const SECOND_ADMIN = {
  id: '5aff0000-0000-4000-8000-0000000000aa',
  username: 'admin.two',
  displayName: '第二管理员',
  agencyId: DEMO_AGENCY_IDS.judicialOffice,
  roles: ['administrator'],
} as const satisfies DemoStaff;

async function setup() {
  const fake = await createFakeAgencyService();
  await seedInMemoryDemoTown(fake);
  const as = async (staff: DemoStaff) => {
    const auth = `Bearer ${await fake.tokenFor(demoPrincipal(staff))}`;
    const versionOf = (id: string) => fake.repositories.staff.rows.get(id)?.version ?? 0;
    return {
      get: (path: string) => request(fake.app).get(path).set('Authorization', auth),
      /** A change under the version as it is now (the ETag a fresh read gives), unless `ifMatch` says otherwise. */
      patch: (id: string, body: object, ifMatch: string | null = etagOf(id, versionOf(id))) => {
        const req = request(fake.app).patch(`/api/v1/staff/${id}`).set('Authorization', auth);
        return (ifMatch === null ? req : req.set('If-Match', ifMatch)).send(body);
      },
    };
  };
  const addSecondAdmin = () =>
    fake.repositories.staff.create({ ...SECOND_ADMIN, roles: [...SECOND_ADMIN.roles], password: DEMO_PASSWORD });
  return { fake, as, addSecondAdmin };
}

const mediator = DEMO_STAFF.mediatorShangba;
const slugOf = (body: { type?: string }) => body.type?.replace('urn:gongzhi:problem:', '');

describe('changing a staff account', () => {
  it("sets a town account's roles for its coordinator, with a new ETag, the audit trail and an event of ids only", async () => {
    const { fake, as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    const read = await coordinator.get(`/api/v1/staff/${mediator.id}`);
    expect(read.headers['etag']).toBe(etagOf(mediator.id, 1));

    const res = await coordinator.patch(mediator.id, { roles: ['mediator', 'liaison'] }, read.headers['etag']);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: mediator.id, roles: ['mediator', 'liaison'], active: true, version: 2 });
    expect(res.headers['etag']).toBe(etagOf(mediator.id, 2));
    expect(fake.audit).toContainEqual(
      expect.objectContaining({
        actor: DEMO_STAFF.coordinator.id,
        action: 'staff.change-roles',
        objectId: mediator.id,
      }),
    );

    const [event] = fake.repositories.staff.events;
    expect(event?.key).toBe(mediator.id);
    expect(parseDomainEvent(event?.event).ok).toBe(true);
    expect(event?.event).toMatchObject({
      type: 'gongzhi.agency.staff-changed',
      subject: `staff/${mediator.id}`,
      data: {
        staffId: mediator.id,
        agencyId: mediator.agencyId,
        townCode: DEMO_TOWN_CODE,
        roles: ['mediator', 'liaison'],
        active: true,
        version: 2,
        changedFields: ['roles'],
        changedBy: DEMO_STAFF.coordinator.id,
      },
    });
    expect(JSON.stringify(event)).not.toMatch(new RegExp(`${mediator.username}|${mediator.displayName}`));
  });

  it('needs the ETag last read: none is 428, an outdated one 412, and neither changes anything', async () => {
    const { fake, as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    expect((await coordinator.patch(mediator.id, { roles: ['liaison'] }, null)).status).toBe(428);
    const first = await coordinator.patch(mediator.id, { roles: ['mediator', 'grid-worker'] }, etagOf(mediator.id, 1));
    expect(first.status).toBe(200);
    const stale = await coordinator.patch(mediator.id, { active: false }, etagOf(mediator.id, 1));
    expect(stale.status).toBe(412);
    expect(fake.repositories.staff.rows.get(mediator.id)).toMatchObject({ active: true, version: 2 });
    expect(fake.repositories.staff.events).toHaveLength(1);
  });

  it('answers a change that changes nothing with the account as it is, writing and announcing nothing', async () => {
    const { fake, as } = await setup();
    const res = await (await as(DEMO_STAFF.coordinator)).patch(mediator.id, { roles: ['mediator'], active: true });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(fake.repositories.staff.events).toHaveLength(0);
  });

  it('keeps at least one role, each once (400)', async () => {
    const { as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    expect((await coordinator.patch(mediator.id, { roles: [] })).status).toBe(400);
    expect((await coordinator.patch(mediator.id, { roles: ['mediator', 'mediator'] })).status).toBe(400);
    expect((await coordinator.patch(mediator.id, {})).status).toBe(400);
  });

  it("is for managers: other roles get 403, another town's coordinator 404", async () => {
    const { as } = await setup();
    expect((await (await as(DEMO_STAFF.gridWorker)).patch(mediator.id, { roles: ['liaison'] })).status).toBe(403);
    const foreign = await (await as(DEMO_STAFF.coordinator)).patch(OTHER_TOWN.coordinatorId, { active: false });
    expect(foreign.status).toBe(404);
    const admin = await (await as(DEMO_STAFF.administrator)).patch(OTHER_TOWN.coordinatorId, { active: false });
    expect(admin.status).toBe(200);
  });

  it("keeps the administrator role and administrators' accounts out of a coordinator's reach", async () => {
    const { fake, as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    const grant = await coordinator.patch(mediator.id, { roles: ['mediator', 'administrator'] });
    expect(grant.status).toBe(403);
    expect(grant.body.detail).toContain('grant the administrator role');
    const admin = DEMO_STAFF.administrator.id;
    expect((await coordinator.patch(admin, { active: false })).status).toBe(403);
    expect((await coordinator.patch(admin, { roles: ['administrator', 'mediator'] })).status).toBe(403);
    expect(fake.repositories.staff.rows.get(admin)).toMatchObject({ active: true, roles: ['administrator'] });
    // An administrator grants it.
    const granted = await (await as(DEMO_STAFF.administrator)).patch(mediator.id, { roles: ['administrator'] });
    expect(granted.status).toBe(200);
  });

  it('lets nobody lock themselves out: their own account stays active and keeps its managing roles', async () => {
    const { as, addSecondAdmin } = await setup();
    await addSecondAdmin();
    const admin = await as(DEMO_STAFF.administrator);
    const self = DEMO_STAFF.administrator.id;
    const deactivate = await admin.patch(self, { active: false });
    expect(deactivate.status).toBe(403);
    expect(slugOf(deactivate.body)).toBe('own-account-change');
    const demote = await admin.patch(self, { roles: ['coordinator'] });
    expect(demote.status).toBe(403);
    expect(slugOf(demote.body)).toBe('own-account-change');

    const coordinator = await as(DEMO_STAFF.coordinator);
    const ownId = DEMO_STAFF.coordinator.id;
    expect(slugOf((await coordinator.patch(ownId, { roles: ['mediator'] })).body)).toBe('own-account-change');
    // Adding a role to oneself locks nobody out.
    expect((await coordinator.patch(ownId, { roles: ['coordinator', 'mediator'] })).status).toBe(200);
  });

  it('keeps the last active administrator one, even against an administrator whose token outlived their account', async () => {
    const { fake, as, addSecondAdmin } = await setup();
    await addSecondAdmin();
    const first = await as(DEMO_STAFF.administrator);
    // Two administrators: one may deactivate the other.
    expect((await first.patch(SECOND_ADMIN.id, { active: false })).status).toBe(200);
    expect((await first.patch(SECOND_ADMIN.id, { active: true })).status).toBe(200);
    expect((await (await as(SECOND_ADMIN)).patch(DEMO_STAFF.administrator.id, { active: false })).status).toBe(200);
    // The first is now inactive, its access token still valid until it expires: it changes nothing any more.
    const deactivate = await first.patch(SECOND_ADMIN.id, { active: false });
    expect(deactivate.status).toBe(403);
    expect(deactivate.body.detail).toMatch(/no longer active/);
    expect((await first.patch(SECOND_ADMIN.id, { roles: ['coordinator'] })).status).toBe(403);
    expect((await first.patch(DEMO_STAFF.administrator.id, { active: true })).status).toBe(403);
    expect(fake.repositories.staff.rows.get(SECOND_ADMIN.id)).toMatchObject({ active: true, roles: ['administrator'] });
    // The second, the last active one, may not leave: 409.
    const second = await as(SECOND_ADMIN);
    const last = await second.patch(SECOND_ADMIN.id, { roles: ['coordinator'] });
    expect(last.status).toBe(403);
    expect(slugOf(last.body)).toBe('own-account-change');
  });

  it("goes by the manager's account as it is now, not by the roles an older access token names", async () => {
    const { fake, as } = await setup();
    // A second coordinator, demoted to mediator by the first while their access token still says coordinator.
    const demoted: DemoStaff = {
      id: '5aff0000-0000-4000-8000-0000000000bb',
      username: 'coordinator.two',
      displayName: '第二协调员',
      agencyId: DEMO_STAFF.coordinator.agencyId,
      roles: ['coordinator'],
    };
    await fake.repositories.staff.create({ ...demoted, roles: [...demoted.roles], password: DEMO_PASSWORD });
    const stale = await as(demoted);
    expect((await (await as(DEMO_STAFF.coordinator)).patch(demoted.id, { roles: ['mediator'] })).status).toBe(200);
    // Giving the role back to themselves, or changing a colleague, or creating an account: refused.
    expect((await stale.patch(demoted.id, { roles: ['mediator', 'coordinator'] })).status).toBe(403);
    expect((await stale.patch(mediator.id, { active: false })).status).toBe(403);
    expect(fake.repositories.staff.rows.get(demoted.id)?.roles).toEqual(['mediator']);
    expect(fake.repositories.staff.rows.get(mediator.id)?.active).toBe(true);
  });
});

describe('deactivating and reactivating an account', () => {
  it('refuses sign-in, ends the sessions at once, and audits both; reactivating lets the person sign in again', async () => {
    const { fake, as } = await setup();
    const login = () =>
      request(fake.app).post('/api/v1/auth/login').send({ username: mediator.username, password: DEMO_PASSWORD });
    const session = await login();
    expect(session.status).toBe(200);
    const coordinator = await as(DEMO_STAFF.coordinator);

    const off = await coordinator.patch(mediator.id, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const tokens = [...fake.repositories.auth.tokens.values()].filter((token) => token.staffId === mediator.id);
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((token) => token.revokedAt !== null)).toBe(true);
    const refresh = await request(fake.app)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.body.refreshToken });
    expect(refresh.status).toBe(401);
    expect((await login()).status).toBe(401);
    expect(fake.repositories.staff.events.at(-1)?.event).toMatchObject({
      data: { active: false, changedFields: ['active'] },
    });
    // No longer one who can sign for the committee.
    const committee = await coordinator.get(`/api/v1/agencies/${DEMO_AGENCY_IDS.shangbaCommittee}`);
    expect(committee.body.signers).toBe(0);

    const on = await coordinator.patch(mediator.id, { active: true });
    expect(on.status).toBe(200);
    expect((await login()).status).toBe(200);
    expect(fake.audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['staff.deactivate', 'staff.reactivate']),
    );
  });
});

describe('the staff list', () => {
  const usernames = (res: request.Response) =>
    (res.body.items as { username: string }[]).map((item) => item.username).sort();

  it('filters by role, active flag and part of a name or username before paging', async () => {
    const { as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    const liaisons = await coordinator.get('/api/v1/staff?role=liaison');
    expect(usernames(liaisons)).toEqual(['liaison.court', 'liaison.judicial', 'liaison.police']);
    await coordinator.patch(DEMO_STAFF.courtLiaison.id, { active: false });
    expect(usernames(await coordinator.get('/api/v1/staff?role=liaison&active=true'))).toEqual([
      'liaison.judicial',
      'liaison.police',
    ]);
    expect(usernames(await coordinator.get('/api/v1/staff?active=false'))).toEqual(['liaison.court']);
    // Case-insensitive, in the display name or the username; `%` is a percent sign, not "anything".
    expect(usernames(await coordinator.get('/api/v1/staff?q=SHANGBA'))).toEqual(['grid.shangba', 'mediator.shangba']);
    expect(usernames(await coordinator.get(`/api/v1/staff?q=${encodeURIComponent('上坝')}`))).toEqual([
      'grid.shangba',
      'mediator.shangba',
    ]);
    expect(usernames(await coordinator.get('/api/v1/staff?q=%25'))).toEqual([]);
    // A full page of matches, then the next: the filter applies before paging.
    const page = await coordinator.get('/api/v1/staff?role=mediator&limit=2');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expect((await coordinator.get('/api/v1/staff?active=yes')).status).toBe(400);
  });

  it("narrows an administrator's list to a town; a coordinator naming another town gets an empty page", async () => {
    const { as } = await setup();
    const admin = await as(DEMO_STAFF.administrator);
    expect(usernames(await admin.get(`/api/v1/staff?townCode=${OTHER_TOWN.code}`))).toEqual(['coordinator.hetian']);
    const coordinator = await as(DEMO_STAFF.coordinator);
    expect((await coordinator.get(`/api/v1/staff?townCode=${OTHER_TOWN.code}`)).body.items).toEqual([]);
    expect((await coordinator.get(`/api/v1/staff?townCode=${DEMO_TOWN_CODE}`)).body.items).toHaveLength(9);
  });
});
