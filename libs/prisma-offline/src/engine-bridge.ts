import type * as Engine from '@prisma/schema-engine-wasm/schema_engine_bg' with { 'resolution-mode': 'import' };
import { createEngineAdapter, type EngineAdapter } from './adapter-factory';
import { canConnect, createDatabase } from './database-admin';
import { type DatasourceArg, parsePostgresUrl, type PgTarget } from './datasource';
import { errorCode, errorMessage, isErrorLike, toUserFacingError, UserFacingError } from './errors';
import { RPC_ENGINE_ERROR, RPC_METHOD_NOT_FOUND, RpcMethodNotFoundError, type RpcErrorObject } from './rpc';
import { lastWasmPanic, startWasmEngine, type WasmSchemaEngine } from './wasm-engine';

/** What the bridge needs from its surroundings (injected so the RPC side stays testable). */
export interface BridgeDeps {
  datasource: DatasourceArg | undefined;
  datamodels: Array<[path: string, content: string]>;
  /** Asks the CLI to print text on its stdout (the `print` engine→CLI request). */
  print: (content: string) => Promise<void>;
  /** Receives the engine's own log lines (already JSON). */
  onEngineLog: (line: string) => void;
}

/** Failure of the Rust code itself, reported to the CLI as a panic (it then offers to file a bug report). */
class EnginePanic extends Error {
  override readonly name = 'EnginePanic';
}

const NO_DATASOURCE =
  'The offline schema engine needs a database: set `datasource.url` in prisma.config.ts (it runs every command, ' +
  'even `migrate diff`, through a connection to that database).';

type Handler = (engine: WasmSchemaEngine, params: unknown) => Promise<unknown>;

// The CLI and the engine share these parameter types (both are generated from the engine's Rust definitions), so the
// params are forwarded as received and the engine validates them; the casts only name the type it will check.
const ENGINE_METHODS: Record<string, Handler> = {
  applyMigrations: (engine, params) => engine.applyMigrations(params as Engine.ApplyMigrationsInput),
  createMigration: (engine, params) =>
    withMigrationsSchema(engine, params, () => engine.createMigration(params as Engine.CreateMigrationInput)),
  dbExecute: (engine, params) => engine.dbExecute(params as Engine.DbExecuteParams),
  devDiagnostic: (engine, params) => engine.devDiagnostic(params as Engine.DevDiagnosticInput),
  diagnoseMigrationHistory: (engine, params) =>
    engine.diagnoseMigrationHistory(params as Engine.DiagnoseMigrationHistoryInput),
  ensureConnectionValidity: (engine, params) =>
    engine.ensureConnectionValidity(params as Engine.EnsureConnectionValidityParams),
  evaluateDataLoss: (engine, params) =>
    withMigrationsSchema(engine, params, () => engine.evaluateDataLoss(params as Engine.EvaluateDataLossInput)),
  // The only optional params: anything without a datasource means "the engine's own database".
  getDatabaseVersion: (engine, params) => engine.version(isVersionInput(params) ? params : undefined),
  introspect: (engine, params) => engine.introspect(params as Engine.IntrospectParams),
  introspectSql: (engine, params) => engine.introspectSql(params as Engine.IntrospectSqlParams),
  markMigrationApplied: (engine, params) => engine.markMigrationApplied(params as Engine.MarkMigrationAppliedInput),
  markMigrationRolledBack: (engine, params) =>
    engine.markMigrationRolledBack(params as Engine.MarkMigrationRolledBackInput),
  reset: (engine, params) => engine.reset(params as Engine.ResetInput),
  schemaPush: (engine, params) => engine.schemaPush(params as Engine.SchemaPushInput),
};

/** What the Wasm build says when a command needs the migrations' schema and has no shadow database to replay them. */
const NEEDS_SHADOW_DATABASE = /shadow DB must be provided through an external factory/;

