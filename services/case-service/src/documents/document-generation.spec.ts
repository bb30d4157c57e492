/**
 * Writing the documents the parties sign, on the in-memory wiring with a stand-in renderer (the real PDF, its font
 * and its text are checked against PostgreSQL and the real party-service in document-generation.int-spec.ts): who may,
 * what is read from party-service and with which reveals, what is stored and what the audit trail says.
 */
import type { Principal, TimelineEvent } from '@gongzhi/contracts';
import { createLogger } from '@gongzhi/http';
import request from 'supertest';
import { createFakeCaseWorkflows, createInMemoryAuditTrail, createInMemoryCasesRepository } from '../cases/cases.fakes';
import { createCasesService } from '../cases/cases.service';
import { createInMemoryPartyDirectory } from '../parties/party-directory.fakes';
import { createFakeCaseService, staff } from '../testing/fake-case-service';
import { sha256Of } from './document-bytes';
import { documentKey } from './document-store';
import { createInMemoryDocumentStore } from './document-store.fakes';
import { createDocumentGenerationService, recordedAgreementOf } from './document-generation.service';
import { createInMemoryDocumentsRepository } from './documents.fakes';
import { type DocumentModel, textOf } from './generated-document-layout';
import { createPdfRenderer, type PdfRenderer } from './pdf-renderer';

const APPLICANT_ID = '110105199001010012';
const RESPONDENT_ID = '11010519851231002X';
const agreementContent = {
  terms: ['被申请人于2026年3月31日前加装排水槽。'],
  performance: { manner: '自行加装', deadline: '2026年3月31日前' },
};
const agreementRequest = { kind: 'mediation-agreement' as const, ...agreementContent };
const applicationRequest = { kind: 'confirmation-application' as const, ...agreementContent, court: '清水县人民法院' };

const recorded = (effectiveAt: string, pendingSignOffs: string[] = []): TimelineEvent => ({
  type: 'agreement-recorded',
  actor: 'med-1',
  agencyId: '0a9e0000-0000-4000-8000-000000000006',
  at: '2026-03-06T02:00:00.000Z',
  details: { level: 'L1', effectiveAt, documentId: null, pendingSignOffs },
});

async function setUp(options: { renderer?: PdfRenderer } = {}) {
  const repository = createInMemoryCasesRepository();
  const documents = createInMemoryDocumentsRepository(repository.keys, repository.events);
  const store = createInMemoryDocumentStore();
  const parties = createInMemoryPartyDirectory();
  const audit = createInMemoryAuditTrail();
  const logger = createLogger('case-service', 'silent');
  const cases = createCasesService({
    repository,
    workflows: createFakeCaseWorkflows(),
    parties,
    villages: { findVillage: async (townCode, code) => ({ townCode, code, gridCodes: [] }) },
    audit,
    logger,
  });
  const timelines = new Map<string, TimelineEvent[]>();
  const rendered: DocumentModel[] = [];
  const renderer: PdfRenderer = options.renderer ?? {
    ensureFont: async () => undefined,
    render: async (model) => {
      rendered.push(model);
      return Buffer.from(`%PDF-1.7\n${textOf(model).join('\n')}`);
    },
  };
  const service = createDocumentGenerationService({
    documents,
    store,
    casesService: cases,
    timeline: async (caseId) => timelines.get(caseId) ?? [],
    parties,
    renderer,
    logger,
  });
  const ctx = (principal: Principal) => ({ principal, requestId: `req-${Math.random()}` });

  const applicant = parties.add({
    id: '0a000000-0000-4000-8000-000000000001',
    involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000006'],
    details: { name: '张建国', gender: 'male', idNumber: APPLICANT_ID, phone: '13800138000', addressDetail: '3组12号' },
  });
  const respondent = parties.add({
    id: '0a000000-0000-4000-8000-000000000002',
    involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000006'],
    details: { name: '李秀英', gender: 'female', idNumber: RESPONDENT_ID },
  });
  const opened = await cases.openCase(ctx(staff.villageMediator), {
    disputeType: 'neighbour',
    source: 'walk-in',
    summary: 'Rainwater from a new roof drains into the neighbouring courtyard.',
    townCode: 'qingshui',
    parties: [
      { partyId: respondent.id, role: 'respondent' },
      { partyId: applicant.id, role: 'applicant' },
    ],
  });
  const caseId = opened.body.id;
  timelines.set(caseId, [recorded('2026-03-05T01:00:00.000Z')]);
  audit.entries.length = 0;
  parties.lookups.length = 0;
  return {
    repository,
    documents,
    store,
    parties,
    audit,
    service,
    ctx,
    caseId,
    timelines,
    rendered,
    applicant,
    respondent,
  };
}

