/**
 * The planning and deadline activities against the real agency-service (its own process, on a database cloned from
 * the migrated template), reached with the worker's own service identity, as in production.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { Client } from 'pg';
import { DefaultLogger } from '@temporalio/worker';
import { createServiceTokenSource, generateSigningKeyPair, readPem, type ServiceTokenSource } from '@gongzhi/auth';
import type { AgencyKind, DisputeActivities, PlanCaseInput, Principal } from '@gongzhi/contracts';
import {
  type AppProcess,
  createTestDatabase,
  ensureLocalSecrets,
  type LocalSecrets,
  mintLocalToken,
  startAgencyServiceAlone,
  type TestDatabase,
} from '@gongzhi/testing';
import { createAgencyApi } from '../clients/agency-api';
import type { CaseApi } from '../clients/case-api';
import { createServiceClient, TransientServiceError } from '../http/service-client';
import { createDisputeActivities } from './dispute-activities';

const TOWN = 'qingshui';
/** A town that has a village committee and a governance centre, but no police station. */
const TOWN_WITHOUT_POLICE = 'hetian';

const administrator: Principal = {
  // An account agency-service holds (made in beforeAll): staff changes go by the manager's account as it is now.
  staffId: 'a9e00000-0000-4000-8000-0000000000ad',
  agencyId: 'int-admin-agency',
  townCode: 'county',
  roles: ['administrator'],
};

/** Planning and deadlines never write to case-service; a call here would be a bug in the activities. */
const noCaseApi: CaseApi = {
  openTask: () => Promise.reject(new Error('unexpected case-service call')),
  closeTask: () => Promise.reject(new Error('unexpected case-service call')),
  remindTask: () => Promise.reject(new Error('unexpected case-service call')),
  recordTimeline: () => Promise.reject(new Error('unexpected case-service call')),
  updateProgress: () => Promise.reject(new Error('unexpected case-service call')),
  commitTransition: () => Promise.reject(new Error('unexpected case-service call')),
};

