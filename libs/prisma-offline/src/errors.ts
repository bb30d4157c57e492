import { describeLocation, type PgTarget } from './datasource';

/**
 * An error in the shape the Prisma CLI understands: a stable `P` code plus a message for the user. The native engine
 * produces these for both the JSON-RPC responses and the one-shot `cli` commands' stderr.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  constructor(
    readonly errorCode: string,
    message: string,
    readonly meta: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * Errors are recognised by shape, not `instanceof Error`: pg's socket errors come from Node's core realm, which is not
 * the realm of the code catching them under Jest, and the Wasm glue builds its errors in its own module.
 */
export interface ErrorLike {
  message: string;
  name?: unknown;
  code?: unknown;
}

export function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'message') === 'string';
}

/** The `code` of an error (pg SQLSTATE, Node errno name, or the engine's P-code), if it has a string one. */
export function errorCode(error: unknown): string | undefined {
  const code: unknown = isErrorLike(error) ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOENT']);

/**
 * Maps a `pg` connection/DDL error to the user-facing error the native engine would report for the same situation,
 * or returns undefined when the error has no P-code counterpart.
 */
export function toUserFacingError(
  error: unknown,
  target: PgTarget,
  database = target.database,
): UserFacingError | undefined {
  if (error instanceof UserFacingError) return error;
  if (!isErrorLike(error)) return undefined;
  const location = describeLocation(target);
  const code = errorCode(error);
  if (code === '28P01' || error.message.startsWith('SASL:') || /password must be a string/.test(error.message)) {
    return new UserFacingError(
      'P1000',
      `Authentication failed against database server, the provided database credentials for \`${target.user}\` are not valid.\n\n` +
        'Please make sure to provide valid database credentials for the database server at the configured address.',
      { database_user: target.user, database_host: target.host, database_port: target.port },
    );
  }
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return new UserFacingError(
      'P1001',
      `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`,
      { database_host: target.host, database_port: target.port },
    );
  }
  // pg's own connect timeout ("timeout expired", "Connection terminated due to connection timeout").
  if (code === 'ETIMEDOUT' || /^timeout expired$|connection timeout/i.test(error.message)) {
    return new UserFacingError(
      'P1002',
      `The database server at \`${location}\` was reached but timed out.\n\nPlease try again.\n\n` +
        'Please make sure your database server is running at the configured address.',
      { database_host: target.host, database_port: target.port },
    );
  }
  if (code === '3D000') {
    return new UserFacingError(
      'P1003',
      `Database \`${database}\` does not exist on the database server at \`${location}\`.`,
      { database_name: database, database_host: target.host, database_port: target.port },
    );
  }
  if (code === '42P04') {
    return new UserFacingError(
      'P1009',
      `Database \`${database}\` already exists on the database server at \`${location}\``,
      { database_name: database, database_host: target.host, database_port: target.port },
    );
  }
  if (code === '28000' || code === '42501') {
    return new UserFacingError('P1010', `User \`${target.user}\` was denied access on the database \`${database}\``, {
      database_user: target.user,
      database_name: database,
    });
  }
  return undefined;
}

export function errorMessage(error: unknown): string {
  if (isErrorLike(error)) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
