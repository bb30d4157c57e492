/**
 * Throughput with 1, 2 and 3 replicas of every process (services behind round-robin proxies, workers side by side on
 * the task queue), as `npm start -- --replicas N` runs them: intake at c=8 and claim+complete at c=4, each for the
 * mode's measurement time, after the stack went quiet. Every count runs behind the proxies, so the proxy's own cost is
 * in all three. On one machine the replicas share its cores with PostgreSQL, Temporal and Kafka: the figures show what
 * nothing in the code serialises, not what more machines would give (docs/performance.md says what limits it).
 */
import { benchClients, closedLoopOf, closeClients } from '../load';
import { type Figures, type RoundContext, type Scenario } from '../scenario';
import { fileReports } from './intake';
import { availableTasks, claimAndAccept } from './tasks';
import { formatNumber, formatRate, ratio, row, type ResultRow } from '../stats';
import { cpuPerUnit, stackCpuSeconds, waitForQuiet } from '../system';

const REPLICA_COUNTS = [1, 2, 3] as const;
const INTAKE_CONCURRENCY = 8;
const TASK_CONCURRENCY = 4;

/** Fresh processes compile their hot paths and open their pools on the first requests: not what is measured. */
const WARM_UP_MS = 3_000;
/** How long the quiet stack's own CPU use is sampled. */
const IDLE_SAMPLE_MS = 2_000;

const totalOf = (parts: readonly [string, number][]) => parts.reduce((sum, [, ms]) => sum + ms, 0);

/**
 * Claim + complete of the accept-transfer tasks intake just opened (newest first: their workflows are in the new
 * workers' caches, where an older case's would be replayed first), in a closed loop.
 */
async function taskRate(ctx: RoundContext): Promise<number> {
  const pool = await availableTasks(ctx.stack, 5_000, true);
  const clients = benchClients(TASK_CONCURRENCY);
  try {
    const result = await closedLoopOf(TASK_CONCURRENCY, ctx.mode.measureMs, async (_, caller) => {
      const taskId = pool.shift();
      const client = clients[caller];
      if (taskId === undefined || client === undefined) return false;
      await claimAndAccept(ctx.stack, client, taskId);
    });
    return result.rate;
  } finally {
    closeClients(clients);
  }
}

export const scale: Scenario = {
  name: 'scale',
  async run(ctx) {
    const figures: Figures = {};
    // Up and down alternately by round, so no count always runs on the warmest (or fullest) database.
    const counts = ctx.round % 2 === 1 ? [...REPLICA_COUNTS] : [...REPLICA_COUNTS].reverse();
    try {
      for (const count of counts) {
        ctx.log.info('scale', `round ${ctx.round}: ${count} replica(s) of each process`);
        await ctx.stack.scaleTo(count);
        await ctx.stack.refreshLogins();
        await fileReports(ctx.stack, INTAKE_CONCURRENCY, WARM_UP_MS);
        await waitForQuiet();
        // What the stack burns doing nothing: every replica's pollers, heartbeats, relays and timers.
        const idleFrom = stackCpuSeconds();
        await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS));
        figures[`r${count}.idleCores`] = totalOf(cpuPerUnit(idleFrom, stackCpuSeconds(), IDLE_SAMPLE_MS));
        const busyFrom = stackCpuSeconds();
        const intake = await fileReports(ctx.stack, INTAKE_CONCURRENCY, ctx.mode.measureMs);
        figures[`r${count}.intake`] = intake.rate;
        // CPU of the whole stack per case opened while the loop ran (the cases' later work partly falls outside),
        // and by part in the run's JSON: which process's cost grows with the number of copies.
        const parts = cpuPerUnit(busyFrom, stackCpuSeconds(), intake.ok);
        figures[`r${count}.cpuPerCase`] = totalOf(parts);
        for (const [part, ms] of parts) figures[`r${count}.cpu.${part}`] = ms;
        await waitForQuiet();
        figures[`r${count}.tasks`] = await taskRate(ctx);
        await ctx.note(`scale ${count}`);
      }
    } finally {
      await ctx.stack.scaleTo('as-started');
    }
    return figures;
  },
  rows(m) {
    const rows: ResultRow[] = [];
    for (const [what, key, unit, concurrency] of [
      ['intake `POST /reports`', 'intake', 'cases', INTAKE_CONCURRENCY],
      ['claim+complete accept-transfer', 'tasks', 'tasks', TASK_CONCURRENCY],
    ] as const) {
      const one = m[`r1.${key}`] ?? Number.NaN;
      for (const count of REPLICA_COUNTS) {
        const rate = m[`r${count}.${key}`] ?? Number.NaN;
        const value = ratio(rate, one);
        const cpu =
          key === 'intake'
            ? `; stack CPU ${formatNumber(m[`r${count}.cpuPerCase`] ?? Number.NaN)} ms a case, ` +
              `${formatNumber(m[`r${count}.idleCores`] ?? Number.NaN)} cores busy when idle`
            : '';
        rows.push(
          row({
            path: `${what}, c=${concurrency}, ${count} replica${count === 1 ? '' : 's'} of each process`,
            gongzhi: `${formatRate(rate, unit)}${cpu}`,
            baseline: count === 1 ? '—' : `itself with 1 replica ${formatRate(one, unit)}`,
            value,
            valueLabel: count === 1 ? '1' : `${formatNumber(value)}×`,
          }),
        );
      }
    }
    return rows;
  },
};
