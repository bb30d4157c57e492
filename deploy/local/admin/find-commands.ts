import type { CaseDiagnosis, StuckReport } from '@gongzhi/contracts';
import { get, signIn } from './client';
import { type AdminCommand, flag } from './command';
import { hours, table } from './tables';

function printStuck(report: StuckReport): void {
  const counts = Object.entries(report.counts)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(' · ');
  console.log(`Scanned ${report.scannedAt}: ${counts}${report.truncated ? ' (more than shown)' : ''}\n`);
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
      ['task', 'kind', 'agency', 'assignee', 'due', 'overdue'],
      described.openTasks.map((t) => [
        t.id,
        t.kind,
        t.agencyId,
        t.assigneeStaffId ?? '',
        t.dueAt ?? '',
        t.overdueMs ? hours(t.overdueMs) : '',
      ]),
    ),
  );
  console.log();
  console.log(
    table(
      ['at', 'event', 'actor'],
      described.timeline.map((e) => [e.at, e.type, e.actor]),
    ),
  );
}

const stuck: AdminCommand = {
  usage:
    'stuck [--kind overdue-task|blocked|failing-activity|reconciliation] [--town T] [--agency ID] [--level L1..L4] [--min-age-hours N] [--limit N]',
  options: {
    kind: { type: 'string' },
    town: { type: 'string' },
    agency: { type: 'string' },
    level: { type: 'string' },
    'min-age-hours': { type: 'string' },
    limit: { type: 'string' },
  },
  async run(args) {
    const query = new URLSearchParams();
    const filters: [string, string | undefined][] = [
      ['kind', flag(args, 'kind')],
      ['town', flag(args, 'town')],
      ['agencyId', flag(args, 'agency')],
      ['level', flag(args, 'level')],
      ['minAgeHours', flag(args, 'min-age-hours')],
      ['limit', flag(args, 'limit')],
    ];
    for (const [name, value] of filters) if (value !== undefined) query.set(name, value);
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
