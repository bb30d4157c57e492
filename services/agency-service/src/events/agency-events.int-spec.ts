import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { parseDomainEvent } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import { DEFAULT_POLICY } from '../policy/policy.defaults';
import { createPrismaRepositories } from '../repositories';
import { DEMO_AGENCIES, DEMO_TOWN_CODE, seedDemoTown } from '../seed/demo-town';

let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase('agency');
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
});

afterAll(async () => {
  await prisma.$disconnect();
  await db.drop();
});

async function outbox(): Promise<{ key: string; event_type: string; event: unknown }[]> {
  return prisma.$queryRaw`SELECT key, event_type, event FROM outbox_events ORDER BY seq`;
}

describe("agency-service's outbox", () => {
  it('announces the seeded agencies and policy once, however often the seed runs', async () => {
    await seedDemoTown(prisma);
    await seedDemoTown(prisma);
    const rows = await outbox();
    expect(rows.filter((r) => r.event_type === 'gongzhi.agency.registered')).toHaveLength(DEMO_AGENCIES.length);
    expect(rows.filter((r) => r.event_type === 'gongzhi.agency.policy-changed')).toHaveLength(1);
    for (const row of rows) expect(parseDomainEvent(row.event).ok).toBe(true);
  });

  it('writes agency and policy changes with the change, and nothing for a stale write', async () => {
    const repositories = createPrismaRepositories(prisma);
    const before = (await outbox()).length;
    const agency = await repositories.agencies.create({
      id: randomUUID(),
      kind: 'other-department',
      name: '清水镇国土所',
      townCode: DEMO_TOWN_CODE,
      areaCodes: [],
      contactPhone: '0851-1234567',
      receptionHours: [],
    });
    expect(
      await repositories.agencies.update(agency.id, 1, { name: '清水镇自然资源所', areaCodes: ['shangba'] }),
    ).toMatchObject({
      version: 2,
    });
    expect(await repositories.agencies.update(agency.id, 1, { name: 'stale' })).toBe('stale');
    expect(
      await repositories.policies.insert({
        townCode: DEMO_TOWN_CODE,
        version: 2,
        document: DEFAULT_POLICY,
        createdBy: randomUUID(),
      }),
    ).not.toBe(false);
    // A concurrent writer's version 2 already exists: no event for the losing write.
    expect(
      await repositories.policies.insert({
        townCode: DEMO_TOWN_CODE,
        version: 2,
        document: DEFAULT_POLICY,
        createdBy: randomUUID(),
      }),
    ).toBe(false);

    const rows = (await outbox()).slice(before);
    expect(rows.map((r) => [r.key, r.event_type])).toEqual([
      [agency.id, 'gongzhi.agency.registered'],
      [agency.id, 'gongzhi.agency.updated'],
      [`policy-${DEMO_TOWN_CODE}`, 'gongzhi.agency.policy-changed'],
    ]);
    expect(rows[1]?.event).toMatchObject({ data: { changedFields: ['name', 'areaCodes'], areaCodes: ['shangba'] } });
    expect(rows[2]?.event).toMatchObject({ data: { version: 2, previousVersion: 1 } });
    expect(JSON.stringify(rows)).not.toMatch(/国土所|自然资源所|0851-1234567/);
  });
});
