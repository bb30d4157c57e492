/**
 * The human round trip, before and after one commit per transition: the village mediator accepts a transfer and the
 * clock runs until the case's next task (mediate) is visible to her, one case at a time. "After" is the stack as it
 * runs; "before" is a second worker on the dispute workflow as it ran before ONE_COMMIT_PATCH (each case-service
 * write its own activity: the replay gate's fixture), with a second case-service instance that starts its cases on
 * that worker's task queue (same database, no consumers, relay or sweeps of its own). The two sides take turns case by
 * case, so both see the same machine; the ratio is before ÷ after at the median and at p99.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { REPO_ROOT } from '../../local/lib/profile';
import { type BenchClient, benchClients, closeClients, send } from '../load';
import type { BenchStack } from '../stack';
import { bearer, type Figures, idempotent, newCaseReport, type RoundContext, type Scenario } from '../scenario';
import { formatLatency, formatNumber, percentile, ratio, row } from '../stats';
import { waitForQuiet } from '../system';

/** Issue 17's target: the round trip at least twice as fast, at the median and at p99. */
const ROUND_TRIP_TARGET = { kind: 'at-least', value: 2 } as const;
const BEFORE_TASK_QUEUE = 'gongzhi-bench-before-one-commit';
const BEFORE_FIXTURE = 'workflows/dispute/test/fixtures/before-one-commit.workflow.ts';
/** Cases per side per round: quick and full. */
const CASES = { quick: 20, full: 60 } as const;
/** The longest wait for the stack to go quiet before each timed round trip. */
const QUIET_WAIT_MS = 3_000;
/** How long a case may take to show a task before the round gives up on it. */
const TASK_TIMEOUT_MS = 30_000;

type Side = 'after' | 'before';

/** Webpack's progress chatter is noise in the bench's output; warnings and errors still show. */
const ignore = (): void => undefined;
const quietBundler = {
  trace: ignore,
  debug: ignore,
  info: ignore,
  warn: console.warn,
  error: console.error,
  log: ignore,
};

/** The "before" side's case-service URL, started once per run. */
let beforeSide: Promise<string> | undefined;

function startBeforeSide(ctx: RoundContext): Promise<string> {
  const { stack } = ctx;
  beforeSide ??= (async () => {
    ctx.log.info('round-trip', 'bundling the workflow as it ran before one commit per transition (~20 s)');
    const bundleFile = path.join(stack.profile.dataDir, 'before-one-commit.bundle.js');
    const { code } = await bundleWorkflowCode({
      workflowsPath: path.join(REPO_ROOT, BEFORE_FIXTURE),
      logger: quietBundler,
    });
    writeFileSync(bundleFile, code);
    const worker = specOf(stack, 'dispute-worker');
    await stack.startExtra({
      ...worker,
      name: 'worker-before-one-commit',
      env: { ...worker.env, WORKFLOW_BUNDLE_PATH: bundleFile, TEMPORAL_TASK_QUEUE: BEFORE_TASK_QUEUE },
    });
    const caseService = specOf(stack, 'case-service');
    const port = stack.profile.ports.console + 11;
    const url = `http://127.0.0.1:${port}`;
    await stack.startExtra({
      ...caseService,
      name: 'case-service-before-one-commit',
      env: {
        ...caseService.env,
        PORT: String(port),
        TEMPORAL_TASK_QUEUE: BEFORE_TASK_QUEUE,
        // The stack's own case-service consumes, relays and sweeps for the database both share.
        CASE_CONSUMER: 'off',
        OUTBOX_RELAY: 'off',
        RESUME_SWEEP_INTERVAL_MS: String(24 * 3_600_000),
        HEALTH_SWEEP_PAUSE_MS: String(24 * 3_600_000),
      },
      readyUrl: `${url}/health/ready`,
    });
    return url;
  })();
  return beforeSide;
}

function specOf(stack: BenchStack, name: string) {
  const spec = stack.specs.find((s) => s.name === name);
  if (!spec) throw new Error(`no ${name} in the bench stack`);
  return spec;
}

interface TaskRow {
  id: string;
  kind: string;
  status: string;
}

async function openTask(
  client: BenchClient,
  caseServiceUrl: string,
  token: string,
  caseId: string,
  kind: string,
): Promise<TaskRow | undefined> {
  const res = await send(client, {
    method: 'GET',
    url: `${caseServiceUrl}/api/v1/cases/${caseId}/tasks`,
    headers: bearer(token),
  });
  if (res.status !== 200) throw new Error(`case tasks: HTTP ${res.status}`);
  const { items } = JSON.parse(res.body) as { items: TaskRow[] };
  return items.find((task) => task.kind === kind && task.status === 'open');
}

