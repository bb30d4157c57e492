/**
 * PostgreSQL from the distribution's packages, one cluster per profile under `<dataDir>/postgres`, listening on
 * 127.0.0.1 only with its unix socket inside the data directory (never /var/run, which belongs to the system cluster).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { StackProfile } from '../lib/profile';
import { assertStartable, ensureServer, serverStatus, type ComponentStatus } from '../lib/component';
import { capture, runLogged, whichSync } from '../lib/exec';
import { InfraError, displayPath, longStep, type Logger } from '../lib/log';
import { LOOPBACK, type PortNeed } from '../lib/net';
import { logFile, stopProcess, type ProcessIdentity, type StopHow, type StopSpec } from '../lib/process';
import { cacheLogFile } from '../lib/tools';

/** A service's own database and the role that owns it. */
export interface DatabaseSpec {
  database: string;
  role: string;
  password: string;
}

/**
 * One database and role per service, and one for the web console's sessions; password = role name is good enough
 * for a loopback-only local stack.
 */
export const SERVICE_DATABASES: readonly DatabaseSpec[] = ['party', 'case', 'agency', 'statistics', 'console'].map(
  (service) => ({
    database: service,
    role: `gongzhi_${service}`,
    password: `gongzhi_${service}`,
  }),
);

const SUPERUSER = 'postgres';
const PORTS: readonly PortNeed[] = [{ key: 'postgres', what: 'postgres' }];

/** Where the installed PostgreSQL binaries are and who runs them. */
export interface PostgresTools {
  binDir: string;
  major: number;
  /** Set when we run as root: initdb and postgres refuse root, so they run as the `postgres` OS user. */
  runAs?: { user: string; uid: number; gid: number };
}

function pgDataDir(profile: StackProfile): string {
  return path.join(profile.dataDir, 'postgres');
}

function identity(profile: StackProfile): ProcessIdentity & { name: 'postgres' } {
  // `-D <dir>` is in the postmaster's command line and differs between profiles.
  return { name: 'postgres', marker: pgDataDir(profile) };
}

/** The superuser's URL; trusted without a password on loopback (see pg_hba.conf below). */
export function postgresAdminUrl(profile: StackProfile): string {
  return `postgresql://${SUPERUSER}@${LOOPBACK}:${profile.ports.postgres}/postgres`;
}

/** The URL a service uses: its own role, its own database. */
export function databaseUrl(profile: StackProfile, db: DatabaseSpec): string {
  const user = encodeURIComponent(db.role);
  const password = encodeURIComponent(db.password);
  return `postgresql://${user}:${password}@${LOOPBACK}:${profile.ports.postgres}/${encodeURIComponent(db.database)}`;
}

/** Installed majors, newest first, from Debian's /usr/lib/postgresql/<major>/bin layout. */
function debianBinDirs(): { major: number; binDir: string }[] {
  const root = '/usr/lib/postgresql';
  let entries: string[];
  try {
    entries = fs.readdirSync(root);
  } catch {
    return [];
  }
  return entries
    .filter((e) => /^\d+$/.test(e) && fs.existsSync(path.join(root, e, 'bin', 'initdb')))
    .map((e) => ({ major: Number(e), binDir: path.join(root, e, 'bin') }))
    .sort((a, b) => b.major - a.major);
}

async function pgConfigBinDir(): Promise<{ major: number; binDir: string } | undefined> {
  if (whichSync('pg_config') === undefined) return undefined;
  const bindir = await capture('pg_config', ['--bindir']);
  const version = await capture('pg_config', ['--version']);
  const major = Number(/PostgreSQL (\d+)/.exec(version.stdout)?.[1]);
  const binDir = bindir.stdout.trim();
  return bindir.code === 0 && Number.isFinite(major) && fs.existsSync(path.join(binDir, 'initdb'))
    ? { major, binDir }
    : undefined;
}

