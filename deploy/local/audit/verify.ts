/**
 * `npm run audit:verify -- --service <party|case|agency> [--expect-head seq:hash]… [--anchors file]`: walks the
 * service's audit hash chain from its first record and reports the first broken link (a record changed, deleted or
 * slipped in since it was written, also one re-hashed without the service's audit chain key), then prints the head
 * as `seq:hash`. Record that head somewhere the database's owner cannot write (docs/reference/audit.md): given back with
 * `--expect-head` (or one per line in an `--anchors` file), it must still be in the chain, so rows cut off the end
 * after it are reported too.
 *
 * Reads DATABASE_URL when it is set (any role that may read audit_records; read-only is enough), else the service's
 * database on the local dev stack (`--profile test` for the test stack); the key from AUDIT_CHAIN_KEY_FILE, else the
 * local stack's key. Exit status: 0 intact, 1 broken, 2 not checked (wrong arguments, no connection, no key).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import {
  type AuditChainAnchor,
  type ChainedAuditRecord,
  parseAuditChainAnchor,
  readAuditChainKey,
  verifyAuditChain,
} from '@gongzhi/http';
import { databaseUrl, SERVICE_DATABASES } from '../components/postgres';
import { loadProfile, type ProfileName } from '../lib/profile';

const AUDITED_SERVICES = ['party', 'case', 'agency'] as const;
type AuditedService = (typeof AUDITED_SERVICES)[number];

class UsageError extends Error {}

function usage(): string {
  return (
    'usage: npm run audit:verify -- --service <party|case|agency> [--profile dev|test] [--expect-head seq:hash]… ' +
    '[--anchors file]  (--profile defaults to GONGZHI_PROFILE, else dev; DATABASE_URL and AUDIT_CHAIN_KEY_FILE win over it)'
  );
}

function connectionOf(service: AuditedService, profileName: ProfileName, env: NodeJS.ProcessEnv): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const spec = SERVICE_DATABASES.find((db) => db.database === service);
  if (!spec) throw new UsageError(`no database for ${service}`);
  return databaseUrl(loadProfile(profileName, env), spec);
}

function keyFileOf(service: AuditedService, profileName: ProfileName, env: NodeJS.ProcessEnv): string {
  if (env.AUDIT_CHAIN_KEY_FILE) return env.AUDIT_CHAIN_KEY_FILE;
  // Where the local stack keeps it (libs/testing/src/local-secrets.ts).
  return path.join(loadProfile(profileName, env).dataDir, 'keys', `audit-chain-${service}.key`);
}

/** `seq:hash` anchors from the command line and the anchors file (one per line; `#` starts a comment). */
function anchorsOf(expectHeads: readonly string[], anchorsFile: string | undefined): AuditChainAnchor[] {
  const lines = [
    ...expectHeads,
    ...(anchorsFile ? readFileSync(anchorsFile, 'utf8').split('\n') : []).map((line) => line.replace(/#.*/, '')),
  ].filter((line) => line.trim() !== '');
  return lines.map((line) => {
    const anchor = parseAuditChainAnchor(line);
    if (!anchor) throw new UsageError(`not a head (seq:hash, as audit:verify prints it): ${line.trim().slice(0, 80)}`);
    return anchor;
  });
}

/** Where the connection goes, without its password. */
function describe(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return `${parsed.host}${parsed.pathname}`;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      service: { type: 'string' },
      profile: { type: 'string', default: process.env.GONGZHI_PROFILE || 'dev' },
      'expect-head': { type: 'string', multiple: true, default: [] },
      anchors: { type: 'string' },
    },
  });
  const service = values.service as AuditedService | undefined;
  if (!service || !AUDITED_SERVICES.includes(service)) throw new UsageError(usage());
  if (values.profile !== 'dev' && values.profile !== 'test') throw new UsageError(usage());
  const url = connectionOf(service, values.profile, process.env);
  const key = readAuditChainKey(keyFileOf(service, values.profile, process.env));
  const anchors = anchorsOf(values['expect-head'], values.anchors);

  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    // Written once by the migration that keyed the chain; no row means every record must be keyed.
    const marker = await client.query<{ seq: string }>('SELECT min(seq)::text AS "seq" FROM audit_chain_keyed_from');
    const keyedFromSeq = marker.rows[0]?.seq ?? '1';
    const report = await verifyAuditChain(
      async (afterSeq, limit) => {
        // Ordered by the bigint column: the output column of the same name is text and would sort 10 before 2.
        const result = await client.query<ChainedAuditRecord>(
          `SELECT id::text AS "id", seq::text AS "seq", prev_hash AS "prevHash", hash, at, actor, action,
                object_type AS "objectType", object_id AS "objectId", request_id AS "requestId",
                caller_request_id AS "callerRequestId", status, object_ids AS "objectIds"
           FROM audit_records WHERE seq > $1::bigint ORDER BY audit_records.seq LIMIT $2`,
          [afterSeq, limit],
        );
        return result.rows;
      },
      { key, keyedFromSeq, anchors },
    );
    if (report.intact) {
      const keyed = keyedFromSeq === '1' ? 'all keyed' : `keyed from record ${keyedFromSeq}`;
      console.log(
        `${service}-service audit trail intact (${describe(url)}): ${report.records} records, ${keyed}, ` +
          `${anchors.length} anchored head(s) found`,
      );
      console.log(report.head ? `head ${report.head.seq}:${report.head.hash}` : 'head none (no records yet)');
      return 0;
    }
    const where = report.broken.id === null ? '' : ` (id ${report.broken.id})`;
    console.error(
      `${service}-service audit trail BROKEN (${describe(url)}) at record ${report.broken.seq}${where}: ` +
        `${report.broken.reason}. Records before it: ${report.records}, intact.`,
    );
    return 1;
  } finally {
    await client.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
