import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ArgsError, type EngineArgs, parseArgs } from './args';
import { type DatasourceArg, parseDatasourceArg } from './datasource';
import { EngineBridge } from './engine-bridge';
import { errorMessage } from './errors';
import { log } from './log';
import { runOneShot } from './one-shot';
import { JsonRpcPeer } from './rpc';
import { wasmPackageVersion } from './wasm-engine';

/** How long to wait for pools to close after the CLI hangs up, before exiting anyway. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Entry point of `bin/schema-engine`. Every path ends in an explicit exit: the Wasm engine arms 10 s and 60 s timers
 * it never clears, which would otherwise keep each CLI command waiting for up to a minute.
 */
export async function main(argv: readonly string[]): Promise<never> {
  let args: EngineArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return process.exit(2);
  }
  switch (args.mode) {
    case 'version':
      // Same shape as the native binary: `schema-engine-cli <engines commit hash>`.
      process.stdout.write(`schema-engine-cli ${wasmPackageVersion().split('.').pop() ?? ''}\n`);
      return process.exit(0);
    case 'help':
      process.stdout.write(
        'Prisma schema engine (WebAssembly build on adapter-pg), for the Prisma CLI: run through PRISMA_SCHEMA_ENGINE_BINARY.\n',
      );
      return process.exit(0);
    case 'one-shot':
      return process.exit(await runOneShot(args.command, args.datasource, (text) => process.stderr.write(text)));
    case 'rpc':
      return process.exit(await serveRpc(args.datamodelPaths, args.datasource));
  }
}

async function serveRpc(datamodelPaths: string[], datasourceJson: string | undefined): Promise<number> {
  // stdout carries the protocol only: a stray console.log from any dependency would corrupt it.
  console.log = console.error;
  console.info = console.error;
  let datasource: DatasourceArg | undefined;
  let datamodels: Array<[string, string]>;
  try {
    datasource = datasourceJson === undefined ? undefined : parseDatasourceArg(datasourceJson);
    // The CLI runs us in the schema's base directory and passes paths as it knows them.
    datamodels = await Promise.all(
      datamodelPaths.map(async (file): Promise<[string, string]> => [file, await readFile(path.resolve(file), 'utf8')]),
    );
  } catch (error) {
    log('ERROR', errorMessage(error));
    return 1;
  }
  // The two reference each other: the bridge prints through the peer, the peer dispatches to the bridge.
  const peer: JsonRpcPeer = new JsonRpcPeer(
    process.stdin,
    process.stdout,
    (method, params) => bridge.handle(method, params),
    (error) => bridge.toErrorObject(error),
  );
  const bridge = new EngineBridge({
    datasource,
    datamodels,
    print: async (content) => {
      await peer.request('print', { content });
    },
    onEngineLog: (line) => process.stderr.write(line.endsWith('\n') ? line : `${line}\n`),
  });
  // The Wasm glue reports some failures (malformed params, Rust panics) by throwing from a callback, outside any
  // promise we hold, and leaves the engine unusable. Drop the temporary shadow database the aborted command may have
  // left (the CLI ends the process once it has the answer), answer the request that caused it, then exit as a crashed
  // engine would.
  let crashed = false;
  const crash = (error: unknown) => {
    log('ERROR', `schema engine failure: ${errorMessage(error)}`);
    if (crashed) return;
    crashed = true;
    void Promise.race([bridge.abandon(), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())])
      .catch(() => undefined)
      .finally(() => {
        peer.failInFlight(error);
        process.exit(1);
      });
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  await peer.serve();
  await Promise.race([bridge.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
  return 0;
}
