/**
 * What a database error says about the database rather than the request, recognised by shape (Prisma's codes,
 * PostgreSQL's SQLSTATEs, the driver's messages), so no caller needs Prisma's or pg's classes to tell.
 */

/** Prisma's codes for a database it cannot reach, a connection it lost, or a pool it waited on too long. */
const PRISMA_OUTAGE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** SQLSTATE 57P01–57P03 (shut down by an administrator or a crash, not yet accepting connections) and class 08. */
const SQLSTATE_OUTAGE = /^(57P0[123]|08\d{3})$/;
const OUTAGE_MESSAGE = new RegExp(
  [
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'Connection terminated',
    "Can't reach database",
    'terminating connection',
    // pg's client after its connection broke (a restart cut it), until the pool replaces it.
    'Client has encountered a connection error and is not queryable',
    'Client was closed and is not queryable',
    'the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)',
    // Prisma's driver adapter passes PostgreSQL's code on in its message.
    'Code: `(57P0[123]|08\\d{3})`',
  ].join('|'),
);

function shapeOf(error: unknown): { name: string; code: string; message: string } {
  if (typeof error !== 'object' || error === null) return { name: '', code: '', message: '' };
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  return {
    name: typeof name === 'string' ? name : '',
    code: typeof code === 'string' ? code : '',
    message: typeof message === 'string' ? message : '',
  };
}

/**
 * The database is not there for a moment: down, restarting, starting up, or the connection was cut. Nothing the
 * request did is to blame, and the same request a little later can succeed.
 */
export function isDatabaseOutage(error: unknown): boolean {
  const { name, code, message } = shapeOf(error);
  return (
    name === 'PrismaClientInitializationError' ||
    PRISMA_OUTAGE_CODES.has(code) ||
    SQLSTATE_OUTAGE.test(code) ||
    OUTAGE_MESSAGE.test(message)
  );
}

/**
 * PostgreSQL gave the transaction up for a concurrent one (a deadlock, a serialization failure): rolled back whole,
 * so the same request again is safe.
 */
export function isTransactionConflict(error: unknown): boolean {
  const { code } = shapeOf(error);
  return code === 'P2034' || code === '40001' || code === '40P01';
}
