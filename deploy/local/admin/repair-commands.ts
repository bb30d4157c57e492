import { randomUUID } from 'node:crypto';
import {
  type BatchRepair,
  REPAIR_KINDS,
  type RepairBatch,
  type RepairKind,
  type RepairLog,
  type RepairRecord,
  type RepairRequest,
} from '@gongzhi/contracts';
import { CliError, get, send, signIn } from './client';
import { type AdminCommand, type CommandArgs, flag } from './command';
import { STUCK_FILTER_OPTIONS, STUCK_FILTER_USAGE, stuckFiltersOf } from './find-commands';
import { table } from './tables';

const REPAIR_OPTIONS = {
  reason: { type: 'string' },
  task: { type: 'string' },
  to: { type: 'string' },
  amount: { type: 'string' },
  unit: { type: 'string' },
  activity: { type: 'string' },
  event: { type: 'string' },
  key: { type: 'string' },
} as const;

function kindOf(value: string | undefined): RepairKind {
  if (value && (REPAIR_KINDS as readonly string[]).includes(value)) return value as RepairKind;
  throw new CliError(`Say which repair: ${REPAIR_KINDS.join(', ')}.`);
}

function required(args: CommandArgs, name: string): string {
  const value = flag(args, name);
  if (!value) throw new CliError(`--${name} is required for this repair.`);
  return value;
}

function number(args: CommandArgs, name: string): number {
  const value = Number(required(args, name));
  if (!Number.isInteger(value)) throw new CliError(`--${name} must be a whole number.`);
  return value;
}

function unitOf(args: CommandArgs): 'working-days' | 'calendar-days' {
  const unit = flag(args, 'unit') ?? 'working-days';
  if (unit !== 'working-days' && unit !== 'calendar-days')
    throw new CliError('--unit is working-days or calendar-days.');
  return unit;
}

/** The request body of one case's repair, from the command line. */
function repairRequest(kind: RepairKind, args: CommandArgs): RepairRequest {
  const reason = required(args, 'reason');
  switch (kind) {
    case 'retry-activity': {
      const activityId = flag(args, 'activity');
      return { kind, reason, ...(activityId ? { activityId } : {}) };
    }
    case 'reassign-task':
      return { kind, reason, taskId: required(args, 'task'), toStaffId: required(args, 'to') };
    case 'reopen-task':
      return { kind, reason, taskId: required(args, 'task') };
    case 'extend-deadline':
      return { kind, reason, taskId: required(args, 'task'), amount: number(args, 'amount'), unit: unitOf(args) };
    case 'reset': {
      const event = flag(args, 'event');
      return { kind, reason, ...(event ? { toEventId: number(args, 'event') } : {}) };
    }
    case 'resend-urging':
    case 'terminate':
      return { kind, reason };
  }
}

/** The repair a batch applies to each item: tasks come from the stuck items. */
function batchRepair(kind: RepairKind, args: CommandArgs): BatchRepair {
  switch (kind) {
    case 'reassign-task':
      return { kind, toStaffId: required(args, 'to') };
    case 'extend-deadline':
      return { kind, amount: number(args, 'amount'), unit: unitOf(args) };
    default:
      return { kind };
  }
}

function printRecords(records: RepairRecord[]): void {
  console.log(
    table(
      ['at', 'repair', 'status', 'by', 'outcome', 'reason'],
      records.map((r) => [r.requestedAt, r.kind, r.status, r.actorId, r.outcome ?? '', r.reason]),
    ),
  );
}

function progressLine(batch: RepairBatch): string {
  const done = batch.counts.applied + batch.counts.refused + batch.counts.failed;
  return `${done}/${batch.total} done — applied ${batch.counts.applied}, refused ${batch.counts.refused}, failed ${batch.counts.failed}`;
}

function printBatch(batch: RepairBatch): void {
  console.log(
    table(
      ['case', 'task', 'status', 'outcome', 'diagnosis'],
      batch.items.map((item) => [item.caseId, item.taskId ?? '', item.status, item.outcome ?? '', item.diagnosis]),
    ),
  );
}

