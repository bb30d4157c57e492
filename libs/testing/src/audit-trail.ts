/**
 * What the audit-trail integration tests of every audited service need: their test database as the service's own
 * role (which owns the tables, as in production), changes made behind the triggers' back as only a superuser can,
 * and the real `npm run audit:verify` command run on the database.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';

export type AuditedService = 'party' | 'case' | 'agency';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

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

/** `npm run audit:verify -- --service <service>` on the given database: its exit code and everything it printed. */
export function runAuditVerify(
  databaseUrl: string,
  service: AuditedService,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'deploy', 'local', 'audit', 'verify.ts'), '--service', service],
      { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        if (code === undefined) reject(error ?? new Error('audit:verify did not exit'));
        else resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}
