import type { CliConfig } from './client';

/** What `parseArgs` gave a command: its flags and the words after the command's name. */
export interface CommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  config: CliConfig;
  json: boolean;
}

/** One `npm run admin -- <name>` command. Each file of commands owns its own flags. */
export interface AdminCommand {
  usage: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  run(args: CommandArgs): Promise<void>;
}

/** A string flag's value, or undefined. */
export function flag(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}
