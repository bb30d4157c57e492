/**
 * Burst drain: many reports filed at once (c=8), then the time until every new case's first task is visible — the
 * end-to-end rate a town sees after a storm of reports — beside the rate at which intake took those reports. The
 * requests the worker had refused by the services meanwhile (429s from 127.0.0.1, where it dials from) are counted.
 */
import path from 'node:path';
import { benchClients, closedLoop, closeClients } from '../load';
import { type Figures, idempotent, newCaseReport, type Scenario, sleep } from '../scenario';
import { countLogLines, cpuPerUnit, logSize, stackCpuSeconds, waitForQuiet } from '../system';
import { formatNumber, formatRate, ratio, row } from '../stats';

/** End to end may be half as fast as intake alone (issue 14's table). */
const DRAIN_TARGET = { kind: 'at-least', value: 0.5 } as const;
const WORKER_429 = [/"statusCode":429/, /"remoteAddress":"(::ffff:)?127\.0\.0\.1"/];

/** CPU per case in the burst, by process, from intake to the last first task: where end to end's time goes. */
function cpuRow(m: Figures) {
  const parts = Object.entries(m)
    .filter(([key, ms]) => key.startsWith('cpuMs.') && ms > 0)
    .map(([key, ms]): [string, number] => [key.slice('cpuMs.'.length), ms])
    .sort((a, b) => b[1] - a[1]);
  if (parts.length === 0) return [];
  const total = parts.reduce((sum, [, ms]) => sum + ms, 0);
  return [
    row({
      path: 'burst: CPU per case, by process',
      gongzhi: parts.map(([part, ms]) => `${part} ${formatNumber(ms)} ms`).join(', '),
      baseline: '—',
      value: total,
      valueLabel: `${formatNumber(total)} ms`,
    }),
  ];
}

export const burst: Scenario = {
  name: 'burst',
  async run(ctx) {
    const { stack, mode } = ctx;
    const logs = ['case-service', 'agency-service'].map((name) => path.join(stack.profile.logDir, `${name}.log`));
    const offsets = logs.map(logSize);
    const caseIds: string[] = [];
    const clients = benchClients(8);
    ctx.log.info('burst', `round ${ctx.round}: filing ${mode.burstSize} reports at c=8…`);
    // From a quiet stack: the CPU per case is then this burst's, not the aftermath of the scenario before it.
    await waitForQuiet();
    const cpuBefore = stackCpuSeconds();
    const began = Date.now();
    let filed = 0;
    const intake = await closedLoop({
      clients,
      durationMs: mode.drainTimeoutMs,
      next: () =>
        filed++ < mode.burstSize
          ? {
              method: 'POST',
              url: `${stack.url('case')}/api/v1/reports`,
              headers: idempotent(stack.staff['grid.shangba'].token),
              body: newCaseReport(),
            }
          : undefined,
      ok: (res) => res.status === 201,
      onOk: (res) => caseIds.push((JSON.parse(res.body) as { case: { id: string } }).case.id),
    }).finally(() => closeClients(clients));

    ctx.log.info(
      'burst',
      `filed ${caseIds.length} in ${formatNumber(intake.elapsedMs / 1000)} s; waiting for first tasks…`,
    );
    const deadline = began + mode.drainTimeoutMs;
    let visible = 0;
    let lastFirstTaskAt = Number.NaN;
    let lastProgress = Date.now();
    while (Date.now() < deadline) {
      const { rows } = await stack.db.case.query<{ n: string; last: Date | null }>(
        `SELECT count(*) AS n, max(first_at) AS last
           FROM (SELECT min(opened_at) AS first_at FROM tasks WHERE case_id = ANY($1::uuid[]) GROUP BY case_id) t`,
        [caseIds],
      );
      visible = Number(rows[0]?.n ?? 0);
      lastFirstTaskAt = rows[0]?.last?.getTime() ?? Number.NaN;
      if (visible >= caseIds.length) break;
      if (Date.now() - lastProgress > 15_000) {
        ctx.log.info('burst', `${visible}/${caseIds.length} cases show their first task…`);
        lastProgress = Date.now();
      }
      await sleep(250);
    }
    const cpu = cpuPerUnit(cpuBefore, stackCpuSeconds(), caseIds.length);
    await ctx.note('burst drain');
    const drained = visible >= caseIds.length && caseIds.length > 0;
    const workerRefusals = logs.reduce((sum, file, i) => sum + countLogLines(file, offsets[i] ?? 0, WORKER_429), 0);
    return {
      reports: caseIds.length,
      intakeRate: intake.rate,
      // Not drained in time: the rate is what was drained by the deadline, so the figure still says how far it got.
      endToEndRate: drained
        ? caseIds.length / ((lastFirstTaskAt - began) / 1000)
        : visible / (mode.drainTimeoutMs / 1000),
      drainSeconds: drained ? (lastFirstTaskAt - began) / 1000 : Number.NaN,
      undrained: caseIds.length - visible,
      workerRefusals,
      // Where a case's work goes, so a change to one process shows as its share.
      ...Object.fromEntries(cpu.map(([part, ms]) => [`cpuMs.${part}`, ms])),
    };
  },
  rows(m: Figures) {
    const value = ratio(m['endToEndRate'] ?? Number.NaN, m['intakeRate'] ?? Number.NaN);
    const undrained = m['undrained'] ?? 0;
    return [
      row({
        path: `burst of ${Math.round(m['reports'] ?? Number.NaN)} reports → first task visible`,
        gongzhi:
          `${formatRate(m['endToEndRate'] ?? Number.NaN, 'cases')} end to end` +
          (undrained > 0
            ? `, ${formatNumber(undrained)} not drained in time`
            : `, ${formatNumber(m['drainSeconds'] ?? Number.NaN)} s`) +
          `, ${formatNumber(m['workerRefusals'] ?? 0)} worker 429s`,
        baseline: `intake rate ${formatRate(m['intakeRate'] ?? Number.NaN, 'cases')}`,
        value,
        valueLabel: formatNumber(value),
        target: DRAIN_TARGET,
      }),
      ...cpuRow(m),
    ];
  },
};
