/**
 * SeaweedFS, the S3-compatible object store the S3 document store is tested against (`weed mini`: master, volume
 * server, filer and S3 gateway in one process), one per profile, with its data under `<dataDir>/seaweedfs`. Only
 * the test profile starts it by default; the dev stack keeps documents on the local disk (`--only seaweedfs` starts it
 * for any profile).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StackPorts, StackProfile } from '../lib/profile';
import { assertStartable, ensureServer, serverStatus, type ComponentStatus } from '../lib/component';
import { capture, runLogged, whichSync } from '../lib/exec';
import { InfraError, displayPath, longStep, type Logger } from '../lib/log';
import { LOOPBACK, type PortNeed } from '../lib/net';
import { stopProcess, type ProcessIdentity, type StopHow, type StopSpec } from '../lib/process';
import { cacheLogFile, installDir, isInstalled, toolsDir } from '../lib/tools';

/**
 * The SeaweedFS commit built, by its Go pseudo-version (`weed version` reports 4.53): its release tags are not Go
 * module versions, so the module proxy knows the commit only this way.
 */
export const SEAWEEDFS_MODULE = 'github.com/seaweedfs/seaweedfs';
export const SEAWEEDFS_VERSION = 'v0.0.0-20261109003541-7506e5f91cd6';
/** The `go` line of SeaweedFS's go.mod at that commit: an older Go cannot build it. */
const SEAWEEDFS_GO = '1.26.6';

/** The bucket documents go to; created by the server at start-up. */
export const S3_BUCKET = 'gongzhi-documents';
/** SeaweedFS ignores the region, but S3 clients sign requests for one. */
export const S3_REGION = 'us-east-1';

/** Every port `weed mini` listens on, each moved per profile, so the dev, test and bench servers run side by side. */
const PORTS: readonly PortNeed[] = [
  { key: 's3', what: 'seaweedfs S3 API' },
  { key: 's3Grpc', what: 'seaweedfs S3 gRPC' },
  { key: 'seaweedfsMaster', what: 'seaweedfs master' },
  { key: 'seaweedfsMasterGrpc', what: 'seaweedfs master gRPC' },
  { key: 'seaweedfsVolume', what: 'seaweedfs volume server' },
  { key: 'seaweedfsVolumeGrpc', what: 'seaweedfs volume gRPC' },
  { key: 'seaweedfsFiler', what: 'seaweedfs filer' },
  { key: 'seaweedfsFilerGrpc', what: 'seaweedfs filer gRPC' },
  { key: 'seaweedfsAdmin', what: 'seaweedfs admin' },
  { key: 'seaweedfsAdminGrpc', what: 'seaweedfs admin gRPC' },
];

