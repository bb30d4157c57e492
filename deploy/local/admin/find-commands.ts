import { type CaseDiagnosis, STUCK_KINDS, type StuckReport } from '@gongzhi/contracts';
import { CliError, get, signIn } from './client';
import { type AdminCommand, type CommandArgs, flag } from './command';
import { hours, table } from './tables';

/** The stuck scan's filter flags, shared by `stuck` and `views save`. */
export const STUCK_FILTER_OPTIONS = {
  kind: { type: 'string' },
  town: { type: 'string' },
  agency: { type: 'string' },
  level: { type: 'string' },
  'min-age-hours': { type: 'string' },
  limit: { type: 'string' },
} as const;

export const STUCK_FILTER_USAGE = `[--kind ${STUCK_KINDS.join('|')}] [--town T] [--agency ID] [--level L1..L4] [--min-age-hours N] [--limit N]`;

function number(args: CommandArgs, name: string): number | undefined {
  const value = flag(args, name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new CliError(`--${name} takes a number, not "${value}"`);
  return parsed;
}

/** The filters the flags state, under the API's names; flags not given are left out. */
export function stuckFiltersOf(args: CommandArgs): Record<string, string | number> {
  const filters: Record<string, string | number | undefined> = {
    kind: flag(args, 'kind'),
    town: flag(args, 'town'),
    agencyId: flag(args, 'agency'),
    level: flag(args, 'level'),
    minAgeHours: number(args, 'min-age-hours'),
    limit: number(args, 'limit'),
  };
  return Object.fromEntries(
    Object.entries(filters).filter((entry): entry is [string, string | number] => entry[1] !== undefined),
  );
}

function printStuck(report: StuckReport): void {
  const counts = Object.entries(report.counts)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(' · ');
  const view = report.view ? ` with view ${report.view.name}` : '';
  console.log(`Scanned ${report.scannedAt}${view}: ${counts}${report.truncated ? ' (more than shown)' : ''}`);
  for (const warning of report.warnings) console.log(`warning: ${warning}`);
  console.log();
  console.log(
    table(
      ['stuck for', 'kind', 'case', 'level', 'agency', 'diagnosis'],
      report.items.map((item) => [
        hours(item.stuckForMs),
        item.kind,
        item.caseId ?? item.workflowId,
        item.level ?? '',
        item.agencyId ?? '',
        item.diagnosis,
      ]),
    ),
  );
}

function printDiagnosis(described: CaseDiagnosis): void {
  console.log(
    `case ${described.caseId} (${described.caseStatus}), workflow ${described.workflowId} (${described.workflowStatus})`,
  );
  console.log(`diagnosis: ${described.diagnosis}\n`);
  if (described.workflowTask) {
    const { attempt, since, cause, message } = described.workflowTask;
    console.log(
      `workflow task: attempt ${attempt} since ${since ?? '?'}, ${cause ?? 'cause unknown'}: ${message ?? ''}\n`,
    );
  }
  if (described.state) {
    const { level, phase, agencyId, responsibleStaffId } = described.state;
    console.log(`state: ${level ?? '-'} ${phase} at ${agencyId ?? '-'}, responsible ${responsibleStaffId ?? '-'}\n`);
  }
  console.log(
    table(
      ['activity', 'attempt', 'state', 'last failure'],
      described.pendingActivities.map((a) => [a.activityType, String(a.attempt), a.state, a.lastFailure ?? '']),
    ),
  );
  console.log();
  console.log(
    table(
      ['task', 'kind', 'agency', 'assignee', 'due', 'overdue', 'awaited'],
      described.openTasks.map((t) => [
        t.id,
        t.kind,
        t.agencyId,
        t.assigneeStaffId ?? '',
        t.dueAt ?? '',
        t.overdueMs ? hours(t.overdueMs) : '',
        t.awaitedByWorkflow === null ? '?' : t.awaitedByWorkflow ? 'yes' : 'NO: the workflow left it',
      ]),
    ),
  );
  for (const action of described.actionsWithoutTask) {
    console.log(`awaited with no task: ${action.kind} (${action.actionId}) by ${action.agencyId}`);
  }
  console.log();
  console.log(
    table(
      ['at', 'event', 'actor'],
      described.timeline.map((e) => [e.at, e.type, e.actor]),
    ),
  );
}

const stuck: AdminCommand = {
  usage: `stuck [--view NAME] ${STUCK_FILTER_USAGE}   (flags override the view's filters)`,
  options: { ...STUCK_FILTER_OPTIONS, view: { type: 'string' } },
  async run(args) {
    const query = new URLSearchParams();
    const view = flag(args, 'view');
    if (view !== undefined) query.set('view', view);
    for (const [name, value] of Object.entries(stuckFiltersOf(args))) query.set(name, String(value));
    const token = await signIn(args.config, flag(args, 'user'), flag(args, 'password'));
    const report = await get<StuckReport>(args.config, token, `/api/v1/admin/stuck?${query.toString()}`);
    if (args.json) console.log(JSON.stringify(report, null, 2));
    else printStuck(report);
  },
};

const describe: AdminCommand = {
  usage: 'describe <caseId>',
  options: {},
  async run(args) {
    const [caseId] = args.positionals;
    if (!caseId) throw new Error('describe needs a case id');
    const token = await signIn(args.config, flag(args, 'user'), flag(args, 'password'));
    const described = await get<CaseDiagnosis>(
      args.config,
      token,
      `/api/v1/admin/cases/${encodeURIComponent(caseId)}/describe`,
    );
    if (args.json) console.log(JSON.stringify(described, null, 2));
    else printDiagnosis(described);
  },
};

/** Finding stuck cases and explaining one. */
export const findCommands: Record<string, AdminCommand> = { stuck, describe };
