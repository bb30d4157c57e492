/**
 * The growth scenario's bulk seeding path: thousands of open cases in seconds, where intake opens 10–20 a second.
 *
 * Each seeded case is a copy of a real one: a case the bench's rounds opened through intake, whose workflow has
 * opened its accept-transfer task and told statistics-service about it. Its rows are cloned in SQL, in batches,
 * with `INSERT … SELECT … FROM generate_series`: case-service's `cases`, `reports` and `tasks`, statistics-service's
 * `cases` and `level_visits`. Columns are read from the database, so a column added later is copied from the
 * template too; only identities, workflow ids, instants and the fields a fresh open case has empty are rewritten.
 * For the stuck scan, which lists Temporal's running workflows, each case gets a workflow too: the dispute
 * workflow's type, started on a task queue no worker polls ("parked"), with the search attributes the real
 * workflow would have upserted. Visibility lists it as running and describe answers for it, as for a case waiting
 * on its task; it never runs, so it costs Temporal its records but no worker time. Nor does it answer queries; the
 * stuck scan asks none (the copied case row and task agree), and case-service's health sweep describes each once a
 * pass, as it would a real one.
 *
 * Not copied: the case timeline (`case_events`), audit records, outbox events and the statistics projection's
 * `processed_events`: none of them is read by the paths the growth scenario measures.
 */
import { createHash } from 'node:crypto';
import { CaseSearchAttributes, DISPUTE_WORKFLOW_TYPE } from '@gongzhi/contracts';
import type { Client } from '@temporalio/client';
import type { Pool, PoolClient } from 'pg';

/** A task queue no worker polls: the seeded cases' workflows wait there, listed as running, never run. */
export const PARKED_TASK_QUEUE = 'gongzhi-bench-parked';
/** Cases per SQL batch (one transaction per database): big enough to be quick, small enough to show progress. */
export const SEED_BATCH = 5_000;
/** Workflow starts in flight at once. */
const START_CONCURRENCY = 32;
/** Seeded cases open over this many past days, so the statistics' ranges hold some and not others. */
export const OPENED_OVER_DAYS = 90;

/** The template's identity and what the parked workflows need for their search attributes. */
export interface SeedTemplate {
  caseId: string;
  townCode: string;
  currentLevel: string | null;
  currentAgencyId: string | null;
  awaitedAction: string | null;
  /** Whether statistics-service has the template case (it may lag); without it, no statistics rows are seeded. */
  inStatistics: boolean;
}

/** One table's copy of a template row, per number `g` of a series. */
export interface CloneSpec {
  table: string;
  /** Every column of the table, as the database lists it (identity and serial columns left out). */
  columns: readonly string[];
  /** SQL expressions for the columns that differ from the template; they may use `g` and `template.<column>`. */
  overrides: Readonly<Record<string, string>>;
  /** Picks the template row(s), with `$1` as the template's id. */
  where: string;
}

const SAFE_TAG = /^[a-z0-9-]{1,40}$/;

