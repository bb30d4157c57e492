import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import request from 'supertest';
import { makeDisputeWorkflowId, type Principal } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import type { NewCase } from '../cases/cases.repository';
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
      agencyId: 'agency-shangba',
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
      parties: [],
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
      report({ eventRef: 'JQ-2026-0001', villageCode: 'dongkou', disputeType: 'other', agencyId: 'agency-police' }),
    );
    expect(second).toMatchObject({ kind: 'linked', rule: 'same-event' });
    if (second.kind !== 'linked') return;
    expect(second.case.id).toBe(first);
    // The reporting agency joins the case so its staff can follow it.
    expect(second.case.agencyIds).toEqual(['agency-shangba', 'agency-police']);
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

  it('links reports of the same type from the same grid cell within 7 days, but not another cell or type', async () => {
    const start = new Date('2026-06-01T01:00:00Z');
    const first = await caseIdOf(report({ gridCode: 'sb-03' }), start);
    const sameCell = await file(report({ gridCode: 'sb-03' }), new Date(start.getTime() + 6 * DAY_MS));
    expect(sameCell).toMatchObject({ kind: 'linked', rule: 'same-place' });
    if (sameCell.kind === 'linked') expect(sameCell.case.id).toBe(first);
    expect((await file(report({ gridCode: 'sb-04' }), start)).kind).toBe('opened');
    expect((await file(report({ gridCode: 'sb-03', disputeType: 'wages-labour' }), start)).kind).toBe('opened');
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
      service.partyDirectory.add({ id, involvedAgencyIds: ['agency-shangba'] });
    }
    service.partyDirectory.add({ id: xiabas, involvedAgencyIds: ['agency-xiaba'] });
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
