import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type ErrorCapturingSqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as Bindings from '@prisma/schema-engine-wasm/schema_engine_bg' with { 'resolution-mode': 'import' };

export type WasmSchemaEngine = Bindings.SchemaEngine;

const WASM_PACKAGE = '@prisma/schema-engine-wasm';

/**
 * The wasm-bindgen glue reports Rust panics through this global (see `__wbg_set_message_*` in the bindings), the way
 * the Prisma CLI sets it up; without it a panic would surface as "Cannot read properties of undefined".
 */
class WasmPanicRegistry {
  private message = '';
  get(): string {
    return this.message;
  }
  set_message(message: string): void {
    this.message = `RuntimeError: ${message}`;
  }
}

declare global {
  var PRISMA_WASM_PANIC_REGISTRY: WasmPanicRegistry | undefined;
}

export function lastWasmPanic(): string | undefined {
  const message = globalThis.PRISMA_WASM_PANIC_REGISTRY?.get();
  return message === undefined || message === '' ? undefined : message;
}

/** The slice of the WebAssembly JS API used here (the ES2023 lib this repo targets does not declare it). */
interface WebAssemblyApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let bindings: Promise<typeof Bindings> | undefined;

/**
 * Instantiates the engine's WebAssembly module. The package's main entry does `import * as wasm from "./x.wasm"`,
 * which Node 20 cannot load, so we instantiate the .wasm ourselves and hand it to the JS glue, as that entry would.
 */
function loadBindings(): Promise<typeof Bindings> {
  bindings ??= (async () => {
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= new WasmPanicRegistry();
    const [glueModule, bytes] = await Promise.all([
      import('@prisma/schema-engine-wasm/schema_engine_bg'),
      readFile(path.join(packageDir(), 'schema_engine_bg.wasm')),
    ]);
    const { instance } = await webAssembly.instantiate(bytes, { './schema_engine_bg.js': glueModule });
    glueModule.__wbg_set_wasm(instance.exports);
    const start = instance.exports['__wbindgen_start'];
    if (typeof start !== 'function') throw new Error(`${WASM_PACKAGE}: __wbindgen_start is missing`);
    start();
    return glueModule;
  })();
  return bindings;
}

/** The package's `exports` only expose the JS glue, so locate its directory through that entry. */
function packageDir(): string {
  return path.dirname(createRequire(__filename).resolve(`${WASM_PACKAGE}/schema_engine_bg`));
}

/** Version string of the engine build, e.g. `7.10.0-4.0edf323…` (read without instantiating the module). */
export function wasmPackageVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(path.join(packageDir(), 'package.json'), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'version') : undefined;
  return typeof version === 'string' ? version : 'unknown';
}

export async function startWasmEngine(
  datamodels: Array<[path: string, content: string]>,
  factory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  onLog: (line: string) => void,
): Promise<WasmSchemaEngine> {
  const { SchemaEngine } = await loadBindings();
  // `datamodels` must be undefined or non-empty, per the engine's constructor contract.
  return SchemaEngine.new({ datamodels: datamodels.length > 0 ? datamodels : undefined }, onLog, factory);
}