/**
 * `evaluateDataLoss` and `createMigration` diff the schema against the schema the migrations produce. The native
 * engine replays the migrations on a shadow database for that; the Wasm build hands these two commands only the main
 * connection (no adapter factory, hence no shadow database) and relies on a per-engine cache that
 * `diagnoseMigrationHistory`/`devDiagnostic` fill, keyed on the migrations applied to the database at that moment.
 * `migrate dev` diagnoses *before* it applies pending migrations, so when it applied any, the cache holds the schema of
 * the shorter history and the command fails ("PostgreSQL shadow DB must be provided through an external factory").
 * Diagnosing again, now that every listed migration is applied, fills the cache for this list through the adapter
 * factory's shadow database; then the command is retried once. Both commands only read, so the retry is safe.
 */
export async function withMigrationsSchema<T>(
  engine: WasmSchemaEngine,
  params: unknown,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!NEEDS_SHADOW_DATABASE.test(errorMessage(error))) throw error;
    // The engine has parsed these params by now (malformed ones crash it instead), so both fields are there.
    const { migrationsList, filters } = params as Engine.EvaluateDataLossInput | Engine.CreateMigrationInput;
    await engine.diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
    return run();
  }
}

/**
 * Serves the CLI's JSON-RPC methods with the WebAssembly engine. Differences from the native engine are bridged here:
 * `createDatabase` (absent from the Wasm build) runs on plain pg, `diff` output is sent to the CLI as a `print`
 * request (the Wasm build returns it instead), and errors are reshaped into the native error payload.
 */
export class EngineBridge {
  private engine: Promise<WasmSchemaEngine> | undefined;
  private adapter: EngineAdapter | undefined;
  private readonly target: PgTarget | undefined;

  constructor(private readonly deps: BridgeDeps) {
    this.target = deps.datasource === undefined ? undefined : parsePostgresUrl(deps.datasource.url);
  }

  async handle(method: string, params: unknown): Promise<unknown> {
    switch (method) {
      case 'createDatabase':
        return { databaseName: await createDatabase(this.requireTarget()) };
      case 'diff':
        return this.closingOnPanic(() => this.diff(params));
      case 'debugPanic':
        throw new EnginePanic('This is the debugPanic artificial panic');
    }
    const handler = ENGINE_METHODS[method];
    if (handler === undefined) throw new RpcMethodNotFoundError(method);
    return this.closingOnPanic(async () => handler(await this.getEngine(), params));
  }

