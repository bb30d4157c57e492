/**
 * Crash chaos on the real stack: cases driven through the ladder by scripted staff (acceptances, sessions, escalation,
 * decisions, agreements, a joint sign-off, follow-up visits) while a chaos driver kills -9, at seeded points of the
 * run, the dispute worker, each service (and with it its outbox relay and consumers) and the Kafka broker, then starts
 * it again; once in the run PostgreSQL restarts (a fast shutdown: every session cut, open transactions rolled back).
 * Requests in flight at a crash are retried with their Idempotency-Key until answered. At the end, every case is where
 * its script leads, with the same tasks, timeline entries and events as a control case run before the chaos — none
 * missing, none doubled — its events on the topic in the order they were written, statistics-service's counts exact,
 * and no workflow failed or met non-determinism. The time each kill took to settle is reported.
 *
 * `npm test` runs a small one (6 cases, 3 kills); `npm run chaos -- --cases 1000 --kills 50` a large one
 * (CHAOS_CASES, CHAOS_KILLS, CHAOS_SEED, CHAOS_PARALLEL).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { testStack } from '@gongzhi/testing';
import { serviceUrl } from '@gongzhi/testing/apps';
import { type AppName, eventually, type HttpResult, type Staff, TownStack } from '../e2e/support/town-stack';

/** Cases at least: the drivers keep opening more until the last kill is over, so every kill lands in traffic. */
const CASES = Number(process.env['CHAOS_CASES'] ?? 12);
const KILLS = Number(process.env['CHAOS_KILLS'] ?? 5);
const SEED = Number(process.env['CHAOS_SEED'] ?? Date.now() % 2_147_483_647);
/** Cases driven at once. */
const PARALLEL = Math.min(CASES, Number(process.env['CHAOS_PARALLEL'] ?? 4));
const APPS: AppName[] = ['dispute-worker', 'case-service', 'agency-service', 'party-service', 'statistics-service'];
/** The servers the project's infra scripts run for the test profile, which the driver crashes through them too. */
type Server = 'kafka' | 'postgres';
/** What a kill can hit: the processes drawn from at random (PostgreSQL goes down once, at a seeded kill). */
const VICTIMS: readonly (AppName | Server)[] = [...APPS, 'kafka'];
const REPO_ROOT = path.resolve(__dirname, '../..');

/** A small seeded generator (mulberry32): the same seed, the same kills at the same points of the run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Task {
  id: string;
  actionId: string;
  kind: string;
  status: string;
  level: string | null;
}

type Role = 'grid' | 'mediator' | 'police' | 'judicial' | 'coordinator';
/**
 * One human step: who completes which open task (by kind and level) with what action, or who acts on the case itself
 * (`task: null`, as the coordinators bring in joint agencies).
 */
interface Step {
  as: Role;
  task: string | null;
  level: string;
  action: Record<string, unknown>;
}

