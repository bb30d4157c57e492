/**
 * The read paths: `GET /cases/:id` and `GET /tasks?view=all` in a closed loop at c=8, each beside bare node:http
 * answering the very body the service returned; the case row read through Prisma beside raw pg; and both reads at
 * half their measured maximum rate, whose p99 is issue 14's target.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { type BenchClient, benchClients, closedLoop, closedLoopOf, closeClients, openLoop, send } from '../load';
import type { BenchStack } from '../stack';
import { bearer, type Figures, type RoundContext, type Scenario, sideBySide } from '../scenario';
import { formatLatency, formatNumber, formatRate, percentile, ratio, row, type ResultRow, type Target } from '../stats';

const CONCURRENCY = 8;
/** Open-loop arrivals spread over this many addresses, as people reading from their own machines. */
const OPEN_LOOP_CLIENTS = 16;

interface ReadPath {
  key: 'case' | 'tasks';
  label: string;
  /** Path and query on case-service. */
  path: (caseId: string) => string;
  ratioTarget: Target;
  p99Target: Target;
}

const READ_PATHS: readonly ReadPath[] = [
  {
    key: 'case',
    label: '`GET /cases/:id`',
    path: (caseId) => `/api/v1/cases/${caseId}`,
    // Issue 14: a 40th of bare node:http now (the long-term aim is a fifth), p99 ≤ 50 ms at half the maximum.
    ratioTarget: { kind: 'at-least', value: 0.03 },
    p99Target: { kind: 'at-most', value: 50, unit: 'ms' },
  },
  {
    key: 'tasks',
    label: '`GET /tasks?view=all`',
    path: () => '/api/v1/tasks?view=all&limit=20',
    ratioTarget: { kind: 'at-least', value: 0.02 },
    p99Target: { kind: 'at-most', value: 100, unit: 'ms' },
  },
];

const PRISMA_TARGET: Target = { kind: 'at-most', value: 2, unit: '×' };

/** The bare-http baseline, started once per run with the bodies of the first round. */
let bareHttpUrl: Promise<string> | undefined;

function startBareHttp(stack: BenchStack, bodies: Record<string, string>): Promise<string> {
  bareHttpUrl ??= (async () => {
    const port = stack.profile.ports.console + 10;
    const file = path.join(stack.profile.dataDir, 'bare-http-bodies.json');
    writeFileSync(file, JSON.stringify(bodies));
    await stack.startExtra({
      name: 'bare-http',
      entry: 'deploy/bench/baseline/bare-http.ts',
      env: { PORT: String(port), BENCH_BODIES_FILE: file },
      readyLine: /bare http listening/,
    });
    return `http://127.0.0.1:${port}`;
  })();
  return bareHttpUrl;
}

/** The case every round reads: the same one, since the bare-http baseline answers with its body. */
let readCaseId: string | undefined;

async function someCaseId(stack: BenchStack): Promise<string> {
  if (readCaseId !== undefined) return readCaseId;
  const { rows } = await stack.db.case.query<{ id: string }>('SELECT id FROM cases ORDER BY id LIMIT 1');
  readCaseId = rows[0]?.id;
  if (readCaseId === undefined) throw new Error('no case to read: the intake scenario should have opened some');
  return readCaseId;
}

/** What the case-service Prisma client looks like to the bench (it is loaded by path: nothing imports a service). */
interface CasePrisma {
  case: { findUnique(args: { where: { id: string } }): Promise<unknown> };
  $disconnect(): Promise<void>;
}

let prisma: Promise<CasePrisma> | undefined;

function casePrisma(stack: BenchStack): Promise<CasePrisma> {
  prisma ??= (async () => {
    const clientPath = path.join(stack.profile.repoRoot, 'services/case-service/src/generated/prisma/client.ts');
    const { PrismaClient } = (await import(clientPath)) as {
      PrismaClient: new (options: { adapter: unknown }) => CasePrisma;
    };
    const { PrismaPg } = await import('@prisma/adapter-pg');
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: stack.env.databaseUrls.case }) });
  })();
  return prisma;
}