function checkTag(tag: string): string {
  if (!SAFE_TAG.test(tag)) throw new Error(`seed tag ${JSON.stringify(tag)} is not lower-case letters, digits, -`);
  return tag;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * `INSERT … SELECT` copying the template row once per `g` in `[$2, $3]`. An override naming a column the table does
 * not have is an error: the schema moved, and this file must follow it.
 */
export function cloneStatement(spec: CloneSpec): string {
  const missing = Object.keys(spec.overrides).filter((column) => !spec.columns.includes(column));
  if (missing.length > 0) throw new Error(`${spec.table} has no column ${missing.join(', ')}: update seed-bulk.ts`);
  const columns = spec.columns.map(quoteIdent).join(', ');
  const values = spec.columns.map((column) => spec.overrides[column] ?? `template.${quoteIdent(column)}`).join(', ');
  return (
    `INSERT INTO ${quoteIdent(spec.table)} (${columns}) SELECT ${values} ` +
    `FROM ${quoteIdent(spec.table)} AS template, generate_series($2::int, $3::int) AS g WHERE ${spec.where}`
  );
}

/** The seeded object's id in SQL: the same as {@link seededUuid} computes, so both sides agree without a lookup. */
export function seededUuidSql(tag: string, kind: string): string {
  return `md5('${checkTag(tag)}:${kind}:' || g)::uuid`;
}

/** md5 of `<tag>:<kind>:<n>` read as a UUID, as PostgreSQL's `md5(…)::uuid` reads it. */
export function seededUuid(tag: string, kind: string, n: number): string {
  const hex = createHash('md5')
    .update(`${checkTag(tag)}:${kind}:${n}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function seededWorkflowId(tag: string, n: number): string {
  return `bench-growth-${checkTag(tag)}-${n}`;
}

function seededWorkflowIdSql(tag: string): string {
  return `'bench-growth-${checkTag(tag)}-' || g`;
}

/** When the n-th seeded case opened: spread over {@link OPENED_OVER_DAYS} days and the minutes of a day. */
export function openedAtSql(): string {
  return `now() - (g % ${OPENED_OVER_DAYS}) * interval '1 day' - (g % 1440) * interval '1 minute'`;
}

/** The case-service copies: the case, the report that opened it, its open accept-transfer task. */
export function caseServiceClones(tag: string, columns: (table: string) => readonly string[]): CloneSpec[] {
  const caseId = seededUuidSql(tag, 'case');
  const workflowId = seededWorkflowIdSql(tag);
  return [
    {
      table: 'cases',
      columns: columns('cases'),
      overrides: {
        id: caseId,
        workflow_id: workflowId,
        status: `'open'`,
        opened_at: openedAtSql(),
        updated_at: 'now()',
        version: '1',
        merged_into_id: 'NULL',
        outcome: 'NULL',
      },
      where: 'template.id = $1',
    },
    {
      table: 'reports',
      columns: columns('reports'),
      overrides: {
        id: seededUuidSql(tag, 'report'),
        case_id: caseId,
        grid_code: `'bench-growth-${checkTag(tag)}-' || g`,
        received_at: openedAtSql(),
        matched_by: 'NULL',
      },
      where: 'template.case_id = $1 AND template.matched_by IS NULL',
    },
    {
      table: 'tasks',
      columns: columns('tasks'),
      overrides: {
        id: seededUuidSql(tag, 'task'),
        case_id: caseId,
        workflow_id: workflowId,
        status: `'open'`,
        // Opened lately and due in a week: waiting, not stuck, so the scan's work is the listing, not the calendar.
        opened_at: 'now()',
        due_at: `now() + interval '7 days'`,
        assignee_staff_id: 'NULL',
        assigned_at: 'NULL',
        assigned_by: 'NULL',
        workflow_assigned: 'false',
        reminded_at: 'NULL',
        closed_at: 'NULL',
        closed_by: 'NULL',
        version: '1',
      },
      where: `template.case_id = $1 AND template.status = 'open'`,
    },
  ];
}

/** The statistics-service copies: the case fact and its (one, open) level visit. */
export function statisticsClones(tag: string, columns: (table: string) => readonly string[]): CloneSpec[] {
  const caseId = seededUuidSql(tag, 'case');
  return [
    {
      table: 'cases',
      columns: columns('cases'),
      overrides: {
        id: caseId,
        opened_at: openedAtSql(),
        status: `'open'`,
        outcome: 'NULL',
        closed_at: 'NULL',
        closed_level: 'NULL',
        closed_agency_id: 'NULL',
        overdue_since: 'NULL',
        overdue_clock: 'NULL',
      },
      where: 'template.id = $1',
    },
    {
      table: 'level_visits',
      columns: columns('level_visits'),
      overrides: {
        case_id: caseId,
        entered_at: openedAtSql(),
        acceptance_due_at: `${openedAtSql()} + interval '3 days'`,
        accepted_at: 'NULL',
        rejected_at: 'NULL',
        left_at: 'NULL',
      },
      where: 'template.case_id = $1',
    },
  ];
}

/** `[from, to]` ranges of at most `size` numbers covering `first..last`. */
export function batchesOf(first: number, last: number, size: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let from = first; from <= last; from += size) ranges.push([from, Math.min(last, from + size - 1)]);
  return ranges;
}

/** The columns a copy writes: identity and serial columns are left to their defaults. */
async function tableColumns(pool: Pool, tables: readonly string[]): Promise<(table: string) => readonly string[]> {
  const { rows } = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1)
        AND is_identity = 'NO' AND is_generated = 'NEVER' AND coalesce(column_default, '') NOT LIKE 'nextval(%'
      ORDER BY table_name, ordinal_position`,
    [tables],
  );
  return (table) => {
    const columns = rows.filter((r) => r.table_name === table).map((r) => r.column_name);
    if (columns.length === 0) throw new Error(`table ${table} not found`);
    return columns;
  };
}

/**
 * The case to copy: open, its accept-transfer task its only open task, its progress reported (so the parked
 * workflow's search attributes say what the real one's would), preferably one statistics-service has seen.
 */
export async function findTemplate(db: { case: Pool; statistics: Pool }): Promise<SeedTemplate> {
  const { rows } = await db.case.query<{
    id: string;
    town_code: string;
    current_level: string | null;
    current_agency_id: string | null;
    awaited_action: string | null;
  }>(
    `SELECT c.id, c.town_code, c.current_level, c.current_agency_id, c.awaited_action FROM cases c
      WHERE c.status = 'open' AND c.merged_into_id IS NULL AND c.current_level IS NOT NULL
        AND c.awaited_action = 'accept-transfer'
        AND (SELECT count(*) FROM tasks t WHERE t.case_id = c.id AND t.status = 'open') = 1
        AND EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.status = 'open' AND t.kind = 'accept-transfer')
      ORDER BY c.opened_at LIMIT 200`,
  );
  if (rows.length === 0) {
    throw new Error('no open case waiting on its accept-transfer task to copy: the rounds should have opened some');
  }
  const { rows: known } = await db.statistics.query<{ id: string }>(
    `SELECT c.id FROM cases c WHERE c.id = ANY($1::uuid[]) AND c.status = 'open'
        AND EXISTS (SELECT 1 FROM level_visits v WHERE v.case_id = c.id)`,
    [rows.map((r) => r.id)],
  );
  const chosen = rows.find((r) => known.some((k) => k.id === r.id)) ?? (rows[0] as (typeof rows)[number]);
  return {
    caseId: chosen.id,
    townCode: chosen.town_code,
    currentLevel: chosen.current_level,
    currentAgencyId: chosen.current_agency_id,
    awaitedAction: chosen.awaited_action,
    inStatistics: known.some((k) => k.id === chosen.id),
  };
}

async function inTransaction(pool: Pool, work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function startParked(client: Client, tag: string, template: SeedTemplate, from: number, to: number) {
  const attributes = (n: number) => [
    { key: CaseSearchAttributes.caseId, value: seededUuid(tag, 'case', n) },
    { key: CaseSearchAttributes.town, value: template.townCode },
    ...(template.currentLevel ? [{ key: CaseSearchAttributes.level, value: template.currentLevel }] : []),
    ...(template.currentAgencyId ? [{ key: CaseSearchAttributes.agency, value: template.currentAgencyId }] : []),
    ...(template.awaitedAction ? [{ key: CaseSearchAttributes.awaitedAction, value: template.awaitedAction }] : []),
  ];
  let next = from;
  await Promise.all(
    Array.from({ length: START_CONCURRENCY }, async () => {
      while (next <= to) {
        const n = next++;
        await client.workflow.start(DISPUTE_WORKFLOW_TYPE, {
          workflowId: seededWorkflowId(tag, n),
          taskQueue: PARKED_TASK_QUEUE,
          args: [],
          typedSearchAttributes: attributes(n),
          // A rerun of a step never starts a second run.
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
      }
    }),
  );
}

export interface SeedProgress {
  seeded: number;
  total: number;
  sqlMs: number;
  workflowsMs: number;
}

/**
 * Seeds cases number `first..last` of this tag (numbers already seeded are not repeated by the caller), batch by
 * batch: the SQL copies of both databases, then the parked workflows. `onBatch` reports progress.
 */
export async function seedOpenCases(options: {
  db: { case: Pool; statistics: Pool };
  temporal: Client;
  tag: string;
  template: SeedTemplate;
  first: number;
  last: number;
  onBatch: (progress: SeedProgress) => void;
}): Promise<{ sqlMs: number; workflowsMs: number }> {
  const { db, tag, template } = options;
  const caseColumns = await tableColumns(db.case, ['cases', 'reports', 'tasks']);
  const statisticsColumns = await tableColumns(db.statistics, ['cases', 'level_visits']);
  const caseStatements = caseServiceClones(tag, caseColumns).map(cloneStatement);
  const statisticsStatements = template.inStatistics
    ? statisticsClones(tag, statisticsColumns).map(cloneStatement)
    : [];
  let sqlMs = 0;
  let workflowsMs = 0;
  for (const [from, to] of batchesOf(options.first, options.last, SEED_BATCH)) {
    const began = Date.now();
    await inTransaction(db.case, async (client) => {
      for (const statement of caseStatements) await client.query(statement, [template.caseId, from, to]);
    });
    if (statisticsStatements.length > 0) {
      await inTransaction(db.statistics, async (client) => {
        for (const statement of statisticsStatements) await client.query(statement, [template.caseId, from, to]);
      });
    }
    const sqlDone = Date.now();
    await startParked(options.temporal, tag, template, from, to);
    sqlMs += sqlDone - began;
    workflowsMs += Date.now() - sqlDone;
    options.onBatch({ seeded: to - options.first + 1, total: options.last - options.first + 1, sqlMs, workflowsMs });
  }
  // Months of cases would have been vacuumed and analysed by autovacuum long since (PostgreSQL vacuums a table after
  // every 1,000 inserts or so): plans, and index-only scans of the visibility map, as production would have them.
  await db.case.query('VACUUM (ANALYZE) cases, reports, tasks');
  if (statisticsStatements.length > 0) await db.statistics.query('VACUUM (ANALYZE) cases, level_visits');
  return { sqlMs, workflowsMs };
}
