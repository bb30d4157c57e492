import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { CatalogTypesClient, reportCharColumns } from './pg-client';

/**
 * Runs the real `prisma` CLI against a real PostgreSQL server with only the offline engine available: the fixture's
 * prisma.config.ts calls usePrismaOffline(), so this also proves that importing the library from a config file works.
 * GONGZHI_TEST_POSTGRES_ADMIN_URL (set by `npm test`) must be a superuser URL; every database and role used here is created and dropped by this file.
 */

const ADMIN_URL = process.env['GONGZHI_TEST_POSTGRES_ADMIN_URL'];
if (ADMIN_URL === undefined || ADMIN_URL === '') {
  throw new Error(
    'GONGZHI_TEST_POSTGRES_ADMIN_URL is not set: run `npm test`, or point it at a PostgreSQL superuser, e.g. postgresql://postgres@127.0.0.1:25432/postgres',
  );
}
const adminUrl: string = ADMIN_URL;

const LIB_ROOT = path.resolve(__dirname, '..');
const FIXTURES = path.join(LIB_ROOT, 'test-fixtures');
const PRISMA_CLI = require.resolve('prisma/build/index.js');
/** "A few seconds": a command that lingers on the Wasm engine's 60 s timers would blow through this. */
const COMMAND_BUDGET_MS = 15_000;

const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const DEV_DB = `pox_dev_${suffix}`;
const DEPLOY_DB = `pox_deploy_${suffix}`;
const PUSH_DB = `pox_push_${suffix}`;
const SCRIPTS_DB = `pox_scripts_${suffix}`;
const BEHIND_DB = `pox_behind_${suffix}`;
const CLONE_DB = `pox_clone_${suffix}`;
const PASSWORD_ROLE = `pox_role_${suffix}`;
const HANDWRITTEN_DB = `pox_handwritten_${suffix}`;
const CREATED_DATABASES = [DEV_DB, DEPLOY_DB, PUSH_DB, SCRIPTS_DB, BEHIND_DB, CLONE_DB, HANDWRITTEN_DB];

function databaseUrl(database: string, credentials?: { user: string; password: string }): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  if (credentials !== undefined) {
    url.username = encodeURIComponent(credentials.user);
    url.password = encodeURIComponent(credentials.password);
  }
  return url.toString();
}

async function adminQuery<T extends pg.QueryResultRow>(sql: string, database = 'postgres'): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

let work: string;

