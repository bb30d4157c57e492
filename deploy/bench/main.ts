/**
 * `npm run bench [-- --full] [--no-fail] [--keep-infra] [--default-limits]`: issue 14's benchmark on a stack of its
 * own (the bench profile). Three interleaved rounds of every scenario, each beside its baseline measured in the same
 * round; the medians go into a table (printed, and written with the raw figures under .data/bench/). Exits 1 when a
 * figure misses its target (--no-fail: report only), 2 when the run itself failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { consoleLogger as log, formatDuration } from '../local/lib/log';
import { REPO_ROOT } from '../local/lib/profile';
import { type BenchMode, type Figures, MODES, type Scenario, snapshotLog } from './scenario';
import { burst } from './scenarios/burst';
import { growth } from './scenarios/growth';
import { intake } from './scenarios/intake';
import { memory } from './scenarios/memory';
import { markOutboxRound, outbox } from './scenarios/outbox';
import { closeReads, reads } from './scenarios/reads';
import { roundTripScenario } from './scenarios/round-trip';
import { scale } from './scenarios/scale';
import { tasks } from './scenarios/tasks';
import { type BenchStack, startBenchStack } from './stack';
import { machineDescription } from './system';
import { describeTarget, failures, formatTable, median, type ResultRow } from './stats';

const USAGE = `usage: npm run bench [-- options]

  --full            the full run (20 s per measurement, a burst of 372, growth to 100k); default: quick (~5 min, growth to 10k ~5 more)
  --no-fail         report only: exit 0 even when a figure misses its target
  --keep-infra      leave the bench profile's PostgreSQL, Temporal and Kafka running afterwards
  --default-limits  keep the services' rate limits as npm start sets them (default: raised, as issue 14 measured)
  --no-growth       skip the growth scenario (bulk-seeded open cases, after the rounds)
  --cpu-profile     every app writes a CPU profile (.cpuprofile, for Chrome's DevTools) under .data/bench/profiles/<time>/
                    when the stack stops
  --rounds <n>      rounds instead of three (1–9): one round for a quick look while changing a path, more for less noise
  --only <names>    only these scenarios, comma-separated (intake,burst,tasks,round-trip,reads,memory,outbox,scale), no growth:
                    for working on one path; tasks needs cases that intake or burst opened in the same round`;

/**
 * In the order they run in a round: intake and the burst open the cases whose tasks claim+complete works on; the
 * reads come after, on a database with rows in it; the outbox lag over every event the round wrote; the replicas
 * last, as they restart the stack's processes.
 */
const SCENARIOS: readonly Scenario[] = [intake, burst, tasks, roundTripScenario, reads, memory, outbox, scale];

/** Every scenario, or the ones `--only` names in their running order; undefined when a name is unknown. */
function chosenScenarios(only: string | undefined): readonly Scenario[] | undefined {
  if (only === undefined) return SCENARIOS;
  const names = new Set(
    only
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  );
  const known = new Set(SCENARIOS.map((s) => s.name));
  if (names.size === 0 || [...names].some((name) => !known.has(name))) return undefined;
  return SCENARIOS.filter((s) => names.has(s.name));
}

function medians(rounds: readonly Figures[]): Figures {
  const keys = new Set(rounds.flatMap((figures) => Object.keys(figures)));
  return Object.fromEntries(
    [...keys].map((key) => [
      key,
      median(rounds.map((f) => f[key]).filter((v): v is number => v !== undefined && !Number.isNaN(v))),
    ]),
  );
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-').slice(0, 19);
}

async function runRounds(
  stack: BenchStack,
  mode: BenchMode,
  notes: ReturnType<typeof snapshotLog>,
  scenarios: readonly Scenario[],
) {
  const byScenario = new Map<string, Figures[]>(scenarios.map((s) => [s.name, []]));
  for (let round = 1; round <= mode.rounds; round++) {
    const began = Date.now();
    log.info('bench', `round ${round} of ${mode.rounds}`);
    await stack.refreshLogins();
    markOutboxRound();
    const earlier: Record<string, Figures> = {};
    for (const scenario of scenarios) {
      const figures = await scenario.run({
        stack,
        mode,
        log,
        round,
        baselineFirst: round % 2 === 0,
        earlier,
        note: (label) => notes.note(`round ${round}: ${label}`),
      });
      earlier[scenario.name] = figures;
      byScenario.get(scenario.name)?.push(figures);
    }
    log.info('bench', `round ${round} done in ${formatDuration(Date.now() - began)}`);
  }
  return byScenario;
}