async function osUser(name: string): Promise<{ user: string; uid: number; gid: number } | undefined> {
  const uid = await capture('id', ['-u', name]);
  const gid = await capture('id', ['-g', name]);
  if (uid.code !== 0 || gid.code !== 0) return undefined;
  return { user: name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Finds PostgreSQL's server binaries, installing Debian's package when none are present and we are root. Prefers the
 * major a profile's cluster was created with, since a cluster only opens with its own major.
 */
export async function provisionPostgres(cacheDir: string, log: Logger, wantMajor?: number): Promise<PostgresTools> {
  let candidates = debianBinDirs();
  if (candidates.length === 0) {
    const fromPath = await pgConfigBinDir();
    if (fromPath) candidates = [fromPath];
  }
  if (candidates.length === 0) {
    const isRoot = process.getuid?.() === 0;
    if (!isRoot || whichSync('apt-get') === undefined) {
      throw new InfraError(
        'PostgreSQL server binaries (initdb) were not found: install PostgreSQL 15 or newer ' +
          '(Debian/Ubuntu: sudo apt-get install -y postgresql; macOS: brew install postgresql@16).',
      );
    }
    await longStep(log, 'postgres', 'no initdb found; installing Debian package postgresql with apt-get', async () => {
      const aptLog = cacheLogFile(cacheDir, 'apt-postgresql');
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      const hint = 'Install it yourself with: apt-get update && apt-get install -y postgresql';
      await runLogged('apt-get', ['update'], aptLog, hint, { env });
      await runLogged('apt-get', ['install', '-y', 'postgresql'], aptLog, hint, { env });
    });
    candidates = debianBinDirs();
  }
  const chosen = (wantMajor !== undefined && candidates.find((c) => c.major === wantMajor)) || candidates[0];
  if (!chosen) {
    throw new InfraError('PostgreSQL was installed but no initdb was found under /usr/lib/postgresql/*/bin.');
  }
  if (wantMajor !== undefined && chosen.major !== wantMajor) {
    throw new InfraError(
      `this profile's cluster was created by PostgreSQL ${wantMajor}, but only ${chosen.major} is installed: ` +
        `install postgresql-${wantMajor}, or delete the cluster to start afresh.`,
    );
  }
  if (process.getuid?.() !== 0) return chosen;
  const runAs = await osUser(SUPERUSER);
  if (!runAs) {
    throw new InfraError(
      `running as root, but there is no "${SUPERUSER}" OS user to run PostgreSQL as (it refuses root): ` +
        'install the postgresql package (it creates the user) or run as a normal user.',
    );
  }
  return { ...chosen, runAs };
}

function clusterMajor(profile: StackProfile): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(pgDataDir(profile), 'PG_VERSION'), 'utf8').trim());
  } catch {
    return undefined;
  }
}

/** Provisions the binaries that match this profile's cluster (or the newest, for a new cluster). */
export async function postgresToolsFor(profile: StackProfile, log: Logger): Promise<PostgresTools> {
  return await provisionPostgres(profile.cacheDir, log, clusterMajor(profile));
}

// The superuser is trusted over the socket and loopback so the scripts need no secret on a machine-local,
// loopback-only cluster; service roles must present their password so a wrong DATABASE_URL fails here as it would in
// any deployed environment.
const PG_HBA = `# Written by deploy/local/components/postgres.ts on every start; edits are overwritten.
local all ${SUPERUSER} trust
host  all ${SUPERUSER} 127.0.0.1/32 trust
local all all scram-sha-256
host  all all 127.0.0.1/32 scram-sha-256
`;

function ownTo(target: string, tools: PostgresTools): void {
  if (tools.runAs) fs.chownSync(target, tools.runAs.uid, tools.runAs.gid);
}

async function assertReachableBy(dir: string, tools: PostgresTools): Promise<void> {
  if (!tools.runAs) return;
  const probe = await capture('test', ['-x', dir], { uid: tools.runAs.uid, gid: tools.runAs.gid });
  if (probe.code !== 0) {
    throw new InfraError(
      `the ${tools.runAs.user} OS user cannot enter ${dir}, so PostgreSQL cannot reach its data: ` +
        `give others execute permission on each parent directory (chmod o+x) or clone the repository elsewhere.`,
    );
  }
}

