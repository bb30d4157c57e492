import request from 'supertest';
import { DEMO_AGENCY_IDS, DEMO_STAFF, type DemoStaff } from '../seed/demo-town';
import { createFakeAgencyService, demoPrincipal, seedInMemoryDemoTown } from '../agency-service.fakes';
import { DEFAULT_POLICY } from './policy.defaults';

async function setup() {
  const fake = await createFakeAgencyService();
  await seedInMemoryDemoTown(fake);
  const as = async (staff: DemoStaff) => {
    const auth = `Bearer ${await fake.tokenFor(demoPrincipal(staff))}`;
    return {
      get: (path: string) => request(fake.app).get(path).set('Authorization', auth),
      put: (body: object, ifMatch?: string) => {
        const req = request(fake.app).put('/api/v1/towns/qingshui/policy').set('Authorization', auth);
        return (ifMatch ? req.set('If-Match', ifMatch) : req).send(body);
      },
    };
  };
  return { fake, as };
}

const shorterVillageClock = {
  ...DEFAULT_POLICY,
  ladder: DEFAULT_POLICY.ladder.map((level) =>
    level.level === 'L1' ? { ...level, mediationClock: { amount: 15, unit: 'calendar-days' } } : level,
  ),
};

describe('escalation policy', () => {
  it('is the docs/domain.md default, as version 0, until the town stores one', async () => {
    const { as } = await setup();
    const res = await (await as(DEMO_STAFF.mediatorShangba)).get('/api/v1/towns/qingshui/policy');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ townCode: 'qingshui', version: 0, createdBy: null });
    expect(res.body.ladder.map((l: { agencyKind: string }) => l.agencyKind)).toEqual([
      'mediation-committee',
      'police-station',
      'judicial-office',
      'court',
    ]);
    expect(res.body.acceptance.clock).toEqual({ amount: 2, unit: 'working-days' });
    expect(res.headers.etag).toBe('"policy-qingshui.v0"');
  });

  it('gets a new immutable version on every change, and old versions stay readable', async () => {
    const { fake, as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    const v1 = await coordinator.put(shorterVillageClock, '"policy-qingshui.v0"');
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ version: 1, createdBy: DEMO_STAFF.coordinator.id });
    expect(v1.headers.etag).toBe('"policy-qingshui.v1"');
    const v2 = await coordinator.put(DEFAULT_POLICY, v1.headers.etag);
    expect(v2.body.version).toBe(2);

    const current = await coordinator.get('/api/v1/towns/qingshui/policy');
    expect(current.body.version).toBe(2);
    const old = await coordinator.get('/api/v1/towns/qingshui/policy/versions/1');
    expect(old.body.ladder[0].mediationClock).toEqual({ amount: 15, unit: 'calendar-days' });
    expect(old.headers['cache-control']).toContain('immutable');
    expect((await coordinator.get('/api/v1/towns/qingshui/policy/versions/0')).body.ladder[0].mediationClock).toEqual({
      amount: 30,
      unit: 'calendar-days',
    });
    expect((await coordinator.get('/api/v1/towns/qingshui/policy/versions/3')).status).toBe(404);
    expect(fake.audit.filter((e) => e.action === 'policy.update').map((e) => e.objectId)).toEqual([
      'qingshui@1',
      'qingshui@2',
    ]);
  });

  it('sets office closing times for the town and its own agencies only, and refuses malformed times', async () => {
    const { fake, as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    const officeClosing = {
      closesAt: '17:30',
      agencies: [{ agencyId: DEMO_AGENCY_IDS.policeStation, closesAt: '17:00' }],
    };
    const stored = await coordinator.put({ ...DEFAULT_POLICY, officeClosing }, '"policy-qingshui.v0"');
    expect(stored.status).toBe(200);
    expect(stored.body.officeClosing).toEqual(officeClosing);

    const foreign = await fake.repositories.agencies.create({
      id: '00000000-0000-4000-8000-0000000000f1',
      kind: 'police-station',
      name: '河田派出所',
      townCode: 'hetian',
      areaCodes: [],
      contactPhone: null,
      receptionHours: [],
    });
    for (const [closing, field] of [
      [{ agencies: [{ agencyId: foreign.id, closesAt: '17:00' }] }, 'officeClosing.agencies.0.agencyId'],
      [
        { agencies: [{ agencyId: '00000000-0000-4000-8000-00000000dead', closesAt: '17:00' }] },
        'officeClosing.agencies.0.agencyId',
      ],
      [{ closesAt: '5pm' }, 'officeClosing.closesAt'],
      [{ closesAt: '24:00' }, 'officeClosing.closesAt'],
    ] as const) {
      const res = await coordinator.put({ ...DEFAULT_POLICY, officeClosing: closing }, stored.headers.etag);
      expect({ closing, status: res.status }).toEqual({ closing, status: 400 });
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
  });

  it('needs If-Match (428) with the current ETag (412 when another change came first)', async () => {
    const { as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    expect((await coordinator.put(DEFAULT_POLICY)).status).toBe(428);
    await coordinator.put(DEFAULT_POLICY, '"policy-qingshui.v0"');
    const stale = await coordinator.put(shorterVillageClock, '"policy-qingshui.v0"');
    expect(stale.status).toBe(412);
    expect(stale.body.detail).toContain('fetch it again');
  });

  it('is changed by a coordinator of the town only', async () => {
    const { as } = await setup();
    expect((await (await as(DEMO_STAFF.mediatorShangba)).put(DEFAULT_POLICY, '"policy-qingshui.v0"')).status).toBe(403);
    expect((await (await as(DEMO_STAFF.administrator)).put(DEFAULT_POLICY, '"policy-qingshui.v0"')).status).toBe(403);
    const foreign = await (await as(DEMO_STAFF.coordinator)).get('/api/v1/towns/hetian/policy');
    expect(foreign.status).toBe(404);
  });

  it('refuses ladders out of order, unknown units and routing rules that do nothing', async () => {
    const { as } = await setup();
    const coordinator = await as(DEMO_STAFF.coordinator);
    const res = await coordinator.put(
      {
        ...DEFAULT_POLICY,
        ladder: [DEFAULT_POLICY.ladder[1], DEFAULT_POLICY.ladder[0]],
        acceptance: { ...DEFAULT_POLICY.acceptance, clock: { amount: 2, unit: 'fortnights' } },
        routing: [{ id: 'noop', match: { disputeTypes: ['traffic'] }, rule: 'does nothing' }],
      },
      '"policy-qingshui.v0"',
    );
    expect(res.status).toBe(400);
    expect((res.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'acceptance.clock.unit',
      'ladder',
      'routing.0',
    ]);
  });
});
