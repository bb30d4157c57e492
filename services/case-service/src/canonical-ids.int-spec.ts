/**
 * Ids are stored in the one spelling their owner gives out. A UUID in capitals names the same row to PostgreSQL, but a
 * task held by `3FA8…` is held by nobody: no token carries that spelling, so the real holder cannot act and colleagues
 * are told the task is held. case-service therefore accepts a staff member or a party only when the owning service's
 * answer is about exactly the id asked for — against the real agency-service and party-service (the processes
 * `npm start` runs, on fresh databases), with case-service in process on PostgreSQL.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { readPem } from '@gongzhi/auth';
import { residentIdCheckCharacter } from '@gongzhi/contracts';
import {
  type AppProcess,
  createTestDatabase,
  ensureLocalSecrets,
  startAgencyServiceAlone,
  startPartyServiceAlone,
  type TestDatabase,
} from '@gongzhi/testing';
import { createHttpPartyDirectory } from './parties/party-directory';
import { createHttpStaffDirectory } from './staff/staff-directory';
import { staff } from './testing/fake-case-service';
import { createPostgresCaseService } from './testing/postgres-case-service';
import { openAction, workflowCalls } from './testing/workflow-calls';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

describe('staff and party ids in capitals are refused, never stored (real agency-service and party-service)', () => {
  let agencyDb: TestDatabase;
  let partyDb: TestDatabase;
  let caseDb: TestDatabase;
  let agency: AppProcess;
  let party: AppProcess;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  let police: { authorization: string; staffId: string; agencyId: string };
  let partyId: string;

  beforeAll(async () => {
    const logDir = process.env['GONGZHI_TEST_LOG_DIR'] ?? path.join(REPO_ROOT, '.data/test/logs');
    const secrets = ensureLocalSecrets(path.join(logDir, '..', 'keys'));
    [agencyDb, partyDb, caseDb] = await Promise.all([
      createTestDatabase('agency'),
      createTestDatabase('party'),
      createTestDatabase('case'),
    ]);
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'services/agency-service/src/seed/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: agencyDb.url },
    });
    const [agencyStarted, partyStarted] = await Promise.all([
      startAgencyServiceAlone({ databaseUrl: agencyDb.url, secrets, logDir }),
      startPartyServiceAlone({ databaseUrl: partyDb.url, secrets, logDir }),
    ]);
    ({ app: agency } = agencyStarted);
    ({ app: party } = partyStarted);
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-canonical-'));
    service = await createPostgresCaseService(caseDb.url, documentsDir, {
      staff: createHttpStaffDirectory({ baseUrl: agencyStarted.baseUrl, timeoutMs: 5_000 }),
      parties: createHttpPartyDirectory({ baseUrl: partyStarted.baseUrl, timeoutMs: 5_000 }),
      authPrivateKeyPem: readPem(secrets.authPrivateKeyFile),
      authPublicKeyPem: readPem(secrets.authPublicKeyFile),
    });

    const login = await fetch(`${agencyStarted.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'liaison.police', password: 'gongzhi-demo' }),
    });
    const session = (await login.json()) as { accessToken: string; staff: { id: string; agencyId: string } };
    police = {
      authorization: `Bearer ${session.accessToken}`,
      staffId: session.staff.id,
      agencyId: session.staff.agencyId,
    };

    const first17 = '11010519900101071';
    const registered = await fetch(`${partyStarted.baseUrl}/api/v1/parties/lookup-or-create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await service.bearer(staff.gridWorker) },
      body: JSON.stringify({
        kind: 'person',
        name: '当事人',
        idNumber: `${first17}${residentIdCheckCharacter(first17)}`,
        address: { townCode: 'qingshui' },
      }),
    });
    expect(registered.status).toBe(201);
    partyId = ((await registered.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await Promise.all([agency?.stop(), party?.stop()]);
    await service?.prisma.$disconnect();
    await Promise.all([agencyDb?.drop(), partyDb?.drop(), caseDb?.drop()]);
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  it('refuses to assign or reassign a task to a staff id in capitals, and keeps it with the real person', async () => {
    const opened = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', police.authorization)
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A fight at the market.', townCode: 'qingshui' });
    expect(opened.status).toBe(201);
    const worker = workflowCalls(service.app, service.engineBearer, opened.body.id as string);
    const task = await worker.openTask(
      openAction({
        actionId: '1-accept-transfer',
        kind: 'accept-transfer',
        agencyId: police.agencyId,
        roles: ['liaison'],
      }),
    );
    const taskId = task.body.id as string;
    const act = (action: 'assign' | 'reassign', staffId: string, key: string) =>
      request(service.app)
        .post(`/api/v1/tasks/${taskId}/${action}`)
        .set('Authorization', police.authorization)
        .set('Idempotency-Key', key)
        .send({ staffId });
    const holder = async () =>
      (await service.prisma.task.findUniqueOrThrow({ where: { id: taskId }, select: { assigneeStaffId: true } }))
        .assigneeStaffId;

    const shouted = await act('assign', police.staffId.toUpperCase(), 'canonical-assign-0001');
    expect([shouted.status, shouted.body.type]).toEqual([422, 'urn:gongzhi:problem:assignee-not-eligible']);
    expect(await holder()).toBeNull();

    const assigned = await act('assign', police.staffId, 'canonical-assign-0002');
    expect([assigned.status, assigned.body.assigneeStaffId]).toEqual([200, police.staffId]);
    const handedOn = await act('reassign', police.staffId.toUpperCase(), 'canonical-reassign-0001');
    expect([handedOn.status, handedOn.body.type]).toEqual([422, 'urn:gongzhi:problem:assignee-not-eligible']);
    expect(await holder()).toBe(police.staffId);
  });

  it('refuses a party id in capitals as an unknown party, and opens no case with it', async () => {
    const open = async (id: string) =>
      request(service.app)
        .post('/api/v1/cases')
        .set('Authorization', await service.bearer(staff.coordinator))
        .send({
          disputeType: 'neighbour',
          source: 'walk-in',
          summary: 'Rainwater from a new roof.',
          townCode: 'qingshui',
          parties: [{ partyId: id, role: 'applicant' }],
        });
    const before = await service.prisma.case.count();
    const shouted = await open(partyId.toUpperCase());
    expect([shouted.status, shouted.body.type]).toEqual([422, 'urn:gongzhi:problem:unknown-party']);
    expect(await service.prisma.case.count()).toBe(before);
    const opened = await open(partyId);
    expect([opened.status, opened.body.parties]).toEqual([201, [{ partyId, role: 'applicant' }]]);
  });
});
