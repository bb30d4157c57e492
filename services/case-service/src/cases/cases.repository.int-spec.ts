import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { makeDisputeWorkflowId } from '@gongzhi/contracts';
import { createAuditTrail } from '@gongzhi/http';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import { createCasesRepository, type NewCase } from './cases.repository';

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
    intakeAgencyId: 'agency-shangba',
    agencyIds: ['agency-shangba'],
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

  it('appends audit records', async () => {
    const audit = createAuditTrail(prisma.auditRecord);
    const objectId = randomUUID();
    await audit.record({ actor: 'med-1', action: 'case.read', objectType: 'case', objectId, requestId: 'req-1' });
    const rows = await prisma.auditRecord.findMany({
      where: { objectId },
      select: { actor: true, action: true, requestId: true, at: true },
    });
    expect(rows).toEqual([{ actor: 'med-1', action: 'case.read', requestId: 'req-1', at: expect.any(Date) }]);
  });
});
