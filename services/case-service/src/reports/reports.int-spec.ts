import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import request from 'supertest';
import { makeDisputeWorkflowId, type Principal } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import type { NewCase } from '../cases/case.model';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { createReportsRepository, type NewReport, type ReportsRepository } from './reports.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('filing reports on PostgreSQL: the matching rules', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let repository: ReportsRepository;
  let town: string;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
    repository = createReportsRepository(prisma);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  beforeEach(() => {
    // A fresh town per test keeps the rules from matching another test's reports.
    town = `t${randomUUID().slice(0, 8)}`;
  });

  function report(overrides: Partial<NewReport> = {}): NewReport {
    return {
      id: randomUUID(),
      source: 'grid-report',
      disputeType: 'neighbour',
      summary: 'Rainwater from a new roof floods the courtyard.',
      townCode: town,
      villageCode: 'shangba',
      gridCode: null,
      reporterPartyId: null,
      eventRef: null,
      reportedBy: 'grid-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      ...overrides,
    };
  }

  function newCase(from: NewReport): NewCase {
    const id = randomUUID();
    return {
      id,
      disputeType: from.disputeType,
      source: from.source,
      summary: from.summary,
      townCode: from.townCode,
      villageCode: from.villageCode,
      reportedBy: from.reportedBy,
      intakeAgencyId: from.agencyId,
      agencyIds: [from.agencyId],
      amountInDispute: null,
      riskAssessment: { violenceRisk: false, groupDispute: false, keyPerson: false },
      // As the service opens a case: the reporter is its applicant, the other parties join in their roles.
      parties: [
        ...(from.reporterPartyId ? [{ partyId: from.reporterPartyId, role: 'applicant' as const }] : []),
        ...(from.otherParties ?? []),
      ],
      workflowId: makeDisputeWorkflowId(id),
    };
  }

  async function file(r: NewReport, at = new Date()) {
    return repository.file(r, newCase(r), at);
  }

  async function caseIdOf(r: NewReport, at?: Date): Promise<string> {
    const outcome = await file(r, at);
    if (outcome.kind === 'replayed') throw new Error('unexpected replay');
    return outcome.case.id;
  }

  it('links many people reporting one event (same event reference) to one case, wherever they stand', async () => {
    const first = await caseIdOf(report({ eventRef: 'JQ-2026-0001', villageCode: 'shangba' }));
    const second = await file(
      report({
        eventRef: 'JQ-2026-0001',
        villageCode: 'dongkou',
        disputeType: 'other',
        agencyId: '0a9e0000-0000-4000-8000-000000000005',
      }),
    );
    expect(second).toMatchObject({ kind: 'linked', rule: 'same-event' });
    if (second.kind !== 'linked') return;
    expect(second.case.id).toBe(first);
    // The reporting agency joins the case so its staff can follow it.
    expect(second.case.agencyIds).toEqual([
      '0a9e0000-0000-4000-8000-000000000006',
      '0a9e0000-0000-4000-8000-000000000005',
    ]);
  });

  it('links one person reporting again within 30 days, and not after', async () => {
    const person = randomUUID();
    const start = new Date('2026-05-01T01:00:00Z');
    const first = await caseIdOf(report({ reporterPartyId: person, villageCode: 'xiaba' }), start);
    const again = await file(
      report({ reporterPartyId: person, villageCode: 'dongkou' }),
      new Date(start.getTime() + 29 * DAY_MS),
    );
    expect(again).toMatchObject({ kind: 'linked', rule: 'same-reporter' });
    const muchLater = await file(
      report({ reporterPartyId: person, villageCode: 'dongkou', gridCode: 'g-far' }),
      new Date(start.getTime() + 61 * DAY_MS),
    );
    expect(muchLater.kind).toBe('opened');
    if (again.kind === 'linked') expect(again.case.id).toBe(first);
  });

  it('links a report of the same type and grid cell within 7 days naming a party of the case, not another cell or type', async () => {
    const [reporter, respondent, other] = [randomUUID(), randomUUID(), randomUUID()];
    const start = new Date('2026-06-01T01:00:00Z');
    const first = await caseIdOf(
      report({
        gridCode: 'sb-03',
        reporterPartyId: reporter,
        otherParties: [{ partyId: respondent, role: 'respondent' }],
      }),
      start,
    );
    // Another person reporting the same respondent at the same cell: a party in common, so the same dispute.
    const sameCell = await file(
      report({
        gridCode: 'sb-03',
        reporterPartyId: other,
        otherParties: [{ partyId: respondent, role: 'respondent' }],
      }),
      new Date(start.getTime() + 6 * DAY_MS),
    );
    expect(sameCell).toMatchObject({ kind: 'linked', rule: 'same-place' });
    if (sameCell.kind === 'linked') expect(sameCell.case.id).toBe(first);
    // Each by another reporter (the same one again would link by the same-reporter rule), naming the respondent.
    const named = () => ({
      reporterPartyId: randomUUID(),
      otherParties: [{ partyId: respondent, role: 'respondent' as const }],
    });
    expect((await file(report({ gridCode: 'sb-04', ...named() }), start)).kind).toBe('opened');
    expect((await file(report({ gridCode: 'sb-03', disputeType: 'wages-labour', ...named() }), start)).kind).toBe(
      'opened',
    );
    // Past the window (7 days after the last report of the case), a party in common is not enough either, and the
    // place suggests nothing.
    const late = await file(report({ gridCode: 'sb-03', ...named() }), new Date(start.getTime() + 14 * DAY_MS));
    expect(late).toMatchObject({ kind: 'opened', suggestions: [] });
  });

  it('opens a case of its own for a second family of the same village minutes later, suggesting the first case', async () => {
    const start = new Date('2026-06-03T06:00:00Z');
    const first = await caseIdOf(report({ reporterPartyId: randomUUID() }), start);
    const second = await file(report({ reporterPartyId: randomUUID() }), new Date(start.getTime() + 4 * 60_000));
    expect(second.kind).toBe('opened');
    if (second.kind !== 'opened') return;
    expect(second.case.id).not.toBe(first);
    expect(second.suggestions).toEqual([
      expect.objectContaining({
        caseId: second.case.id,
        candidateCaseId: first,
        townCode: town,
        reportId: second.report.id,
        rule: 'same-place',
        status: 'open',
        evidence: {
          place: 'village',
          placeCode: 'shangba',
          disputeType: 'neighbour',
          candidateReportId: (await repository.listForCase(first))[0]?.id,
          minutesApart: 4,
          windowDays: 7,
          sharedPartyIds: [],
        },
      }),
    ]);
    // One suggestion, stored, and the place linked nothing: each case keeps its own report.
    expect(await prisma.duplicateSuggestion.count({ where: { townCode: town } })).toBe(1);
    expect(await repository.listForCase(first)).toHaveLength(1);
    // Both timelines say so.
    const timeline = (caseId: string) =>
      prisma.caseEvent.findMany({ where: { caseId, type: 'duplicate.suggested' }, select: { details: true } });
    for (const caseId of [first, second.case.id]) {
      expect(await timeline(caseId)).toEqual([
        { details: expect.objectContaining({ caseId: second.case.id, candidateCaseId: first, rule: 'same-place' }) },
      ]);
    }
  });

  it('suggests, never links, a report of the same village naming a party of the case but no grid cell', async () => {
    const person = randomUUID();
    const first = await caseIdOf(report({ otherParties: [{ partyId: person, role: 'respondent' }] }));
    const again = await file(report({ otherParties: [{ partyId: person, role: 'respondent' }] }));
    expect(again).toMatchObject({
      kind: 'opened',
      suggestions: [{ candidateCaseId: first, evidence: { place: 'village', sharedPartyIds: [person] } }],
    });
  });

  it('prefers the event reference over the place when both would match', async () => {
    const byPlace = await caseIdOf(report({ gridCode: 'sb-07' }));
    const byEvent = await caseIdOf(report({ eventRef: 'T12345-778', villageCode: 'dongkou' }));
    const both = await file(report({ gridCode: 'sb-07', eventRef: 'T12345-778' }));
    expect(both).toMatchObject({ kind: 'linked', rule: 'same-event' });
    if (both.kind === 'linked') expect(both.case.id).toBe(byEvent);
    expect(byPlace).not.toBe(byEvent);
  });

  it('never links to a closed case', async () => {
    const closed = await caseIdOf(report({ eventRef: 'JQ-closed' }));
    await prisma.case.update({ where: { id: closed }, data: { status: 'closed' }, select: { id: true } });
    const next = await file(report({ eventRef: 'JQ-closed' }));
    expect(next.kind).toBe('opened');
  });

  it('opens exactly one case when many reports of one event arrive at the same moment', async () => {
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => file(report({ eventRef: 'JQ-burst-1' }))));
    const caseIds = new Set(outcomes.map((o) => (o.kind === 'replayed' ? '' : o.case.id)));
    expect(caseIds.size).toBe(1);
    expect(outcomes.filter((o) => o.kind === 'opened')).toHaveLength(1);
    const [caseId] = [...caseIds];
    expect(await repository.listForCase(caseId ?? '')).toHaveLength(6);
  });

  it('files a report once per idempotency key: the same call twice replays', async () => {
    const key = { scope: 'grid-1 POST /api/v1/reports', key: `k-${randomUUID()}`, requestHash: 'h' };
    const r = report({ eventRef: 'JQ-idem' });
    const first = await repository.file(r, newCase(r), new Date(), key);
    const again = await repository.file(report({ eventRef: 'JQ-idem' }), newCase(r), new Date(), key);
    expect(first.kind).toBe('opened');
    expect(again).toMatchObject({ kind: 'replayed', reportId: r.id });
    expect(await prisma.report.count({ where: { eventRef: 'JQ-idem' } })).toBe(1);
  });
});

