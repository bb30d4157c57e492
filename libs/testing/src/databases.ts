import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testStack } from './stack';

/** Services with a database of their own. */
export type DatabaseService = 'party' | 'case' | 'agency' | 'statistics' | 'console';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Name of the migrated template a service's test databases are cloned from (prepared once per `npm test`). */
export function templateDatabaseName(service: DatabaseService): string {
  return `${service}_template`;
}

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testStack().postgresAdminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one test file, cloned from the service's migrated template: each file starts from the
 * real schema with no rows, and files never see each other's data.
 */
export async function createTestDatabase(service: DatabaseService): Promise<TestDatabase> {
  const name = `${service}_t_${randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName(service)}"`));
  return {
    name,
    url: withDatabase(testStack().postgresAdminUrl, name),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
