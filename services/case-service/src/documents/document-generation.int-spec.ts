/**
 * The documents the parties sign, end to end on real services: case-service in process on PostgreSQL and the local
 * disk store, the real party-service (the process `npm start` runs, on a fresh database) read over HTTP with each
 * caller's own token, and the real font. Each PDF is downloaded through the ordinary document route and read back with
 * PDF.js: the parties' names, their ID numbers (in full or masked, as party-service showed the caller), the terms and
 * the dates must be in it, and its text must be set in an embedded subset of WenQuanYi Micro Hei.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
import { DEFAULT_DOCUMENT_FONT_FILE, loadDocumentFontFile } from '../config';
import { createHttpPartyDirectory } from '../parties/party-directory';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { sha256Of } from './document-bytes';
import { compact, extractPdfText, type PdfText } from './pdf-text.testing';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** A valid resident ID number (GB 11643 check character), different for each `n`. */
function idNumber(n: number): string {
  const first17 = `11010519880214${String(n).padStart(3, '0')}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}
/** As party-service masks it for callers without the reveal. */
const masked = (id: string) => `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;

const APPLICANT = { name: '张建国', idNumber: idNumber(41), phone: '13800138000', detail: '上坝村3组12号' };
const RESPONDENT = { name: '李秀英', idNumber: idNumber(42), phone: '13912345678', detail: '上坝村5组3号' };
const SUMMARY = '被申请人新建房屋的屋顶雨水排入申请人院内，双方多次争吵。';
const TERMS = ['被申请人于2026年3月31日前在屋檐加装排水槽，将雨水引至公共排水沟。', '申请人放弃其他赔偿请求。'];
const PERFORMANCE = { manner: '被申请人自行加装，申请人配合施工', deadline: '2026年3月31日前' };
/** When the agreement took effect: 09:00 on 5 March in Qingshui. */
const EFFECTIVE_AT = '2026-03-05T01:00:00.000Z';
const EFFECTIVE_DAY = '2026年3月5日';

const agreementBody = { kind: 'mediation-agreement', terms: TERMS, performance: PERFORMANCE };
const applicationBody = {
  kind: 'confirmation-application',
  terms: TERMS,
  performance: PERFORMANCE,
  court: '清水县人民法院',
};

describe('writing the documents the parties sign, with the real party-service and font', () => {
  let partyDb: TestDatabase;
  let caseDb: TestDatabase;
  let party: AppProcess;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  let applicantId: string;
  let respondentId: string;
  /** A case of Shangba's committee with both parties and an agreement recorded by its workflow. */
  let caseId: string;

  beforeAll(async () => {
    const font = loadDocumentFontFile();
    if (!existsSync(font)) {
      throw new Error(
        `No font at ${font}: these tests embed it. Install Debian's fonts-wqy-microhei (${DEFAULT_DOCUMENT_FONT_FILE}) or point CASE_DOCUMENT_FONT_FILE at it.`,
      );
    }
    const logDir = process.env['GONGZHI_TEST_LOG_DIR'] ?? path.join(REPO_ROOT, '.data/test/logs');
    const secrets = ensureLocalSecrets(path.join(logDir, '..', 'keys'));
    [partyDb, caseDb] = await Promise.all([createTestDatabase('party'), createTestDatabase('case')]);
    let baseUrl: string;
    ({ app: party, baseUrl } = await startPartyServiceAlone({ databaseUrl: partyDb.url, secrets, logDir }));
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-generated-'));
    service = await createPostgresCaseService(caseDb.url, documentsDir, {
      parties: createHttpPartyDirectory({ baseUrl, timeoutMs: 5_000 }),
      // Tokens party-service accepts: signed with the local stack's key, as agency-service signs them.
      authPrivateKeyPem: readPem(secrets.authPrivateKeyFile),
      authPublicKeyPem: readPem(secrets.authPublicKeyFile),
    });
    const register = async (person: typeof APPLICANT, gender: 'male' | 'female') => {
      const res = await fetch(`${baseUrl}/api/v1/parties/lookup-or-create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await service.bearer(staff.villageMediator) },
        body: JSON.stringify({
          kind: 'person',
          name: person.name,
          idNumber: person.idNumber,
          phone: person.phone,
          gender,
          address: { townCode: 'qingshui', villageCode: 'shangba', detail: person.detail },
        }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    applicantId = await register(APPLICANT, 'male');
    respondentId = await register(RESPONDENT, 'female');
    caseId = await openCase();
    await recordAgreement(caseId);
  });

  afterAll(async () => {
    await party?.stop();
    await service?.prisma.$disconnect();
    await Promise.all([partyDb?.drop(), caseDb?.drop()]);
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  async function openCase(): Promise<string> {
    const res = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', await service.bearer(staff.villageMediator))
      .send({
        disputeType: 'neighbour',
        source: 'walk-in',
        summary: SUMMARY,
        townCode: 'qingshui',
        villageCode: 'shangba',
        parties: [
          { partyId: applicantId, role: 'applicant' },
          { partyId: respondentId, role: 'respondent' },
        ],
      });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** As the dispute workflow records an agreement: its timeline entry, through the worker's route. */
  async function recordAgreement(id: string): Promise<void> {
    const res = await request(service.app)
      .put(`/internal/v1/cases/${id}/timeline/${id}:wf:1`)
      .set('Authorization', await service.engineBearer())
      .send({
        type: 'agreement-recorded',
        actor: staff.villageMediator.staffId,
        agencyId: staff.villageMediator.agencyId,
        at: '2026-03-05T06:00:00.000Z',
        details: { level: 'L1', effectiveAt: EFFECTIVE_AT, documentId: null, pendingSignOffs: [] },
      });
    expect(res.status).toBe(201);
  }

  async function generate(as: Principal, body: object, target = caseId, key?: string) {
    const req = request(service.app)
      .post(`/api/v1/cases/${target}/documents/generated`)
      .set('Authorization', await service.bearer(as));
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  }

  /** The stored document's bytes, through the route every document is downloaded by. */
  async function download(as: Principal, location: string): Promise<Buffer> {
    const res = await request(service.app)
      .get(location)
      .set('Authorization', await service.bearer(as))
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    return res.body as Buffer;
  }

  /** Generates, checks it is listed like any document with the digest of the bytes served, and reads it back. */
  async function generateAndRead(as: Principal, body: object): Promise<{ pdf: Buffer; text: PdfText; id: string }> {
    const res = await generate(as, body);
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect(res.headers['location']).toBe(`/api/v1/cases/${caseId}/documents/${id}/content`);
    const pdf = await download(as, res.headers['location'] as string);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { sha256, size } = sha256Of(pdf);
    expect(res.body).toMatchObject({ status: 'stored', contentType: 'application/pdf', sha256, sizeBytes: size });
    const listed = await request(service.app)
      .get(`/api/v1/cases/${caseId}/documents`)
      .set('Authorization', await service.bearer(as));
    expect(listed.body.items).toContainEqual(res.body);
    return { pdf, text: await extractPdfText(pdf), id };
  }

  function expectEmbeddedSubsetFont(pdf: Buffer, text: PdfText): void {
    expect(text.fonts.length).toBeGreaterThan(0);
    for (const font of text.fonts) {
      expect(font).toEqual({ name: expect.stringMatching(/^[A-Z]{6}\+WenQuanYiMicroHei$/), embedded: true });
    }
    // The file itself: a subset BaseFont, and the font program (FontFile2) inside it.
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiMicroHei/);
    expect(raw).toContain('/FontFile2');
  }

  it('writes the mediator’s 人民调解协议书 with the ID numbers and phones in full, the terms and the dates', async () => {
    const { pdf, text } = await generateAndRead(staff.villageMediator, agreementBody);
    expect(text.title).toBe('人民调解协议书');
    const expected = [
      '人民调解协议书',
      `申请人：${APPLICANT.name}，男，公民身份号码：${APPLICANT.idNumber}，住址：${APPLICANT.detail}，联系电话：${APPLICANT.phone}。`,
      `被申请人：${RESPONDENT.name}，女，公民身份号码：${RESPONDENT.idNumber}，住址：${RESPONDENT.detail}，联系电话：${RESPONDENT.phone}。`,
      '纠纷类型：邻里纠纷。',
      SUMMARY,
      `一、${TERMS[0] ?? ''}`,
      `二、${TERMS[1] ?? ''}`,
      `履行方式：${PERFORMANCE.manner}`,
      `履行期限：${PERFORMANCE.deadline}`,
      `协议生效日期：${EFFECTIVE_DAY}。`,
      `申请人：${APPLICANT.name}（签名、盖章或按指印）日期：${EFFECTIVE_DAY}`,
      `被申请人：${RESPONDENT.name}（签名、盖章或按指印）日期：${EFFECTIVE_DAY}`,
      `人民调解员（签名）日期：${EFFECTIVE_DAY}`,
      `人民调解委员会（盖章）日期：${EFFECTIVE_DAY}`,
    ];
    for (const line of expected) expect(text.compact).toContain(compact(line));
    expectEmbeddedSubsetFont(pdf, text);
  });

  it('masks every ID number and phone for an administrator, as party-service’s own views do', async () => {
    const { pdf, text } = await generateAndRead(staff.administrator, agreementBody);
    expect(text.compact).toContain(
      compact(`申请人：${APPLICANT.name}，男，公民身份号码：${masked(APPLICANT.idNumber)}`),
    );
    expect(text.compact).toContain(compact(`公民身份号码：${masked(RESPONDENT.idNumber)}`));
    expect(text.compact).toContain('联系电话：138****8000');
    expect(text.compact).toContain('联系电话：139****5678');
    for (const secret of [APPLICANT.idNumber, RESPONDENT.idNumber, APPLICANT.phone, RESPONDENT.phone]) {
      expect(text.compact).not.toContain(secret);
      // Nor anywhere in the file: not in metadata, not in an uncompressed object.
      expect(pdf.toString('latin1')).not.toContain(secret);
    }
  });

  it('writes the coordinator’s 司法确认申请书: every party applies, to the court, asking to confirm the agreement', async () => {
    const { pdf, text } = await generateAndRead(staff.coordinator, applicationBody);
    expect(text.title).toBe('司法确认申请书');
    const expected = [
      '司法确认申请书',
      `申请人一：${APPLICANT.name}，男，公民身份号码：${APPLICANT.idNumber}`,
      `申请人二：${RESPONDENT.name}，女，公民身份号码：${RESPONDENT.idNumber}`,
      '请求确认调解协议有效',
      `于${EFFECTIVE_DAY}经人民调解委员会主持调解达成人民调解协议，请求清水县人民法院依法确认该调解协议有效。`,
      SUMMARY,
      `一、${TERMS[0] ?? ''}`,
      `履行期限：${PERFORMANCE.deadline}`,
      `该调解协议自${EFFECTIVE_DAY}起生效。`,
      '此致清水县人民法院',
      `申请人一：${APPLICANT.name}（签名、盖章或按指印）`,
      `申请人二：${RESPONDENT.name}（签名、盖章或按指印）`,
      '人民调解委员会（盖章）',
    ];
    for (const line of expected) expect(text.compact).toContain(compact(line));
    expectEmbeddedSubsetFont(pdf, text);
  });

  it('refuses callers of another agency or town (404) and grid workers (403), and stores nothing', async () => {
    const before = await service.prisma.caseDocument.count({ where: { caseId } });
    for (const [as, status] of [
      [staff.otherVillageMediator, 404],
      [staff.policeLiaison, 404],
      [staff.otherTownCoordinator, 404],
      [staff.gridWorker, 403],
    ] as const) {
      const res = await generate(as, agreementBody);
      expect({ who: as.staffId, status: res.status }).toEqual({ who: as.staffId, status });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body)).not.toContain(APPLICANT.name);
    }
    expect(await service.prisma.caseDocument.count({ where: { caseId } })).toBe(before);
    const written = await service.prisma.auditRecord.count({
      where: {
        action: { startsWith: 'case.document.generate' },
        actor: { in: ['med-2', 'liaison-1', 'coord-9', 'grid-1'] },
      },
    });
    expect(written).toBe(0);
  });

  it('answers 409 problem+json in plain words for a case without an agreement', async () => {
    const other = await openCase();
    const res = await generate(staff.villageMediator, agreementBody, other);
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:gongzhi:problem:no-recorded-agreement',
      status: 409,
      detail: expect.stringContaining('This case has no mediation agreement recorded'),
    });
    expect(await service.prisma.caseDocument.count({ where: { caseId: other } })).toBe(0);
  });

  it('answers a retry with the same document, and a reused key with another body with 422', async () => {
    const first = await generate(staff.villageMediator, applicationBody, caseId, 'generate-retry-0001');
    expect(first.status).toBe(201);
    const count = await service.prisma.caseDocument.count({ where: { caseId } });
    const again = await generate(staff.villageMediator, applicationBody, caseId, 'generate-retry-0001');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const reused = await generate(staff.villageMediator, agreementBody, caseId, 'generate-retry-0001');
    expect([reused.status, reused.body.type]).toEqual([422, 'urn:gongzhi:problem:idempotency-key-reused']);
    expect(await service.prisma.caseDocument.count({ where: { caseId } })).toBe(count);
  });

  it('records each generation in the audit trail: who, which case and kind, whose ID numbers were revealed or masked', async () => {
    const since = (await service.prisma.auditRecord.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
    const audited = await openCase();
    await recordAgreement(audited);
    for (const [as, body] of [
      [staff.villageMediator, agreementBody],
      [staff.administrator, agreementBody],
      [staff.coordinator, applicationBody],
    ] as const) {
      expect((await generate(as, body, audited)).status).toBe(201);
    }
    const rows = await service.prisma.auditRecord.findMany({
      where: { action: { startsWith: 'case.document.generate' }, seq: { gt: since } },
      orderBy: { seq: 'asc' },
      select: { actor: true, action: true, objectType: true, objectId: true, objectIds: true },
    });
    // Party ids in id order: the case lists its parties so when they were added together.
    const of = (actor: string) =>
      rows
        .filter((row) => row.actor === actor)
        .map(({ actor: _actor, objectIds, ...rest }) => ({ ...rest, objectIds: [...objectIds].sort() }));
    const both = [applicantId, respondentId].sort();
    const documentsOf = async (actor: string) =>
      (await service.prisma.caseDocument.findMany({ where: { caseId: audited, uploadedBy: actor } })).map((d) => d.id);
    expect(of('med-1')).toEqual([
      { action: 'case.document.generate.mediation-agreement', objectType: 'case', objectId: audited, objectIds: [] },
      {
        action: 'case.document.generate',
        objectType: 'document',
        objectId: (await documentsOf('med-1'))[0],
        objectIds: [],
      },
      { action: 'case.document.generate.id-number-revealed', objectType: 'party', objectId: 'list', objectIds: both },
      { action: 'case.document.generate.id-number-masked', objectType: 'party', objectId: 'list', objectIds: [] },
      { action: 'case.document.generate.phone-revealed', objectType: 'party', objectId: 'list', objectIds: both },
      { action: 'case.document.generate.phone-masked', objectType: 'party', objectId: 'list', objectIds: [] },
    ]);
    expect(of('admin-1')).toEqual(
      expect.arrayContaining([
        { action: 'case.document.generate.id-number-revealed', objectType: 'party', objectId: 'list', objectIds: [] },
        { action: 'case.document.generate.id-number-masked', objectType: 'party', objectId: 'list', objectIds: both },
        { action: 'case.document.generate.phone-masked', objectType: 'party', objectId: 'list', objectIds: both },
      ]),
    );
    expect(of('coord-1')).toContainEqual({
      action: 'case.document.generate.confirmation-application',
      objectType: 'case',
      objectId: audited,
      objectIds: [],
    });
    // The numbers themselves are nowhere in the trail, nor on the timeline.
    const everything = JSON.stringify(
      await service.prisma.auditRecord.findMany({ select: { action: true, objectId: true, objectIds: true } }),
    );
    const timeline = JSON.stringify(
      await service.prisma.caseEvent.findMany({
        where: { caseId: audited },
        select: { type: true, actor: true, details: true },
      }),
    );
    for (const secret of [APPLICANT.idNumber, RESPONDENT.idNumber, APPLICANT.phone, APPLICANT.name]) {
      expect(everything).not.toContain(secret);
      expect(timeline).not.toContain(secret);
    }
  });
});
