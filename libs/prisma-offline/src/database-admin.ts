import { withClient } from './adapter-factory';
import { type PgTarget, quoteIdent } from './datasource';
import { errorCode, toUserFacingError } from './errors';

// CREATE/DROP DATABASE must run while connected to some other database; these always exist on a stock server.
const MAINTENANCE_DATABASES = ['postgres', 'template1'];

/** Runs `run` on a maintenance database of the target's server, mapping connection errors to P-codes. */
async function onMaintenanceDatabase(
  target: PgTarget,
  run: (query: (sql: string) => Promise<unknown>) => Promise<void>,
): Promise<void> {
  let lastError: unknown;
  for (const database of MAINTENANCE_DATABASES) {
    try {
      await withClient(target, database, (client) => run((sql) => client.query(sql)));
      return;
    } catch (error) {
      lastError = error;
      // Only a missing maintenance database is worth retrying on the next one.
      if (errorCode(error) !== '3D000') break;
    }
  }
  throw toUserFacingError(lastError, target) ?? lastError;
}

/** Connects to the target database itself: the check behind `cli can-connect-to-database`. */
export async function canConnect(target: PgTarget): Promise<void> {
  try {
    await withClient(target, target.database, (client) => client.query('SELECT 1'));
  } catch (error) {
    throw toUserFacingError(error, target) ?? error;
  }
}

export async function createDatabase(target: PgTarget): Promise<string> {
  await onMaintenanceDatabase(target, async (query) => {
    await query(`CREATE DATABASE ${quoteIdent(target.database)}`);
  });
  return target.database;
}

export async function dropDatabase(target: PgTarget): Promise<string> {
  await onMaintenanceDatabase(target, async (query) => {
    await query(`DROP DATABASE ${quoteIdent(target.database)}`);
  });
  return target.database;
}
