import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  batchesOf,
  caseServiceClones,
  cloneStatement,
  seededUuid,
  seededWorkflowId,
  statisticsClones,
} from './seed-bulk';

const REPO = path.join(__dirname, '..', '..');

/** The columns of a table as its Prisma schema maps them (field name unless `@map`, relations left out). */
function schemaColumns(schemaFile: string, table: string): string[] {
  const schema = readFileSync(path.join(REPO, schemaFile), 'utf8');
  const model = schema
    .split(/\nmodel /)
    .slice(1)
    .find((block) => block.includes(`@@map("${table}")`));
  if (!model) throw new Error(`no model maps to ${table} in ${schemaFile}`);
  const scalars = /^(String|Int|BigInt|Boolean|DateTime|Decimal|Json|Float)[?[\]]*$/;
  return model
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter(([name, type]) => name && !name.startsWith('/') && !name.startsWith('@') && scalars.test(type ?? ''))
    .map((parts) => /@map\("([^"]+)"\)/.exec(parts.join(' '))?.[1] ?? (parts[0] as string));
}

describe('the bulk seeding of the growth scenario', () => {
  it('copies a template row once per number of the series, rewriting only the overridden columns', () => {
    const sql = cloneStatement({
      table: 'tasks',
      columns: ['id', 'case_id', 'kind'],
      overrides: { id: 'md5(g)::uuid' },
      where: 'template.id = $1',
    });
    expect(sql).toBe(
      'INSERT INTO "tasks" ("id", "case_id", "kind") SELECT md5(g)::uuid, template."case_id", template."kind" ' +
        'FROM "tasks" AS template, generate_series($2::int, $3::int) AS g WHERE template.id = $1',
    );
  });

  it('refuses an override of a column the table does not have (the schema moved)', () => {
    expect(() => cloneStatement({ table: 't', columns: ['id'], overrides: { gone: 'NULL' }, where: 'true' })).toThrow(
      /t has no column gone/,
    );
  });

  it('computes the ids PostgreSQL computes for the same number, as md5(…)::uuid reads them', () => {
    // psql: SELECT md5('abc:case:' || 1)::uuid
    expect(seededUuid('abc', 'case', 1)).toBe('b0e084ea-cf65-424f-6149-8cda1e44902d');
    expect(seededWorkflowId('abc', 7)).toBe('bench-growth-abc-7');
    expect(() => seededUuid("x'; DROP TABLE cases; --", 'case', 1)).toThrow(/seed tag/);
  });

  it('splits the numbers to seed into batches', () => {
    expect(batchesOf(1, 12_000, 5_000)).toEqual([
      [1, 5_000],
      [5_001, 10_000],
      [10_001, 12_000],
    ]);
    expect(batchesOf(1_001, 1_000, 5_000)).toEqual([]);
  });

  it('overrides only columns the services’ schemas have', () => {
    const caseColumns = (table: string) => schemaColumns('services/case-service/prisma/schema.prisma', table);
    const statisticsColumns = (table: string) =>
      schemaColumns('services/statistics-service/prisma/schema.prisma', table);
    const specs = [...caseServiceClones('abc', caseColumns), ...statisticsClones('abc', statisticsColumns)];
    expect(specs.map((spec) => spec.table)).toEqual(['cases', 'reports', 'tasks', 'cases', 'level_visits']);
    for (const spec of specs) expect(() => cloneStatement(spec)).not.toThrow();
    // Every seeded row of a case names the same case id.
    const caseIds = specs.map((spec) => spec.overrides[spec.table === 'cases' ? 'id' : 'case_id']);
    expect(new Set(caseIds)).toEqual(new Set(["md5('abc:case:' || g)::uuid"]));
  });
});
