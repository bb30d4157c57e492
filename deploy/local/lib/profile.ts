/**
 * Where a local stack lives and which ports it uses. Three profiles run side by side on one machine:
 * `dev` (npm start), `test` (npm test) and `bench` (npm run bench), so neither a test run nor a benchmark touches the
 * data of a running demo, and a benchmark never competes with a test run for its ports.
 * Every port can be overridden from the environment (GONGZHI_<NAME>_PORT) when it clashes with something else.
 */
import os from 'node:os';
import path from 'node:path';
import defaultPorts from './default-ports.json';

export type ProfileName = 'dev' | 'test' | 'bench';

export interface StackPorts {
  postgres: number;
  temporal: number;
  temporalUi: number;
  kafka: number;
  kafkaController: number;
  partyService: number;
  caseService: number;
  agencyService: number;
  statisticsService: number;
  /** The web console (its backend-for-frontend serves the built app on the same port). */
  console: number;
  /** SeaweedFS's S3 API, where the S3 document store is tested; the others are its own parts' ports. */
  s3: number;
  s3Grpc: number;
  seaweedfsMaster: number;
  seaweedfsMasterGrpc: number;
  seaweedfsVolume: number;
  seaweedfsVolumeGrpc: number;
  seaweedfsFiler: number;
  seaweedfsFilerGrpc: number;
  seaweedfsAdmin: number;
  seaweedfsAdminGrpc: number;
}

export interface StackProfile {
  name: ProfileName;
  /** Root of the repository this stack belongs to. */
  repoRoot: string;
  /** Mutable state of this profile: databases, Temporal's SQLite file, Kafka's log dirs. */
  dataDir: string;
  /** One log file per process. */
  logDir: string;
  /** pid files of the processes this profile started. */
  runDir: string;
  /** Built tools and downloaded jars, shared by every clone on this machine. */
  cacheDir: string;
  ports: StackPorts;
}

/**
 * Each profile's ports, as data (default-ports.json): the test that runs the README's commands reads the dev
 * profile's addresses from the same file.
 */
const DEFAULT_PORTS: Record<ProfileName, StackPorts> = defaultPorts;

const ENV_NAMES: Record<keyof StackPorts, string> = {
  postgres: 'GONGZHI_POSTGRES_PORT',
  temporal: 'GONGZHI_TEMPORAL_PORT',
  temporalUi: 'GONGZHI_TEMPORAL_UI_PORT',
  kafka: 'GONGZHI_KAFKA_PORT',
  kafkaController: 'GONGZHI_KAFKA_CONTROLLER_PORT',
  partyService: 'GONGZHI_PARTY_SERVICE_PORT',
  caseService: 'GONGZHI_CASE_SERVICE_PORT',
  agencyService: 'GONGZHI_AGENCY_SERVICE_PORT',
  statisticsService: 'GONGZHI_STATISTICS_SERVICE_PORT',
  console: 'GONGZHI_CONSOLE_PORT',
  s3: 'GONGZHI_S3_PORT',
  s3Grpc: 'GONGZHI_S3_GRPC_PORT',
  seaweedfsMaster: 'GONGZHI_SEAWEEDFS_MASTER_PORT',
  seaweedfsMasterGrpc: 'GONGZHI_SEAWEEDFS_MASTER_GRPC_PORT',
  seaweedfsVolume: 'GONGZHI_SEAWEEDFS_VOLUME_PORT',
  seaweedfsVolumeGrpc: 'GONGZHI_SEAWEEDFS_VOLUME_GRPC_PORT',
  seaweedfsFiler: 'GONGZHI_SEAWEEDFS_FILER_PORT',
  seaweedfsFilerGrpc: 'GONGZHI_SEAWEEDFS_FILER_GRPC_PORT',
  seaweedfsAdmin: 'GONGZHI_SEAWEEDFS_ADMIN_PORT',
  seaweedfsAdminGrpc: 'GONGZHI_SEAWEEDFS_ADMIN_GRPC_PORT',
};

/**
 * The prefix of a profile's variables: the test and bench profiles take theirs with an infix (GONGZHI_TEST_…,
 * GONGZHI_BENCH_…) so a developer's dev overrides never leak into them.
 */
export function profileEnvPrefix(name: ProfileName): string {
  return name === 'dev' ? 'GONGZHI_' : `GONGZHI_${name.toUpperCase()}_`;
}

export function portEnvName(key: keyof StackPorts): string {
  return ENV_NAMES[key];
}

function parsePort(name: string, raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(`${name}=${raw} is not a usable port: give a whole number between 1024 and 65535.`);
  }
  return port;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GONGZHI_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'gongzhi');
}

export function loadProfile(name: ProfileName, env: NodeJS.ProcessEnv = process.env): StackProfile {
  const prefix = profileEnvPrefix(name);
  const ports = { ...DEFAULT_PORTS[name] };
  for (const key of Object.keys(ports) as (keyof StackPorts)[]) {
    const envName = ENV_NAMES[key].replace(/^GONGZHI_/, prefix);
    const raw = env[envName];
    if (raw !== undefined && raw !== '') ports[key] = parsePort(envName, raw);
  }
  // The bench stack's data sits beside `.data/bench/`, where the benchmark writes its results.
  const dataDir = path.join(REPO_ROOT, '.data', ...{ dev: [], test: ['test'], bench: ['bench-stack'] }[name]);
  return {
    name,
    repoRoot: REPO_ROOT,
    dataDir,
    logDir: path.join(dataDir, 'logs'),
    runDir: path.join(dataDir, 'run'),
    cacheDir: cacheDir(env),
    ports,
  };
}
