/**
 * Claim + complete: the village mediator claims an accept-transfer task from her queue and completes it (an Update
 * the case's workflow answers after its activities), in a closed loop at c=4, beside starting and awaiting a
 * workflow with one activity at the same concurrency. Then completes alone at half that maximum rate, whose p99 is
 * issue 14's target (≤ 300 ms). The tasks are the ones the earlier scenarios' cases opened.
 */
import { randomUUID } from 'node:crypto';
import { type BenchClient, benchClients, closedLoopOf, closeClients, openLoop, send } from '../load';
import { BASELINE_TASK_QUEUE, type BenchStack } from '../stack';
import { type Figures, idempotent, type RoundContext, type Scenario, sideBySide } from '../scenario';
import { formatLatency, formatNumber, formatRate, percentile, ratio, row } from '../stats';

const CONCURRENCY = 4;
const COMPLETE_P99_TARGET = { kind: 'at-most', value: 300, unit: 'ms' } as const;

/** Unclaimed accept-transfer tasks in the mediator's agency, oldest first (or newest first). */
export async function availableTasks(stack: BenchStack, limit: number, newestFirst = false): Promise<string[]> {
  const { rows } = await stack.db.case.query<{ id: string }>(
    `SELECT id FROM tasks WHERE kind = 'accept-transfer' AND status = 'open' AND agency_id = $1
       AND assignee_staff_id IS NULL ORDER BY opened_at ${newestFirst ? 'DESC' : 'ASC'} LIMIT $2`,
    [stack.staff['mediator.shangba'].agencyId, limit],
  );
  return rows.map((r) => r.id);
}

/** The mediator claims the task and accepts it for herself: answers the completion's time, or throws on a refusal. */
export async function claimAndAccept(stack: BenchStack, client: BenchClient, taskId: string): Promise<number> {
  const claimed = await claim(stack, client, taskId);
  if (claimed.status !== 200) throw new Error(`claim: HTTP ${claimed.status}`);
  const done = await send(client, completeRequest(stack, taskId));
  if (done.status !== 200) throw new Error(`complete: HTTP ${done.status}`);
  return done.ms;
}

function claim(stack: BenchStack, client: BenchClient, taskId: string) {
  return send(client, {
    method: 'POST',
    url: `${stack.url('case')}/api/v1/tasks/${taskId}/claim`,
    headers: idempotent(stack.staff['mediator.shangba'].token),
  });
}

function completeRequest(stack: BenchStack, taskId: string) {
  const mediator = stack.staff['mediator.shangba'];
  return {
    method: 'POST' as const,
    url: `${stack.url('case')}/api/v1/tasks/${taskId}/complete`,
    headers: idempotent(mediator.token),
    body: { action: { kind: 'accept-transfer', responsibleStaffId: mediator.staffId } },
  };
}

async function claimAndComplete(ctx: RoundContext): Promise<Figures> {
  const { stack, mode } = ctx;
  const pool = await availableTasks(stack, 5_000);
  const completeMs: number[] = [];
  const clients = benchClients(CONCURRENCY);
  try {
    const [gongzhi, baseline] = await sideBySide(
      ctx,
      async () => {
        ctx.log.info('tasks', `round ${ctx.round}: claim+complete at c=${CONCURRENCY} (${pool.length} tasks waiting)`);
        return await closedLoopOf(CONCURRENCY, mode.measureMs, async (_, caller) => {
          const taskId = pool.shift();
          const client = clients[caller];
          if (taskId === undefined || client === undefined) return false;
          completeMs.push(await claimAndAccept(stack, client, taskId));
        });
      },
      async () => {
        ctx.log.info('tasks', `round ${ctx.round}: one-activity workflow start+await at c=${CONCURRENCY}`);
        return await closedLoopOf(CONCURRENCY, mode.measureMs, async () => {
          await stack.temporal.workflow.execute('benchOneActivity', {
            taskQueue: BASELINE_TASK_QUEUE,
            workflowId: `bench-one-activity-${randomUUID()}`,
            args: ['ping'],
          });
        });
      },
    );
    await ctx.note('claim+complete');
    return {
      rate: gongzhi.rate,
      failed: gongzhi.statuses['0'] ?? 0,
      ran_out: pool.length === 0 ? 1 : 0,
      'complete.p50': percentile(completeMs, 50),
      'complete.p99': percentile(completeMs, 99),
      'baseline.rate': baseline.rate,
    };
  } finally {
    closeClients(clients);
  }
}

/** Completes at half the maximum claim+complete rate, on tasks claimed beforehand (claims are not timed). */
async function completesAtHalf(ctx: RoundContext, maxRate: number): Promise<Figures> {
  const { stack, mode } = ctx;
  const rate = maxRate / 2;
  if (!Number.isFinite(rate) || rate <= 0) return { 'half.p99': Number.NaN };
  const needed = Math.max(1, Math.ceil((rate * mode.measureMs) / 1000));
  const ids = await availableTasks(stack, needed);
  const clients = benchClients(CONCURRENCY);
  try {
    const claimed: string[] = [];
    for (const [i, id] of ids.entries()) {
      const client = clients[i % clients.length] as BenchClient;
      if ((await claim(stack, client, id)).status === 200) claimed.push(id);
    }
    ctx.log.info('tasks', `round ${ctx.round}: completes at ${formatNumber(rate)}/s (${claimed.length} claimed tasks)`);
    const result = await openLoop({
      clients,
      ratePerSecond: rate,
      durationMs: (claimed.length / rate) * 1000,
      next: (i) => (i < claimed.length ? completeRequest(stack, claimed[i] as string) : undefined),
    });
    await ctx.note('completes at half max');
    return {
      'half.rate': rate,
      'half.count': result.ok,
      'half.p50': percentile(result.latenciesMs, 50),
      'half.p99': percentile(result.latenciesMs, 99),
    };
  } finally {
    closeClients(clients);
  }
}

export const tasks: Scenario = {
  name: 'tasks',
  async run(ctx) {
    const figures = await claimAndComplete(ctx);
    return { ...figures, ...(await completesAtHalf(ctx, figures['rate'] ?? Number.NaN)) };
  },
  rows(m) {
    const value = ratio(m['rate'] ?? Number.NaN, m['baseline.rate'] ?? Number.NaN);
    const ranOut = (m['ran_out'] ?? 0) > 0 ? ' (ran out of tasks: a lower bound)' : '';
    return [
      row({
        path: 'claim+complete accept-transfer, c=4',
        gongzhi:
          `${formatRate(m['rate'] ?? Number.NaN, 'tasks')}${ranOut}, complete ` +
          formatLatency({ p50: m['complete.p50'] ?? Number.NaN, p99: m['complete.p99'] ?? Number.NaN }),
        baseline: `start+await a one-activity workflow ${formatRate(m['baseline.rate'] ?? Number.NaN, 'wf')}`,
        value,
        valueLabel: formatNumber(value),
      }),
      row({
        path: 'complete accept-transfer at half max',
        gongzhi:
          `${formatRate(m['half.rate'] ?? Number.NaN, 'tasks')}, ` +
          formatLatency({ p50: m['half.p50'] ?? Number.NaN, p99: m['half.p99'] ?? Number.NaN }),
        baseline: '—',
        value: m['half.p99'] ?? Number.NaN,
        valueLabel: `p99 ${formatNumber(m['half.p99'] ?? Number.NaN)} ms`,
        target: COMPLETE_P99_TARGET,
      }),
    ];
  },
};
