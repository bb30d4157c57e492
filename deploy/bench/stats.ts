/**
 * The benchmark's arithmetic, free of I/O so it is unit-tested (stats.spec.ts): medians over rounds, latency
 * percentiles, ratios against a baseline, targets and the table docs/performance.md shows.
 */

/** The median of some numbers (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The p-th percentile (0–100) by nearest rank: the smallest value with at least p% of the values at or below it,
 * so a p99 is always a latency someone actually waited, never an interpolation. NaN for none.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile ${p} is outside 0–100`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** What one measurement's latencies come to. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarise(latenciesMs: readonly number[]): LatencySummary {
  return {
    count: latenciesMs.length,
    p50: percentile(latenciesMs, 50),
    p90: percentile(latenciesMs, 90),
    p99: percentile(latenciesMs, 99),
    max: latenciesMs.length === 0 ? Number.NaN : Math.max(...latenciesMs),
  };
}

/** Gongzhi's figure over the baseline's; NaN when either is missing or the baseline is zero. */
export function ratio(measured: number, baseline: number): number {
  if (!Number.isFinite(measured) || !Number.isFinite(baseline) || baseline === 0) return Number.NaN;
  return measured / baseline;
}

/**
 * A target from issue 14's table: a ratio that must reach a floor (throughput against a baseline), or a figure that
 * must stay under a ceiling (a p99 in milliseconds, or a slowdown factor such as Prisma over raw pg).
 */
export type Target = { kind: 'at-least'; value: number } | { kind: 'at-most'; value: number; unit: 'ms' | '×' };

export type Verdict = 'pass' | 'fail' | 'unmeasured' | 'no-target';

export function evaluate(value: number, target: Target | undefined): Verdict {
  if (target === undefined) return 'no-target';
  if (!Number.isFinite(value)) return 'unmeasured';
  return (target.kind === 'at-least' ? value >= target.value : value <= target.value) ? 'pass' : 'fail';
}

export function describeTarget(target: Target | undefined): string {
  if (target === undefined) return '—';
  if (target.kind === 'at-least') return `≥ ${target.value}`;
  return target.unit === 'ms' ? `≤ ${target.value} ms` : `≤ ${target.value}×`;
}

/** One line of the result: a scenario's figure beside its baseline's, with the value a target is checked against. */
export interface ResultRow {
  /** What was measured, as the issue names it (`GET /cases/:id`, `intake c=8`…). */
  path: string;
  /** Gongzhi's figure as a person reads it ("25 req/s, p50 353 ms"). */
  gongzhi: string;
  /** The baseline's figure, or "—" where there is none. */
  baseline: string;
  /** The number the target is checked against: a ratio, a slowdown factor or a p99 in ms (median over rounds). */
  value: number;
  /** How `value` reads in the table's ratio column ("0.0007", "2.2×", "p99 744 ms"). */
  valueLabel: string;
  target?: Target;
  verdict: Verdict;
}

/** A row with its verdict worked out from its value and target. */
export function row(fields: Omit<ResultRow, 'verdict'>): ResultRow {
  return { ...fields, verdict: evaluate(fields.value, fields.target) };
}

const VERDICT_MARK: Record<Verdict, string> = { pass: '✓', fail: '✗', unmeasured: '? not measured', 'no-target': '' };

/** The Markdown table docs/performance.md shows, in the issue's columns. */
export function formatTable(rows: readonly ResultRow[]): string {
  const lines = ['| path | Gongzhi | baseline | ratio | target |', '|---|---|---|---|---|'];
  for (const r of rows) {
    const mark = VERDICT_MARK[r.verdict];
    const target = `${describeTarget(r.target)}${mark === '' ? '' : ` ${mark}`}`;
    lines.push(`| ${[r.path, r.gongzhi, r.baseline, r.valueLabel, target].map(escapeCell).join(' | ')} |`);
  }
  return lines.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Rows whose figure misses its target: the bench exits non-zero when there is any. */
export function failures(rows: readonly ResultRow[]): ResultRow[] {
  return rows.filter((r) => r.verdict === 'fail');
}

/** A number for the table: thousands grouped, and as many significant digits as a reader can use. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return '0';
  // Small ratios (0.0007) keep two significant digits.
  return value.toPrecision(2);
}

export function formatRate(perSecond: number, unit: string): string {
  return `${formatNumber(perSecond)} ${unit}/s`;
}

export function formatLatency(summary: Pick<LatencySummary, 'p50' | 'p99'>): string {
  return `p50 ${formatNumber(summary.p50)} ms, p99 ${formatNumber(summary.p99)} ms`;
}