  /**
   * A Rust panic aborts the Wasm engine mid-command: it never disposes the adapters it holds (nor releases their
   * clients, so closing the pools would hang), and the CLI ends the process once the panic is reported. Drop the
   * temporary shadow databases before answering, or every panic leaks one.
   */
  private async closingOnPanic<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isWasmRuntimeError(error)) await this.abandon();
      throw error;
    }
  }

  /** After a panic: drops temporary shadow databases without waiting for the engine's pools (see `closingOnPanic`). */
  async abandon(): Promise<void> {
    await this.adapter?.abandon();
  }

  /** Closes the engine's connections (and temporary shadow databases). */
  async close(): Promise<void> {
    await this.adapter?.closeAll();
  }

  /** The native engine's error payload: `data.error_code` drives the CLI's handling of known errors (P1000…). */
  toErrorObject(error: unknown): RpcErrorObject {
    if (error instanceof RpcMethodNotFoundError) return { code: RPC_METHOD_NOT_FOUND, message: error.message };
    const resolved = this.resolveExternalError(error);
    if (resolved instanceof EnginePanic || isWasmRuntimeError(resolved)) {
      const message = lastWasmPanic() ?? errorMessage(resolved);
      return { code: RPC_ENGINE_ERROR, message, data: { is_panic: true, message, backtrace: null } };
    }
    const userFacing = this.asUserFacing(resolved);
    const data =
      userFacing === undefined
        ? { is_panic: false, message: errorMessage(resolved), backtrace: null }
        : { is_panic: false, message: userFacing.message, meta: userFacing.meta, error_code: userFacing.errorCode };
    return { code: RPC_ENGINE_ERROR, message: 'An error happened. Check the data field for details.', data };
  }

  private async diff(params: unknown): Promise<unknown> {
    const { stdout, ...rest } = await (await this.getEngine()).diff(params as Engine.DiffParams);
    // The CLI appends a newline to what it prints, as the native engine's output has none.
    if (stdout !== null && stdout !== '') await this.deps.print(stdout.replace(/\n$/, ''));
    return rest;
  }

  private requireTarget(): PgTarget {
    if (this.target === undefined) throw new Error(NO_DATASOURCE);
    return this.target;
  }

  private getEngine(): Promise<WasmSchemaEngine> {
    this.engine ??= this.startEngine();
    return this.engine;
  }

  private async startEngine(): Promise<WasmSchemaEngine> {
    const { datasource } = this.deps;
    if (datasource === undefined) throw new Error(NO_DATASOURCE);
    this.adapter = createEngineAdapter(datasource);
    try {
      return await startWasmEngine(this.deps.datamodels, this.adapter.factory, this.deps.onEngineLog);
    } catch (error) {
      // The Wasm engine connects while it is constructed and only reports the failure as text; plain pg tells us
      // which P-code applies (P1000 bad credentials, P1001 unreachable, P1003 missing database…).
      this.engine = undefined;
      throw await this.diagnoseStartFailure(error);
    }
  }

  private async diagnoseStartFailure(error: unknown): Promise<unknown> {
    const resolved = this.resolveExternalError(error);
    const target = this.target;
    if (target === undefined) return resolved;
    try {
      await canConnect(target);
    } catch (connectionError) {
      if (connectionError instanceof UserFacingError) return connectionError;
    }
    return resolved;
  }

  /**
   * Errors thrown by JavaScript code under the engine (outside the driver's own error mapping) reach us as
   * "External error id#N"; the original is kept in the adapter factory's error registry.
   */
  private resolveExternalError(error: unknown): unknown {
    const match = /External error id#(\d+)/.exec(errorMessage(error));
    const registry = this.adapter?.factory.errorRegistry;
    if (match?.[1] === undefined || registry === undefined) return error;
    return registry.consumeError(Number(match[1]))?.error ?? error;
  }

  /**
   * A migration script that fails under `applyMigrations` is P3018 for the native engine; the Wasm build reports a
   * generic connector error, so rebuild the native error from the migration name and the database error.
   */
  private asFailedMigration(error: unknown): UserFacingError | undefined {
    const migrationName = APPLY_FAILURE.exec(errorMessage(error))?.[1];
    const scriptError = this.adapter?.lastScriptError();
    if (migrationName === undefined || scriptError === undefined) return undefined;
    return new UserFacingError(
      'P3018',
      'A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more ' +
        'about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n' +
        `Migration name: ${migrationName}\n\nDatabase error code: ${scriptError.code}\n\nDatabase error:\n${scriptError.text}\n`,
      { migration_name: migrationName, database_error_code: scriptError.code, database_error: scriptError.text },
    );
  }

  private asUserFacing(error: unknown): UserFacingError | undefined {
    if (error instanceof UserFacingError) return error;
    // The engine's own user-facing errors carry their P-code in `code`.
    const code = errorCode(error);
    if (isErrorLike(error) && code !== undefined && /^P\d{4}$/.test(code)) {
      const meta: unknown = Reflect.get(error, 'meta');
      return new UserFacingError(code, error.message, isRecord(meta) ? meta : {});
    }
    const failedMigration = this.asFailedMigration(error);
    if (failedMigration !== undefined) return failedMigration;
    // Anything else the engine says is final; only errors from pg itself are worth mapping to a P-code.
    if (this.target === undefined || (isErrorLike(error) && error.name === 'SchemaConnectorError')) return undefined;
    return toUserFacingError(error, this.target);
  }
}

const APPLY_FAILURE = /apply_migrations::Applying migration\s+with migration_name="([^"]+)"/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isVersionInput(params: unknown): params is Engine.GetDatabaseVersionInput {
  return isRecord(params) && 'datasource' in params;
}

function isWasmRuntimeError(error: unknown): boolean {
  return isErrorLike(error) && error.name === 'RuntimeError';
}
