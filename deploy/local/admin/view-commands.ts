import { randomUUID } from 'node:crypto';
import type { SavedView, SavedViewList, StaffRole } from '@gongzhi/contracts';
import { CliError, get, send, signIn } from './client';
import { type AdminCommand, type CommandArgs, flag } from './command';
import { STUCK_FILTER_OPTIONS, STUCK_FILTER_USAGE, stuckFiltersOf } from './find-commands';
import { table } from './tables';

const VIEWS = '/api/v1/admin/views';

/** `--share-role administrator,coordinator` → the list, without blanks. */
function list(args: CommandArgs, name: string): string[] {
  return (flag(args, name) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function filtersText(view: SavedView): string {
  return Object.entries(view.filters)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(' ');
}

function printViews(views: SavedView[]): void {
  console.log(
    table(
      ['name', 'filters', 'owner', 'shared with', 'you may change it'],
      views.map((view) => [
        view.name,
        filtersText(view),
        view.ownerStaffId,
        [...view.shareRoles.map((role) => `role ${role}`), ...view.shareAgencyIds].join(', '),
        view.editable ? 'yes' : 'no',
      ]),
    ),
  );
}

async function visibleViews(args: CommandArgs, token: string): Promise<SavedView[]> {
  return (await get<SavedViewList>(args.config, token, VIEWS)).items;
}

function named(args: CommandArgs, what: string): string {
  const [, name] = args.positionals;
  if (!name) throw new CliError(`views ${what} needs a view name`);
  return name;
}

/**
 * `views [list]`, `views show <name>`, `views save <name> …`, `views delete <name>`. Saving a name that already
 * names a view you see replaces it whole (filters and sharing); otherwise it creates one.
 */
const views: AdminCommand = {
  usage: `views [list | show NAME | save NAME [--share-role R,R] [--share-agency ID,ID] ${STUCK_FILTER_USAGE} | delete NAME]`,
  options: {
    ...STUCK_FILTER_OPTIONS,
    'share-role': { type: 'string' },
    'share-agency': { type: 'string' },
    key: { type: 'string' },
  },
  async run(args) {
    const action = args.positionals[0] ?? 'list';
    const token = await signIn(args.config, flag(args, 'user'), flag(args, 'password'));
    const show = (view: SavedView, verb: string) => {
      if (args.json) console.log(JSON.stringify(view, null, 2));
      else {
        console.log(`${verb} view ${view.name} (${view.id})`);
        printViews([view]);
      }
    };
    switch (action) {
      case 'list': {
        const found = await visibleViews(args, token);
        if (args.json) console.log(JSON.stringify(found, null, 2));
        else printViews(found);
        return;
      }
      case 'show': {
        const name = named(args, 'show');
        show(await get<SavedView>(args.config, token, `${VIEWS}/${encodeURIComponent(name)}`), 'saved');
        return;
      }
      case 'save': {
        const name = named(args, 'save');
        const body = {
          name,
          filters: stuckFiltersOf(args),
          shareRoles: list(args, 'share-role') as StaffRole[],
          shareAgencyIds: list(args, 'share-agency'),
        };
        const existing = (await visibleViews(args, token)).find(
          (view) => view.name.toLowerCase() === name.toLowerCase(),
        );
        // A retried save sends the same key, so the service saves it once.
        const key = flag(args, 'key') ?? randomUUID();
        const saved = existing
          ? await send<SavedView>(args.config, token, 'PUT', `${VIEWS}/${existing.id}`, body, key)
          : await send<SavedView>(args.config, token, 'POST', VIEWS, body, key);
        show(saved, existing ? 'replaced' : 'created');
        return;
      }
      case 'delete': {
        const name = named(args, 'delete');
        const deleted = await send<SavedView>(
          args.config,
          token,
          'DELETE',
          `${VIEWS}/${encodeURIComponent(name)}`,
          undefined,
          randomUUID(),
        );
        show(deleted, 'deleted');
        return;
      }
      default:
        throw new CliError(`views ${action}? Use list, show, save or delete.`);
    }
  },
};

/** The stuck scan's saved views, kept on the server and shared with a role or an agency. */
export const viewCommands: Record<string, AdminCommand> = { views };
