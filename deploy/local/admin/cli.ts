/**
 * `npm run admin -- <command> [options] [--json]`: the administrators' tools on case-service's admin API — find
 * stuck cases, explain one, repair them. `npm run admin` alone lists the commands.
 *
 * Signs in with GONGZHI_ADMIN_TOKEN, or as --user/--password at agency-service; the demo account (admin /
 * gongzhi-demo) is the default only against a local stack. Tables for people, --json for scripts.
 */
import { parseArgs } from 'node:util';
import { loadCliConfig } from './client';
import { runTool, UsageError } from '../cli/stack-target';
import type { AdminCommand } from './command';
import { findCommands } from './find-commands';
import { repairCommands } from './repair-commands';
import { viewCommands } from './view-commands';

const COMMANDS: Record<string, AdminCommand> = { ...findCommands, ...repairCommands, ...viewCommands };

const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  user: { type: 'string' },
  password: { type: 'string' },
} as const;

function usage(): string {
  return ['usage: npm run admin -- <command> [--json] [--user U --password P]', '']
    .concat(Object.values(COMMANDS).map((command) => `  ${command.usage}`))
    .concat([
      '',
      '  The stack: GONGZHI_PROFILE (dev, test, bench; default dev) or CASE_SERVICE_URL and AGENCY_SERVICE_URL.',
    ])
    .join('\n');
}

function parseOptions(args: string[], command: AdminCommand) {
  try {
    return parseArgs({ args, allowPositionals: true, options: { ...COMMON_OPTIONS, ...command.options } });
  } catch (error) {
    throw new UsageError(`${commandName(command)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const commandName = (command: AdminCommand) => command.usage.split(' ')[0] ?? '';

const HELP = new Set(['--help', '-h', 'help']);

async function main(argv: string[]): Promise<void> {
  const name = argv[0];
  if (name === undefined || HELP.has(name)) {
    console.log(usage());
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`There is no command ${name}.`);
  if (argv.slice(1).some((arg) => HELP.has(arg) && arg !== 'help')) {
    console.log(`usage: npm run admin -- ${command.usage}`);
    return;
  }
  const { values, positionals } = parseOptions(argv.slice(1), command);
  await command.run({ values, positionals, config: loadCliConfig(process.env), json: values.json === true });
}

runTool(usage(), () => main(process.argv.slice(2)));
