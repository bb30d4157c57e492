/** The command line the Prisma CLI gives its schema-engine binary. */
export type EngineArgs =
  | { mode: 'version' }
  | { mode: 'help' }
  | { mode: 'one-shot'; command: string; datasource: string | undefined }
  | { mode: 'rpc'; datamodelPaths: string[]; datasource: string | undefined; previewFeatures: string[] };

export class ArgsError extends Error {
  override readonly name = 'ArgsError';
}

const VALUE_FLAGS = new Set(['--datamodels', '--datasource', '--enabled-preview-features', '--extension-types']);

/**
 * Accepts what the CLI sends: `[--datamodels <path>]… [--datasource <json>] [--enabled-preview-features a,b]
 * [--extension-types <json>]` for JSON-RPC, `--datasource <json> cli <command>` for one-shot commands, `--version`.
 */
export function parseArgs(argv: readonly string[]): EngineArgs {
  const datamodelPaths: string[] = [];
  const previewFeatures: string[] = [];
  let datasource: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--version' || arg === '-V') return { mode: 'version' };
    if (arg === '--help' || arg === '-h') return { mode: 'help' };
    if (arg === 'cli') {
      const command = argv[i + 1];
      if (command === undefined) throw new ArgsError('`cli` needs a command, e.g. `cli can-connect-to-database`');
      return { mode: 'one-shot', command, datasource };
    }
    if (!VALUE_FLAGS.has(arg)) throw new ArgsError(`Unknown argument: ${arg}`);
    const value = argv[++i];
    if (value === undefined) throw new ArgsError(`${arg} needs a value`);
    if (arg === '--datamodels') datamodelPaths.push(value);
    else if (arg === '--datasource') datasource = value;
    else if (arg === '--enabled-preview-features') previewFeatures.push(...value.split(',').filter(Boolean));
    // --extension-types only matters for Prisma's Postgres extensions support, which the Wasm build does not take.
  }
  return { mode: 'rpc', datamodelPaths, datasource, previewFeatures };
}
