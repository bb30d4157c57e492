/**
 * Throughput with 1, 2 and 3 replicas of every process (services behind round-robin proxies, workers side by side on
 * the task queue), as `npm start -- --replicas N` runs them: intake at c=8 and claim+complete at c=4, each for the
 * mode's measurement time, after the stack went quiet. Every count runs behind the proxies, so the proxy's own cost is
 * in all three. On one machine the replicas share its cores with PostgreSQL, Temporal and Kafka: the figures show what
 * nothing in the code serialises, not what more machines would give (docs/performance.md says what limits it).
 */
import { benchClients, closedLoop, closedLoopOf, closeClients, send } from '../load';
import { type Figures, idempotent, newCaseReport, type RoundContext, type Scenario } from '../scenario';
import { formatNumber, formatRate, ratio, row, type ResultRow } from '../stats';
import { waitForQuiet } from '../system';

const REPLICA_COUNTS = [1, 2, 3] as const;
const INTAKE_CONCURRENCY = 8;
const TASK_CONCURRENCY = 4;

async function intakeRate(ctx: RoundContext): Promise<number> {
  const { stack } = ctx;
  const clients = benchClients(INTAKE_CONCURRENCY);
  try {
    const result = await closedLoop({
      clients,
      durationMs: ctx.mode.measureMs,
      next: () => ({
        method: 'POST',
        url: `${stack.url('case')}/api/v1/reports`,
        headers: idempotent(stack.staff['grid.shangba'].token),
        body: newCaseReport(),
      }),
      ok: (res) => res.status === 201,
    });
    return result.rate;
  } finally {
    closeClients(clients);
  }
}

/** Claim + complete of the accept-transfer tasks intake just opened, in a closed loop. */
async function taskRate(ctx: RoundContext): Promise<number> {
  const { stack } = ctx;
  const mediator = stack.staff['mediator.shangba'];
  const { rows } = await stack.db.case.query<{ id: string }>(
    `SELECT id FROM tasks WHERE kind = 'accept-transfer' AND status = 'open' AND agency_id = $1
       AND assignee_staff_id IS NULL ORDER BY opened_at LIMIT 5000`,
    [mediator.agencyId],
  );
  const pool = rows.map((r) => r.id);
  const clients = benchClients(TASK_CONCURRENCY);
  try {
    const result = await closedLoopOf(TASK_CONCURRENCY, ctx.mode.measureMs, async (_, caller) => {
      const taskId = pool.shift();
      const client = clients[caller];
      if (taskId === undefined || client === undefined) return false;
      const claimed = await send(client, {
        method: 'POST',
        url: `${stack.url('case')}/api/v1/tasks/${taskId}/claim`,
        headers: idempotent(mediator.token),
      });
      if (claimed.status !== 200) throw new Error(`claim: HTTP ${claimed.status}`);
      const done = await send(client, {
        method: 'POST',
        url: `${stack.url('case')}/api/v1/tasks/${taskId}/complete`,
        headers: idempotent(mediator.token),
        body: { action: { kind: 'accept-transfer', responsibleStaffId: mediator.staffId } },
      });
      if (done.status !== 200) throw new Error(`complete: HTTP ${done.status}`);
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
        await waitForQuiet();
        figures[`r${count}.intake`] = await intakeRate(ctx);
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
        rows.push(
          row({
            path: `${what}, c=${concurrency}, ${count} replica${count === 1 ? '' : 's'} of each process`,
            gongzhi: formatRate(rate, unit),
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