const now = () => new Date().toISOString();
/** Each script: its steps, and whether the case ends closed (an agreement leaves it open, awaiting its visit). */
const SCRIPTS: Record<string, { steps: () => Step[]; closes: boolean }> = {
  'closed at the village': {
    closes: true,
    steps: () => [
      { as: 'mediator', task: 'accept-transfer', level: 'L1', action: { kind: 'accept-transfer' } },
      { as: 'mediator', task: 'mediate', level: 'L1', action: { kind: 'record-session', heldAt: now() } },
      { as: 'mediator', task: 'mediate', level: 'L1', action: { kind: 'record-refusal', party: 'respondent' } },
      {
        as: 'coordinator',
        task: 'decide-escalation',
        level: 'L1',
        action: { kind: 'decide', decision: 'close', closeReason: 'party-refused-mediation' },
      },
    ],
  },
  'agreed at the village, its visit ahead': {
    closes: false,
    steps: () => [
      { as: 'mediator', task: 'accept-transfer', level: 'L1', action: { kind: 'accept-transfer' } },
      { as: 'mediator', task: 'mediate', level: 'L1', action: { kind: 'record-session', heldAt: now() } },
      { as: 'mediator', task: 'mediate', level: 'L1', action: { kind: 'record-agreement' } },
    ],
  },
  'escalated to the police, closed there': {
    closes: true,
    steps: () => [
      { as: 'mediator', task: 'accept-transfer', level: 'L1', action: { kind: 'accept-transfer' } },
      { as: 'mediator', task: 'mediate', level: 'L1', action: { kind: 'record-session', heldAt: now() } },
      { as: 'mediator', task: 'mediate', level: 'L1', action: { kind: 'request-escalation' } },
      { as: 'coordinator', task: 'decide-escalation', level: 'L1', action: { kind: 'decide', decision: 'escalate' } },
      { as: 'police', task: 'accept-transfer', level: 'L2', action: { kind: 'accept-transfer' } },
      { as: 'police', task: 'mediate', level: 'L2', action: { kind: 'record-session', heldAt: now() } },
      { as: 'police', task: 'mediate', level: 'L2', action: { kind: 'record-refusal', party: 'respondent' } },
      {
        as: 'coordinator',
        task: 'decide-escalation',
        level: 'L2',
        action: { kind: 'decide', decision: 'close', closeReason: 'party-refused-mediation' },
      },
    ],
  },
  'joint with the judicial office: agreed, signed off, visited': {
    closes: true,
    steps: () => [
      { as: 'mediator', task: 'accept-transfer', level: 'L1', action: { kind: 'accept-transfer' } },
      {
        as: 'coordinator',
        task: null,
        level: 'L1',
        action: { kind: 'add-joint-agencies', agencyIds: [staff.judicial.agencyId] },
      },
      { as: 'mediator', task: 'mediate', level: 'L1', action: { kind: 'record-session', heldAt: now() } },
      { as: 'mediator', task: 'mediate', level: 'L1', action: { kind: 'record-agreement' } },
      { as: 'judicial', task: 'joint-sign-off', level: 'L1', action: { kind: 'sign-off' } },
      {
        as: 'mediator',
        task: 'follow-up-visit',
        level: 'L1',
        action: { kind: 'record-follow-up-visit', performance: 'performed' },
      },
    ],
  },
};
const SCRIPT_NAMES = Object.keys(SCRIPTS);

const stack = new TownStack();
let staff: Record<Role, Staff>;
/**
 * When each case driver's requests got their answers: a kill has settled once every driver has had an answer again
 * after the process came back (the slowest of them is the figure reported).
 */
let answeredAt: { driver: number; at: number }[] = [];
/** Requests retried after a crash (a refused connection, a 5xx, an unavailable dependency). */
let retries = 0;
/** The retries by what answered and what was asked ("503 accept-transfer"), for the report. */
const retriedFor = new Map<string, number>();

beforeAll(async () => {
  // The drivers are a town's worth of staff behind one address, polling for their next task every 250 ms: at the
  // usual limits most of a recovery would be answered 429 and the settle times would measure the limit's window.
  await stack.start(
    APPS,
    { agency: 24101, party: 24102, case: 24103, statistics: 24104 },
    { env: { RATE_LIMIT_PER_IP_PER_MINUTE: '1000000', RATE_LIMIT_PER_USER_PER_MINUTE: '1000000' } },
  );
  staff = {
    grid: await stack.login('grid.shangba'),
    mediator: await stack.login('mediator.shangba'),
    police: await stack.login('liaison.police'),
    judicial: await stack.login('liaison.judicial'),
    coordinator: await stack.login('coordinator'),
  };
  console.log(`crash chaos: seed ${SEED} (CHAOS_SEED=${SEED} replays it), ${CASES} cases, ${PARALLEL} at a time`);
});

afterAll(() => stack.stop());

/** A request answered at last: retried with the same Idempotency-Key while the stack is down or recovering. */
async function answered<T>(what: string, call: () => Promise<HttpResult<T>>, driver = -1): Promise<HttpResult<T>> {
  return eventually(
    what,
    async () => {
      const res = await call().catch(() => undefined);
      // Down, recovering, or still finishing the same request (409 with Retry-After): the same request again.
      if (!res || res.status >= 500 || res.status === 429 || res.retryAfter !== undefined) {
        retries += res ? 1 : 0;
        const why = `${res?.status ?? 'unreachable'} ${what.replace(/^chaos-[\d-]+(control-\d+)?: /, '')}`;
        retriedFor.set(why, (retriedFor.get(why) ?? 0) + 1);
        return undefined;
      }
      answeredAt.push({ driver, at: Date.now() });
      return res;
    },
    { timeoutMs: 120_000, pollMs: 250 },
  );
}