/** How a client reaches a profile's server. */
export interface S3Access {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * The one identity the server knows. Fixed per profile, not secret: the server listens on loopback only and holds
 * nothing but what the stack's own tests and demo wrote.
 */
export function s3Access(profile: StackProfile): S3Access {
  return {
    endpoint: `http://${LOOPBACK}:${profile.ports.s3}`,
    region: S3_REGION,
    bucket: S3_BUCKET,
    accessKeyId: `gongzhi-${profile.name}`,
    secretAccessKey: `gongzhi-${profile.name}-local-only`,
  };
}

export function weedPath(cacheDir: string): string {
  return path.join(toolDir(cacheDir), 'weed');
}

function toolDir(cacheDir: string): string {
  return path.join(toolsDir(cacheDir), `seaweedfs-${SEAWEEDFS_VERSION.split('-').slice(1).join('-')}`);
}

function dataDir(profile: StackProfile): string {
  return path.join(profile.dataDir, 'seaweedfs');
}

function s3ConfigFile(profile: StackProfile): string {
  return path.join(profile.dataDir, 'config', 'seaweedfs', 's3.json');
}

function identity(profile: StackProfile): ProcessIdentity & { name: 'seaweedfs' } {
  return { name: 'seaweedfs', marker: s3ConfigFile(profile) };
}

/** "1.26.8" → [1, 26, 8]; a prerelease suffix (`1.27rc1`) counts as its release. */
function versionParts(version: string): number[] {
  return version.split('.').map((part) => Number.parseInt(part, 10) || 0);
}

function atLeast(version: string, minimum: string): boolean {
  const have = versionParts(version);
  const need = versionParts(minimum);
  for (let i = 0; i < need.length; i += 1) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

async function assertGo(target: string): Promise<void> {
  const hint = `install Go ${SEAWEEDFS_GO} or newer (https://go.dev/dl), or place a weed executable at ${target}`;
  if (whichSync('go') === undefined)
    throw new InfraError(`SeaweedFS is not built yet and Go is not installed: ${hint}.`);
  const { code, stdout } = await capture('go', ['env', 'GOVERSION']);
  const version = /^go(\d+(?:\.\d+)*)/.exec(stdout.trim())?.[1];
  if (code !== 0 || version === undefined || !atLeast(version, SEAWEEDFS_GO)) {
    throw new InfraError(
      `SeaweedFS needs Go ${SEAWEEDFS_GO}, and go on PATH is ${stdout.trim() || 'unknown'}: ${hint}.`,
    );
  }
}

/**
 * The module that builds `weed`. `go install …@version` refuses a module whose go.mod has replace directives, and
 * SeaweedFS's has one: github.com/tyler-smith/go-bip39 was deleted, so it points to the maintained fork. A module of
 * our own that requires SeaweedFS and repeats the replacement builds it instead.
 */
function wrapperModule(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'go.mod'),
    [
      'module gongzhi.local/build-weed',
      '',
      `go ${SEAWEEDFS_GO}`,
      '',
      `require ${SEAWEEDFS_MODULE} ${SEAWEEDFS_VERSION}`,
      '',
      'replace github.com/tyler-smith/go-bip39 => github.com/cosmos/go-bip39 v1.0.0',
      '',
    ].join('\n'),
  );
  // Imports the command so `go mod tidy` resolves everything it needs; never compiled (build tag).
  fs.writeFileSync(
    path.join(dir, 'tools.go'),
    `//go:build tools\n\npackage tools\n\nimport _ "${SEAWEEDFS_MODULE}/weed"\n`,
  );
}

/**
 * Builds `weed` once per machine into the tools cache (about 3½ minutes and 2.7 GB of memory on two cores the first
 * time; seconds with Go's caches warm). The tool directory appears only when the build finished (lib/tools.ts).
 */
export async function provisionSeaweedfs(cacheDir: string, log: Logger): Promise<string> {
  const dir = toolDir(cacheDir);
  if (isInstalled(dir)) return weedPath(cacheDir);
  await assertGo(weedPath(cacheDir));
  const logFile = cacheLogFile(cacheDir, 'go-build-seaweedfs');
  const hint = 'Check that the Go module proxy (proxy.golang.org or $GOPROXY) is reachable.';
  await longStep(log, 'seaweedfs', `building SeaweedFS (${SEAWEEDFS_VERSION}) into ${displayPath(dir)}`, () =>
    installDir(dir, async (staging) => {
      const module = path.join(staging, 'build');
      wrapperModule(module);
      // A go.work above the cache, or a newer toolchain fetched behind our back, would change what is built.
      const env = { ...process.env, GOWORK: 'off', GOTOOLCHAIN: 'local' };
      await runLogged('go', ['mod', 'tidy'], logFile, hint, { cwd: module, env });
      await runLogged('go', ['build', '-o', path.join(staging, 'weed'), `${SEAWEEDFS_MODULE}/weed`], logFile, hint, {
        cwd: module,
        env,
      });
      fs.rmSync(module, { recursive: true, force: true });
    }),
  );
  return weedPath(cacheDir);
}

