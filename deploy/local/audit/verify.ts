/**
 * `npm run audit:verify -- --service <party|case|agency>`: walks the service's audit hash chain from its first record
 * and reports the first broken link (a record changed, deleted or slipped in since it was written).
 *
 * Reads DATABASE_URL when it is set (any role that may read audit_records; read-only is enough), else the service's
 * database on the local dev stack (`--profile test` for the test stack). Exit status: 0 intact, 1 broken, 2 not
 * checked (wrong arguments, no connection).
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { type ChainedAuditRecord, verifyAuditChain } from '@gongzhi/http';
import { databaseUrl, SERVICE_DATABASES } from '../components/postgres';
import { loadProfile, type ProfileName } from '../lib/profile';

const AUDITED_SERVICES = ['party', 'case', 'agency'] as const;
type AuditedService = (typeof AUDITED_SERVICES)[number];

class UsageError extends Error {}

function usage(): string {
  return 'usage: npm run audit:verify -- --service <party|case|agency> [--profile dev|test]  (DATABASE_URL wins)';
}

function connectionOf(service: AuditedService, profileName: ProfileName, env: NodeJS.ProcessEnv): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const spec = SERVICE_DATABASES.find((db) => db.database === service);
  if (!spec) throw new UsageError(`no database for ${service}`);
  return databaseUrl(loadProfile(profileName, env), spec);
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
    options: { service: { type: 'string' }, profile: { type: 'string', default: 'dev' } },
  });
  const service = values.service as AuditedService | undefined;
  if (!service || !AUDITED_SERVICES.includes(service)) throw new UsageError(usage());
  if (values.profile !== 'dev' && values.profile !== 'test') throw new UsageError(usage());
  const url = connectionOf(service, values.profile, process.env);

  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const report = await verifyAuditChain(async (afterSeq, limit) => {
      // Ordered by the bigint column: the output column of the same name is text and would sort 10 before 2.
      const result = await client.query<ChainedAuditRecord>(
        `SELECT id::text AS "id", seq::text AS "seq", prev_hash AS "prevHash", hash, at, actor, action,
                object_type AS "objectType", object_id AS "objectId", request_id AS "requestId",
                caller_request_id AS "callerRequestId", status
           FROM audit_records WHERE seq > $1::bigint ORDER BY audit_records.seq LIMIT $2`,
        [afterSeq, limit],
      );
      return result.rows;
    });
    if (report.intact) {
      const head = report.head ? `; head: record ${report.head.seq}, hash ${report.head.hash}` : '';
      console.log(`${service}-service audit trail intact (${describe(url)}): ${report.records} records${head}`);
      return 0;
    }
    console.error(
      `${service}-service audit trail BROKEN (${describe(url)}) at record ${report.broken.seq} (id ${report.broken.id}): ` +
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