async function tasksOf(caseId: string, driver = -1): Promise<Task[]> {
  const res = await answered(
    'the case tasks',
    () => stack.call<{ items: Task[] }>(staff.coordinator, 'GET', `/api/v1/cases/${caseId}/tasks`),
    driver,
  );
  return res.body.items;
}

/** Runs one case through its script; every request keyed, so a retry after a crash acts once. */
async function runCase(script: string, run: string, driver = -1): Promise<string> {
  const opened = await answered(
    'the case opened',
    () =>
      stack.call<{ id: string }>(staff.grid, 'POST', '/api/v1/cases', {
        key: `${run}-open`,
        body: {
          disputeType: 'neighbour',
          source: 'grid-report',
          summary: 'Two households quarrel over a drainage ditch that floods one courtyard.',
          townCode: 'qingshui',
          villageCode: 'shangba',
        },
      }),
    driver,
  );
  if (opened.status !== 201 && opened.status !== 200) throw new Error(`opening: ${JSON.stringify(opened.body)}`);
  const caseId = opened.body.id;
  /** Sends a step's request as its staff member until answered: anything but 200 fails the run. */
  const act = async (step: Step, key: string, url: string, body: { action: Record<string, unknown> }) => {
    const done = await answered(
      `${run}: ${String(step.action['kind'])}`,
      () => stack.call(staff[step.as], 'POST', url, { body, key }),
      driver,
    );
    if (done.status !== 200)
      throw new Error(`${run}: ${String(step.action['kind'])} answered ${done.status}: ${JSON.stringify(done.body)}`);
  };
  for (const [index, step] of (SCRIPTS[script]?.steps() ?? []).entries()) {
    const key = `${run}-${index}`;
    if (step.task === null) {
      // An action on the case, right after the step before it was answered (the workflow had applied it).
      await act(step, key, `/api/v1/cases/${caseId}/actions`, { action: step.action });
      continue;
    }
    const task = await eventually(
      `${run}: an open ${step.task} at ${step.level}`,
      async () =>
        (await tasksOf(caseId, driver)).find(
          (t) => t.kind === step.task && t.level === step.level && t.status === 'open',
        ),
      { timeoutMs: 120_000, pollMs: 250 },
    );
    const who = staff[step.as];
    const action =
      step.action['kind'] === 'accept-transfer' ? { ...step.action, responsibleStaffId: who.staffId } : step.action;
    await act(step, key, `/api/v1/tasks/${task.id}/complete`, { action });
  }
  return caseId;
}

interface CaseRecordOfRun {
  status: string;
  level: string | null;
  tasks: string[];
  timeline: string[];
  events: { id: string; type: string }[];
}

/** What a case left: its status, its tasks and timeline (kinds and types, sorted), its outbox in writing order. */
async function recordOf(caseId: string): Promise<CaseRecordOfRun> {
  const view = await answered('the case', () =>
    stack.call<{ status: string; progress: { level: string | null } }>(
      staff.coordinator,
      'GET',
      `/api/v1/cases/${caseId}`,
    ),
  );
  const timeline = await answered('the timeline', () =>
    stack.call<{ items: { type: string }[] }>(staff.coordinator, 'GET', `/api/v1/cases/${caseId}/timeline`),
  );
  const tasks = await tasksOf(caseId);
  const db = new PgClient({ connectionString: stack.env.databaseUrls.case });
  await db.connect();
  try {
    const outbox = await db.query<{ id: string; event_type: string }>(
      'SELECT id, event_type FROM outbox_events WHERE key = $1 ORDER BY seq',
      [caseId],
    );
    return {
      status: view.body.status,
      level: view.body.progress.level,
      tasks: tasks.map((t) => `${t.kind}@${t.level ?? '-'}:${t.status}`).sort(),
      timeline: timeline.body.items.map((item) => item.type).sort(),
      events: outbox.rows.map((row) => ({ id: row.id, type: row.event_type })),
    };
  } finally {
    await db.end();
  }
}

interface Kill {
  victim: AppName | Server;
  at: number;
  back: number;
}