/** The growth scenario, once; a failure is logged and leaves the rounds' table standing. */
async function runGrowth(
  stack: BenchStack,
  mode: BenchMode,
  notes: ReturnType<typeof snapshotLog>,
): Promise<Figures | undefined> {
  const began = Date.now();
  log.info('bench', `growth: ${['base', ...mode.growthSizes.map(String)].join(' → ')} open cases`);
  try {
    return await growth.run({
      stack,
      mode,
      log,
      round: 0,
      baselineFirst: false,
      earlier: {},
      note: (label) => notes.note(label),
    });
  } catch (error) {
    log.info('bench', `growth failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return undefined;
  } finally {
    log.info('bench', `growth done in ${formatDuration(Date.now() - began)}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      full: { type: 'boolean' },
      quick: { type: 'boolean' },
      'no-fail': { type: 'boolean' },
      'keep-infra': { type: 'boolean' },
      'default-limits': { type: 'boolean' },
      'no-growth': { type: 'boolean' },
      only: { type: 'string' },
      'cpu-profile': { type: 'boolean' },
      rounds: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const rounds = values.rounds === undefined ? undefined : Number(values.rounds);
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 1 && rounds <= 9)) {
    process.stderr.write(`[bench] --rounds takes a whole number from 1 to 9\n${USAGE}\n`);
    return 2;
  }
  const preset = MODES[values.full === true ? 'full' : 'quick'];
  const mode = rounds === undefined ? preset : { ...preset, rounds };
  const scenarios = chosenScenarios(values.only);
  if (!scenarios) {
    process.stderr.write(
      `[bench] --only takes scenario names from: ${SCENARIOS.map((s) => s.name).join(', ')}\n${USAGE}\n`,
    );
    return 2;
  }
  const startedAt = new Date();
  log.info('bench', `${mode.name} run: ${mode.rounds} rounds, ${mode.measureMs / 1000} s per measurement`);
  const notes = snapshotLog();
  if (values['cpu-profile'] === true) {
    const profileDir = path.join(REPO_ROOT, '.data', 'bench', 'profiles', stamp(startedAt));
    mkdirSync(profileDir, { recursive: true });
    process.env['GONGZHI_CPU_PROFILE_DIR'] = profileDir;
    log.info('bench', `CPU profiles: ${path.relative(REPO_ROOT, profileDir)}/ (written as the apps stop)`);
  }
  const stack = await startBenchStack({ raiseLimits: values['default-limits'] !== true, log });
  // Ctrl-C stops what the bench started (services, workers, infrastructure) rather than leaving it holding the ports.
  const interrupt = () => {
    log.info('bench', 'interrupted: stopping the bench stack…');
    void stack.stop({ keepInfra: values['keep-infra'] === true }).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  let byScenario: Map<string, Figures[]>;
  let growthFigures: Figures | undefined;
  try {
    await notes.note('stack started');
    byScenario = await runRounds(stack, mode, notes, scenarios);
    // Once, after the rounds: it seeds thousands of cases that stay, which would change every later round.
    if (values['no-growth'] !== true && values.only === undefined) growthFigures = await runGrowth(stack, mode, notes);
  } finally {
    await closeReads().catch(() => undefined);
    await stack.stop({ keepInfra: values['keep-infra'] === true });
  }

  const rows: ResultRow[] = [
    ...scenarios.flatMap((s) => s.rows(medians(byScenario.get(s.name) ?? []))),
    ...(growthFigures ? growth.rows(growthFigures) : []),
  ];
  const finishedAt = new Date();
  const loads = notes.snapshots.map((s) => s.load1);
  const heading =
    `${mode.name} run of ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
    `${formatDuration(finishedAt.getTime() - startedAt.getTime())}, on ${machineDescription()}; ` +
    `medians of ${mode.rounds} rounds; load average ${Math.min(...loads)}–${Math.max(...loads)}` +
    (values['default-limits'] === true ? '; rate limits as npm start sets them' : '; rate limits raised') +
    (values.only === undefined ? '' : `; only ${scenarios.map((s) => s.name).join(', ')}`);
  const table = formatTable(rows);
  const outDir = path.join(REPO_ROOT, '.data', 'bench');
  mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, `${stamp(startedAt)}-${mode.name}`);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    mode,
    machine: machineDescription(),
    rateLimits: values['default-limits'] === true ? 'default' : 'raised',
    rounds: Object.fromEntries(byScenario),
    medians: Object.fromEntries([...byScenario].map(([name, rounds]) => [name, medians(rounds)])),
    growth: growthFigures ?? null,
    rows: rows.map((r) => ({ ...r, targetText: describeTarget(r.target) })),
    snapshots: notes.snapshots,
  };
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  const markdown = `${heading}\n\n${table}\n`;
  writeFileSync(`${base}.md`, markdown);
  // A partial run is not the latest table of the whole bench.
  if (values.only === undefined) writeFileSync(path.join(outDir, 'latest.md'), markdown);
  const busiest = notes.snapshots.map((s) => `  ${s.label.padEnd(36)} load ${String(s.load1).padEnd(5)} ${s.busiest}`);
  process.stdout.write(`\n${heading}\n\n${table}\n\nbusiest process at each step:\n${busiest.join('\n')}\n\n`);
  log.info(
    'bench',
    `written: ${path.relative(REPO_ROOT, base)}.json and .md${values.only === undefined ? ' (and .data/bench/latest.md)' : ''}`,
  );

  const missed = failures(rows);
  if (missed.length === 0) {
    log.info('bench', 'every figure with a target reached it');
    return 0;
  }
  log.info('bench', `${missed.length} figure(s) missed their target: ${missed.map((r) => r.path).join('; ')}`);
  return values['no-fail'] === true ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true) {
      process.stderr.write(`[bench] ${(error as Error).message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `[bench] the run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
