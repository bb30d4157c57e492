/**
 * Intake: reports filed in a closed loop at c=1 and c=8, each opening a case and starting its workflow, beside
 * starting and awaiting a workflow that does nothing on the same Temporal server at the same concurrency.
 */
import { randomUUID } from 'node:crypto';
import { benchClients, closedLoop, closedLoopOf, closeClients, type LoadResult, openLoop } from '../load';
import { BASELINE_TASK_QUEUE, type BenchStack } from '../stack';
import { type Figures, idempotent, newCaseReport, type RoundContext, type Scenario, sideBySide } from '../scenario';
import { formatLatency, formatNumber, formatRate, percentile, ratio, row, type ResultRow } from '../stats';

const CONCURRENCIES = [1, 8] as const;

/** Intake may be half as fast as the bare workflow start it includes (issue 14's table). */
const INTAKE_TARGET = { kind: 'at-least', value: 0.5 } as const;

/** The grid worker files reports in a closed loop: `concurrency` at a time, for `durationMs`. */
export async function fileReports(stack: BenchStack, concurrency: number, durationMs: number): Promise<LoadResult> {
  const clients = benchClients(concurrency);
  try {
    return await closedLoop({
      clients,
      durationMs,
      next: () => ({
        method: 'POST',
        url: `${stack.url('case')}/api/v1/reports`,
        headers: idempotent(stack.staff['grid.shangba'].token),
        body: newCaseReport(),
      }),
      ok: (res) => res.status === 201,
    });
  } finally {
    closeClients(clients);
  }
}

async function measure(ctx: RoundContext, concurrency: number): Promise<Figures> {
  const { stack, mode } = ctx;
  const [gongzhi, baseline] = await sideBySide(
    ctx,
    async () => {
      ctx.log.info('intake', `round ${ctx.round}: POST /reports at c=${concurrency} for ${mode.measureMs / 1000} s`);
      return await fileReports(stack, concurrency, mode.measureMs);
    },
    async () => {
      ctx.log.info('intake', `round ${ctx.round}: no-op workflow start+await at c=${concurrency}`);
      return await closedLoopOf(concurrency, mode.measureMs, async () => {
        await stack.temporal.workflow.execute('benchNoop', {
          taskQueue: BASELINE_TASK_QUEUE,
          workflowId: `bench-noop-${randomUUID()}`,
        });
      });
    },
  );
  await ctx.note(`intake c=${concurrency}`);
  const refused = Object.entries(gongzhi.statuses)
    .filter(([status]) => status !== '201')
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    [`c${concurrency}.rate`]: gongzhi.rate,
    [`c${concurrency}.p50`]: percentile(gongzhi.latenciesMs, 50),
    [`c${concurrency}.p99`]: percentile(gongzhi.latenciesMs, 99),
    [`c${concurrency}.failed`]: refused,
    [`c${concurrency}.baseline.rate`]: baseline.rate,
  };
}

/** Reports at half the c=8 maximum, arriving whatever the answers: the p99 a person filing one would see. */
async function writesAtHalf(ctx: RoundContext, maxRate: number): Promise<Figures> {
  const rate = maxRate / 2;
  if (!Number.isFinite(rate) || rate <= 0) return { 'half.p99': Number.NaN };
  ctx.log.info('intake', `round ${ctx.round}: POST /reports at ${formatNumber(rate)}/s (half the maximum)`);
  const clients = benchClients(16);
  try {
    const result = await openLoop({
      clients,
      ratePerSecond: rate,
      durationMs: ctx.mode.measureMs,
      next: () => ({
        method: 'POST',
        url: `${ctx.stack.url('case')}/api/v1/reports`,
        headers: idempotent(ctx.stack.staff['grid.shangba'].token),
        body: newCaseReport(),
      }),
      ok: (res) => res.status === 201,
    });
    await ctx.note('intake at half max');
    return {
      'half.rate': rate,
      'half.p50': percentile(result.latenciesMs, 50),
      'half.p99': percentile(result.latenciesMs, 99),
    };
  } finally {
    closeClients(clients);
  }
}

export const intake: Scenario = {
  name: 'intake',
  async run(ctx) {
    const figures: Figures = {};
    for (const c of CONCURRENCIES) Object.assign(figures, await measure(ctx, c));
    return { ...figures, ...(await writesAtHalf(ctx, figures['c8.rate'] ?? Number.NaN)) };
  },
  rows(m): ResultRow[] {
    const atHalf = row({
      path: 'intake `POST /reports` at half max (c=8)',
      gongzhi:
        `${formatRate(m['half.rate'] ?? Number.NaN, 'cases')}, ` +
        formatLatency({ p50: m['half.p50'] ?? Number.NaN, p99: m['half.p99'] ?? Number.NaN }),
      baseline: '—',
      value: m['half.p99'] ?? Number.NaN,
      // The issue sets no p99 for writes: shown so that a change in it is seen.
      valueLabel: `p99 ${formatNumber(m['half.p99'] ?? Number.NaN)} ms`,
    });
    const atMax = CONCURRENCIES.map((c) => {
      const value = ratio(m[`c${c}.rate`] ?? Number.NaN, m[`c${c}.baseline.rate`] ?? Number.NaN);
      const failed = m[`c${c}.failed`] ?? 0;
      return row({
        path: `intake \`POST /reports\`, c=${c}`,
        gongzhi:
          `${formatRate(m[`c${c}.rate`] ?? Number.NaN, 'cases')}, ` +
          formatLatency({ p50: m[`c${c}.p50`] ?? Number.NaN, p99: m[`c${c}.p99`] ?? Number.NaN }) +
          (failed > 0 ? `, ${formatNumber(failed)} refused` : ''),
        baseline: `start+await a no-op workflow ${formatRate(m[`c${c}.baseline.rate`] ?? Number.NaN, 'wf')}`,
        value,
        valueLabel: formatNumber(value),
        target: INTAKE_TARGET,
      });
    });
    return [...atMax, atHalf];
  },
};