/** `npm run infra -- <command> --only <server> --profile test`: a server of the test stack stopped or started. */
function infra(command: 'kill' | 'down' | 'up', server: Server): Promise<void> {
  const args = ['--import', 'tsx', 'deploy/local/infra.ts', command, '--only', server, '--profile', 'test'];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: REPO_ROOT, timeout: 180_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`infra ${command} ${server}: ${error.message}\n${stdout}${stderr}`)) : resolve(),
    );
  });
}

/**
 * Kills the victim the way a crash would and starts it again at once; PostgreSQL restarts instead. Not crashed: the
 * test profile runs it without fsync and synchronous commits, so a crash would lose commits it had acknowledged,
 * which no production database is set up to do.
 */
async function crashAndRestart(victim: AppName | Server): Promise<void> {
  if (victim === 'kafka' || victim === 'postgres') {
    await infra(victim === 'kafka' ? 'kill' : 'down', victim);
    await infra('up', victim);
    return;
  }
  await stack.app(victim).kill9();
  await stack.startApp(victim);
}

/**
 * Kills a random process `KILLS` times and starts it again at once; one of the kills, at a seeded place, is a
 * PostgreSQL restart. Each kill waits for the run to have made some progress — a seeded number of answered requests since
 * the last restart — so it lands in traffic, never on an idle stack, and the same seed kills at the same points of
 * the run.
 */
async function chaos(random: () => number): Promise<Kill[]> {
  const kills: Kill[] = [];
  const postgresAt = Math.floor(random() * KILLS);
  for (let n = 0; n < KILLS; n++) {
    const target = answeredAt.length + 10 + Math.floor(random() * 40);
    await eventually(
      `${target} requests answered before kill ${n + 1}`,
      async () => (answeredAt.length >= target ? true : undefined),
      { timeoutMs: 300_000, pollMs: 50 },
    );
    const drawn = VICTIMS[Math.floor(random() * VICTIMS.length)] ?? 'dispute-worker';
    const victim = n === postgresAt ? 'postgres' : drawn;
    const at = Date.now();
    await crashAndRestart(victim);
    kills.push({ victim, at, back: Date.now() });
  }
  return kills;
}

