import { canConnect, createDatabase, dropDatabase } from './database-admin';
import { parseDatasourceArg, parsePostgresUrl } from './datasource';
import { errorMessage, UserFacingError } from './errors';
import { logLine } from './log';

/**
 * `schema-engine --datasource <json> cli <command>`: the CLI runs these before opening a JSON-RPC session, e.g. to
 * create a missing database for `migrate dev`/`deploy`. They need only plain pg (the Wasm engine has no
 * `createDatabase`). Returns the exit code; all output goes to `writeStderr`, in the format the CLI parses.
 */
export async function runOneShot(
  command: string,
  datasourceJson: string | undefined,
  writeStderr: (text: string) => void,
): Promise<number> {
  // The CLI skips the first stderr line and parses every other one as JSON: lead with a log line of our own.
  writeStderr(`${logLine('INFO', `Starting schema engine CLI command: ${command}`)}\n`);
  try {
    if (datasourceJson === undefined) throw new Error('--datasource is required for `cli` commands');
    const target = parsePostgresUrl(parseDatasourceArg(datasourceJson).url);
    switch (command) {
      case 'can-connect-to-database':
        await canConnect(target);
        break;
      case 'create-database':
        await createDatabase(target);
        break;
      case 'drop-database':
        await dropDatabase(target);
        break;
      default:
        throw new Error(`Unknown cli command: ${command}`);
    }
    return 0;
  } catch (error) {
    const fields = error instanceof UserFacingError ? { error_code: error.errorCode } : {};
    // No trailing text after this line: the CLI JSON-parses each line of stderr.
    writeStderr(`${logLine('ERROR', errorMessage(error), fields)}\n`);
    return 1;
  }
}