/** Runs `prisma <args>` with the fixture config, the schema and migrations living in the per-run directory. */
function prisma(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const started = Date.now();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PRISMA_OFFLINE_FIXTURE_SCHEMA: path.join(work, 'schema.prisma'),
    PRISMA_OFFLINE_FIXTURE_MIGRATIONS: path.join(work, 'migrations'),
    DATABASE_URL: databaseUrl(DEV_DB),
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    NO_COLOR: '1',
    ...env,
  };
  // The fixture config must be what points the CLI at the offline engine.
  delete childEnv['PRISMA_SCHEMA_ENGINE_BINARY'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args, '--config', path.join(FIXTURES, 'prisma.config.ts')], {
      cwd: FIXTURES,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // Kill a hung command well before Jest's own timeout, so the failure says what hung.
    const killer = setTimeout(() => child.kill('SIGKILL'), COMMAND_BUDGET_MS * 2);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Asserts success within the time budget, showing the CLI's output when it failed. */
function expectOk(run: CliRun): void {
  expect({ code: run.code, output: run.code === 0 ? '' : `${run.stdout}\n${run.stderr}` }).toEqual({
    code: 0,
    output: '',
  });
  expect(run.ms).toBeLessThan(COMMAND_BUDGET_MS);
}

function useSchema(version: 'v1' | 'v2'): void {
  cpSync(path.join(FIXTURES, `schema.${version}.prisma`), path.join(work, 'schema.prisma'));
}

function migrationDirectories(migrationsDir = path.join(work, 'migrations')): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function appliedMigrations(database: string): Promise<Array<{ migration_name: string; checksum: string }>> {
  return adminQuery(
    'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
    database,
  );
}

describe('offline schema engine under the real Prisma CLI', () => {
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'prisma-offline-'));
    useSchema('v1');
  });

  afterAll(async () => {
    for (const database of CREATED_DATABASES) {
      await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
    await adminQuery(`DROP ROLE IF EXISTS "${PASSWORD_ROLE}"`);
    rmSync(work, { recursive: true, force: true });
  });

  it('generates the prisma-client client', async () => {
    expectOk(await prisma(['generate']));
    expect(existsSync(path.join(work, 'generated', 'client.ts'))).toBe(true);
  });

  it('migrate dev creates the database, then creates and applies the first migration', async () => {
    const run = await prisma(['migrate', 'dev', '--name', 'init']);
    expectOk(run);
    expect(run.stdout).toContain(`database ${DEV_DB} created`);
    const [init] = migrationDirectories();
    expect(init).toMatch(/^\d{14}_init$/);
    const sql = readFileSync(path.join(work, 'migrations', `${init}`, 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "Person"');
    expect(sql).toContain(`CREATE TYPE "Role" AS ENUM ('CITIZEN', 'MEDIATOR');`);
    expect((await appliedMigrations(DEV_DB)).map((row) => row.migration_name)).toEqual([init]);
  });

  it('migrate dev turns a schema change into a second migration, on a shadow database it cleans up', async () => {
    // Data in the real database must survive: the shadow database is a separate, temporary one.
    await adminQuery(`INSERT INTO "Person" (name) VALUES ('Li Lei')`, DEV_DB);
    useSchema('v2');
    expectOk(await prisma(['migrate', 'dev', '--name', 'hearings']));
    const directories = migrationDirectories();
    expect(directories).toHaveLength(2);
    const sql = readFileSync(path.join(work, 'migrations', `${directories[1]}`, 'migration.sql'), 'utf8');
    expect(sql).toContain('ALTER TABLE "Person" ADD COLUMN     "phone" TEXT;');
    expect(sql).toContain('CREATE TABLE "Hearing"');
    expect(await adminQuery(`SELECT name FROM "Person"`, DEV_DB)).toEqual([{ name: 'Li Lei' }]);
    expect(await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`)).toEqual(
      [],
    );
  });

  it('migrate status reports the database up to date', async () => {
    const run = await prisma(['migrate', 'status']);
    expectOk(run);
    expect(run.stdout).toContain('Database schema is up to date!');
  });

  // A teammate's checkout: an empty database, the committed migrations, and a schema that has moved on. migrate dev
  // diagnoses first, then applies the committed migrations, then diffs against them; the Wasm engine only had their
  // schema cached for the history it diagnosed (none applied), which failed with "PostgreSQL shadow DB must be provided
  // through an external factory" until a second run.
  it('migrate dev on a fresh database applies the committed migrations, then creates the next one, first time', async () => {
    const [init, hearings] = migrationDirectories();
    const clone = path.join(work, 'behind');
    const migrations = path.join(clone, 'migrations');
    mkdirSync(migrations, { recursive: true });
    cpSync(path.join(work, 'migrations', 'migration_lock.toml'), path.join(migrations, 'migration_lock.toml'));
    cpSync(path.join(work, 'migrations', `${init}`), path.join(migrations, `${init}`), { recursive: true });
    cpSync(path.join(FIXTURES, 'schema.v2.prisma'), path.join(clone, 'schema.prisma'));
    await adminQuery(`CREATE DATABASE "${BEHIND_DB}"`);
    const env = {
      DATABASE_URL: databaseUrl(BEHIND_DB),
      PRISMA_OFFLINE_FIXTURE_SCHEMA: path.join(clone, 'schema.prisma'),
      PRISMA_OFFLINE_FIXTURE_MIGRATIONS: migrations,
    };

    const run = await prisma(['migrate', 'dev', '--name', 'hearings'], env);
    expectOk(run);
    expect(run.stdout).toContain(`${init}`);
    const directories = migrationDirectories(migrations);
    expect(directories).toHaveLength(2);
    expect(directories[0]).toBe(init);
    expect(directories[1]).toMatch(/^\d{14}_hearings$/);
    // The same migration as the one created on the up-to-date database.
    const read = (dir: string, name: string | undefined) =>
      readFileSync(path.join(dir, `${name}`, 'migration.sql'), 'utf8');
    expect(read(migrations, directories[1])).toBe(read(path.join(work, 'migrations'), hearings));
    expect((await appliedMigrations(BEHIND_DB)).map((row) => row.migration_name)).toEqual(directories);
    expect(await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`)).toEqual(
      [],
    );
  });

  it('migrate dev on a fresh database applies the committed migrations when the schema has no further change', async () => {
    await adminQuery(`CREATE DATABASE "${CLONE_DB}"`);
    const run = await prisma(['migrate', 'dev', '--name', 'nothing'], { DATABASE_URL: databaseUrl(CLONE_DB) });
    expectOk(run);
    expect(run.stdout).toContain('Your database is now in sync with your schema.');
    expect(migrationDirectories()).toHaveLength(2);
    expect(await appliedMigrations(CLONE_DB)).toEqual(await appliedMigrations(DEV_DB));
  });

  it('migrate deploy creates a missing database (P1003) and applies the same migrations with the same checksums', async () => {
    const run = await prisma(['migrate', 'deploy'], { DATABASE_URL: databaseUrl(DEPLOY_DB) });
    expectOk(run);
    expect(run.stdout).toContain(`database ${DEPLOY_DB} created`);
    const deployed = await appliedMigrations(DEPLOY_DB);
    expect(deployed).toEqual(await appliedMigrations(DEV_DB));
    // Prisma's checksum is the SHA-256 of the migration file.
    for (const { migration_name, checksum } of deployed) {
      const file = readFileSync(path.join(work, 'migrations', migration_name, 'migration.sql'));
      expect(checksum).toBe(createHash('sha256').update(file).digest('hex'));
    }
  });

  it('migrate diff prints SQL on stdout', async () => {
    const run = await prisma([
      'migrate',
      'diff',
      '--from-empty',
      '--to-schema',
      path.join(work, 'schema.prisma'),
      '--script',
    ]);
    expectOk(run);
    expect(run.stdout).toContain('CREATE TABLE "Hearing"');
    const upToDate = await prisma([
      'migrate',
      'diff',
      '--from-migrations',
      path.join(work, 'migrations'),
      '--to-schema',
      path.join(work, 'schema.prisma'),
      '--script',
    ]);
    expectOk(upToDate);
    expect(upToDate.stdout).toContain('-- This is an empty migration.');
  });

  it('db push syncs a fresh database without migrations', async () => {
    expectOk(await prisma(['db', 'push'], { DATABASE_URL: databaseUrl(PUSH_DB) }));
    const tables = await adminQuery<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      PUSH_DB,
    );
    expect(tables.map((row) => row.tablename)).toEqual(['Case', 'Hearing', 'Person']);
  });

  it('migrate reset --force empties the database and reapplies every migration', async () => {
    expectOk(await prisma(['migrate', 'reset', '--force']));
    expect(await adminQuery(`SELECT name FROM "Person"`, DEV_DB)).toEqual([]);
    expect(await appliedMigrations(DEV_DB)).toHaveLength(2);
  });

  it('runs migration scripts whole, like the native engine, and reports a failing one as P3018', async () => {
    const migrations = path.join(work, 'scripts');
    const write = (name: string, sql: string) => {
      mkdirSync(path.join(migrations, name), { recursive: true });
      writeFileSync(path.join(migrations, name, 'migration.sql'), sql);
    };
    write(
      '20200101000000_function',
      `CREATE TABLE "Note" ("body" TEXT NOT NULL DEFAULT 'a;b');\n` +
        `CREATE FUNCTION note_touch() RETURNS trigger AS $$\nBEGIN\n  NEW.body := NEW.body || ';';\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n`,
    );
    writeFileSync(path.join(migrations, 'migration_lock.toml'), 'provider = "postgresql"\n');
    const env = { DATABASE_URL: databaseUrl(SCRIPTS_DB), PRISMA_OFFLINE_FIXTURE_MIGRATIONS: migrations };
    expectOk(await prisma(['migrate', 'deploy'], env));
    expect(await adminQuery(`SELECT proname FROM pg_proc WHERE proname = 'note_touch'`, SCRIPTS_DB)).toHaveLength(1);

    write('20200102000000_broken', 'SELEC 1;\n');
    const failed = await prisma(['migrate', 'deploy'], env);
    expect(failed.code).not.toBe(0);
    expect(failed.ms).toBeLessThan(COMMAND_BUDGET_MS);
    expect(failed.stderr).toContain('P3018');
    expect(failed.stderr).toContain('Migration name: 20200102000000_broken');
    expect(failed.stderr).toContain('Database error code: 42601');
  });

  it('reads catalog columns of types adapter-pg lacks, and gives the engine "char" columns as characters', async () => {
    const url = new URL(databaseUrl('postgres'));
    const adapter = await new PrismaPg({
      host: url.hostname,
      port: Number(url.port),
      user: decodeURIComponent(url.username),
      database: 'postgres',
      Client: CatalogTypesClient,
    }).connect();
    const query = {
      sql: `SELECT c.relkind, NULL::"char" AS nothing, c.relacl, c.reltype::regtype::oid AS type_oid, 'pg_class'::regclass,
              (SELECT indkey FROM pg_index LIMIT 1), (SELECT indclass FROM pg_index LIMIT 1),
              (SELECT prorettype::regtype FROM pg_proc LIMIT 1), interval '1 day' AS span
            FROM pg_class c WHERE c.relname = 'pg_class'`,
      args: [],
      argTypes: [],
    };
    try {
      const plain = await adapter.queryRaw(query);
      const result = reportCharColumns(plain);
      expect(result.columnTypes[0]).toBe(ColumnTypeEnum.Character);
      expect(result.columnTypes[1]).toBe(ColumnTypeEnum.Character);
      expect(result.columnTypes.slice(2).every((type) => type !== ColumnTypeEnum.Character)).toBe(true);
      expect(result.rows).toEqual([
        [
          'r',
          null,
          expect.any(String),
          83,
          'pg_class',
          expect.any(String),
          expect.any(String),
          expect.any(String),
          '1 day',
        ],
      ]);
      // The promise path (a transaction's client) as well as the pool's callback path.
      const transaction = await adapter.startTransaction();
      try {
        expect(reportCharColumns(await transaction.queryRaw(query)).columnTypes[0]).toBe(ColumnTypeEnum.Character);
      } finally {
        await transaction.rollback();
      }
    } finally {
      await adapter.dispose();
    }
  });

  // Prisma models none of these, but real projects add them to migrations by hand, and the native engine tolerates
  // them: it describes CHECK and EXCLUDE constraints (reading pg_constraint.contype, a "char") and leaves them, the
  // partial index, the trigger and the view out of its diffs. Describing a CHECK constraint used to panic
  // ("Getting constraint_type … as char failed") in migrate dev, migrate diff and db push.
  it('tolerates hand-written CHECK and EXCLUDE constraints, partial indexes, triggers and views in migrations', async () => {
    const dir = path.join(work, 'handwritten');
    const migrations = path.join(dir, 'migrations');
    const schema = path.join(dir, 'schema.prisma');
    mkdirSync(path.join(migrations, '20200101000000_init'), { recursive: true });
    writeFileSync(path.join(migrations, 'migration_lock.toml'), 'provider = "postgresql"\n');
    writeFileSync(
      path.join(migrations, '20200101000000_init', 'migration.sql'),
      [
        'CREATE EXTENSION IF NOT EXISTS btree_gist;',
        'CREATE TABLE "Person" ("id" SERIAL NOT NULL, "ciphertext" BYTEA, "keyId" TEXT, "blindIndex" TEXT, ' +
          '"deletedAt" TIMESTAMP(3), CONSTRAINT "Person_pkey" PRIMARY KEY ("id"));',
        'ALTER TABLE "Person" ADD CONSTRAINT "Person_encrypted_check" ' +
          'CHECK ("ciphertext" IS NOT NULL AND "keyId" IS NOT NULL AND "blindIndex" IS NOT NULL);',
        'CREATE UNIQUE INDEX "Person_blindIndex_active_key" ON "Person"("blindIndex") WHERE "deletedAt" IS NULL;',
        'CREATE TABLE "Booking" ("id" SERIAL NOT NULL, "room" INTEGER NOT NULL, "during" TSRANGE NOT NULL, ' +
          'CONSTRAINT "Booking_pkey" PRIMARY KEY ("id"));',
        'ALTER TABLE "Booking" ADD CONSTRAINT "Booking_no_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&);',
        'CREATE TABLE "AuditEntry" ("id" SERIAL NOT NULL, "action" TEXT NOT NULL, ' +
          'CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id"), CONSTRAINT "AuditEntry_action_check" CHECK (length("action") > 0));',
        "CREATE FUNCTION audit_entry_append_only() RETURNS trigger AS $$\nBEGIN\n  RAISE EXCEPTION 'AuditEntry is append-only: % refused', TG_OP;\nEND;\n$$ LANGUAGE plpgsql;",
        'CREATE TRIGGER "AuditEntry_append_only" BEFORE UPDATE OR DELETE ON "AuditEntry" ' +
          'FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();',
        'CREATE VIEW "ActivePerson" AS SELECT "id", "keyId" FROM "Person" WHERE "deletedAt" IS NULL;',
        '',
      ].join('\n'),
    );
    const models = (personExtra: string) =>
      [
        'datasource db {\n  provider = "postgresql"\n}',
        `model Person {\n  id Int @id @default(autoincrement())\n  ciphertext Bytes?\n  keyId String?\n  blindIndex String?\n  deletedAt DateTime?\n${personExtra}}`,
        'model Booking {\n  id Int @id @default(autoincrement())\n  room Int\n  during Unsupported("tsrange")\n}',
        'model AuditEntry {\n  id Int @id @default(autoincrement())\n  action String\n}',
        '',
      ].join('\n');
    writeFileSync(schema, models(''));
    const env = {
      DATABASE_URL: databaseUrl(HANDWRITTEN_DB),
      PRISMA_OFFLINE_FIXTURE_SCHEMA: schema,
      PRISMA_OFFLINE_FIXTURE_MIGRATIONS: migrations,
    };
    const constraints = () =>
      adminQuery<{ conname: string; definition: string }>(
        `SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
         WHERE contype IN ('c', 'x') AND connamespace = 'public'::regnamespace ORDER BY conname`,
        HANDWRITTEN_DB,
      );

    expectOk(await prisma(['migrate', 'deploy'], env));
    const deployed = await constraints();
    expect(deployed.map((row) => row.conname)).toEqual([
      'AuditEntry_action_check',
      'Booking_no_overlap',
      'Person_encrypted_check',
    ]);

    const unchanged = await prisma(['migrate', 'dev', '--name', 'nothing'], env);
    expectOk(unchanged);
    expect(unchanged.stdout).toContain('Already in sync');

    writeFileSync(schema, models('  phone String?\n'));
    expectOk(await prisma(['migrate', 'dev', '--name', 'phone'], env));
    const [, phone] = migrationDirectories(migrations);
    expect(phone).toMatch(/^\d{14}_phone$/);
    // Only the schema change: nothing dropped or recreated around the hand-written objects.
    expect(readFileSync(path.join(migrations, `${phone}`, 'migration.sql'), 'utf8')).toBe(
      '-- AlterTable\nALTER TABLE "Person" ADD COLUMN     "phone" TEXT;\n',
    );

    const diff = await prisma(
      ['migrate', 'diff', '--from-migrations', migrations, '--to-schema', schema, '--script'],
      env,
    );
    expectOk(diff);
    expect(diff.stdout).toContain('-- This is an empty migration.');
    const push = await prisma(['db', 'push'], env);
    expectOk(push);
    expect(push.stdout).toContain('already in sync');
    const status = await prisma(['migrate', 'status'], env);
    expectOk(status);
    expect(status.stdout).toContain('Database schema is up to date!');

    expect(await constraints()).toEqual(deployed);
    expect(
      await adminQuery(
        `SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%WHERE%' AND schemaname = 'public'`,
        HANDWRITTEN_DB,
      ),
    ).toEqual([{ indexname: 'Person_blindIndex_active_key' }]);
    expect(await adminQuery(`SELECT viewname FROM pg_views WHERE schemaname = 'public'`, HANDWRITTEN_DB)).toEqual([
      { viewname: 'ActivePerson' },
    ]);
    await adminQuery(`INSERT INTO "AuditEntry" (action) VALUES ('created')`, HANDWRITTEN_DB);
    await expect(adminQuery(`DELETE FROM "AuditEntry"`, HANDWRITTEN_DB)).rejects.toThrow(
      'AuditEntry is append-only: DELETE refused',
    );
  });

  it('reports wrong credentials as P1000, promptly', async () => {
    await adminQuery(`CREATE ROLE "${PASSWORD_ROLE}" LOGIN PASSWORD 'right-password'`);
    const wrong = databaseUrl(DEV_DB, { user: PASSWORD_ROLE, password: 'wrong-password' });
    // Under trust authentication any password is accepted, and there is nothing to test.
    const probe = new pg.Client({ connectionString: wrong });
    const serverChecksPasswords = await probe.connect().then(
      async () => {
        await probe.end();
        return false;
      },
      () => true,
    );
    if (!serverChecksPasswords) {
      console.warn(
        `P1000 check skipped: the server at ${new URL(adminUrl).host} does not check passwords for ${PASSWORD_ROLE}`,
      );
      return;
    }
    const run = await prisma(['migrate', 'deploy'], { DATABASE_URL: wrong });
    expect(run.code).not.toBe(0);
    expect(run.ms).toBeLessThan(COMMAND_BUDGET_MS);
    expect(run.stderr).toContain(
      `P1000: Authentication failed against database server, the provided database credentials for \`${PASSWORD_ROLE}\` are not valid.`,
    );
  });
});
