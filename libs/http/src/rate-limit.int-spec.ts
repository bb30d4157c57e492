import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { createSqlRateLimitCounter } from './rate-limit';

/** The counter on a migrated service database (each service has the table; case-service's is used here). */
describe('the shared rate-limit counter in PostgreSQL', () => {
  let db: TestDatabase;
  let client: Client;
  beforeAll(async () => {
    db = await createTestDatabase('case');
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });
  const query = async <T>(sql: string, ...values: unknown[]) => (await client.query(sql, values)).rows as T[];

  it('counts one key in one window whichever replica counts, and ends the window on its boundary', async () => {
    const replicaA = createSqlRateLimitCounter(query);
    const replicaB = createSqlRateLimitCounter(query);
    const hits = [];
    for (const replica of [replicaA, replicaB, replicaA, replicaB]) {
      hits.push((await replica.increment('per user:staff-1', 60_000)).hits);
    }
    expect(hits).toEqual([1, 2, 3, 4]);
    const { resetAt } = await replicaA.increment('per user:staff-2', 60_000);
    expect(resetAt.getTime() % 60_000).toBe(0);
    expect(resetAt.getTime()).toBeGreaterThan(Date.now());
    await replicaB.decrement('per user:staff-1', 60_000);
    expect((await replicaA.increment('per user:staff-1', 60_000)).hits).toBe(4);
  });

  it('keeps no address or staff id: only digests of the keys', async () => {
    const counter = createSqlRateLimitCounter(query);
    await counter.increment('from one address:203.0.113.7', 60_000);
    const rows = await query<{ key_digest: string }>('SELECT key_digest FROM rate_limit_windows');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.key_digest).toMatch(/^[0-9a-f]{64}$/);
      expect(row.key_digest).not.toContain('203.0.113.7');
    }
  });
});
