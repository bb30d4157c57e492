import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ConnectionInfo,
  DriverAdapterError,
  type ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { type DatasourceArg, parsePostgresUrl, type PgTarget, quoteIdent, toPoolConfig } from './datasource';
import { errorCode, errorMessage, isErrorLike, UserFacingError } from './errors';
import { log } from './log';
import { CatalogTypesClient, reportCharColumns } from './pg-client';

/** A database error raised by a migration script, kept to report it the way the native engine does (P3018). */
export interface ScriptError {
  code: string;
  /** `ERROR: message`, plus DETAIL/HINT lines when PostgreSQL sent them. */
  text: string;
}

/** The adapter factory handed to the WebAssembly engine, plus a way to close whatever it left open. */
export interface EngineAdapter {
  factory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory;
  /** The last error of a script run through `executeScript` (migrations, `db execute`, shadow replays). */
  lastScriptError(): ScriptError | undefined;
  /** Closes pools the engine did not dispose and drops leftover temporary shadow databases. */
  closeAll(): Promise<void>;
  /**
   * After a panic: drops the temporary shadow databases at once, disconnecting the pools' clients (`WITH (FORCE)`),
   * since a pool whose client the aborted engine never released would make `closeAll` wait forever.
   */
  abandon(): Promise<void>;
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

interface PgDatabaseError {
  code: string;
  severity: string;
  message: string;
  detail?: string | undefined;
  hint?: string | undefined;
  column?: string | undefined;
}

function isPgDatabaseError(error: unknown): error is PgDatabaseError {
  return isErrorLike(error) && errorCode(error) !== undefined && typeof Reflect.get(error, 'severity') === 'string';
}

/** Adapter-pg around one pool, with scripts run whole, and a cleanup step after it has been disposed (once). */
class TrackedAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter['provider'];
  readonly adapterName: string;
  private disposal: Promise<void> | undefined;

