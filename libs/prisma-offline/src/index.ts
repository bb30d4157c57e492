import path from 'node:path';

/** Absolute path of the schema-engine executable that runs Prisma's WebAssembly engine on adapter-pg. */
export const SCHEMA_ENGINE_PATH = path.resolve(__dirname, '..', 'bin', 'schema-engine');

/**
 * Points the Prisma CLI at the offline schema engine unless PRISMA_SCHEMA_ENGINE_BINARY is already set. Call it at
 * the top of a prisma.config.ts: the CLI reads the variable after loading the config, before it looks for (and would
 * try to download) the native engine.
 */
export function usePrismaOffline(): void {
  process.env['PRISMA_SCHEMA_ENGINE_BINARY'] ??= SCHEMA_ENGINE_PATH;
}
