import { type PoolConfig } from 'pg';

/** The `datasource` object the Prisma CLI passes as `--datasource <json>` (its `prisma.config.ts` datasource). */
export interface DatasourceArg {
  url: string;
  shadowDatabaseUrl?: string;
}

/** A PostgreSQL connection split into discrete fields (see `toPoolConfig` for why not a connection string). */
export interface PgTarget {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  /** Prisma's `?schema=` parameter; `public` when absent. */
  schema: string;
  ssl: PoolConfig['ssl'];
  connectTimeoutMs: number;
  applicationName: string | undefined;
}

export class DatasourceArgError extends Error {
  override readonly name = 'DatasourceArgError';
}

// The native engine gives up connecting after 5 s by default (`connect_timeout`); do the same so an unreachable host
// fails with P1001 instead of hanging the CLI.
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

export function parseDatasourceArg(json: string): DatasourceArg {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new DatasourceArgError('--datasource is not valid JSON');
  }
  if (typeof value !== 'object' || value === null) throw new DatasourceArgError('--datasource must be a JSON object');
  const url = readString(value, 'url');
  if (url === undefined || url === '') {
    throw new DatasourceArgError('The datasource has no `url`: set `datasource.url` in prisma.config.ts');
  }
  const shadowDatabaseUrl = readString(value, 'shadowDatabaseUrl');
  return shadowDatabaseUrl === undefined || shadowDatabaseUrl === '' ? { url } : { url, shadowDatabaseUrl };
}

function readString(value: object, key: string): string | undefined {
  const field: unknown = Reflect.get(value, key);
  return typeof field === 'string' ? field : undefined;
}

/** Parses a `postgresql://` / `postgres://` URL the way Prisma reads it (defaults: localhost, 5432, `postgres`). */
export function parsePostgresUrl(url: string): PgTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatasourceArgError('The datasource URL is not a valid URL');
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new DatasourceArgError(
      `Only PostgreSQL is supported by the offline schema engine, got a \`${parsed.protocol.replace(/:$/, '')}\` URL`,
    );
  }
  const params = parsed.searchParams;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const timeoutSeconds = Number(params.get('connect_timeout') ?? Number.NaN);
  return {
    // `?host=/path/to/socket/dir` is how Prisma (and libpq) address a Unix socket.
    host: params.get('host') ?? (parsed.hostname === '' ? 'localhost' : decodeURIComponent(parsed.hostname)),
    port: parsed.port === '' ? 5432 : Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: parsed.password === '' ? undefined : decodeURIComponent(parsed.password),
    database: database === '' ? 'postgres' : database,
    schema: params.get('schema') ?? 'public',
    ssl: sslFromParams(params),
    // connect_timeout=0 means "no timeout" for libpq and Prisma; pg spells that 0 too.
    connectTimeoutMs: Number.isFinite(timeoutSeconds) ? timeoutSeconds * 1000 : DEFAULT_CONNECT_TIMEOUT_MS,
    applicationName: params.get('application_name') ?? undefined,
  };
}

function sslFromParams(params: URLSearchParams): PoolConfig['ssl'] {
  const acceptInvalid = params.get('sslaccept') === 'accept_invalid_certs';
  switch (params.get('sslmode')) {
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
    case 'verify-full':
      return { rejectUnauthorized: !acceptInvalid };
    default:
      // `disable`, `prefer` (pg cannot fall back from TLS) and no sslmode at all: plain connection.
      return false;
  }
}

/**
 * Discrete pool fields, never `connectionString`: adapter-pg builds its shadow pool as `{ ...config, database }`, and
 * pg lets a connection string's database win over that field, which would point the "shadow" at the real database.
 */
export function toPoolConfig(target: PgTarget, database: string = target.database): PoolConfig {
  const config: PoolConfig = {
    host: target.host,
    port: target.port,
    user: target.user,
    database,
    ssl: target.ssl,
    connectionTimeoutMillis: target.connectTimeoutMs,
    // One migration runs at a time; a small pool keeps the shadow database droppable.
    max: 4,
  };
  if (target.password !== undefined) config.password = target.password;
  if (target.applicationName !== undefined) config.application_name = target.applicationName;
  // Migration scripts use unqualified names, so `?schema=` must become the search_path, as the native engine does.
  if (target.schema !== 'public') config.options = `-c search_path=${quoteIdent(target.schema)}`;
  return config;
}

/** `host:port` as the native engine prints it in P1001/P1003 messages. */
export function describeLocation(target: PgTarget): string {
  return `${target.host}:${target.port}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
