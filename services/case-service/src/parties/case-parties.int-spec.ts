/**
 * A case names only parties that exist and that its caller may see, asked of the real party-service (the process
 * `npm start` runs, on a fresh database) over HTTP with the caller's own token; case-service runs in process on
 * PostgreSQL. Parties are registered in party-service by staff of two village committees and of another town; each
 * is then named in a case by someone who may, or may not, see them. Finally party-service goes away: naming a party
 * answers 503 and stores nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { readPem } from '@gongzhi/auth';
import { type Principal, residentIdCheckCharacter } from '@gongzhi/contracts';
import {
  type AppProcess,
  createTestDatabase,
  ensureLocalSecrets,
  startPartyServiceAlone,
  type TestDatabase,
} from '@gongzhi/testing';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { createHttpPartyDirectory } from './party-directory';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

const openCase = {
  disputeType: 'neighbour',
  source: 'walk-in',
  summary: 'Rainwater from a new roof drains into the neighbouring courtyard.',
  townCode: 'qingshui',
};
/** A grid worker of another town: the parties they register belong to that town. */
const hekouGridWorker: Principal = {
  staffId: 'grid-hekou',
  agencyId: 'agency-hekou',
  townCode: 'hekou',
  roles: ['grid-worker'],
};

/** A valid resident ID number (GB 11643 check character), different for each `n`. */
function idNumber(n: number): string {
  const first17 = `11010519900101${String(n).padStart(3, '0')}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

describe('the parties of a case, checked with the real party-service', () => {
  let partyDb: TestDatabase;
  let caseDb: TestDatabase;
  let party: AppProcess;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  /** Parties registered by Shangba's committee, Xiaba's committee, and another town. */
  let shangbas: string;
  let xiabas: string;
  let hekous: string;

  beforeAll(async () => {
    const logDir = process.env['GONGZHI_TEST_LOG_DIR'] ?? path.join(REPO_ROOT, '.data/test/logs');
    const secrets = ensureLocalSecrets(path.join(logDir, '..', 'keys'));
    [partyDb, caseDb] = await Promise.all([createTestDatabase('party'), createTestDatabase('case')]);
    let baseUrl: string;
    ({ app: party, baseUrl } = await startPartyServiceAlone({ databaseUrl: partyDb.url, secrets, logDir }));
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-parties-'));
    service = await createPostgresCaseService(caseDb.url, documentsDir, {
      parties: createHttpPartyDirectory({ baseUrl, timeoutMs: 5_000 }),
      // Tokens party-service accepts: signed with the local stack's key, as agency-service signs them.
      authPrivateKeyPem: readPem(secrets.authPrivateKeyFile),
      authPublicKeyPem: readPem(secrets.authPublicKeyFile),
    });
    const register = async (as: Principal, n: number) => {
      const res = await fetch(`${baseUrl}/api/v1/parties/lookup-or-create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await service.bearer(as) },
        body: JSON.stringify({
          kind: 'person',
          name: `当事人${n}`,
          idNumber: idNumber(n),
          address: { townCode: as.townCode },
        }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    shangbas = await register(staff.gridWorker, 1);
    xiabas = await register(staff.otherVillageMediator, 2);
    hekous = await register(hekouGridWorker, 3);
  });

  afterAll(async () => {
    await party?.stop();
    await service?.prisma.$disconnect();
    await Promise.all([partyDb?.drop(), caseDb?.drop()]);
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  const casesStored = () => service.prisma.case.count();

  async function open(as: Principal, parties: { partyId: string; role: string }[]) {
    return request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', await service.bearer(as))
      .send({ ...openCase, parties });
  }

  function expectUnknownParty(res: request.Response, paths: string[]) {
    expect([res.status, res.body.type]).toEqual([422, 'urn:gongzhi:problem:unknown-party']);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
  }

  it('opens a case only with parties the caller sees: not another agency’s, not a made-up id', async () => {
    const before = await casesStored();
    expectUnknownParty(await open(staff.villageMediator, [{ partyId: xiabas, role: 'respondent' }]), [
      'parties.0.partyId',
    ]);
    expectUnknownParty(
      await open(staff.villageMediator, [
        { partyId: shangbas, role: 'applicant' },
        { partyId: randomUUID(), role: 'respondent' },
      ]),
      ['parties.1.partyId'],
    );
    expect(await casesStored()).toBe(before);

    const opened = await open(staff.villageMediator, [{ partyId: shangbas, role: 'applicant' }]);
    expect(opened.status).toBe(201);
    expect(opened.body.parties).toEqual([{ partyId: shangbas, role: 'applicant' }]);
  });

  it('lets a coordinator name any party of the town, and no party of another town', async () => {
    const town = await open(staff.coordinator, [
      { partyId: shangbas, role: 'applicant' },
      { partyId: xiabas, role: 'respondent' },
    ]);
    expect(town.status).toBe(201);
    expectUnknownParty(await open(staff.coordinator, [{ partyId: hekous, role: 'other' }]), ['parties.0.partyId']);
  });

  it('corrects a case’s parties only with parties the caller sees', async () => {
    const opened = await open(staff.villageMediator, [{ partyId: shangbas, role: 'applicant' }]);
    const patch = async (parties: { partyId: string; role: string }[]) =>
      request(service.app)
        .patch(`/api/v1/cases/${opened.body.id as string}`)
        .set('Authorization', await service.bearer(staff.villageMediator))
        .set('If-Match', '*')
        .send({ parties });
    expectUnknownParty(
      await patch([
        { partyId: shangbas, role: 'applicant' },
        { partyId: xiabas, role: 'respondent' },
      ]),
      ['parties.1.partyId'],
    );
    const stored = await service.prisma.caseParty.findMany({ where: { caseId: opened.body.id as string } });
    expect(stored.map((p) => p.partyId)).toEqual([shangbas]);
    expect((await patch([{ partyId: shangbas, role: 'respondent' }])).status).toBe(200);
  });

  it('files a report only with a reporter the caller sees', async () => {
    const file = async (reporterPartyId: string) =>
      request(service.app)
        .post('/api/v1/reports')
        .set('Authorization', await service.bearer(staff.gridWorker))
        .send({ ...openCase, villageCode: 'shangba', reporterPartyId });
    expectUnknownParty(await file(xiabas), ['reporterPartyId']);
    expectUnknownParty(await file(randomUUID()), ['reporterPartyId']);
    const filed = await file(shangbas);
    expect(filed.status).toBe(201);
    expect(filed.body.case.parties).toEqual([{ partyId: shangbas, role: 'applicant' }]);
  });

  it('answers 503 dependency-unavailable while party-service is down, and stores nothing', async () => {
    await party.stop();
    const before = await casesStored();
    const res = await open(staff.villageMediator, [{ partyId: shangbas, role: 'applicant' }]);
    expect([res.status, res.body.type]).toEqual([503, 'urn:gongzhi:problem:dependency-unavailable']);
    expect(await casesStored()).toBe(before);
    // Opening a case that names no party does not need party-service.
    expect((await open(staff.villageMediator, [])).status).toBe(201);
  });
});
