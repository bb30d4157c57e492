/**
 * `npm run admin -- <command> [options] [--json]`: the administrators' stuck-case tools on case-service's admin API.
 *
 *   stuck [--kind overdue-task|blocked|failing-activity|reconciliation] [--town T] [--agency ID] [--level L1..L4]
 *         [--min-age-hours N] [--limit N]
 *   describe <caseId>
 *
 * Signs in with GONGZHI_ADMIN_TOKEN, or as --user/--password at agency-service; the demo account (admin /
 * gongzhi-demo) is the default only against a local stack. Tables for people, --json for scripts.
 */
import { parseArgs } from 'node:util';
import type { CaseDiagnosis, StuckReport } from '@gongzhi/contracts';

interface CliConfig {
  caseServiceUrl: string;
  agencyServiceUrl: string;
  token: string | undefined;
}

/** The environment, read once. */
function loadCliConfig(env: NodeJS.ProcessEnv): CliConfig {
  return {
    caseServiceUrl: (env.CASE_SERVICE_URL ?? 'http://127.0.0.1:3002').replace(/\/$/, ''),
    agencyServiceUrl: (env.AGENCY_SERVICE_URL ?? 'http://127.0.0.1:3003').replace(/\/$/, ''),
    token: env.GONGZHI_ADMIN_TOKEN || undefined,
  };
}

class CliError extends Error {}

function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

/** fetch, with an unreachable service said in words. */
async function call(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw new CliError(`Cannot reach ${new URL(url).origin}: is the stack running (npm start), or the URL right?`);
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return text;
  }
}

function problemText(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const problem = body as { title?: unknown; detail?: unknown };
    return `${status} ${String(problem.title ?? '')}${problem.detail ? `: ${String(problem.detail)}` : ''}`;
  }
  return `${status} ${String(body ?? '')}`;
}

async function signIn(config: CliConfig, user: string | undefined, password: string | undefined): Promise<string> {
  if (config.token) return config.token;
  if (!password && !isLocal(config.agencyServiceUrl)) {
    throw new CliError(
      'Set GONGZHI_ADMIN_TOKEN or pass --user and --password: demo credentials work on a local stack only.',
    );
  }
  const response = await call(`${config.agencyServiceUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user ?? 'admin', password: password ?? 'gongzhi-demo' }),
  });
  const body = await readJson(response);
  if (!response.ok) throw new CliError(`Signing in failed: ${problemText(response.status, body)}`);
  const token = (body as { accessToken?: unknown }).accessToken;
  if (typeof token !== 'string') throw new CliError('Signing in answered without an access token.');
  return token;
}

async function get<T>(config: CliConfig, token: string, path: string): Promise<T> {
  const response = await call(`${config.caseServiceUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await readJson(response);
  if (!response.ok) throw new CliError(`${path}: ${problemText(response.status, body)}`);
  return body as T;
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function hours(ms: number): string {
  return ms >= 48 * 3_600_000 ? `${Math.floor(ms / 86_400_000)} d` : `${Math.floor(ms / 3_600_000)} h`;
}

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

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      user: { type: 'string' },
      password: { type: 'string' },
      kind: { type: 'string' },
      town: { type: 'string' },
      agency: { type: 'string' },
      level: { type: 'string' },
      'min-age-hours': { type: 'string' },
      limit: { type: 'string' },
    },
  });
  const [command, caseId] = positionals;
  const config = loadCliConfig(process.env);
  if (command === 'stuck') {
    const query = new URLSearchParams();
    const filters: [string, string | undefined][] = [
      ['kind', values.kind],
      ['town', values.town],
      ['agencyId', values.agency],
      ['level', values.level],
      ['minAgeHours', values['min-age-hours']],
      ['limit', values.limit],
    ];
    for (const [name, value] of filters) if (value !== undefined) query.set(name, value);
    const token = await signIn(config, values.user, values.password);
    const report = await get<StuckReport>(config, token, `/api/v1/admin/stuck?${query.toString()}`);
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else printStuck(report);
    return;
  }
  if (command === 'describe' && caseId) {
    const token = await signIn(config, values.user, values.password);
    const described = await get<CaseDiagnosis>(
      config,
      token,
      `/api/v1/admin/cases/${encodeURIComponent(caseId)}/describe`,
    );
    if (values.json) console.log(JSON.stringify(described, null, 2));
    else printDiagnosis(described);
    return;
  }
  throw new CliError(
    'usage: npm run admin -- stuck [--kind K] [--town T] [--agency ID] [--level L] [--min-age-hours N] [--limit N] [--json]\n' +
      '       npm run admin -- describe <caseId> [--json]',
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