function s3Config(profile: StackProfile): string {
  const access = s3Access(profile);
  return `${JSON.stringify(
    {
      identities: [
        {
          name: 'gongzhi',
          credentials: [{ accessKey: access.accessKeyId, secretKey: access.secretAccessKey }],
          actions: ['Admin', 'Read', 'List', 'Tagging', 'Write'],
        },
      ],
    },
    null,
    2,
  )}\n`;
}

function portFlag(flag: string, profile: StackProfile, key: keyof StackPorts): string {
  return `-${flag}=${profile.ports[key]}`;
}

async function healthy(profile: StackProfile): Promise<boolean> {
  const res = await fetch(`${s3Access(profile).endpoint}/healthz`, { signal: AbortSignal.timeout(2_000) });
  return res.ok;
}

export async function startSeaweedfs(profile: StackProfile, weed: string, log: Logger): Promise<void> {
  await ensureServer(
    profile,
    {
      identity: identity(profile),
      ports: PORTS,
      prepare: async () => {
        fs.mkdirSync(dataDir(profile), { recursive: true });
        fs.mkdirSync(path.dirname(s3ConfigFile(profile)), { recursive: true });
        fs.writeFileSync(s3ConfigFile(profile), s3Config(profile), { mode: 0o600 });
        return {
          command: weed,
          args: [
            'mini',
            `-dir=${dataDir(profile)}`,
            `-ip=${LOOPBACK}`,
            `-ip.bind=${LOOPBACK}`,
            `-s3.config=${s3ConfigFile(profile)}`,
            `-bucket=${S3_BUCKET}`,
            portFlag('s3.port', profile, 's3'),
            portFlag('s3.port.grpc', profile, 's3Grpc'),
            portFlag('master.port', profile, 'seaweedfsMaster'),
            portFlag('master.port.grpc', profile, 'seaweedfsMasterGrpc'),
            portFlag('volume.port', profile, 'seaweedfsVolume'),
            portFlag('volume.port.grpc', profile, 'seaweedfsVolumeGrpc'),
            portFlag('filer.port', profile, 'seaweedfsFiler'),
            portFlag('filer.port.grpc', profile, 'seaweedfsFilerGrpc'),
            // The admin server starts even without its UI (workers report to it): its ports move too.
            portFlag('admin.port', profile, 'seaweedfsAdmin'),
            portFlag('admin.port.grpc', profile, 'seaweedfsAdminGrpc'),
            '-admin.ui=false',
            '-admin.port.legacy=0',
            // Gateways the stack does not use, each on a fixed port of its own otherwise.
            '-webdav=false',
            '-s3.port.iceberg=0',
            '-s3.port.lance=0',
            // The master would otherwise report usage statistics to seaweedfs.com.
            '-master.telemetry=false',
          ],
          cwd: dataDir(profile),
        };
      },
      probe: () => healthy(profile),
      waitingFor: `GET ${s3Access(profile).endpoint}/healthz to answer 200`,
      startTimeoutMs: 60_000,
    },
    log,
  );
}

export async function stopSeaweedfs(profile: StackProfile, log: Logger, how: StopHow = 'clean'): Promise<boolean> {
  const stop: StopSpec =
    how === 'crash' ? { signal: 'SIGKILL', graceMs: 10_000 } : { signal: 'SIGTERM', graceMs: 15_000 };
  return await stopProcess(profile, identity(profile), stop, log);
}

export async function seaweedfsStatus(profile: StackProfile): Promise<ComponentStatus> {
  const access = s3Access(profile);
  return await serverStatus(profile, identity(profile), PORTS, [`${access.endpoint} (bucket ${access.bucket})`]);
}

/** Throws if seaweedfs is not running and another program holds one of its ports. */
export async function preflightSeaweedfs(profile: StackProfile): Promise<void> {
  await assertStartable(profile, identity(profile), PORTS);
}
