/**
 * `npm run -s token -- <username> [--password P]`: signs in at agency-service and prints the access token, for curl
 * and scripts against a running stack — `curl -H "Authorization: Bearer $(npm run -s token -- mediator.shangba)" …`.
 * Without --password, the demo accounts' password (local stacks only).
 */
import { parseArgs } from 'node:util';
import { logIn } from '../admin/client';
import { runTool, stackTarget, UsageError } from './stack-target';

const USAGE = `usage: npm run -s token -- <username> [--password P]

  Prints an access token of that staff account (the demo accounts of npm start need no password).
  The stack: GONGZHI_PROFILE (dev, test, bench; default dev) or AGENCY_SERVICE_URL.`;

runTool(USAGE, async () => {
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args: process.argv.slice(2),
        allowPositionals: true,
        options: { password: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  })();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [username, ...rest] = positionals;
  if (!username || rest.length > 0) throw new UsageError('Name one account.');
  console.log(await logIn(stackTarget().agencyServiceUrl, username, values.password));
});
