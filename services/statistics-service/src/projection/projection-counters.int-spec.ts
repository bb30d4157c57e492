/**
 * The applied-events counter on upgrade: the migration that creates projection_counters starts it from the events
 * processed_events already holds, so the figure a coordinator sees carries on instead of restarting at zero.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import { createStatisticsRepository } from '../statistics/statistics.repository';
import { PROJECTION_CONSUMER } from './consumer';

const MIGRATION = path.resolve(__dirname, '../../prisma/migrations/20261205083000_projection_counters/migration.sql');

let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase('statistics');
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

it('seeds the counter from the events already applied, per consumer', async () => {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    // The database as it was before the migration: events applied, no counter.
    await client.query('DROP TABLE projection_counters');
    for (const [consumer, events] of [
      [PROJECTION_CONSUMER, 3],
      ['another-consumer', 1],
    ] as const) {
      for (let i = 0; i < events; i += 1) {
        await client.query(
          `INSERT INTO processed_events (consumer, event_source, event_id, event_type)
           VALUES ($1, 'gongzhi/case-service', $2, 'gongzhi.case.opened')`,
          [consumer, randomUUID()],
        );
      }
    }
    await client.query(await readFile(MIGRATION, 'utf8'));
  } finally {
    await client.end();
  }
  expect(
    (await prisma.projectionCounter.findMany({ orderBy: { consumer: 'asc' } })).map((c) => ({
      consumer: c.consumer,
      eventsApplied: Number(c.eventsApplied),
    })),
  ).toEqual([
    { consumer: 'another-consumer', eventsApplied: 1 },
    { consumer: PROJECTION_CONSUMER, eventsApplied: 3 },
  ]);
  const facts = await createStatisticsRepository(prisma).loadFacts({
    town: null,
    agencyId: null,
    start: new Date('2026-02-01T00:00:00Z'),
    end: new Date('2026-03-01T00:00:00Z'),
    withBacklog: false,
  });
  expect(facts.eventsApplied).toBe(3);
});