async function initCluster(profile: StackProfile, tools: PostgresTools, log: Logger): Promise<void> {
  const dir = pgDataDir(profile);
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return;
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new InfraError(
      `${displayPath(dir)} is not empty but holds no PostgreSQL cluster (no PG_VERSION), probably from an ` +
        'interrupted initdb: delete it and run again.',
    );
  }
  log.info('postgres', `initialising cluster in ${displayPath(dir)} (PostgreSQL ${tools.major})`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  ownTo(dir, tools);
  await assertReachableBy(dir, tools);
  const locales = await capture('locale', ['-a']);
  const locale = /^c\.utf-?8$/im.test(locales.stdout) ? ['--locale=C.UTF-8'] : ['--no-locale'];
  await runLogged(
    path.join(tools.binDir, 'initdb'),
    ['-D', dir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', ...locale],
    logFile(profile, 'postgres'),
    `initdb could not create the cluster in ${displayPath(dir)}.`,
    { cwd: dir, uid: tools.runAs?.uid, gid: tools.runAs?.gid },
  );
}

function serverArgs(profile: StackProfile): string[] {
  const dir = pgDataDir(profile);
  const settings: Record<string, string> = {
    listen_addresses: LOOPBACK,
    port: String(profile.ports.postgres),
    unix_socket_directories: dir,
    shared_buffers: '128MB',
    max_connections: '200',
  };
  if (profile.name === 'test') {
    // Test data is disposable: trade crash safety (not clean-shutdown safety) for faster tests.
    Object.assign(settings, { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' });
  }
  return ['-D', dir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
}

async function canQuery(profile: StackProfile): Promise<boolean> {
  const client = new Client({ connectionString: postgresAdminUrl(profile), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Initialises the cluster once, then starts it unless this profile's postmaster is already running. */
export async function startPostgres(profile: StackProfile, tools: PostgresTools, log: Logger): Promise<void> {
  const dir = pgDataDir(profile);
  // sun_path holds 107 bytes; postgres would otherwise fail with a less obvious message.
  const socket = path.join(dir, `.s.PGSQL.${profile.ports.postgres}`);
  if (Buffer.byteLength(socket) > 107) {
    throw new InfraError(
      `the unix socket path ${socket} is too long for the OS: clone the repository to a shorter path.`,
    );
  }
  await ensureServer(
    profile,
    {
      identity: identity(profile),
      ports: PORTS,
      prepare: async () => {
        await initCluster(profile, tools, log);
        const hba = path.join(dir, 'pg_hba.conf');
        fs.writeFileSync(hba, PG_HBA);
        ownTo(hba, tools);
        return {
          command: path.join(tools.binDir, 'postgres'),
          args: serverArgs(profile),
          cwd: dir,
          // Spawned directly with the postgres uid (not via runuser) so the recorded pid is the postmaster itself.
          uid: tools.runAs?.uid,
          gid: tools.runAs?.gid,
        };
      },
      probe: () => canQuery(profile),
      waitingFor: `a superuser connection to ${postgresAdminUrl(profile)}`,
      startTimeoutMs: 60_000,
    },
    log,
  );
}

/**
 * Creates each role (with LOGIN and its password) and its database (owned by the role) if missing, and re-asserts
 * password and ownership if present, so running it again is harmless. Other roles may not connect to a service's
 * database, which keeps services from reading each other's tables by accident.
 */
export async function ensureDatabases(profile: StackProfile, dbs: readonly DatabaseSpec[]): Promise<void> {
  const client = new Client({ connectionString: postgresAdminUrl(profile), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    for (const db of dbs) {
      const role = client.escapeIdentifier(db.role);
      const database = client.escapeIdentifier(db.database);
      const password = client.escapeLiteral(db.password);
      const roleExists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [db.role]);
      // CREATEDB lets `prisma migrate dev` make its throwaway shadow database as the service's own role, so the
      // tables it creates are owned by that role. Local stack only: production roles get no such right.
      await client.query(
        `${roleExists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN CREATEDB PASSWORD ${password}`,
      );
      const dbExists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.database]);
      // CREATE DATABASE cannot run in a transaction block, so each statement runs on its own.
      if (dbExists.rowCount) await client.query(`ALTER DATABASE ${database} OWNER TO ${role}`);
      else await client.query(`CREATE DATABASE ${database} OWNER ${role} ENCODING 'UTF8'`);
      await client.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${database} FROM PUBLIC`);
    }
  } finally {
    await client.end();
  }
}

export async function stopPostgres(profile: StackProfile, log: Logger, how: StopHow = 'clean'): Promise<boolean> {
  // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM ("smart") would wait for every client to disconnect. A crash (the
  // chaos run) is SIGQUIT, the "immediate" shutdown: every backend dies at once and the next start recovers from the
  // write-ahead log (on the test profile, without fsync and synchronous commits, losing the last commits). Not
  // SIGKILL: the postmaster killed that way leaves its backends running.
  const stop: StopSpec =
    how === 'crash' ? { signal: 'SIGQUIT', graceMs: 10_000 } : { signal: 'SIGINT', graceMs: 30_000 };
  return await stopProcess(profile, identity(profile), stop, log);
}

export async function postgresStatus(profile: StackProfile): Promise<ComponentStatus> {
  return await serverStatus(profile, identity(profile), PORTS, [postgresAdminUrl(profile)]);
}

/** Throws if postgres is not running and another program holds one of its ports. */
export async function preflightPostgres(profile: StackProfile): Promise<void> {
  await assertStartable(profile, identity(profile), PORTS);
}