const repair: AdminCommand = {
  usage:
    'repair <caseId> <retry-activity|reassign-task|reopen-task|resend-urging|extend-deadline|terminate|reset> --reason "…" [--task ID] [--to STAFF] [--amount N --unit working-days|calendar-days] [--activity ID] [--event N] [--key K]',
  options: REPAIR_OPTIONS,
  async run(args) {
    const [caseId, kindName] = args.positionals;
    if (!caseId) throw new CliError('repair needs a case id.');
    const body = repairRequest(kindOf(kindName), args);
    // A fresh key per command; pass --key to retry one that timed out, so it repairs once.
    const key = flag(args, 'key') ?? randomUUID();
    // Said before sending: if the answer never comes, the same command with --key repairs once.
    if (!args.json) console.error(`repair key ${key} (on a timeout, run the same command with --key ${key})`);
    const token = await signIn(args.config, flag(args, 'user'), flag(args, 'password'));
    const record = await send<RepairRecord>(
      args.config,
      token,
      'POST',
      `/api/v1/admin/cases/${encodeURIComponent(caseId)}/repairs`,
      body,
      key,
    );
    if (args.json) console.log(JSON.stringify(record, null, 2));
    else console.log(`${record.kind} ${record.status}: ${record.outcome ?? ''} (repair ${record.id}, key ${key})`);
  },
};

const repairs: AdminCommand = {
  usage: 'repairs <caseId>   (the case’s repair log)',
  options: {},
  async run(args) {
    const [caseId] = args.positionals;
    if (!caseId) throw new CliError('repairs needs a case id.');
    const token = await signIn(args.config, flag(args, 'user'), flag(args, 'password'));
    const log = await get<RepairLog>(args.config, token, `/api/v1/admin/cases/${encodeURIComponent(caseId)}/repairs`);
    if (args.json) console.log(JSON.stringify(log, null, 2));
    else printRecords(log.items);
  },
};

const batch: AdminCommand = {
  usage: `batch <repair kind> --reason "…" [--dry-run] [--view NAME] ${STUCK_FILTER_USAGE} [--to STAFF] [--amount N --unit U]`,
  options: { ...REPAIR_OPTIONS, ...STUCK_FILTER_OPTIONS, 'dry-run': { type: 'boolean' }, view: { type: 'string' } },
  async run(args) {
    const kind = kindOf(args.positionals[0]);
    const view = flag(args, 'view');
    const filters = { ...stuckFiltersOf(args), ...(view ? { view } : {}) };
    const dryRun = args.values['dry-run'] === true;
    const body = { filters, repair: batchRepair(kind, args), reason: required(args, 'reason'), dryRun };
    const key = flag(args, 'key') ?? randomUUID();
    if (!dryRun && !args.json) console.error(`batch key ${key} (on a timeout, run the same command with --key ${key})`);
    const token = await signIn(args.config, flag(args, 'user'), flag(args, 'password'));
    let current = await send<RepairBatch>(args.config, token, 'POST', '/api/v1/admin/repair-batches', body, key);
    if (dryRun) {
      if (args.json) console.log(JSON.stringify(current, null, 2));
      else {
        console.log(`dry run: ${current.total} item(s) would get ${kind}; nothing changed\n`);
        printBatch(current);
      }
      return;
    }
    if (!args.json) console.error(`batch ${current.id} started (key ${key}): ${progressLine(current)}`);
    let last = '';
    while (current.status !== 'done') {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      current = await get<RepairBatch>(args.config, token, `/api/v1/admin/repair-batches/${current.id}`);
      const line = progressLine(current);
      if (line !== last && !args.json) console.error(line);
      last = line;
    }
    if (args.json) console.log(JSON.stringify(current, null, 2));
    else {
      console.log(`\nbatch ${current.id} done: ${progressLine(current)}\n`);
      printBatch(current);
    }
  },
};

/** Repairing stuck cases: one case, its log, or a batch over the stuck scan's filters. */
export const repairCommands: Record<string, AdminCommand> = { repair, repairs, batch };