describe('the agreement in force on a timeline', () => {
  it('is the last one recorded, dated when it took effect, or its entry’s time when the entry does not say', () => {
    const older = recorded('2026-03-01T00:00:00.000Z');
    const newer = recorded('2026-03-05T01:00:00.000Z', ['0a9e0000-0000-4000-8000-000000000005']);
    expect(recordedAgreementOf([older, newer])).toEqual({
      effectiveAt: new Date('2026-03-05T01:00:00.000Z'),
      jointAgencyCount: 1,
    });
    expect(recordedAgreementOf([{ ...older, details: {} }])?.effectiveAt).toEqual(new Date(older.at));
    expect(recordedAgreementOf([])).toBeUndefined();
  });

  it('is gone when a joint agency’s refusal sent the case back to mediation, and back when one is recorded again', () => {
    const declined = (consequence: string): TimelineEvent => ({
      type: 'agreement-sign-off-declined',
      actor: 'liaison-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
      at: '2026-03-07T00:00:00.000Z',
      details: { consequence },
    });
    const first = recorded('2026-03-05T01:00:00.000Z', ['0a9e0000-0000-4000-8000-000000000005']);
    expect(recordedAgreementOf([first, declined('return-to-mediation')])).toBeUndefined();
    expect(recordedAgreementOf([first, declined('proceed-without')])).toBeDefined();
    const again = recorded('2026-03-09T01:00:00.000Z');
    expect(recordedAgreementOf([first, declined('return-to-mediation'), again])?.effectiveAt).toEqual(
      new Date('2026-03-09T01:00:00.000Z'),
    );
  });
});

