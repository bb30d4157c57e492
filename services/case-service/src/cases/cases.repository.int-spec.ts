import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { makeDisputeWorkflowId } from '@gongzhi/contracts';
import { createAuditTrail } from '@gongzhi/http';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import { createReportsRepository } from '../reports/reports.repository';
import { Pool } from 'pg';
import type { NewCase } from './case.model';
import { createCaseReads, sqlRowsOfPool, sqlRowsOfPrisma } from './case-reads';
import { caseSelect, toRecord } from './case-rows';
import { createCasesRepository } from './cases.repository';
import { TEST_AUDIT_CHAIN_KEY } from '@gongzhi/testing';

function newCase(overrides: Partial<NewCase> = {}): NewCase {
  const id = randomUUID();
  return {
    id,
    disputeType: 'neighbour',
    source: 'walk-in',
    summary: 'A leaning wall.',
    townCode: 'qingshui',
    villageCode: 'shangba',
    reportedBy: 'grid-1',
    intakeAgencyId: '0a9e0000-0000-4000-8000-000000000006',
    agencyIds: ['0a9e0000-0000-4000-8000-000000000006'],
    amountInDispute: null,
    riskAssessment: { violenceRisk: false, groupDispute: false, keyPerson: false },
    parties: [],
    workflowId: makeDisputeWorkflowId(id),
    ...overrides,
  };
}

