/**
 * Temporal's time-skipping test server (the Java implementation from io.temporal:temporal-test-server), installed as
 * an executable that @temporalio/testing can launch through `executable: { type: 'existing-path' }`.
 *
 * The SDK's core (sdk-core ephemeral_server, TestServerConfig) runs `<path> <port> [...extraArgs]` and waits at
 * most 5 s for a gRPC connection, then kills the child with SIGKILL. So the wrapper must take the port as its first
 * argument, pass further arguments through (`--enable-time-skipping` is the only one TestServer knows), start
 * quickly, and `exec` java so the kill reaches the JVM instead of orphaning it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TEMPORAL_TEST_SERVER_VERSION, temporalTestServerPath } from '@gongzhi/testing/test-server-location';
import { InfraError, longStep, type Logger } from '../lib/log';
import { freeLoopbackPort, isPortOpen, sleep } from '../lib/net';
import { assertJava17, cacheLogFile, fetchMavenJars, installDir, isInstalled } from '../lib/tools';

const MAIN_CLASS = 'io.temporal.testserver.TestServer';

export { TEMPORAL_TEST_SERVER_VERSION };

const CLASS_ARCHIVE = 'classes.jsa';

// The bash script resolves its own directory so it can be smoke-tested in the staging directory before it is moved.
const WRAPPER = `#!/usr/bin/env bash
# Temporal time-skipping test server ${TEMPORAL_TEST_SERVER_VERSION}, written by deploy/local/components/test-server.ts.
# Usage: temporal-test-server <port> [--enable-time-skipping]   (the arguments @temporalio/testing passes)
set -euo pipefail
here="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
# The SDK gives the server 5 s to answer; a class-data-sharing archive made at install time cuts JVM start-up from
# about 1.1 s to 0.45 s, which keeps that margin on a loaded CI machine. A stale archive (other JDK) is ignored.
cds=()
if [ -f "$here/${CLASS_ARCHIVE}" ]; then
  cds=("-XX:SharedArchiveFile=$here/${CLASS_ARCHIVE}" -Xlog:cds=off -Xlog:cds+dynamic=off)
fi
# Serial GC and C1-only JIT: a short-lived test server starts faster and uses less memory with them.
exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \${cds[@]+"\${cds[@]}"} \\
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \\
  -cp "$here/lib/*" ${MAIN_CLASS} "$@"
`;

interface Launch {
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr: () => string;
}

function launch(executable: string, port: number, env: NodeJS.ProcessEnv = process.env): Launch {
  const child = spawn(executable, [String(port)], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

async function waitListening(executable: string, port: number, run: Launch): Promise<number> {
  const started = Date.now();
  let exited = false;
  void run.exited.then(() => (exited = true));
  while (!(await isPortOpen(port))) {
    if (exited || Date.now() - started > 30_000) {
      throw new InfraError(
        `the test server did not start (${executable} ${port}): ${run.stderr().trim() || 'no output'}`,
      );
    }
    await sleep(50);
  }
  return Date.now() - started;
}

/** Starts the wrapper on a free port and waits for it to listen, proving the jars and the JVM work together. */
async function smokeTest(executable: string): Promise<number> {
  const port = await freeLoopbackPort();
  const run = launch(executable, port);
  try {
    return await waitListening(executable, port, run);
  } finally {
    run.child.kill('SIGKILL');
    await run.exited;
  }
}

/**
 * Records the classes a start-up loads into an archive beside the wrapper. It must be made in the final directory
 * (the archive pins the class path) and written under a temporary name: the JVM crashes on a truncated archive.
 * Best effort: without it the server only starts slower.
 */
async function buildClassArchive(executable: string, log: Logger): Promise<void> {
  const archive = path.join(path.dirname(executable), CLASS_ARCHIVE);
  const partial = `${archive}.partial-${process.pid}`;
  try {
    const port = await freeLoopbackPort();
    // JDK_JAVA_OPTIONS reaches the exact java command line the wrapper builds, class path included.
    const run = launch(executable, port, { ...process.env, JDK_JAVA_OPTIONS: `-XX:ArchiveClassesAtExit=${partial}` });
    await waitListening(executable, port, run);
    run.child.kill('SIGTERM'); // the archive is written during an orderly exit, not after SIGKILL
    await run.exited;
    if (!fs.existsSync(partial) || fs.statSync(partial).size === 0)
      throw new Error(run.stderr().trim() || 'no archive written');
    fs.renameSync(partial, archive);
    const ms = await smokeTest(executable);
    log.info('test-server', `start-up with class-data sharing: listening after ${ms}ms`);
  } catch (err) {
    fs.rmSync(archive, { force: true });
    log.info('test-server', `skipped the class-data-sharing archive (start-up stays ~1s): ${(err as Error).message}`);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/**
 * Downloads the test server's jars once into `<cacheDir>/tools/temporal-test-server-<version>` and writes its
 * wrapper; returns the wrapper's path. Never lets the SDK download anything.
 */
export async function ensureTestServer(cacheDir: string, log: Logger = { info: () => undefined }): Promise<string> {
  const executable = temporalTestServerPath(cacheDir);
  const dir = path.dirname(executable);
  if (isInstalled(dir)) return executable;
  await assertJava17();
  await longStep(
    log,
    'test-server',
    `downloading io.temporal:temporal-test-server:${TEMPORAL_TEST_SERVER_VERSION} with Maven`,
    () =>
      installDir(dir, async (staging) => {
        await fetchMavenJars(
          [
            `io.temporal:temporal-test-server:${TEMPORAL_TEST_SERVER_VERSION}`,
            // Without a binding slf4j prints a three-line warning into every test run's output.
            'org.slf4j:slf4j-simple:1.7.36',
          ],
          path.join(staging, 'lib'),
          cacheLogFile(cacheDir, 'mvn-temporal-test-server'),
        );
        const wrapper = path.join(staging, path.basename(executable));
        fs.writeFileSync(wrapper, WRAPPER, { mode: 0o755 });
        const ms = await smokeTest(wrapper);
        log.info('test-server', `smoke test: listening after ${ms}ms (the SDK allows 5000ms)`);
      }),
  );
  await buildClassArchive(executable, log);
  return executable;
}
