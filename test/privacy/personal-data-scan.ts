/**
 * How the privacy tier looks for personal data in what a real run left behind: topics, service and worker logs,
 * Temporal histories and the databases of every service but party-service (the one place a national ID number, a
 * phone number or a party's name may live, the numbers sealed). Only where and what kind is ever reported: the value
 * found stays out of test reports too.
 */
import { Client, type Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';

/** An 18-digit PRC resident ID (region, birth date 18xx–20xx, sequence, check digit). */
const NATIONAL_ID = /(?<!\d)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?!\d)/;
/** A mainland mobile number. */
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
/**
 * Ids are UUIDs, whose hex groups can by chance hold eleven digits in a row before a letter: they are blanked out
 * before the search (an id is no personal data), so the check cannot fail on chance.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Hashes (request hashes, the audit chain's SHA-256) likewise: long hex strings hold digit runs by chance. */
const HEX_DIGEST = /(?<![0-9a-z])[0-9a-f]{32,}(?![0-9a-z])/gi;

/**
 * case-service's columns that hold what staff typed — a dispute's summary, a reason, a note, a document's title — and
 * the stored answers that repeat them: they may name people by design (docs/reference/personal-data.md), stay in
 * case-service's database and are shown only to those who may see the case. Every other column of every database but
 * party-service's must hold none: ids, codes, events, the outbox, the audit trail, agencies and statistics.
 */
export const FREE_TEXT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  case: [
    'cases.summary',
    'reports.summary',
    'duplicate_suggestions.reason',
    'case_documents.title',
    'task_notes.text',
    'admin_repairs.reason',
    'admin_repair_batches.reason',
    'idempotency_records.response_body',
  ],
};

export type PersonalDataKind = 'national-id' | 'phone' | 'party-name';

/** The kinds of personal data in `text`: the number patterns, and any of the registered parties' `names`. */
export function personalDataIn(text: string, names: readonly string[]): PersonalDataKind[] {
  const numbers = text.replace(UUID, '<id>').replace(HEX_DIGEST, '<digest>');
  const kinds: PersonalDataKind[] = [];
  if (NATIONAL_ID.test(numbers)) kinds.push('national-id');
  if (PHONE.test(numbers)) kinds.push('phone');
  if (names.some((name) => text.includes(name))) kinds.push('party-name');
  return kinds;
}

export interface Finding {
  /** Where: a topic and offset, a log file and line, a table, a workflow and event id. */
  where: string;
  kind: PersonalDataKind;
}

/** What one scan read and found: a scan that read nothing proves nothing, so callers check `read` too. */
export interface ScanResult {
  read: number;
  findings: Finding[];
}

/** The registered parties' names (persons and organisations' contacts) in a party-service database. */
export async function partyNamesIn(partyDatabaseUrl: string): Promise<string[]> {
  const db = new PgClient({ connectionString: partyDatabaseUrl });
  await db.connect();
  try {
    const rows = await db.query<{ name: string | null }>(
      `SELECT name FROM parties WHERE kind = 'person' UNION SELECT contact_name FROM parties`,
    );
    return rows.rows.map((row) => row.name).filter((name): name is string => typeof name === 'string' && name !== '');
  } finally {
    await db.end();
  }
}

/**
 * Every column of every row of every table of a database (migrations' bookkeeping aside), each read as text, but the
 * `freeText` columns (`table.column`) where staff's words are kept by design.
 */
export async function scanDatabase(
  databaseUrl: string,
  names: readonly string[],
  freeText: readonly string[] = [],
): Promise<ScanResult> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  const result: ScanResult = { read: 0, findings: [] };
  try {
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    const database = new URL(databaseUrl).pathname.slice(1);
    for (const { table_name: table } of tables.rows) {
      // Each row as JSON (bytes as hex, arrays and documents as JSON), so every column type reads as text.
      const rows = await db.query<{ row: Record<string, unknown> }>(`SELECT row_to_json(t) AS row FROM "${table}" t`);
      rows.rows.forEach(({ row }, index) => {
        result.read += 1;
        for (const [column, value] of Object.entries(row)) {
          if (freeText.includes(`${table}.${column}`)) continue;
          const text = typeof value === 'string' ? value : JSON.stringify(value);
          for (const kind of personalDataIn(text, names)) {
            result.findings.push({ where: `${database}.${table}.${column} row ${index + 1}`, kind });
          }
        }
      });
    }
  } finally {
    await db.end();
  }
  return result;
}

/** A history event as text: payloads (JSON bytes with the default converter) decoded, so what it carried is read. */
function historyText(event: unknown): string {
  const bytesAsText = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    if (Array.isArray(value)) return value.map(bytesAsText);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, bytesAsText(field)]));
    }
    return value;
  };
  // Converted before stringifying: JSON.stringify would turn a Buffer into an array of numbers first.
  return JSON.stringify(bytesAsText(event));
}

/**
 * Every event of the histories of these workflows: each run, back through continue-as-new to the first (a run's
 * start names the run it continues), so what an earlier run carried is read too.
 */
export async function scanHistories(
  connection: Connection,
  workflowIds: readonly string[],
  names: readonly string[],
): Promise<ScanResult> {
  const client = new Client({ connection });
  const result: ScanResult = { read: 0, findings: [] };
  for (const workflowId of workflowIds) {
    let runId: string | undefined;
    do {
      const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
      runId = undefined;
      for (const event of history.events ?? []) {
        result.read += 1;
        for (const kind of personalDataIn(historyText(event), names)) {
          result.findings.push({ where: `workflow ${workflowId} event ${String(event.eventId)}`, kind });
        }
        const continued = event.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
        if (continued) runId = continued;
      }
    } while (runId !== undefined);
  }
  return result;
}

/** Every line of a text (a log file). */
export function scanLines(where: string, text: string, names: readonly string[]): ScanResult {
  const result: ScanResult = { read: 0, findings: [] };
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    result.read += 1;
    for (const kind of personalDataIn(line, names)) result.findings.push({ where: `${where}:${index + 1}`, kind });
  });
  return result;
}
