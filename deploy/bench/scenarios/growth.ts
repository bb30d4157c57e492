/**
 * Growth (issue 14): the paths whose cost could follow the number of open cases — the task queue's first page, the
 * queue's counts, the administrators' stuck scan and the statistics figures — measured at the open cases the rounds
 * left (the base), then after bulk seeding to each of the mode's sizes (seed-bulk.ts), with the worker's, Temporal's
 * and case-service's resident memory at each size. Run once, after the rounds: the seeded cases stay.
 *
 * Target: flat, taken as a p50 at the largest size at most twice the p50 at the base (a path that follows the open
 * cases grows ten- or a hundredfold between them); and the stuck scan complete (nothing cut off) at the largest size.
 */
import { performance } from 'node:perf_hooks';
import { DISPUTE_WORKFLOW_TYPE } from '@gongzhi/contracts';
import { bearer, type Figures, RUN_TAG, type RoundContext, type Scenario } from '../scenario';
import { findTemplate, seedOpenCases } from '../seed-bulk';
import { DEMO_PASSWORD } from '../stack';
import { median } from '../stats';
import { formatNumber, type ResultRow, row, type Target } from '../stats';
import { residentMiB } from '../system';

/** "Flat": the largest size's p50 over the base's. */
export const FLAT_TARGET: Target = { kind: 'at-most', value: 2, unit: '×' };
const COMPLETE_TARGET: Target = { kind: 'at-least', value: 1 };

/** The demo administrator (agency-service's demo seed): the stuck scan is theirs alone. */
const ADMINISTRATOR = 'admin';
/** Days the statistics request covers: every seeded case opened within them (seed-bulk's OPENED_OVER_DAYS). */
const STATISTICS_DAYS = 90;
const STUCK_TIMEOUT_MS = 15 * 60_000;

/** The measured paths, in the table's order. */
export const GROWTH_PATHS = [
  { key: 'queue', label: '`GET /tasks?view=all&limit=20`', repeats: 20 },
  { key: 'counts', label: '`GET /tasks/counts`', repeats: 20 },
  { key: 'stuck', label: '`GET /admin/stuck` (stuck scan)', repeats: 3 },
  { key: 'statistics', label: `\`GET /statistics\` (${STATISTICS_DAYS} days)`, repeats: 10 },
] as const;
type GrowthPathKey = (typeof GROWTH_PATHS)[number]['key'];

/** A day in Asia/Shanghai as the statistics API takes it. */
export function shanghaiDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

