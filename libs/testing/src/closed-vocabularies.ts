/**
 * Each service's database holds its vocabulary columns (kinds, statuses, levels…) to the contracts' words with CHECK
 * constraints named `<table>_<column>_check`: these read a constraint back and list the words it allows, so a test
 * can hold them equal to the contracts' (a word added in code but not in a migration would fail in production).
 */
import { Pool } from 'pg';
import { createTestDatabase, type DatabaseService, type TestDatabase } from './databases';

/** A column and the words of the contracts it may hold. */
export type ClosedVocabulary = [table: string, column: string, words: readonly string[]];

/** The words the column's CHECK constraint allows, sorted; null when the column has no such constraint. */
export async function wordsAllowedBy(pool: Pool, table: string, column: string): Promise<string[] | null> {
  const { rows } = await pool.query<{ definition: string }>(
    `SELECT pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE t.relname = $1 AND c.conname = $2 AND c.contype = 'c'`,
    [table, `${table}_${column}_check`],
  );
  const definition = rows[0]?.definition;
  if (rows.length !== 1 || definition === undefined) return null;
  return [...definition.matchAll(/'([^']*)'::text/g)].map((match) => match[1] ?? '').sort();
}

/**
 * In the calling `describe`: a database of the service for the suite, and one test per column that its constraint
 * allows exactly the contracts' words. Returns the suite's connection pool, for the tests that write to the columns.
 */
export function describeClosedVocabularies(
  service: DatabaseService,
  vocabularies: readonly ClosedVocabulary[],
): () => Pool {
  let db: TestDatabase | undefined;
  let pool: Pool | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(service);
    pool = new Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });
  it.each(vocabularies)('%s.%s takes exactly the contracts’ words', async (table, column, words) => {
    // A word added to the contracts needs a migration that adds it here, or writing it fails in production.
    expect(await wordsAllowedBy(poolOf(), table, column)).toEqual([...words].sort());
  });
  function poolOf(): Pool {
    if (!pool) throw new Error('the suite’s database is not ready');
    return pool;
  }
  return poolOf;
}