describe('dispute activities on the real agency-service', () => {
  let database: TestDatabase;
  let agencyService: AppProcess;
  let keysDir: string;
  let secrets: LocalSecrets;
  let baseUrl: string;
  let activities: DisputeActivities;
  let workerTokens: ServiceTokenSource;
  const agencyIds: Partial<Record<string, string>> = {};
  // Expected failures are part of the tests: only errors would be worth printing.
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  /** Runs one activity in a mocked activity context, typed by the activity itself. */
  const run = <I, O>(activity: (input: I) => Promise<O>, input: I): Promise<O> =>
    env.run<[I], O, (input: I) => Promise<O>>(activity, input);

  async function createAgency(townCode: string, kind: AgencyKind, name: string, areaCodes: string[] = []) {
    const res = await fetch(`${baseUrl}/api/v1/agencies`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await mintLocalToken(secrets, administrator)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ townCode, kind, name, areaCodes, contactPhone: null, receptionHours: [] }),
    });
    if (res.status !== 201) throw new Error(`creating ${name} answered ${res.status}`);
    return ((await res.json()) as { id: string }).id;
  }

  function activitiesWith(privateKeyPem: string): Promise<DisputeActivities> {
    return createServiceTokenSource({ privateKeyPem, ttlSeconds: 300 }).then((tokens) =>
      createDisputeActivities({
        caseApi: noCaseApi,
        agencyApi: createAgencyApi(
          createServiceClient({ service: 'agency-service', baseUrl, tokens, timeoutMs: 10_000 }),
        ),
      }),
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase('agency');
    keysDir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-worker-keys-'));
    secrets = ensureLocalSecrets(keysDir);
    ({ app: agencyService, baseUrl } = await startAgencyServiceAlone({
      databaseUrl: database.url,
      secrets,
      logDir: process.env.GONGZHI_TEST_LOG_DIR ?? '.data/test/logs',
    }));

    agencyIds.shangba = await createAgency(TOWN, 'mediation-committee', '上坝村人民调解委员会', ['shangba']);
    agencyIds.xiaba = await createAgency(TOWN, 'mediation-committee', '下坝村人民调解委员会', ['xiaba']);
    agencyIds.police = await createAgency(TOWN, 'police-station', '清水派出所');
    agencyIds.judicial = await createAgency(TOWN, 'judicial-office', '清水镇司法所');
    agencyIds.court = await createAgency(TOWN, 'court', '清水人民法庭');
    agencyIds.centre = await createAgency(TOWN, 'governance-centre', '清水镇综治中心');
    // More agencies than one page holds (100), so planning has to follow the cursor to see them all.
    for (let i = 0; i < 100; i++) await createAgency(TOWN, 'other-department', `清水镇部门${i}`);
    await createAgency(TOWN_WITHOUT_POLICE, 'mediation-committee', '河田村人民调解委员会', ['hetian-1']);
    await createAgency(TOWN_WITHOUT_POLICE, 'governance-centre', '河田镇综治中心');
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO staff (id, username, display_name, agency_id, roles, password_hash, updated_at)
         VALUES ($1, 'int.admin', '管理员', $2, ARRAY['administrator'], 'not-a-bcrypt-hash', now())`,
        [administrator.staffId, agencyIds.centre],
      );
    } finally {
      await db.end();
    }

    activities = await activitiesWith(readPem(secrets.workerPrivateKeyFile));
    workerTokens = await createServiceTokenSource({
      privateKeyPem: readPem(secrets.workerPrivateKeyFile),
      ttlSeconds: 300,
    });
  });

  afterAll(async () => {
    await agencyService?.stop();
    await database?.drop();
    if (keysDir) rmSync(keysDir, { recursive: true, force: true });
  });

  const dispute: PlanCaseInput = {
    caseId: '00000000-0000-4000-8000-0000000000c1',
    townCode: TOWN,
    villageCode: 'xiaba',
    intakeAgencyId: null,
    disputeType: 'neighbour',
    risks: [],
  };
  const routeOf = (plan: Awaited<ReturnType<DisputeActivities['planCase']>>) =>
    plan.route.map((step) => [step.level, step.agencyId]);

  it('routes a neighbour dispute up the whole ladder, from the village’s own committee', async () => {
    const plan = await run(activities.planCase, dispute);
    expect(routeOf(plan)).toEqual([
      ['L1', agencyIds.xiaba],
      ['L2', agencyIds.police],
      ['L3', agencyIds.judicial],
      ['L4', agencyIds.court],
    ]);
    expect(plan).toMatchObject({ policyVersion: 0, routingRulesApplied: [], coordinatorAgencyId: agencyIds.centre });
    expect(plan.acceptance.clock).toEqual({ amount: 2, unit: 'working-days' });
  });

  it('starts a dispute with a violence risk at the police station', async () => {
    const plan = await run(activities.planCase, { ...dispute, risks: ['violence-risk'] });
    expect(routeOf(plan)).toEqual([
      ['L2', agencyIds.police],
      ['L3', agencyIds.judicial],
      ['L4', agencyIds.court],
    ]);
    expect(plan.routingRulesApplied).toEqual(['risk-to-police']);
  });

  it('keeps a contract-debt dispute away from the police', async () => {
    const plan = await run(activities.planCase, { ...dispute, disputeType: 'contract-debt' });
    expect(routeOf(plan)).toEqual([
      ['L1', agencyIds.xiaba],
      ['L3', agencyIds.judicial],
      ['L4', agencyIds.court],
    ]);
    expect(plan.routingRulesApplied).toEqual(['contract-debt-skips-police']);
  });

  it('reads every agency of the town, page after page', async () => {
    const agencyApi = createAgencyApi(
      createServiceClient({ service: 'agency-service', baseUrl, tokens: workerTokens, timeoutMs: 10_000 }),
    );
    const agencies = await agencyApi.townAgencies(TOWN);
    expect(agencies).toHaveLength(106);
    expect(new Set(agencies.map((a) => a.id)).size).toBe(106);
  });

  it('fails for good (AgencyMissing) in a town without an agency its policy routes to', async () => {
    const error = await run(activities.planCase, {
      ...dispute,
      townCode: TOWN_WITHOUT_POLICE,
      villageCode: 'hetian-1',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'AgencyMissing', nonRetryable: true });
  });

  it('counts working days over the 2026 National Day holiday on the official calendar', async () => {
    // Wednesday 30 September 2026, 09:00 in Shanghai. 1–7 October are holidays; Saturday 10 October is a make-up
    // working day (State Council arrangement for 2026), so three working days end on the Saturday.
    const from = '2026-09-30T01:00:00.000Z';
    expect(await run(activities.computeDeadline, { from, clock: { amount: 3, unit: 'working-days' } })).toEqual({
      dueAt: '2026-10-10T01:00:00.000Z',
      basis: 'official',
    });
    // Friday 18 September: the next working day is Sunday 20 September, the other make-up day of the holiday.
    expect(
      await run(activities.computeDeadline, {
        from: '2026-09-18T01:00:00.000Z',
        clock: { amount: 1, unit: 'working-days' },
      }),
    ).toEqual({ dueAt: '2026-09-20T01:00:00.000Z', basis: 'official' });
  });

  it('ends working days at the office’s closing time on the last one, and periods of the law at 24:00', async () => {
    const from = '2026-09-30T01:00:00.000Z';
    // Three working days to the make-up Saturday 10 October, at a 17:30 closing time (09:30 UTC).
    expect(
      await run(activities.computeDeadline, {
        from,
        clock: { amount: 3, unit: 'working-days' },
        ends: 'end-of-day',
        closesAt: '17:30',
      }),
    ).toEqual({ dueAt: '2026-10-10T09:30:00.000Z', basis: 'official', lastDay: '2026-10-10' });
    // 30 calendar days end on Fri 30 October at 24:00, closing time or not.
    expect(
      await run(activities.computeDeadline, {
        from,
        clock: { amount: 30, unit: 'calendar-days' },
        ends: 'end-of-day',
        closesAt: '17:30',
      }),
    ).toEqual({ dueAt: '2026-10-30T15:59:59.999Z', basis: 'official', lastDay: '2026-10-30' });
  });

  it('counts calendar days straight through the holiday', async () => {
    expect(
      await run(activities.computeDeadline, {
        from: '2026-09-30T01:00:00.000Z',
        clock: { amount: 30, unit: 'calendar-days' },
      }),
    ).toEqual({ dueAt: '2026-10-30T01:00:00.000Z', basis: 'calendar-days' });
  });

  it('reads a named staff member and named agencies of any town, with ids and codes only', async () => {
    const res = await fetch(`${baseUrl}/api/v1/staff`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await mintLocalToken(secrets, administrator)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        username: 'int.mediator.xiaba',
        displayName: '王调解',
        agencyId: agencyIds.xiaba,
        roles: ['mediator'],
        password: 'int-test-password',
      }),
    });
    expect(res.status).toBe(201);
    const mediatorId = ((await res.json()) as { id: string }).id;
    expect(await run(activities.readStaff, { staffId: mediatorId })).toEqual({
      staffId: mediatorId,
      agencyId: agencyIds.xiaba,
      townCode: TOWN,
      roles: ['mediator'],
      active: true,
    });
    expect(await run(activities.readStaff, { staffId: '00000000-0000-4000-8000-00000000dead' })).toBeNull();
    expect(await run(activities.readStaff, { staffId: 'not-an-id' })).toBeNull();

    // Another town's department: not a police station, so that town still cannot plan (the AgencyMissing test).
    const elsewhere = await createAgency(TOWN_WITHOUT_POLICE, 'other-department', '河田镇国土所');
    const agencies = await run(activities.readAgencies, {
      agencyIds: [agencyIds.xiaba ?? '', elsewhere, '00000000-0000-4000-8000-00000000beef'],
    });
    // With how many active staff could sign a joint agreement off: the mediator just created, and nobody.
    expect(agencies).toEqual([
      { agencyId: agencyIds.xiaba, kind: 'mediation-committee', townCode: TOWN, signers: 1 },
      { agencyId: elsewhere, kind: 'other-department', townCode: TOWN_WITHOUT_POLICE, signers: 0 },
    ]);
  });

  it('is refused, retryably, with a token signed by any key but the worker’s', async () => {
    const impostor = await activitiesWith(generateSigningKeyPair().privateKeyPem);
    await expect(run(impostor.planCase, dispute)).rejects.toBeInstanceOf(TransientServiceError);
    // agency-service's own key does not make a worker token either.
    const staffKeyed = await activitiesWith(readPem(secrets.authPrivateKeyFile));
    await expect(run(staffKeyed.planCase, dispute)).rejects.toMatchObject({ status: 401 });
  });
});