async function timedGet(url: string, token: string, timeoutMs = 120_000): Promise<{ ms: number; body: string }> {
  const began = performance.now();
  const res = await fetch(url, { headers: bearer(token), signal: AbortSignal.timeout(timeoutMs) });
  const body = await res.text();
  const ms = performance.now() - began;
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status} ${body.slice(0, 300)}`);
  return { ms, body };
}

/**
 * A request that takes this long is its own figure: a warm-up's few milliseconds of cold caches do not matter
 * beside it, and repeating a scan of minutes would stretch the run for nothing.
 */
const SLOW_REQUEST_MS = 5_000;
/** Repeats stop once a path has taken this long (after at least one measured request). */
const PATH_BUDGET_MS = 30_000;

/**
 * One warm-up, then up to `repeats` requests one after the other: the p50 is what one person waits. A slow first
 * request is taken as the only sample (see SLOW_REQUEST_MS).
 */
async function p50Of(url: string, token: string, repeats: number, timeoutMs?: number) {
  const began = performance.now();
  let last = await timedGet(url, token, timeoutMs);
  if (last.ms >= SLOW_REQUEST_MS) return { p50: last.ms, samples: 1, body: last.body };
  const latencies: number[] = [];
  while (latencies.length < repeats && (latencies.length === 0 || performance.now() - began < PATH_BUDGET_MS)) {
    last = await timedGet(url, token, timeoutMs);
    latencies.push(last.ms);
  }
  return { p50: median(latencies), samples: latencies.length, body: last.body };
}

async function loginAs(agencyUrl: string, username: string): Promise<string> {
  const res = await fetch(`${agencyUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`logging in as ${username} failed: HTTP ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

interface StuckAnswer {
  items: unknown[];
  complete: boolean;
  truncated: boolean;
  warnings: string[];
}

async function measureStep(ctx: RoundContext, step: number): Promise<Figures> {
  const { stack } = ctx;
  const figures: Figures = {};
  const put = (key: string, value: number) => (figures[`s${step}.${key}`] = value);
  await stack.refreshLogins();
  const coordinator = stack.staff.coordinator.token;
  const admin = await loginAs(stack.url('agency'), ADMINISTRATOR);
  const today = new Date();
  const from = shanghaiDay(new Date(today.getTime() - (STATISTICS_DAYS - 1) * 86_400_000));
  const urls: Record<GrowthPathKey, { url: string; token: string }> = {
    queue: { url: `${stack.url('case')}/api/v1/tasks?view=all&limit=20`, token: coordinator },
    counts: { url: `${stack.url('case')}/api/v1/tasks/counts`, token: coordinator },
    stuck: { url: `${stack.url('case')}/api/v1/admin/stuck?limit=100`, token: admin },
    statistics: {
      url: `${stack.url('statistics')}/api/v1/statistics?from=${from}&to=${shanghaiDay(today)}`,
      token: coordinator,
    },
  };
  const { rows } = await stack.db.case.query<{ open: string }>(
    `SELECT count(*) AS open FROM cases WHERE status = 'open'`,
  );
  put('open', Number(rows[0]?.open ?? Number.NaN));
  put(
    'running',
    (await stack.temporal.workflow.count(`WorkflowType = '${DISPUTE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`))
      .count,
  );
  for (const path of GROWTH_PATHS) {
    const target = urls[path.key];
    const began = performance.now();
    let measured: Awaited<ReturnType<typeof p50Of>>;
    try {
      measured = await p50Of(
        target.url,
        target.token,
        path.repeats,
        path.key === 'stuck' ? STUCK_TIMEOUT_MS : undefined,
      );
    } catch (error) {
      // One path failing leaves the others' figures standing; the table shows this one as not measured.
      ctx.log.info('growth', `${path.label} failed: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    put(`${path.key}.p50`, measured.p50);
    put(`${path.key}.samples`, measured.samples);
    if (path.key === 'stuck') {
      const answer = JSON.parse(measured.body) as StuckAnswer;
      put('stuck.items', answer.items.length);
      put('stuck.complete', answer.complete ? 1 : 0);
      put('stuck.truncated', answer.truncated ? 1 : 0);
      if (answer.warnings.length > 0) ctx.log.info('growth', `stuck scan warnings: ${answer.warnings.join(' | ')}`);
    }
    if (path.key === 'statistics') {
      const answer = JSON.parse(measured.body) as { totals?: { opened?: number } };
      put('statistics.opened', answer.totals?.opened ?? Number.NaN);
    }
    ctx.log.info(
      'growth',
      `${formatCount(figures[`s${step}.open`] ?? Number.NaN)} open cases: ${path.label} p50 ` +
        `${formatNumber(measured.p50)} ms (${measured.samples} measured, in ` +
        `${formatNumber((performance.now() - began) / 1000)} s)`,
    );
  }
  put('worker', residentMiB(stack.apps.get('dispute-worker')?.child.pid));
  put('temporal', residentMiB(stack.temporalPid()));
  put('caseService', residentMiB(stack.apps.get('case-service')?.child.pid));
  await ctx.note(`growth at ${figures[`s${step}.open`]} open cases`);
  return figures;
}

const at = (m: Figures, step: number, key: string) => m[`s${step}.${key}`] ?? Number.NaN;
/** A count as a whole number (formatNumber would write 1 as "1.00"). */
export const formatCount = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const yesNo = (flag: number) => (Number.isNaN(flag) ? '?' : flag === 1 ? 'yes' : 'no');

/** The table's rows from one run's figures (pure: growth.spec.ts). */
export function growthRows(m: Figures): ResultRow[] {
  const steps = m['steps'] ?? 0;
  if (steps < 1) return [];
  const last = steps - 1;
  const sizes = (i: number) => `${formatCount(at(m, i, 'open'))} open`;
  const rows: ResultRow[] = GROWTH_PATHS.map((path) => {
    const value = at(m, last, `${path.key}.p50`) / at(m, 0, `${path.key}.p50`);
    const trail = Array.from(
      { length: steps },
      (_, i) => `${sizes(i)} ${formatNumber(at(m, i, `${path.key}.p50`))} ms`,
    ).join(' → ');
    return row({
      path: `growth: ${path.label} p50`,
      gongzhi: trail,
      baseline: `itself at ${sizes(0)}`,
      value,
      valueLabel: `${formatNumber(value)}×`,
      target: FLAT_TARGET,
    });
  });
  const complete = at(m, last, 'stuck.complete');
  rows.push(
    row({
      path: `growth: stuck scan at ${sizes(last)}`,
      gongzhi:
        `saw ${formatCount(at(m, last, 'running'))} running workflows (base ${formatCount(at(m, 0, 'running'))}), ` +
        `${formatCount(at(m, last, 'stuck.items'))} items, complete: ${yesNo(complete)}, ` +
        `truncated: ${yesNo(at(m, last, 'stuck.truncated'))}; p50 of ${formatCount(at(m, last, 'stuck.samples'))} ` +
        'scan(s)',
      baseline: '—',
      value: complete,
      valueLabel: complete === 1 ? 'complete' : 'not complete',
      target: COMPLETE_TARGET,
    }),
    row({
      path: 'growth: resident memory',
      gongzhi:
        `worker ${formatNumber(at(m, 0, 'worker'))} → ${formatNumber(at(m, last, 'worker'))} MiB, case-service ` +
        `${formatNumber(at(m, 0, 'caseService'))} → ${formatNumber(at(m, last, 'caseService'))} MiB`,
      baseline: `Temporal ${formatNumber(at(m, 0, 'temporal'))} → ${formatNumber(at(m, last, 'temporal'))} MiB`,
      value: Number.NaN,
      valueLabel: '—',
    }),
  );
  const seeded = at(m, last, 'seeded');
  const sqlS = (m['seed.sqlMs'] ?? Number.NaN) / 1000;
  const workflowsS = (m['seed.workflowsMs'] ?? Number.NaN) / 1000;
  rows.push(
    row({
      path: 'growth: bulk seeding (seed-bulk.ts)',
      gongzhi:
        `${formatCount(seeded)} cases: SQL ${formatNumber(sqlS)} s (${formatNumber(seeded / sqlS)} cases/s), ` +
        `parked workflows ${formatNumber(workflowsS)} s (${formatNumber(seeded / workflowsS)}/s); statistics ` +
        `counted ${formatCount(at(m, 0, 'statistics.opened'))} → ${formatCount(at(m, last, 'statistics.opened'))} ` +
        'opened',
      baseline: '—',
      value: Number.NaN,
      valueLabel: '—',
    }),
  );
  return rows;
}

export const growth: Scenario = {
  name: 'growth',
  async run(ctx) {
    const { stack, mode } = ctx;
    const template = await findTemplate(stack.db);
    ctx.log.info(
      'growth',
      `copying case ${template.caseId} (${template.currentLevel ?? '?'}, awaiting ${template.awaitedAction ?? '?'}` +
        `${template.inStatistics ? '' : '; statistics-service has not seen it, so no statistics rows are seeded'})`,
    );
    const figures: Figures = { 'seed.sqlMs': 0, 'seed.workflowsMs': 0 };
    const sizes = [0, ...mode.growthSizes];
    let seeded = 0;
    for (const [step, size] of sizes.entries()) {
      if (size > seeded) {
        ctx.log.info('growth', `seeding cases ${formatCount(seeded + 1)}–${formatCount(size)}…`);
        const spent = await seedOpenCases({
          db: stack.db,
          temporal: stack.temporal,
          tag: RUN_TAG,
          template,
          first: seeded + 1,
          last: size,
          onBatch: (p) =>
            ctx.log.info(
              'growth',
              `  seeded ${formatCount(p.seeded)} of ${formatCount(p.total)} (SQL ${formatNumber(p.sqlMs / 1000)} s, ` +
                `workflows ${formatNumber(p.workflowsMs / 1000)} s)`,
            ),
        });
        figures['seed.sqlMs'] = (figures['seed.sqlMs'] ?? 0) + spent.sqlMs;
        figures['seed.workflowsMs'] = (figures['seed.workflowsMs'] ?? 0) + spent.workflowsMs;
        seeded = size;
      }
      Object.assign(figures, await measureStep(ctx, step), { [`s${step}.seeded`]: seeded });
      figures['steps'] = step + 1;
    }
    return figures;
  },
  rows: growthRows,
};
