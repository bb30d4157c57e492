/**
 * "Someone with the role in that agency" against the real agency-service: the process `npm start` runs, on a fresh
 * database seeded with the demo town, asked over HTTP with the caller's own token. First the directory client alone,
 * then case-service (in process, on PostgreSQL) assigning tasks through it, and answering 503 once agency-service is
 * gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import request from 'supertest';
import { readPem } from '@gongzhi/auth';
import {
  type AppProcess,
  createTestDatabase,
  ensureLocalSecrets,
  startAgencyServiceAlone,
  type TestDatabase,
} from '@gongzhi/testing';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { openAction, workflowCalls } from '../testing/workflow-calls';
import { createHttpStaffDirectory, type StaffDirectory } from './staff-directory';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

interface LoggedIn {
  authorization: string;
  staffId: string;
  agencyId: string;
  roles: string[];
}

describe('the staff directory against the real agency-service', () => {
  let agencyDb: TestDatabase;
  let caseDb: TestDatabase;
  let agency: AppProcess;
  let baseUrl: string;
  let directory: StaffDirectory;
  let documentsDir: string;
  let authPublicKeyPem: string;
  const people: Record<string, LoggedIn> = {};

  beforeAll(async () => {
    const logDir = process.env['GONGZHI_TEST_LOG_DIR'] ?? path.join(REPO_ROOT, '.data/test/logs');
    [agencyDb, caseDb] = await Promise.all([createTestDatabase('agency'), createTestDatabase('case')]);
    const secrets = ensureLocalSecrets(path.join(logDir, '..', 'keys'));
    authPublicKeyPem = readPem(secrets.authPublicKeyFile);
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'services/agency-service/src/seed/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: agencyDb.url },
    });
    ({ app: agency, baseUrl } = await startAgencyServiceAlone({ databaseUrl: agencyDb.url, secrets, logDir }));
    directory = createHttpStaffDirectory({ baseUrl, timeoutMs: 5_000 });
    for (const username of ['liaison.police', 'mediator.shangba', 'coordinator', 'grid.shangba']) {
      const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'gongzhi-demo' }),
      });
      const body = (await res.json()) as {
        accessToken: string;
        staff: { id: string; agencyId: string; roles: string[] };
      };
      people[username] = {
        authorization: `Bearer ${body.accessToken}`,
        staffId: body.staff.id,
        agencyId: body.staff.agencyId,
        roles: body.staff.roles,
      };
    }
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-staff-'));
  });

  afterAll(async () => {
    await agency?.stop();
    await Promise.all([agencyDb?.drop(), caseDb?.drop()]);
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  function who(username: string): LoggedIn {
    const person = people[username];
    if (!person) throw new Error(`${username} did not log in`);
    return person;
  }

  /** A lookup as the named person (the principal is what agency-service reads from the token; fakes need it). */
  const lookupAs = (username: string) => ({
    principal: { staffId: who(username).staffId, agencyId: who(username).agencyId, townCode: 'qingshui', roles: [] },
    authorization: who(username).authorization,
    requestId: `staff-int-${randomUUID()}`,
  });

  it('finds a colleague of the caller’s agency, with roles, agency and whether the account is active', async () => {
    const police = who('liaison.police');
    expect(await directory.find(police.staffId, lookupAs('liaison.police'))).toEqual({
      id: police.staffId,
      agencyId: police.agencyId,
      townCode: 'qingshui',
      roles: expect.arrayContaining(['liaison', 'mediator']),
      active: true,
    });
  });

  it('applies agency-service’s visibility to the caller: a liaison does not find another agency’s staff', async () => {
    const villageMediator = who('mediator.shangba').staffId;
    expect(await directory.find(villageMediator, lookupAs('liaison.police'))).toBeUndefined();
    expect(await directory.find(villageMediator, lookupAs('coordinator'))).toMatchObject({ roles: ['mediator'] });
  });

  it('answers "nobody" for an unknown id or one that is not an id at all', async () => {
    expect(await directory.find(randomUUID(), lookupAs('coordinator'))).toBeUndefined();
    expect(await directory.find('med-1', lookupAs('coordinator'))).toBeUndefined();
  });

  it('finds an agency with its kind and town, as the caller may see it: a coordinator the town’s, a liaison their own', async () => {
    const police = who('liaison.police');
    const villageCommittee = who('mediator.shangba').agencyId;
    expect(await directory.findAgency(villageCommittee, lookupAs('coordinator'))).toEqual({
      id: villageCommittee,
      kind: 'mediation-committee',
      townCode: 'qingshui',
    });
    expect(await directory.findAgency(police.agencyId, lookupAs('liaison.police'))).toMatchObject({
      kind: 'police-station',
    });
    expect(await directory.findAgency(villageCommittee, lookupAs('liaison.police'))).toBeUndefined();
    expect(await directory.findAgency(randomUUID(), lookupAs('coordinator'))).toBeUndefined();
    expect(await directory.findAgency('agency-made-up', lookupAs('coordinator'))).toBeUndefined();
  });

  it('finds a village of the caller’s town by its code, and none for an unknown code or another town', async () => {
    expect(await directory.findVillage('qingshui', 'shangba', lookupAs('grid.shangba'))).toEqual({
      townCode: 'qingshui',
      code: 'shangba',
      gridCodes: expect.arrayContaining(['shangba-01']),
    });
    expect(await directory.findVillage('qingshui', 'shangbacun', lookupAs('grid.shangba'))).toBeUndefined();
    expect(await directory.findVillage('hekou', 'shangba', lookupAs('grid.shangba'))).toBeUndefined();
  });

  it('refuses at intake a village the real registry does not have, naming the field', async () => {
    const service = await createPostgresCaseService(caseDb.url, documentsDir, { staff: directory, authPublicKeyPem });
    try {
      const grid = who('grid.shangba');
      const report = {
        disputeType: 'neighbour',
        source: 'grid-report',
        summary: '院墙倒塌，邻里争执。',
        townCode: 'qingshui',
      };
      const known = await request(service.app)
        .post('/api/v1/reports')
        .set('Authorization', grid.authorization)
        .send({ ...report, villageCode: 'xiaba' });
      expect(known.status).toBe(201);
      const unknown = await request(service.app)
        .post('/api/v1/reports')
        .set('Authorization', grid.authorization)
        .send({ ...report, villageCode: 'xiabacun' });
      expect([unknown.status, unknown.body.type]).toEqual([422, 'urn:gongzhi:problem:unknown-village']);
      expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['villageCode']);
    } finally {
      await service.prisma.$disconnect();
    }
  });

  it('turns a token agency-service refuses into a 503 problem, not a 500', async () => {
    const refused = directory.find(who('coordinator').staffId, {
      ...lookupAs('coordinator'),
      authorization: 'Bearer not-a-token',
    });
    await expect(refused).rejects.toMatchObject({ status: 503, type: 'dependency-unavailable' });
  });

  it('lets case-service assign only to someone with the task’s role in its agency, and answers 503 when it is gone', async () => {
    const service = await createPostgresCaseService(caseDb.url, documentsDir, { staff: directory, authPublicKeyPem });
    try {
      const police = who('liaison.police');
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
      const assign = (staffId: string) =>
        request(service.app)
          .post(`/api/v1/tasks/${task.body.id as string}/assign`)
          .set('Authorization', police.authorization)
          .send({ staffId });
      const stranger = await assign(who('mediator.shangba').staffId);
      expect([stranger.status, stranger.body.type]).toEqual([422, 'urn:gongzhi:problem:assignee-not-eligible']);
      const assigned = await assign(police.staffId);
      expect([assigned.status, assigned.body.assigneeStaffId]).toEqual([200, police.staffId]);

      await agency.stop();
      const released = await request(service.app)
        .post(`/api/v1/tasks/${task.body.id as string}/unclaim`)
        .set('Authorization', police.authorization);
      expect(released.status).toBe(200);
      const down = await assign(police.staffId);
      expect([down.status, down.body.type]).toEqual([503, 'urn:gongzhi:problem:dependency-unavailable']);
    } finally {
      await service.prisma.$disconnect();
    }
  });
});