/** case-service's plain-SQL case read (cases/case-reads.ts), loaded by path like the Prisma client. */
interface CaseReadsModule {
  CASE_BY_ID: { name: string; text: string };
}

/**
 * The case row, one query at a time: as case-service reads it (its plain-SQL read of the case with its parties, a
 * prepared statement on a pg pool as the service runs it), through Prisma's query builder (what that read replaced),
 * and raw pg `SELECT *`, prepared likewise (the baseline): p50 of each.
 */
async function rowReads(ctx: RoundContext, caseId: string): Promise<Figures> {
  const durationMs = ctx.mode.measureMs / 3;
  const pool = new Pool({ connectionString: ctx.stack.env.databaseUrls.case, max: 1 });
  try {
    const client = await casePrisma(ctx.stack);
    const modulePath = path.join(ctx.stack.profile.repoRoot, 'services/case-service/src/cases/case-reads.ts');
    const { CASE_BY_ID } = (await import(modulePath)) as CaseReadsModule;
    await client.case.findUnique({ where: { id: caseId } });
    const viaPrisma = await closedLoopOf(1, durationMs, async () => {
      await client.case.findUnique({ where: { id: caseId } });
    });
    const [viaService, raw] = await sideBySide(
      ctx,
      () => closedLoopOf(1, durationMs, async () => void (await pool.query({ ...CASE_BY_ID, values: [caseId] }))),
      // Prepared too, as case-service's read is: the comparison is of the reads, not of planning them.
      () =>
        closedLoopOf(
          1,
          durationMs,
          async () =>
            void (await pool.query({ name: 'bench-row', text: 'SELECT * FROM cases WHERE id = $1', values: [caseId] })),
        ),
    );
    return {
      'row.service.p50': percentile(viaService.latenciesMs, 50),
      'row.prisma.p50': percentile(viaPrisma.latenciesMs, 50),
      'row.pg.p50': percentile(raw.latenciesMs, 50),
    };
  } finally {
    await pool.end();
  }
}

async function readPath(ctx: RoundContext, read: ReadPath, caseId: string, bare: string): Promise<Figures> {
  const { stack, mode } = ctx;
  const token = stack.staff.coordinator.token;
  const url = `${stack.url('case')}${read.path(caseId)}`;
  const loop = async (target: string) => {
    const clients = benchClients(CONCURRENCY);
    try {
      return await closedLoop({
        clients,
        durationMs: mode.measureMs,
        next: () => ({ method: 'GET', url: target, headers: bearer(token) }),
      });
    } finally {
      closeClients(clients);
    }
  };
  ctx.log.info('reads', `round ${ctx.round}: ${read.label} and bare node:http at c=${CONCURRENCY}`);
  const [gongzhi, baseline] = await sideBySide(
    ctx,
    () => loop(url),
    () => loop(`${bare}${read.path(caseId)}`),
  );
  await ctx.note(`read ${read.key}`);

  const half = gongzhi.rate / 2;
  ctx.log.info('reads', `round ${ctx.round}: ${read.label} at ${formatNumber(half)}/s (half the maximum)`);
  const clients = benchClients(OPEN_LOOP_CLIENTS);
  const atHalf = await openLoop({
    clients,
    ratePerSecond: Math.max(half, 0.5),
    durationMs: mode.measureMs,
    next: () => ({ method: 'GET', url, headers: bearer(token) }),
  }).finally(() => closeClients(clients));
  await ctx.note(`read ${read.key} at half max`);
  return {
    [`${read.key}.rate`]: gongzhi.rate,
    [`${read.key}.p50`]: percentile(gongzhi.latenciesMs, 50),
    [`${read.key}.p99`]: percentile(gongzhi.latenciesMs, 99),
    [`${read.key}.failed`]: gongzhi.latenciesMs.length === 0 ? 1 : 0,
    [`${read.key}.baseline.rate`]: baseline.rate,
    [`${read.key}.half.rate`]: half,
    [`${read.key}.half.p99`]: percentile(atHalf.latenciesMs, 99),
  };
}

