import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { makeDisputeWorkflowId } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import type { NewCase } from '../cases/cases.repository';
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