describe('writing the documents the parties sign', () => {
  it('stores the mediator’s agreement as a document of the case, with the ID numbers revealed to them', async () => {
    const { service, ctx, caseId, store, documents, parties, rendered, audit, repository, applicant, respondent } =
      await setUp();
    const result = await service.generate(ctx(staff.villageMediator), caseId, agreementRequest);
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      caseId,
      title: '人民调解协议书',
      kind: 'mediation-agreement',
      contentType: 'application/pdf',
      status: 'stored',
      uploadedBy: 'med-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
    });
    const bytes = store.files.get(documentKey(caseId, result.body.id));
    expect(bytes).toBeDefined();
    expect(result.body).toMatchObject({ sha256: sha256Of(bytes ?? Buffer.alloc(0)).sha256, sizeBytes: bytes?.length });
    expect((await documents.listForCase(caseId)).map((d) => d.id)).toEqual([result.body.id]);
    expect(repository.events.filter((e) => e.caseId === caseId).map((e) => e.type)).toContain('document.added');

    // A mediator may see ID numbers and phones in full: the reads ask for both, and the document prints them.
    expect(parties.reads).toEqual([
      { partyId: respondent.id, reveal: ['idNumber', 'phone'] },
      { partyId: applicant.id, reveal: ['idNumber', 'phone'] },
    ]);
    const text = textOf(rendered[0] ?? { title: '', blocks: [] }).join('\n');
    expect(text).toContain(`申请人：张建国，男，公民身份号码：${APPLICANT_ID}`);
    expect(text).toContain(`被申请人：李秀英，女，公民身份号码：${RESPONDENT_ID}`);
    expect(text).toContain('协议生效日期：2026年3月5日。');
    expect(text).toContain('一、被申请人于2026年3月31日前加装排水槽。');

    expect(
      audit.entries.map(({ action, objectType, objectId, objectIds }) => ({ action, objectType, objectId, objectIds })),
    ).toEqual([
      {
        action: 'case.document.generate.mediation-agreement',
        objectType: 'case',
        objectId: caseId,
        objectIds: undefined,
      },
      { action: 'case.document.generate', objectType: 'document', objectId: result.body.id, objectIds: undefined },
      {
        action: 'case.document.generate.id-number-revealed',
        objectType: 'party',
        objectId: 'list',
        objectIds: [respondent.id, applicant.id],
      },
      { action: 'case.document.generate.id-number-masked', objectType: 'party', objectId: 'list', objectIds: [] },
      {
        action: 'case.document.generate.phone-revealed',
        objectType: 'party',
        objectId: 'list',
        objectIds: [applicant.id],
      },
      { action: 'case.document.generate.phone-masked', objectType: 'party', objectId: 'list', objectIds: [] },
    ]);
    // The trail names parties by id: never a number.
    expect(JSON.stringify(audit.entries)).not.toMatch(/110105|13800138000/);
  });

  it('masks every ID number for an administrator, who is never shown one, and audits them as masked', async () => {
    const { service, ctx, caseId, parties, rendered, audit, applicant, respondent } = await setUp();
    await service.generate(ctx(staff.administrator), caseId, agreementRequest);
    expect(parties.reads.map((read) => read.reveal)).toEqual([[], []]);
    const text = textOf(rendered[0] ?? { title: '', blocks: [] }).join('\n');
    expect(text).toContain('公民身份号码：110105********0012');
    expect(text).toContain('公民身份号码：110105********002X');
    expect(text).toContain('联系电话：138****8000');
    expect(text).not.toContain(APPLICANT_ID);
    expect(text).not.toContain(RESPONDENT_ID);
    const idAudit = audit.entries.filter((e) => e.action.startsWith('case.document.generate.id-number'));
    expect(idAudit.map((e) => [e.action, e.objectIds])).toEqual([
      ['case.document.generate.id-number-revealed', []],
      ['case.document.generate.id-number-masked', [respondent.id, applicant.id]],
    ]);
  });

  it('stores the coordinator’s joint application for judicial confirmation, titled as such', async () => {
    const { service, ctx, caseId, rendered } = await setUp();
    const result = await service.generate(ctx(staff.coordinator), caseId, applicationRequest);
    expect(result.body).toMatchObject({ title: '司法确认申请书', kind: 'confirmation-application', status: 'stored' });
    const text = textOf(rendered[0] ?? { title: '', blocks: [] }).join('\n');
    expect(text).toContain('确认调解协议有效');
    expect(text).toContain('清水县人民法院');
    expect(text).toContain(`申请人一：张建国，男，公民身份号码：${APPLICANT_ID}`);
  });

  it('answers a retry with the document it stored, reading and writing nothing again; another body is a 422', async () => {
    const { service, ctx, caseId, parties, rendered, documents } = await setUp();
    const first = await service.generate(ctx(staff.villageMediator), caseId, agreementRequest, 'generate-key-1');
    const again = await service.generate(ctx(staff.villageMediator), caseId, agreementRequest, 'generate-key-1');
    expect(again).toMatchObject({ status: 201, replayed: true, body: { id: first.body.id } });
    expect(parties.reads).toHaveLength(2);
    expect(rendered).toHaveLength(1);
    await expect(
      service.generate(ctx(staff.villageMediator), caseId, applicationRequest, 'generate-key-1'),
    ).rejects.toMatchObject({ status: 422, type: 'idempotency-key-reused' });
    expect(await documents.listForCase(caseId)).toHaveLength(1);
  });

  it('refuses with 409 when no agreement is in force, before reading any party', async () => {
    const { service, ctx, caseId, timelines, parties, store } = await setUp();
    timelines.set(caseId, []);
    const refusal = service.generate(ctx(staff.villageMediator), caseId, agreementRequest);
    await expect(refusal).rejects.toMatchObject({ status: 409, type: 'no-recorded-agreement' });
    await expect(refusal).rejects.toThrow(/no mediation agreement recorded/);
    expect(parties.reads).toEqual([]);
    expect(store.files.size).toBe(0);
  });

  it('refuses callers as registering a document does: grid workers 403, other agencies and towns 404', async () => {
    const { service, ctx, caseId, parties, store, audit } = await setUp();
    await expect(service.generate(ctx(staff.gridWorker), caseId, agreementRequest)).rejects.toMatchObject({
      status: 403,
    });
    for (const outsider of [staff.otherVillageMediator, staff.policeLiaison, staff.otherTownCoordinator]) {
      await expect(service.generate(ctx(outsider), caseId, agreementRequest)).rejects.toMatchObject({ status: 404 });
    }
    expect(parties.reads).toEqual([]);
    expect(store.files.size).toBe(0);
    expect(audit.entries.filter((e) => e.action.startsWith('case.document.generate'))).toEqual([]);
  });

  it('refuses with 409 naming the parties party-service does not show the caller, and stores nothing', async () => {
    const { service, ctx, caseId, parties, store, respondent } = await setUp();
    parties.add({ id: respondent.id, involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000007'] });
    await expect(service.generate(ctx(staff.villageMediator), caseId, agreementRequest)).rejects.toMatchObject({
      status: 409,
      type: 'parties-not-readable',
      extensions: { partyIds: [respondent.id] },
    });
    expect(store.files.size).toBe(0);
  });

  it('refuses with 409 a case that names no party', async () => {
    const { service, ctx, caseId, repository } = await setUp();
    const record = repository.rows.get(caseId);
    if (record) record.parties = [];
    await expect(service.generate(ctx(staff.villageMediator), caseId, agreementRequest)).rejects.toMatchObject({
      status: 409,
      type: 'parties-not-readable',
    });
  });

  it('refuses a merged case, as registering a document does', async () => {
    const { service, ctx, caseId, repository } = await setUp();
    const record = repository.rows.get(caseId);
    if (record) record.status = 'merged';
    await expect(service.generate(ctx(staff.villageMediator), caseId, agreementRequest)).rejects.toMatchObject({
      status: 409,
      type: 'conflict',
    });
  });

  it('answers 503 when the font is missing, before any party is read', async () => {
    const { service, ctx, caseId, parties, store } = await setUp({
      renderer: createPdfRenderer({ fontFile: '/nonexistent/gongzhi/no-such-font.ttc' }),
    });
    await expect(service.generate(ctx(staff.villageMediator), caseId, agreementRequest)).rejects.toMatchObject({
      status: 503,
      type: 'document-font-unavailable',
    });
    expect(parties.reads).toEqual([]);
    expect(store.files.size).toBe(0);
  });
});

