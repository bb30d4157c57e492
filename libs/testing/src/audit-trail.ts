/**
 * What the audit-trail integration tests of every audited service need: their test database as the service's own
 * role (which owns the tables, as in production), changes made behind the triggers' back as only a superuser can,
 * and the real `npm run audit:verify` command run on the database.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export type AuditedService = 'party' | 'case' | 'agency';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The audit chain key of every service a test process wires on PostgreSQL: made per process, never in a database. */
export const TEST_AUDIT_CHAIN_KEY = randomBytes(32);

let testKeyFile: string | undefined;
/** TEST_AUDIT_CHAIN_KEY as an AUDIT_CHAIN_KEY_FILE, for `audit:verify`. */
function testAuditChainKeyFile(): string {
  if (!testKeyFile) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gongzhi-audit-key-')), 'audit-chain.key');
    writeFileSync(file, TEST_AUDIT_CHAIN_KEY.toString('base64'), { mode: 0o600 });
    testKeyFile = file;
  }
  return testKeyFile;
}

/**
 * The test database's URL as the service's role. The local stack gives each role its name as password (loopback only);
 * the role owns every table of the cloned template because it applied the migrations.
 */
export function asServiceRole(databaseUrl: string, service: AuditedService): string {
  const url = new URL(databaseUrl);
  url.username = `gongzhi_${service}`;
  url.password = `gongzhi_${service}`;
  return url.toString();
}

/** Runs statements on one connection, in order; resolves with 'ok' or the database's error message for each. */
export async function attemptStatements(databaseUrl: string, statements: readonly string[]): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const outcomes: string[] = [];
    for (const sql of statements) {
      try {
        await client.query(sql);
        outcomes.push('ok');
      } catch (error) {
        outcomes.push(error instanceof Error ? error.message : String(error));
      }
    }
    return outcomes;
  } finally {
    await client.end();
  }
}

/**
 * Changes audit rows past the append-only triggers, as a superuser can (`session_replication_role = replica` switches
 * ordinary triggers off for the session): the tampering the hash chain exists to reveal.
 */
export async function tamperWithAuditRecords(adminDatabaseUrl: string, sql: string): Promise<void> {
  const [, outcome] = await attemptStatements(adminDatabaseUrl, ['SET session_replication_role = replica', sql]);
  if (outcome !== 'ok') throw new Error(`tampering failed: ${outcome}`);
}

/**
 * What the owner of audit_records can do without a superuser, and what the keyed chain exists to reveal: grant itself
 * the rights back, switch the table's triggers off, run `sql` (change or delete rows), then re-chain every row from
 * `fromSeq` on with the database's own unkeyed hash, `audit_record_hash()`: each row then links to the one before it,
 * has no gap in `seq` and matches that hash, exactly as an unkeyed chain would verify.
 */
export async function rewriteAuditChainAsOwner(
  databaseUrl: string,
  service: AuditedService,
  sql: string,
  fromSeq = 1n,
): Promise<void> {
  const outcomes = await attemptStatements(asServiceRole(databaseUrl, service), [
    'GRANT UPDATE, DELETE ON audit_records TO CURRENT_USER',
    'ALTER TABLE audit_records DISABLE TRIGGER USER',
    sql,
    // In seq order each row only moves down (or stays), so the unique index on seq never sees two at once.
    `DO $$
     DECLARE
       r RECORD;
       next_seq BIGINT := 0;
       last_hash TEXT := repeat('0', 64);
     BEGIN
       FOR r IN SELECT * FROM audit_records ORDER BY seq LOOP
         next_seq := next_seq + 1;
         IF r.seq < ${fromSeq} THEN
           last_hash := r.hash;
           CONTINUE;
         END IF;
         UPDATE audit_records
            SET seq = next_seq, prev_hash = last_hash,
                hash = audit_record_hash(next_seq, last_hash, r.at, r.actor, r.action, r.object_type, r.object_id,
                                         r.request_id, r.caller_request_id, r.status)
          WHERE id = r.id
          RETURNING hash INTO last_hash;
       END LOOP;
     END $$`,
    'ALTER TABLE audit_records ENABLE TRIGGER USER',
    'REVOKE UPDATE, DELETE ON audit_records FROM CURRENT_USER',
  ]);
  const failed = outcomes.find((outcome) => outcome !== 'ok');
  if (failed) throw new Error(`rewriting the chain failed: ${failed}`);
}

/** The head `audit:verify` printed (`seq:hash`), as it would be recorded elsewhere. */
export function printedHead(output: string): string {
  const match = /^head (\d+:[0-9a-f]{64})$/m.exec(output);
  if (!match?.[1]) throw new Error(`audit:verify printed no head:\n${output}`);
  return match[1];
}

/**
 * `npm run audit:verify -- --service <service> [args]` on the given database, with the key the test services chain
 * with (TEST_AUDIT_CHAIN_KEY): its exit code and everything it printed.
 */
export function runAuditVerify(
  databaseUrl: string,
  service: AuditedService,
  args: readonly string[] = [],
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'deploy', 'local', 'audit', 'verify.ts'), '--service', service, ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, AUDIT_CHAIN_KEY_FILE: testAuditChainKeyFile() },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        if (code === undefined) reject(error ?? new Error('audit:verify did not exit'));
        else resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}