describe('cases repository on PostgreSQL', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('stores a case with its idempotency key once: the same call twice replays, never inserts a second case', async () => {
    const repository = createCasesRepository(prisma);
    const key = { scope: 'grid-1 POST /api/v1/cases', key: `k-${randomUUID()}`, requestHash: 'h1' };
    const first = await repository.create(newCase(), key);
    const second = await repository.create(newCase(), key);
    expect(first.kind).toBe('created');
    expect(second).toMatchObject({ kind: 'replayed', requestHash: 'h1' });
    if (first.kind === 'created' && second.kind === 'replayed') expect(second.caseId).toBe(first.record.id);
    expect(await prisma.case.count({ where: { summary: 'A leaning wall.' } })).toBe(1);

    if (first.kind !== 'created') throw new Error('expected a created case');
    await repository.saveResponse(key, { status: 201, body: { id: first.record.id } });
    const third = await repository.create(newCase(), key);
    expect(third).toMatchObject({ kind: 'replayed', response: { status: 201, body: { id: first.record.id } } });
  });

  it('reads a case and its view tasks in plain SQL exactly as the query builder does, on a pool and through Prisma', async () => {
    const repository = createCasesRepository(prisma);
    const [first, second] = [randomUUID(), randomUUID()];
    const data = newCase({
      amountInDispute: '12345.60',
      riskAssessment: { violenceRisk: true, groupDispute: false, keyPerson: true, notes: '两户多次争吵' },
      parties: [
        { partyId: first, role: 'applicant' },
        { partyId: second, role: 'respondent' },
      ],
    });
    await repository.create(data);
    const bare = newCase();
    await repository.create(bare);
    const pool = new Pool({ connectionString: db.url, max: 2 });
    try {
      for (const rows of [sqlRowsOfPool(pool), sqlRowsOfPrisma(prisma)]) {
        const reads = createCaseReads(rows);
        for (const id of [data.id, bare.id]) {
          const built = await prisma.case.findUnique({ where: { id }, select: caseSelect });
          if (!built) throw new Error('expected the case');
          // Twice: the second run is the prepared statement's.
          expect(await reads.findById(id)).toEqual(toRecord(built));
          expect(await reads.findById(id)).toEqual(toRecord(built));
        }
        expect((await reads.findById(data.id))?.amountInDispute).toBe('12345.60');
        expect(await reads.findById(randomUUID())).toBeUndefined();
        expect(await reads.viewTasks(data.id, 'L1')).toEqual([]);
      }
    } finally {
      await pool.end();
    }
  });

  it('pages newest first by agency, town or everything, with ties on the opening instant broken by id', async () => {
    const repository = createCasesRepository(prisma);
    const town = `t${randomUUID().slice(0, 8)}`;
    const openedAt = new Date('2026-03-01T02:00:00.000Z');
    const made: string[] = [];
    for (const agency of ['a-1', 'a-2', 'a-1', 'a-1']) {
      const data = newCase({ townCode: town, agencyIds: [agency, 'a-centre'] });
      await repository.create(data);
      // Same instant for all: only the id orders them, which is what the cursor must get right.
      await prisma.case.update({ where: { id: data.id }, data: { openedAt }, select: { id: true } });
      made.push(data.id);
    }
    const expected = made
      .filter((_, i) => i !== 1)
      .sort()
      .reverse();

    const firstPage = await repository.list({ kind: 'agency', agencyId: 'a-1' }, 2);
    const last = firstPage[1];
    if (!last) throw new Error('expected two rows');
    const secondPage = await repository.list({ kind: 'agency', agencyId: 'a-1' }, 2, {
      openedAt: last.openedAt.toISOString(),
      id: last.id,
    });
    expect([...firstPage, ...secondPage].map((c) => c.id)).toEqual(expected);

    expect((await repository.list({ kind: 'town', townCode: town }, 10)).map((c) => c.id)).toHaveLength(4);
    expect((await repository.list({ kind: 'agency', agencyId: 'a-centre' }, 10)).length).toBeGreaterThanOrEqual(4);
  });

  it('finds cases whose workflow start was never confirmed, and marks them open once', async () => {
    const repository = createCasesRepository(prisma);
    const data = newCase();
    await repository.create(data);
    const stalled = await repository.findOpening(new Date(Date.now() + 1_000), 1_000);
    expect(stalled.map((c) => c.id)).toContain(data.id);
    await repository.markOpen(data.id);
    await repository.markOpen(data.id);
    expect((await repository.findById(data.id))?.status).toBe('open');
  });

  it('marks a case open together with the answer a retry of its request replays, in one commit', async () => {
    const repository = createCasesRepository(prisma);
    const data = newCase();
    const key = { scope: 'grid-1 POST /api/v1/reports', key: `k-${randomUUID()}`, requestHash: 'h-open' };
    await repository.create(data, key);
    const body = { case: { id: data.id, status: 'open' } };
    await repository.markOpen(data.id, { idempotency: key, response: { status: 201, body } });
    expect((await repository.findById(data.id))?.status).toBe('open');
    expect(await repository.create(data, key)).toMatchObject({ kind: 'replayed', response: { status: 201, body } });
  });

  it('appends audit records', async () => {
    const audit = createAuditTrail(prisma.auditRecord, { chainKey: TEST_AUDIT_CHAIN_KEY });
    const objectId = randomUUID();
    await audit.record({ actor: 'med-1', action: 'case.read', objectType: 'case', objectId, requestId: 'req-1' });
    const rows = await prisma.auditRecord.findMany({
      where: { objectId },
      select: { actor: true, action: true, requestId: true, at: true },
    });
    expect(rows).toEqual([{ actor: 'med-1', action: 'case.read', requestId: 'req-1', at: expect.any(Date) }]);
  });

  const coordinator = { staffId: 'coord-1', agencyId: '0a9e0000-0000-4000-8000-000000000001' };
  const applicant = '7d1f3a0e-1c2b-4d5e-8f90-a1b2c3d4e5f6';
  const respondent = '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';

  it('updates only at the expected version, so of two writers who read the same version exactly one wins', async () => {
    const repository = createCasesRepository(prisma);
    const data = newCase({ amountInDispute: '1000.00', parties: [{ partyId: applicant, role: 'applicant' }] });
    await repository.create(data);
    const results = await Promise.all([
      repository.update(data.id, 1, { amountInDispute: '2000.00' }, coordinator),
      repository.update(data.id, 1, { amountInDispute: '3000.00' }, coordinator),
    ]);
    expect(results.filter((r) => r === 'stale')).toHaveLength(1);
    const after = await repository.findById(data.id);
    expect(after?.version).toBe(2);
    expect(['2000.00', '3000.00']).toContain(after?.amountInDispute);

    const withParties = await repository.update(
      data.id,
      2,
      {
        parties: [{ partyId: respondent, role: 'respondent' }],
        riskAssessment: { violenceRisk: true, groupDispute: false, keyPerson: false },
      },
      coordinator,
    );
    expect(withParties).toMatchObject({
      version: 3,
      parties: [{ partyId: respondent, role: 'respondent' }],
      riskAssessment: { violenceRisk: true },
    });
    const timeline = await repository.timeline(data.id);
    expect(timeline.map((e) => e.type)).toEqual(['case.opened', 'case.updated', 'case.updated']);
    expect(timeline[2]).toMatchObject({
      actor: 'coord-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000001',
      details: { fields: ['parties', 'riskAssessment'] },
    });
  });

  it('merges: reports, new parties and agencies move to the surviving case; the other is marked merged; both timelines say so', async () => {
    const repository = createCasesRepository(prisma);
    const reports = createReportsRepository(prisma);
    const survivor = newCase({
      agencyIds: ['0a9e0000-0000-4000-8000-000000000006'],
      parties: [{ partyId: applicant, role: 'applicant' }],
    });
    const duplicate = newCase({
      agencyIds: ['0a9e0000-0000-4000-8000-000000000007'],
      intakeAgencyId: '0a9e0000-0000-4000-8000-000000000007',
      parties: [
        { partyId: applicant, role: 'applicant' },
        { partyId: respondent, role: 'respondent' },
      ],
    });
    await repository.create(survivor);
    await repository.create(duplicate);

    const result = await repository.merge(duplicate.id, survivor.id, 'Same debt reported twice.', coordinator);
    if (typeof result === 'string') throw new Error(result);
    expect(result.source).toMatchObject({ status: 'merged', mergedIntoId: survivor.id });
    expect(result.target.agencyIds.sort()).toEqual([
      '0a9e0000-0000-4000-8000-000000000006',
      '0a9e0000-0000-4000-8000-000000000007',
    ]);
    expect(result.target.parties.map((p) => p.partyId).sort()).toEqual([applicant, respondent].sort());
    expect(await reports.listForCase(duplicate.id)).toHaveLength(0);
    expect(await reports.listForCase(survivor.id)).toHaveLength(2);
    expect((await repository.timeline(survivor.id)).map((e) => e.type)).toContain('case.absorbed');
    expect((await repository.timeline(duplicate.id)).map((e) => e.type)).toContain('case.merged-into');

    expect(await repository.merge(duplicate.id, survivor.id, 'Again.', coordinator)).toBe('not-active');
    expect(await repository.merge(survivor.id, survivor.id, 'Itself.', coordinator)).toBe('same-case');
  });

  it('splits chosen reports into a new case, and refuses reports of another case or emptying the case', async () => {
    const repository = createCasesRepository(prisma);
    const reports = createReportsRepository(prisma);
    const source = newCase();
    await repository.create(source);
    const police = {
      id: randomUUID(),
      source: 'police-transfer' as const,
      disputeType: 'neighbour' as const,
      summary: 'A fence was torn down during the quarrel.',
      townCode: 'elsewhere',
      villageCode: null,
      gridCode: null,
      reporterPartyId: null,
      eventRef: null,
      reportedBy: 'liaison-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
    };
    const second = await reports.file(police, newCase({ townCode: 'elsewhere' }), new Date());
    const secondId = second.kind === 'replayed' ? '' : second.report.id;
    await prisma.report.update({ where: { id: secondId }, data: { caseId: source.id }, select: { id: true } });

    const other = newCase();
    await repository.create(other);
    const otherReports = await reports.listForCase(other.id);
    expect(await repository.split(source.id, [otherReports[0]?.id ?? ''], newCase(), 'Not ours.', coordinator)).toBe(
      'reports-not-in-case',
    );
    const all = (await reports.listForCase(source.id)).map((r) => r.id);
    expect(await repository.split(source.id, all, newCase(), 'Everything.', coordinator)).toBe('would-empty-case');

    const fresh = newCase({ agencyIds: [] });
    const result = await repository.split(source.id, [secondId], fresh, 'A separate quarrel.', coordinator);
    if (typeof result === 'string') throw new Error(result);
    expect(result.created).toMatchObject({
      id: fresh.id,
      status: 'opening',
      agencyIds: ['0a9e0000-0000-4000-8000-000000000005'],
    });
    expect((await reports.listForCase(fresh.id)).map((r) => r.id)).toEqual([secondId]);
    expect((await repository.timeline(fresh.id))[0]).toMatchObject({
      type: 'case.opened',
      details: { splitFromCaseId: source.id },
    });
  });
});