describe('POST /api/v1/cases/:id/documents/generated', () => {
  async function openOnFake(fontFile: string) {
    // The wiring reads CASE_DOCUMENT_FONT_FILE when main does not hand it the configured one.
    const before = process.env['CASE_DOCUMENT_FONT_FILE'];
    process.env['CASE_DOCUMENT_FONT_FILE'] = fontFile;
    try {
      const fake = await createFakeCaseService({ rateLimits: { perIp: 10_000, perUser: 10_000 } });
      const mediator = await fake.bearer(staff.villageMediator);
      const partyId = '0b000000-0000-4000-8000-000000000001';
      fake.partyDirectory.add({ id: partyId, involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000006'] });
      const opened = await request(fake.app)
        .post('/api/v1/cases')
        .set('Authorization', mediator)
        .send({
          disputeType: 'neighbour',
          source: 'walk-in',
          summary: 'A leaning wall.',
          townCode: 'qingshui',
          parties: [{ partyId, role: 'applicant' }],
        });
      return { ...fake, mediator, caseId: opened.body.id as string };
    } finally {
      if (before === undefined) delete process.env['CASE_DOCUMENT_FONT_FILE'];
      else process.env['CASE_DOCUMENT_FONT_FILE'] = before;
    }
  }

  it('is in the OpenAPI document, with its body and problems', async () => {
    const { app } = await openOnFake('/nonexistent/font.ttc');
    const doc = await request(app).get('/openapi.json');
    const operation = doc.body.paths['/api/v1/cases/{id}/documents/generated']?.post;
    expect(operation).toMatchObject({ operationId: 'generateCaseDocument', tags: ['documents'] });
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['201', '409', '503']));
    expect(doc.body.components.schemas).toHaveProperty('GenerateDocumentRequest');
  });

  it('answers problem+json: 400 for a body without terms, 409 in plain words without an agreement', async () => {
    const { app, mediator, caseId } = await openOnFake('/nonexistent/font.ttc');
    const path = `/api/v1/cases/${caseId}/documents/generated`;
    const invalid = await request(app).post(path).set('Authorization', mediator).send({ kind: 'mediation-agreement' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['terms', 'performance']),
    );
    const refused = await request(app).post(path).set('Authorization', mediator).send(agreementRequest);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: 'urn:gongzhi:problem:no-recorded-agreement',
      title: 'No agreement recorded',
      detail: expect.stringContaining('This case has no mediation agreement recorded'),
    });
  });

  it('answers 503 problem+json, without a stack, when the font file is missing', async () => {
    const { app, mediator, caseId, repository, partyDirectory } = await openOnFake('/nonexistent/gongzhi/font.ttc');
    repository.events.push({
      caseId,
      type: 'agreement-recorded',
      actor: 'med-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
    });
    partyDirectory.reads.length = 0;
    const res = await request(app)
      .post(`/api/v1/cases/${caseId}/documents/generated`)
      .set('Authorization', mediator)
      .send(agreementRequest);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:gongzhi:problem:document-font-unavailable', status: 503 });
    expect(JSON.stringify(res.body)).not.toMatch(/ENOENT|at .*\.ts|nonexistent/);
    expect(partyDirectory.reads).toEqual([]);
  });
});