export const reads: Scenario = {
  name: 'reads',
  async run(ctx) {
    const caseId = await someCaseId(ctx.stack);
    const token = ctx.stack.staff.coordinator.token;
    const [client] = benchClients(1) as [BenchClient];
    const bodies: Record<string, string> = {};
    try {
      for (const read of READ_PATHS) {
        const res = await send(client, {
          method: 'GET',
          url: `${ctx.stack.url('case')}${read.path(caseId)}`,
          headers: bearer(token),
        });
        if (res.status !== 200) throw new Error(`${read.label}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
        bodies[read.path(caseId).split('?')[0] as string] = res.body;
      }
    } finally {
      closeClients([client]);
    }
    const bare = await startBareHttp(ctx.stack, bodies);
    const began = performance.now();
    const figures: Figures = {};
    for (const read of READ_PATHS) Object.assign(figures, await readPath(ctx, read, caseId, bare));
    Object.assign(figures, await rowReads(ctx, caseId));
    ctx.log.info('reads', `round ${ctx.round}: done in ${formatNumber((performance.now() - began) / 1000)} s`);
    return figures;
  },
  rows(m) {
    const rows: ResultRow[] = [];
    for (const read of READ_PATHS) {
      const k = read.key;
      const value = ratio(m[`${k}.rate`] ?? Number.NaN, m[`${k}.baseline.rate`] ?? Number.NaN);
      rows.push(
        row({
          path: `${read.label}, c=${CONCURRENCY}`,
          gongzhi:
            `${formatRate(m[`${k}.rate`] ?? Number.NaN, 'req')}, ` +
            formatLatency({ p50: m[`${k}.p50`] ?? Number.NaN, p99: m[`${k}.p99`] ?? Number.NaN }),
          baseline: `bare node:http ${formatRate(m[`${k}.baseline.rate`] ?? Number.NaN, 'req')}`,
          value,
          valueLabel: formatNumber(value),
          target: read.ratioTarget,
        }),
        row({
          path: `${read.label} at half max`,
          gongzhi: `${formatRate(m[`${k}.half.rate`] ?? Number.NaN, 'req')}`,
          baseline: '—',
          value: m[`${k}.half.p99`] ?? Number.NaN,
          valueLabel: `p99 ${formatNumber(m[`${k}.half.p99`] ?? Number.NaN)} ms`,
          target: read.p99Target,
        }),
      );
    }
    const slowdown = ratio(m['row.service.p50'] ?? Number.NaN, m['row.pg.p50'] ?? Number.NaN);
    const prismaSlowdown = ratio(m['row.prisma.p50'] ?? Number.NaN, m['row.pg.p50'] ?? Number.NaN);
    rows.push(
      row({
        path: 'case row as case-service reads it vs raw pg',
        gongzhi: `p50 ${formatNumber(m['row.service.p50'] ?? Number.NaN)} ms (with its parties, plain SQL)`,
        baseline: `raw pg p50 ${formatNumber(m['row.pg.p50'] ?? Number.NaN)} ms`,
        value: slowdown,
        valueLabel: `${formatNumber(slowdown)}×`,
        target: PRISMA_TARGET,
      }),
      row({
        path: 'case row through Prisma findUnique vs raw pg',
        gongzhi: `p50 ${formatNumber(m['row.prisma.p50'] ?? Number.NaN)} ms (no longer on the read path)`,
        baseline: `raw pg p50 ${formatNumber(m['row.pg.p50'] ?? Number.NaN)} ms`,
        value: prismaSlowdown,
        valueLabel: `${formatNumber(prismaSlowdown)}×`,
      }),
    );
    return rows;
  },
};

/** Closes the Prisma client the row comparison opened (at the end of the run). */
export async function closeReads(): Promise<void> {
  if (prisma) await (await prisma).$disconnect();
}