it('settles every case exactly as its script says through kill -9 of the worker, every service and Kafka, and a PostgreSQL restart', async () => {
  const random = seeded(SEED);
  // Control cases, one per script, before any kill: what a case of each script leaves when nothing goes wrong.
  const control = new Map<string, CaseRecordOfRun>();
  for (const script of SCRIPT_NAMES) {
    control.set(script, await recordOf(await runCase(script, `chaos-${SEED}-control-${control.size}`)));
  }

  answeredAt = [];
  const results: { script: string; caseId: string }[] = [];
  let next = 0;
  let chaosOver = false;
  const drivers = Array.from({ length: PARALLEL }, async (_, driver) => {
    while (next < CASES || !chaosOver) {
      const n = next++;
      const script = SCRIPT_NAMES[Math.floor(random() * SCRIPT_NAMES.length)] ?? '';
      results.push({ script, caseId: await runCase(script, `chaos-${SEED}-${n}`, driver) });
    }
  });
  const running = Promise.all(drivers);
  const kills = await chaos(random);
  chaosOver = true;
  await running;

  // A kill has settled once every driver had an answer again after the process came back.
  const settle = kills.map((kill) => {
    const firsts = Array.from({ length: PARALLEL }, (_, driver) =>
      answeredAt.find((answer) => answer.driver === driver && answer.at > kill.back),
    );
    const resumed = firsts.filter((answer) => answer !== undefined).map((answer) => answer.at - kill.at);
    const settled = resumed.length === 0 ? 'after the run' : `${Math.max(...resumed)} ms`;
    return `${kill.victim} (back in ${kill.back - kill.at} ms) ${settled}`;
  });
  console.log(`crash chaos: ${kills.length} kills, ${retries} retried answers; settled after: ${settle.join(', ')}`);
  const byCount = [...retriedFor].sort((a, b) => b[1] - a[1]).map(([why, n]) => `${why} ×${n}`);
  console.log(`crash chaos: retried: ${byCount.join(', ')}`);
  expect(kills).toHaveLength(KILLS);

  const written = new Map<string, string[]>();
  for (const { script, caseId } of results) {
    const expected = control.get(script);
    const record = await eventually(
      `case ${caseId} settled`,
      async () => {
        const found = await recordOf(caseId);
        return found.status === expected?.status && found.timeline.length >= (expected?.timeline.length ?? 0)
          ? found
          : undefined;
      },
      { timeoutMs: 120_000, pollMs: 500 },
    );
    expect({
      caseId,
      status: record.status,
      level: record.level,
      tasks: record.tasks,
      timeline: record.timeline,
    }).toEqual({
      caseId,
      status: expected?.status,
      level: expected?.level,
      tasks: expected?.tasks,
      timeline: expected?.timeline,
    });
    expect({ caseId, events: record.events.map((event) => event.type) }).toEqual({
      caseId,
      events: expected?.events.map((event) => event.type),
    });
    written.set(
      caseId,
      record.events.map((event) => event.id),
    );
  }

  // Every event on the topic, in the order written for its case (a repeat after a crash is allowed: consumers dedupe).
  const seen = new Map<string, string[]>();
  const kafka = new Kafka({ clientId: 'chaos-check', brokers: testStack().kafkaBrokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `chaos-check-${SEED}-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [stack.topic('case')], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString() ?? '';
        const id = (JSON.parse(message.value?.toString() ?? '{}') as { id?: string }).id ?? '';
        const ids = seen.get(key) ?? [];
        if (!ids.includes(id)) ids.push(id);
        seen.set(key, ids);
      },
    });
    await eventually(
      'every written event on the topic',
      async () =>
        [...written].every(([caseId, ids]) => (seen.get(caseId)?.length ?? 0) >= ids.length) ? true : undefined,
      { timeoutMs: 120_000, pollMs: 500 },
    );
  } finally {
    await consumer.disconnect();
  }
  for (const [caseId, ids] of written) expect({ caseId, order: seen.get(caseId) }).toEqual({ caseId, order: ids });

  // statistics-service counted every case, acceptance and closure once: its consumer was killed too, and replays.
  // (The agreed cases are resolved only once closed, after their visit: they count as opened, not closed.)
  const everyCase = [...results.map((result) => result.script), ...SCRIPT_NAMES];
  const expectedTotals = {
    opened: everyCase.length,
    closed: everyCase.filter((script) => SCRIPTS[script]?.closes).length,
    transfersAccepted: everyCase.reduce(
      (sum, script) => sum + (SCRIPTS[script]?.steps().filter((step) => step.task === 'accept-transfer').length ?? 0),
      0,
    ),
    transfersRejected: 0,
  };
  const shanghaiDay = (offsetDays: number) =>
    new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
  let totals: Record<string, number> = {};
  await eventually(
    'statistics-service counting every case once',
    async () => {
      const res = await fetch(
        `${serviceUrl(stack.env, 'statistics')}/api/v1/statistics?from=${shanghaiDay(-1)}&to=${shanghaiDay(1)}&town=qingshui`,
        { headers: { authorization: `Bearer ${staff.coordinator.token}` } },
      ).catch(() => undefined);
      if (res?.status !== 200) return undefined;
      totals = ((await res.json()) as { totals: Record<string, number> }).totals;
      return Object.entries(expectedTotals).every(([name, value]) => totals[name] === value) ? true : undefined;
    },
    { timeoutMs: 120_000, pollMs: 500 },
  ).catch(() => undefined);
  expect(Object.fromEntries(Object.keys(expectedTotals).map((name) => [name, totals[name]]))).toEqual(expectedTotals);

  // No workflow failed, and none met non-determinism on its way back from a crash.
  const client = new Client({ connection: stack.temporal });
  for (const { caseId } of results) {
    const handle = client.workflow.getHandle(`dispute-case-${caseId}`);
    const history = await handle.fetchHistory();
    const nondeterminism = (history.events ?? []).filter((event) =>
      /nondetermin/i.test(event.workflowTaskFailedEventAttributes?.failure?.message ?? ''),
    );
    expect({ caseId, nondeterminism: nondeterminism.length }).toEqual({ caseId, nondeterminism: 0 });
    expect((await handle.describe()).status.name).not.toBe('FAILED');
  }
});