/**
 * A report carries everything intake knows (the other parties, the amount, the risk signs): through the HTTP route on
 * PostgreSQL, a report that opens a case gives them to the case, its workflow start and its `opened` event; a report
 * linked to an open case keeps them on the report and leaves the case as it was (a mediator decides).
 */
describe('filing reports on PostgreSQL: what a report brings besides its reporter', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  const reporter = randomUUID();
  const respondent = randomUUID();
  const witness = randomUUID();
  const otherReporter = randomUUID();
  /** Registered by Xiaba's committee: Shangba's grid worker cannot see them. */
  const xiabas = randomUUID();
  const risky = { violenceRisk: true, groupDispute: false, keyPerson: false, notes: '双方多次推搡，扬言动刀。' };

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-reports-'));
    service = await createPostgresCaseService(db.url, documentsDir);
    for (const id of [reporter, respondent, witness, otherReporter]) {
      service.partyDirectory.add({ id, involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000006'] });
    }
    service.partyDirectory.add({ id: xiabas, involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000007'] });
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  const base = {
    disputeType: 'wages-labour',
    source: 'grid-report',
    summary: '上坝村村民讨要工钱，与包工头发生推搡。',
    townCode: 'qingshui',
    villageCode: 'shangba',
  };

  async function fileAs(principal: Principal, body: Record<string, unknown>) {
    return request(service.app)
      .post('/api/v1/reports')
      .set('Authorization', await service.bearer(principal))
      .send(body);
  }

  it('opens a case with the reporter as applicant, the other parties, the amount and the risk signs', async () => {
    const res = await fileAs(staff.gridWorker, {
      ...base,
      eventRef: 'JQ-brought-1',
      reporterPartyId: reporter,
      otherParties: [
        { partyId: respondent, role: 'respondent' },
        { partyId: witness, role: 'other' },
      ],
      amountInDispute: '18600.50',
      riskAssessment: risky,
    });
    expect(res.status).toBe(201);
    expect(res.body.outcome).toBe('opened');
    expect(res.body.case).toMatchObject({
      amountInDispute: '18600.50',
      riskAssessment: risky,
      parties: expect.arrayContaining([
        { partyId: reporter, role: 'applicant' },
        { partyId: respondent, role: 'respondent' },
        { partyId: witness, role: 'other' },
      ]),
    });
    expect(res.body.case.parties).toHaveLength(3);
    const caseId: string = res.body.case.id;

    // Read back from the database, not from the answer.
    const stored = await request(service.app)
      .get(`/api/v1/cases/${caseId}`)
      .set('Authorization', await service.bearer(staff.gridWorker));
    expect(stored.body).toMatchObject({ amountInDispute: '18600.50', riskAssessment: risky });
    expect(stored.body.parties).toHaveLength(3);

    // The workflow starts with the risk flag, which routes the case straight to the police station.
    expect(service.workflows.started.get(makeDisputeWorkflowId(caseId))).toMatchObject({ risks: ['violence-risk'] });
    // The opened event carries flags and ids, never the risk notes.
    const outbox = await service.prisma.outboxEvent.findMany({ where: { key: caseId }, orderBy: { seq: 'asc' } });
    const opened = outbox.find((row) => row.eventType === 'gongzhi.case.opened');
    expect((opened?.event as { data: Record<string, unknown> }).data).toMatchObject({
      riskFlags: ['violence-risk'],
      amountInDispute: '18600.50',
      parties: expect.arrayContaining([{ partyId: respondent, role: 'respondent' }]),
    });
    expect(JSON.stringify(opened?.event)).not.toContain('扬言');
  });

  it('keeps what a linked report brought on the report, and leaves the case as it was', async () => {
    // Another type and village than the first test's case, so only the event reference links.
    const elsewhere = { ...base, disputeType: 'neighbour', villageCode: 'dongkou', eventRef: 'JQ-brought-2' };
    const first = await fileAs(staff.gridWorker, { ...elsewhere, reporterPartyId: otherReporter });
    expect(first.body.outcome).toBe('opened');
    const second = await fileAs(staff.gridWorker, {
      ...elsewhere,
      reporterPartyId: witness,
      otherParties: [{ partyId: respondent, role: 'respondent' }],
      amountInDispute: '900',
      riskAssessment: risky,
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      outcome: 'linked',
      report: {
        matchedBy: 'same-event',
        otherParties: [{ partyId: respondent, role: 'respondent' }],
        amountInDispute: '900.00',
        riskAssessment: risky,
      },
      case: {
        id: first.body.case.id,
        amountInDispute: null,
        riskAssessment: { violenceRisk: false, groupDispute: false, keyPerson: false },
        parties: [{ partyId: otherReporter, role: 'applicant' }],
      },
    });
    const reports = await request(service.app)
      .get(`/api/v1/cases/${first.body.case.id}/reports`)
      .set('Authorization', await service.bearer(staff.gridWorker));
    expect(reports.body.items).toMatchObject([
      { matchedBy: null, otherParties: [], amountInDispute: null, riskAssessment: null },
      { matchedBy: 'same-event', otherParties: [{ partyId: respondent }], amountInDispute: '900.00' },
    ]);
  });

  it('refuses a party the caller cannot see (422 naming the field) and stores nothing', async () => {
    const res = await fileAs(staff.gridWorker, {
      ...base,
      eventRef: 'JQ-brought-3',
      reporterPartyId: reporter,
      otherParties: [
        { partyId: respondent, role: 'respondent' },
        { partyId: xiabas, role: 'other' },
      ],
    });
    expect([res.status, res.body.type]).toEqual([422, 'urn:gongzhi:problem:unknown-party']);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['otherParties.1.partyId']);
    expect(await service.prisma.report.count({ where: { eventRef: 'JQ-brought-3' } })).toBe(0);
  });

  it('refuses the reporter listed again, or one party twice (400 naming the field)', async () => {
    const again = await fileAs(staff.gridWorker, {
      ...base,
      reporterPartyId: reporter,
      otherParties: [{ partyId: reporter, role: 'respondent' }],
    });
    expect(again.status).toBe(400);
    expect(again.body.errors.map((e: { path: string }) => e.path)).toEqual(['otherParties.0.partyId']);
    const twice = await fileAs(staff.gridWorker, {
      ...base,
      otherParties: [
        { partyId: respondent, role: 'respondent' },
        { partyId: respondent, role: 'other' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors.map((e: { path: string }) => e.path)).toEqual(['otherParties']);
  });

  it('answers a retry that changes what the report brings as a reused idempotency key', async () => {
    const auth = await service.bearer(staff.gridWorker);
    const body = { ...base, eventRef: 'JQ-brought-4', amountInDispute: '100' };
    const key = `k-${randomUUID()}`;
    const first = await request(service.app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .set('Idempotency-Key', key)
      .send(body);
    expect(first.status).toBe(201);
    const changed = await request(service.app)
      .post('/api/v1/reports')
      .set('Authorization', auth)
      .set('Idempotency-Key', key)
      .send({ ...body, amountInDispute: '100000' });
    expect(changed.status).toBe(422);
  });
});

/**
 * Two families of one village reporting the same kind of quarrel minutes apart are two disputes until someone who
 * knows says otherwise: through the HTTP routes on PostgreSQL, the second report opens a case of its own carrying a
 * possible-duplicate suggestion, which a mediator confirms (a merge) or a coordinator dismisses, on both timelines.
 */
describe('possible duplicates on PostgreSQL: suggested, confirmed, dismissed', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  // Eight people of the town, registered by Shangba's committee (party-service shows them to its staff).
  const [wang, li, zhao, qian, sun, zhou, wu, zheng] = [0, 1, 2, 3, 4, 5, 6, 7].map(() => randomUUID()) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const people = [wang, li, zhao, qian, sun, zhou, wu, zheng];

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-duplicates-'));
    service = await createPostgresCaseService(db.url, documentsDir);
    for (const id of people)
      service.partyDirectory.add({ id, involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000006'] });
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  const as = async (principal: Principal) => ({ Authorization: await service.bearer(principal) });

  async function fileAs(principal: Principal, body: Record<string, unknown>) {
    const res = await request(service.app)
      .post('/api/v1/reports')
      .set(await as(principal))
      .send(body);
    expect(res.status).toBe(201);
    return res.body as { outcome: string; case: { id: string }; report: { id: string } };
  }

  /** Two families' reports of one village and dispute type (a type per test, so tests do not meet), no grid cell. */
  async function twoFamilies(disputeType: string, reporters: [string, string]) {
    const place = { source: 'grid-report', townCode: 'qingshui', villageCode: 'shangba', disputeType };
    const first = await fileAs(staff.gridWorker, {
      ...place,
      summary: '王家与邻居因院墙倒塌争执。',
      reporterPartyId: reporters[0],
    });
    const second = await fileAs(staff.gridWorker, {
      ...place,
      summary: '李家与邻居因排水沟堵塞争执。',
      reporterPartyId: reporters[1],
    });
    return { first: first.case.id, second: second.case.id, outcomes: [first.outcome, second.outcome] };
  }

  const read = async (caseId: string, principal: Principal = staff.coordinator) =>
    (
      await request(service.app)
        .get(`/api/v1/cases/${caseId}`)
        .set(await as(principal))
    ).body as Record<string, unknown> & { duplicateSuggestions: { id: string }[] };
  const timelineTypes = async (caseId: string) =>
    (
      (
        await request(service.app)
          .get(`/api/v1/cases/${caseId}/timeline`)
          .set(await as(staff.coordinator))
      ).body.items as { type: string }[]
    ).map((event) => event.type);
  const listed = async (query = '') =>
    (
      (
        await request(service.app)
          .get(`/api/v1/duplicate-suggestions${query}`)
          .set(await as(staff.coordinator))
      ).body.items as { id: string }[]
    ).map((item) => item.id);
  const decide = async (principal: Principal, id: string, decision: 'confirm' | 'dismiss', key = randomUUID()) =>
    request(service.app)
      .post(`/api/v1/duplicate-suggestions/${id}/${decision}`)
      .set(await as(principal))
      .set('Idempotency-Key', key)
      .send({ reason: decision === 'confirm' ? '两份上报说的是同一堵墙。' : '两家各有各的纠纷，不是一件事。' });

  it('opens two cases for two families of one village, the second carrying one suggestion seen on both', async () => {
    const { first, second, outcomes } = await twoFamilies('neighbour', [wang, li]);
    expect(outcomes).toEqual(['opened', 'opened']);
    expect(second).not.toBe(first);

    const suggestion = {
      caseId: second,
      candidateCaseId: first,
      rule: 'same-place',
      status: 'open',
      evidence: expect.objectContaining({ place: 'village', placeCode: 'shangba', sharedPartyIds: [] }),
      decidedAt: null,
    };
    const carrying = await read(second, staff.villageMediator);
    expect(carrying.duplicateSuggestions).toEqual([expect.objectContaining(suggestion)]);
    // The earlier case shows it too, so its mediator learns of the new one.
    expect((await read(first)).duplicateSuggestions).toEqual(carrying.duplicateSuggestions);
    // Codes and ids only: nothing either family said.
    expect(JSON.stringify(carrying.duplicateSuggestions)).not.toMatch(/王家|李家|院墙|排水沟/);
    expect(await service.prisma.duplicateSuggestion.count()).toBe(1);
    for (const caseId of [first, second]) expect(await timelineTypes(caseId)).toContain('duplicate.suggested');
    expect(await listed()).toEqual([carrying.duplicateSuggestions[0]?.id]);
  });

  it('merges the cases when the village mediator confirms, and says so on both timelines', async () => {
    const { first, second } = await twoFamilies('land-forest', [zhao, qian]);
    const [suggestion] = (await read(second)).duplicateSuggestions;
    const key = randomUUID();
    const confirmed = await decide(staff.villageMediator, suggestion?.id ?? '', 'confirm', key);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      id: suggestion?.id,
      status: 'confirmed',
      decidedBy: staff.villageMediator.staffId,
      decidedByAgencyId: staff.villageMediator.agencyId,
    });
    // A retry with the same key is the first answer, not a second merge.
    const replayed = await decide(staff.villageMediator, suggestion?.id ?? '', 'confirm', key);
    expect([replayed.status, replayed.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect(replayed.body).toEqual(confirmed.body);

    // The merge route's merge: the case is merged, its report, party and agency move, its workflow is closed.
    expect(await read(second)).toMatchObject({ status: 'merged', mergedIntoId: first });
    const survivor = await read(first);
    expect(survivor).toMatchObject({ status: 'open' });
    expect((survivor['parties'] as { partyId: string }[]).map((p) => p.partyId).sort()).toEqual([zhao, qian].sort());
    expect(await service.prisma.report.count({ where: { caseId: first } })).toBe(2);
    expect(service.workflows.closedAsMerged).toContainEqual(
      expect.objectContaining({ workflowId: makeDisputeWorkflowId(second), mergedIntoCaseId: first }),
    );
    const merged = await service.prisma.outboxEvent.findMany({
      where: { key: second, eventType: 'gongzhi.case.merged' },
    });
    expect(merged).toHaveLength(1);
    expect(await timelineTypes(second)).toEqual(
      expect.arrayContaining(['duplicate.suggested', 'case.merged-into', 'duplicate.confirmed']),
    );
    expect(await timelineTypes(first)).toEqual(
      expect.arrayContaining(['duplicate.suggested', 'case.absorbed', 'duplicate.confirmed']),
    );
    // Decided once: a second decision is a conflict, and the list of open ones no longer shows it.
    expect((await decide(staff.coordinator, suggestion?.id ?? '', 'dismiss')).status).toBe(409);
    expect(await listed()).not.toContain(suggestion?.id);
    expect(await listed('?status=confirmed')).toContain(suggestion?.id);
  });

  it('keeps the cases apart when a coordinator dismisses, and says so on both timelines', async () => {
    const { first, second } = await twoFamilies('marriage-family', [sun, zhou]);
    const [suggestion] = (await read(second)).duplicateSuggestions;
    // A grid worker reports and follows; deciding is for those who work the cases.
    expect((await decide(staff.gridWorker, suggestion?.id ?? '', 'dismiss')).status).toBe(403);
    // Another village's mediator sees neither case: as if there were no suggestion.
    expect((await decide(staff.otherVillageMediator, suggestion?.id ?? '', 'dismiss')).status).toBe(404);

    const dismissed = await decide(staff.coordinator, suggestion?.id ?? '', 'dismiss');
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', decidedBy: staff.coordinator.staffId });
    expect(dismissed.body.reason).toContain('不是一件事');
    for (const caseId of [first, second]) {
      expect(await read(caseId)).toMatchObject({ status: 'open', mergedIntoId: null });
      expect(await timelineTypes(caseId)).toEqual(
        expect.arrayContaining(['duplicate.suggested', 'duplicate.dismissed']),
      );
      expect(await timelineTypes(caseId)).not.toContain('duplicate.confirmed');
    }
    expect(await service.prisma.report.count({ where: { caseId: second } })).toBe(1);
    expect((await read(second)).duplicateSuggestions).toEqual([expect.objectContaining({ status: 'dismissed' })]);
    expect((await decide(staff.villageMediator, suggestion?.id ?? '', 'confirm')).status).toBe(409);
    expect(await listed()).not.toContain(suggestion?.id);
    expect(await listed('?status=dismissed')).toContain(suggestion?.id);
  });

  it('links a report of the same grid cell naming a party of the case, with no suggestion', async () => {
    const cell = {
      source: 'grid-report',
      townCode: 'qingshui',
      villageCode: 'dongkou',
      gridCode: 'dongkou-01',
      disputeType: 'housing-property',
      summary: '租户与房东因押金争执。',
    };
    const first = await fileAs(staff.gridWorker, {
      ...cell,
      reporterPartyId: wu,
      otherParties: [{ partyId: zheng, role: 'respondent' }],
    });
    // The landlord reports the same quarrel: the tenant is a party of the case already.
    const second = await fileAs(staff.gridWorker, {
      ...cell,
      reporterPartyId: zheng,
      otherParties: [{ partyId: wu, role: 'respondent' }],
    });
    expect(second).toMatchObject({
      outcome: 'linked',
      case: { id: first.case.id },
      report: { matchedBy: 'same-place' },
    });
    expect((await read(first.case.id)).duplicateSuggestions).toEqual([]);
  });

  it('gives a case split off another the facts of its own report, not the parent’s', async () => {
    const eventRef = `JQ-split-${randomUUID().slice(0, 8)}`;
    const parent = await fileAs(staff.gridWorker, {
      disputeType: 'traffic',
      source: 'police-transfer',
      summary: '三轮车与摩托车在村口相撞。',
      townCode: 'qingshui',
      villageCode: 'shangba',
      gridCode: 'shangba-03',
      eventRef,
    });
    // Linked by its event reference, though it is another dispute, elsewhere.
    const other = await fileAs(staff.gridWorker, {
      disputeType: 'contract-debt',
      source: 'hotline-12345',
      summary: '摩托车主另欠修车铺工钱未付。',
      townCode: 'qingshui',
      villageCode: 'dongkou',
      gridCode: 'dongkou-02',
      eventRef,
    });
    expect(other).toMatchObject({ outcome: 'linked', case: { id: parent.case.id } });

    const split = await request(service.app)
      .post(`/api/v1/cases/${parent.case.id}/split`)
      .set(await as(staff.coordinator))
      .send({ reportIds: [other.report.id], reason: '修车欠款是另一件纠纷。' });
    expect(split.status).toBe(201);
    const facts = {
      disputeType: 'contract-debt',
      source: 'hotline-12345',
      villageCode: 'dongkou',
      summary: '摩托车主另欠修车铺工钱未付。',
    };
    expect(split.body).toMatchObject(facts);
    expect(await read(split.body.id)).toMatchObject(facts);
    // Its grid cell stays on its report, which moved with it; its workflow starts from its own facts.
    const reports = await request(service.app)
      .get(`/api/v1/cases/${split.body.id}/reports`)
      .set(await as(staff.coordinator));
    expect(reports.body.items).toEqual([expect.objectContaining({ id: other.report.id, gridCode: 'dongkou-02' })]);
    expect(service.workflows.started.get(makeDisputeWorkflowId(split.body.id))).toMatchObject({
      disputeType: 'contract-debt',
      villageCode: 'dongkou',
    });
    // The parent keeps its own.
    expect(await read(parent.case.id)).toMatchObject({
      disputeType: 'traffic',
      source: 'police-transfer',
      villageCode: 'shangba',
      summary: '三轮车与摩托车在村口相撞。',
    });
  });

  it('refuses a village the town’s registry does not have (422 naming villageCode) and stores nothing', async () => {
    const res = await request(service.app)
      .post('/api/v1/reports')
      .set(await as(staff.gridWorker))
      .send({
        disputeType: 'medical',
        source: 'walk-in',
        summary: '村民对卫生室收费有异议。',
        townCode: 'qingshui',
        villageCode: 'shangbacun',
      });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'urn:gongzhi:problem:unknown-village', title: 'Unknown village' });
    expect(res.body.detail).toContain('has no village shangbacun');
    expect(res.body.errors).toEqual([{ path: 'villageCode', message: expect.stringContaining('no village') }]);
    expect(await service.prisma.report.count({ where: { disputeType: 'medical' } })).toBe(0);
  });

  it('files a report with its village unchecked when agency-service does not answer, and its timeline says so', async () => {
    service.staffDirectory.down = true;
    try {
      const filed = await fileAs(staff.gridWorker, {
        disputeType: 'other',
        source: 'walk-in',
        summary: '村民反映村道被占。',
        townCode: 'qingshui',
        villageCode: 'xiaba',
      });
      expect(filed.outcome).toBe('opened');
      const unchecked = await service.prisma.caseEvent.findMany({
        where: { caseId: filed.case.id, type: 'report.village-unchecked' },
        select: { details: true },
      });
      expect(unchecked).toEqual([{ details: { reportId: filed.report.id, villageCode: 'xiaba' } }]);
    } finally {
      service.staffDirectory.down = false;
    }
  });
});