  constructor(
    private readonly inner: PgAdapter,
    private readonly afterDispose: () => Promise<void>,
    private readonly onDisposed: (adapter: TrackedAdapter) => void,
    /** Called with undefined when a script starts, so a stale error is never attributed to a later failure. */
    private readonly onScriptError: (error: ScriptError | undefined) => void,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return reportCharColumns(await this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  /**
   * adapter-pg splits scripts on every `;`, which breaks migrations with semicolons inside string literals or
   * function bodies. The native engine sends the whole script as one simple query; so do we (pg uses the simple
   * query protocol when there are no parameters, and PostgreSQL runs the statements in one implicit transaction).
   */
  async executeScript(script: string): Promise<void> {
    this.onScriptError(undefined);
    try {
      await this.inner.underlyingDriver().query(script);
    } catch (error) {
      if (!isPgDatabaseError(error)) throw error;
      const lines = [`${error.severity}: ${error.message}`];
      if (error.detail !== undefined) lines.push(`DETAIL: ${error.detail}`);
      if (error.hint !== undefined) lines.push(`HINT: ${error.hint}`);
      this.onScriptError({ code: error.code, text: lines.join('\n') });
      // The same payload adapter-pg gives the engine for database errors it has no specific kind for.
      throw new DriverAdapterError({
        kind: 'postgres',
        code: error.code,
        severity: error.severity,
        message: error.message,
        detail: error.detail,
        column: error.column,
        hint: error.hint,
        originalCode: error.code,
        originalMessage: error.message,
      });
    }
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const transaction = await this.inner.startTransaction(isolationLevel);
    // Same column typing as queryRaw above, inside transactions too (the engine's own statements run in some).
    const queryRaw = transaction.queryRaw.bind(transaction);
    transaction.queryRaw = async (query) => reportCharColumns(await queryRaw(query));
    return transaction;
  }

  getConnectionInfo(): ConnectionInfo {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  dispose(): Promise<void> {
    this.disposal ??= (async () => {
      try {
        await this.inner.dispose();
      } finally {
        await this.afterDispose();
        this.onDisposed(this);
      }
    })();
    return this.disposal;
  }
}

/** Runs statements on a short-lived plain connection (CREATE/DROP DATABASE cannot run inside the engine's pools). */
export async function withClient<T>(
  target: PgTarget,
  database: string,
  run: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client(toPoolConfig(target, database));
  // A backend terminated while idle emits 'error'; without a listener that would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

class OfflineAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';
  private readonly open = new Set<TrackedAdapter>();
  /** Temporary shadow databases created and not dropped yet. */
  private readonly temporary = new Set<string>();
  lastScriptError: ScriptError | undefined;
  private readonly main: PgTarget;
  private readonly shadow: PgTarget | undefined;

  constructor(datasource: DatasourceArg) {
    this.main = parsePostgresUrl(datasource.url);
    this.shadow =
      datasource.shadowDatabaseUrl === undefined ? undefined : parsePostgresUrl(datasource.shadowDatabaseUrl);
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await this.pgFactory(this.main, this.main.database).connect(), async () => undefined);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    if (this.shadow !== undefined) {
      const adapter = await this.pgFactory(this.shadow, this.shadow.database).connect();
      const tracked = this.track(adapter, async () => undefined);
      // The native engine empties a configured shadow database before use; the Wasm engine assumes it is empty.
      await emptyDatabase(adapter, this.shadow.schema);
      return tracked;
    }
    // Like the native engine: a throwaway database on the main server, dropped when the engine is done with it.
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    try {
      await withClient(this.main, this.main.database, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
    } catch (error) {
      throw new UserFacingError(
        'P3014',
        'Prisma Migrate could not create the shadow database. Please make sure the database user has permission to ' +
          'create databases. Read more about the shadow database (and workarounds) at https://pris.ly/d/migrate-shadow' +
          `\n\nOriginal error: \n${errorMessage(error)}`,
      );
    }
    this.temporary.add(name);
    const adapter = await this.pgFactory(this.main, name).connect();
    // The pool is closed by the time this runs (TrackedAdapter disposes first): PostgreSQL refuses to drop a
    // database "being accessed by other users", which is what adapter-pg's own shadow handling runs into.
    return this.track(adapter, () => this.dropShadow(name));
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.open].map((adapter) => adapter.dispose()));
  }

  async abandon(): Promise<void> {
    await Promise.allSettled([...this.temporary].map((name) => this.dropShadow(name, 'WITH (FORCE)')));
  }

  private pgFactory(target: PgTarget, database: string): PrismaPg {
    return new PrismaPg(
      { ...toPoolConfig(target, database), Client: CatalogTypesClient },
      {
        schema: target.schema,
        // An idle client the server terminates (restart, pg_terminate_backend) must not crash the engine.
        onPoolError: (error) => log('WARN', `idle connection error: ${error.message}`),
      },
    );
  }

  private track(adapter: PgAdapter, afterDispose: () => Promise<void>): SqlDriverAdapter {
    const tracked = new TrackedAdapter(
      adapter,
      afterDispose,
      (done) => this.open.delete(done),
      (error) => (this.lastScriptError = error),
    );
    this.open.add(tracked);
    return tracked;
  }

  private async dropShadow(name: string, options = ''): Promise<void> {
    try {
      await withClient(this.main, this.main.database, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} ${options}`),
      );
      this.temporary.delete(name);
    } catch (error) {
      log('WARN', `could not drop the temporary shadow database ${name}: ${errorMessage(error)}`);
    }
  }
}

async function emptyDatabase(adapter: PgAdapter, schema: string): Promise<void> {
  const result = await adapter.queryRaw({
    sql: `SELECT nspname FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'`,
    args: [],
    argTypes: [],
  });
  const statements = result.rows
    .map((row) => row[0])
    .filter((name): name is string => typeof name === 'string')
    .map((name) => `DROP SCHEMA ${quoteIdent(name)} CASCADE`);
  statements.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  for (const statement of statements) {
    await adapter.executeRaw({ sql: statement, args: [], argTypes: [] });
  }
}

/**
 * The adapter factory for the WebAssembly schema engine: adapter-pg on discrete pool fields with the catalog-type fixes (pg-client.ts),
 * our own shadow-database lifecycle, and driver-adapter-utils' binding, whose error registry resolves the engine's
 * "External error id#N" messages.
 */
export function createEngineAdapter(datasource: DatasourceArg): EngineAdapter {
  const factory = new OfflineAdapterFactory(datasource);
  return {
    factory: bindMigrationAwareSqlAdapterFactory(factory),
    lastScriptError: () => factory.lastScriptError,
    closeAll: () => factory.closeAll(),
    abandon: () => factory.abandon(),
  };
}