/** Polls until the case shows an open task of this kind; the time it took, or throws after TASK_TIMEOUT_MS. */
async function waitForTask(
  client: BenchClient,
  url: string,
  token: string,
  caseId: string,
  kind: string,
): Promise<TaskRow> {
  const deadline = Date.now() + TASK_TIMEOUT_MS;
  for (;;) {
    const task = await openTask(client, url, token, caseId, kind);
    if (task) return task;
    if (Date.now() > deadline) throw new Error(`no open ${kind} task on case ${caseId} after ${TASK_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A case opened on one side, its accept-transfer task claimed by the mediator: ready for the timed part. */
async function claimedCase(
  stack: BenchStack,
  client: BenchClient,
  url: string,
): Promise<{ caseId: string; taskId: string }> {
  const grid = stack.staff['grid.shangba'];
  const mediator = stack.staff['mediator.shangba'];
  const filed = await send(client, {
    method: 'POST',
    url: `${url}/api/v1/reports`,
    headers: idempotent(grid.token),
    body: newCaseReport(),
  });
  if (filed.status !== 201) throw new Error(`report: HTTP ${filed.status}`);
  const caseId = (JSON.parse(filed.body) as { case: { id: string } }).case.id;
  const accept = await waitForTask(client, url, mediator.token, caseId, 'accept-transfer');
  const claimed = await send(client, {
    method: 'POST',
    url: `${url}/api/v1/tasks/${accept.id}/claim`,
    headers: idempotent(mediator.token),
  });
  if (claimed.status !== 200) throw new Error(`claim: HTTP ${claimed.status}`);
  return { caseId, taskId: accept.id };
}

/** The timed part: the mediator accepts, and the clock runs until the case's mediate task is visible to her. */
async function roundTrip(
  stack: BenchStack,
  client: BenchClient,
  url: string,
  claimed: { caseId: string; taskId: string },
): Promise<number> {
  const mediator = stack.staff['mediator.shangba'];
  const started = performance.now();
  const done = await send(client, {
    method: 'POST',
    url: `${url}/api/v1/tasks/${claimed.taskId}/complete`,
    headers: idempotent(mediator.token),
    body: { action: { kind: 'accept-transfer', responsibleStaffId: mediator.staffId } },
  });
  if (done.status !== 200) throw new Error(`complete: HTTP ${done.status}`);
  // The answer carries the case's tasks as the action left them (the console shows the next one from it); reading
  // them again is only for an answer without it.
  const { caseTasks } = JSON.parse(done.body) as { caseTasks?: TaskRow[] };
  if (!caseTasks?.some((task) => task.kind === 'mediate' && task.status === 'open')) {
    await waitForTask(client, url, mediator.token, claimed.caseId, 'mediate');
  }
  return performance.now() - started;
}

export const roundTripScenario: Scenario = {
  name: 'round-trip',
  async run(ctx) {
    const beforeUrl = await startBeforeSide(ctx);
    const urls: Record<Side, string> = { after: ctx.stack.url('case'), before: beforeUrl };
    // Taking turns, the side that goes first alternating by round as elsewhere.
    const order: Side[] = ctx.baselineFirst ? ['before', 'after'] : ['after', 'before'];
    const times: Record<Side, number[]> = { after: [], before: [] };
    const [client] = benchClients(1) as [BenchClient];
    const cases = CASES[ctx.mode.name];
    ctx.log.info('round-trip', `round ${ctx.round}: ${cases} cases on each side, one at a time`);
    try {
      // Every case opened and claimed first, untimed, and the stack left to settle: the timed accepts do not share
      // the machine with the cases' own opening (their events, consumers and statistics).
      const ready: Record<Side, { caseId: string; taskId: string }[]> = { after: [], before: [] };
      for (let i = 0; i < cases; i++) {
        for (const side of order) ready[side].push(await claimedCase(ctx.stack, client, urls[side]));
      }
      await waitForQuiet();
      for (let i = 0; i < cases; i++) {
        for (const side of order) {
          const claimed = ready[side][i];
          if (!claimed) continue;
          // One person clicking in a quiet office: the consumers still busy with the previous case's events (the
          // other side's, as often as not) are let finish first, so neither side's tail is the other's aftermath.
          await waitForQuiet(QUIET_WAIT_MS);
          times[side].push(await roundTrip(ctx.stack, client, urls[side], claimed));
        }
      }
    } finally {
      closeClients([client]);
    }
    await ctx.note('round trip');
    const figures: Figures = {};
    for (const side of ['after', 'before'] as const) {
      figures[`${side}.p50`] = percentile(times[side], 50);
      figures[`${side}.p99`] = percentile(times[side], 99);
    }
    return figures;
  },
  rows(m) {
    const at = (side: Side, p: 'p50' | 'p99') => m[`${side}.${p}`] ?? Number.NaN;
    return (['p50', 'p99'] as const).map((p) => {
      // A speed-up: how many times longer the round trip took before.
      const value = ratio(at('before', p), at('after', p));
      return row({
        path: `human round trip at ${p === 'p50' ? 'the median' : 'p99'}: accept a transfer until the mediate task shows, c=1`,
        gongzhi: `one commit per transition ${formatLatency({ p50: at('after', 'p50'), p99: at('after', 'p99') })}`,
        baseline: `one activity per write (before) ${formatLatency({ p50: at('before', 'p50'), p99: at('before', 'p99') })}`,
        value,
        valueLabel: `${formatNumber(value)}×`,
        target: ROUND_TRIP_TARGET,
      });
    });
  },
};
