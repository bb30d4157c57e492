/**
 * `npm run admin -- <command> [options] [--json]`: the administrators' tools on case-service's admin API — find
 * stuck cases, explain one, repair them. `npm run admin` alone lists the commands.
 *
 * Signs in with GONGZHI_ADMIN_TOKEN, or as --user/--password at agency-service; the demo account (admin /
 * gongzhi-demo) is the default only against a local stack. Tables for people, --json for scripts.
 */
import { parseArgs } from 'node:util';
import { CliError, loadCliConfig } from './client';
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
    .join('\n');
}

async function main(argv: string[]): Promise<void> {
  const name = argv[0];
  const command = name ? COMMANDS[name] : undefined;
  if (!command) throw new CliError(usage());
  const { values, positionals } = parseArgs({
    args: argv.slice(1),
    allowPositionals: true,
    options: { ...COMMON_OPTIONS, ...command.options },
  });
  await command.run({ values, positionals, config: loadCliConfig(process.env), json: values.json === true });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
