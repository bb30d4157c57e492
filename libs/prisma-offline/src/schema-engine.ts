import { errorMessage } from './errors';
import { log } from './log';
import { main } from './main';

// Runnable entry behind bin/schema-engine. A crash must still end the process (and with a non-zero code, which the
// CLI reports as an engine failure) rather than leave the CLI waiting on a half-dead engine.
main(process.argv.slice(2)).catch((error: unknown) => {
  log('ERROR', `schema engine crashed: ${errorMessage(error)}`);
  process.exit(1);
});
