/**
 * The options of the page's charts, from figures already named in the page's language. No animation (a slow office
 * PC spends its frames on the work, as the console's theme has it), the console's fonts, and colours that keep their
 * contrast on white; each chart's numbers are also in its table.
 */
import { BAND_COLOURS, bandSpans, type IndexBand } from './bands';
import type { ChartOption } from './echart';

const FONT =
  "-apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";

/** The colours of what the charts count, the same in every chart. */
export const FIGURE_COLOURS = {
  opened: '#0a4fb3',
  closed: '#5c6370',
  resolved: '#1e6b12',
  rejected: '#b3261e',
  accepted: '#7a5a00',
  mean: '#0a4fb3',
  p90: '#a63c06',
} as const;

export interface BarSeries {
  name: string;
  colour: string;
  data: readonly (number | null)[];
}

const base = (legend: boolean): ChartOption => ({
  animation: false,
  textStyle: { fontFamily: FONT, color: '#1f1f1f' },
  tooltip: { trigger: 'axis', confine: true },
  ...(legend ? { legend: { top: 0, textStyle: { color: '#1f1f1f' } } } : {}),
});

const bars = (series: readonly BarSeries[]) =>
  series.map((s) => ({
    type: 'bar' as const,
    name: s.name,
    data: [...s.data],
    itemStyle: { color: s.colour },
    barMaxWidth: 28,
  }));

/** Bars per period, side by side (opened, closed, resolved). */
export function periodBarsOption(periods: readonly string[], series: readonly BarSeries[]): ChartOption {
  return {
    ...base(true),
    grid: { top: 40, left: 8, right: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: [...periods], axisLabel: { color: '#333' } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#333' } },
    series: bars(series),
  };
}

/** Horizontal bars per named row (agencies, villages, dispute types), the first row on top. */
export function categoryBarsOption(categories: readonly string[], series: readonly BarSeries[]): ChartOption {
  return {
    ...base(true),
    grid: { top: 40, left: 8, right: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#333' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: [...categories],
      axisLabel: { color: '#333', width: 140, overflow: 'truncate' },
    },
    series: bars(series),
  };
}

/** The height that gives each row of a horizontal bar chart room for its bars. */
export function categoryChartHeight(rows: number, seriesPerRow: number): number {
  return Math.max(240, 64 + rows * (10 * seriesPerRow + 14));
}

/** Days with two decimals, the same digits in every language (as the table shows them). */
const dayLabel = (value: unknown): string => (typeof value === 'number' ? value.toFixed(2) : '');

/**
 * Days per level: the mean and the 90th percentile side by side, each bar with its number on top: a case settled within
 * the day has a bar too short to see, and "0.00" says so (a level with no stay has no bar and no number).
 */
export function levelBarsOption(levels: readonly string[], series: readonly BarSeries[]): ChartOption {
  return {
    ...periodBarsOption(levels, series),
    yAxis: { type: 'value', axisLabel: { color: '#333' } },
    series: bars(series).map((bar) => ({
      ...bar,
      label: {
        show: true,
        position: 'top' as const,
        color: '#1f1f1f',
        formatter: ({ value }: { value: unknown }) => dayLabel(value),
      },
    })),
  };
}

/**
 * The daily index as a line over the colour bands (pale fills from each band's floor to the next one's), each day's
 * point in its band's colour.
 */
export function dailyIndexOption(
  days: readonly { date: string; score: number; band: IndexBand }[],
  bandNames: Readonly<Record<IndexBand, string>>,
  seriesName: string,
): ChartOption {
  // From a round ten below the lowest score (60 at most, so the red band always shows) up to 100: the bands that
  // matter get the height, not the empty range from 0.
  const lowest = Math.min(100, ...days.map((d) => d.score));
  const axisMin = Math.max(0, Math.min(60, Math.floor((lowest - 5) / 10) * 10));
  return {
    ...base(false),
    grid: { top: 16, left: 8, right: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: days.map((d) => d.date.slice(5)),
      axisLabel: { color: '#333' },
      boundaryGap: false,
    },
    yAxis: {
      type: 'value',
      min: axisMin,
      max: 100,
      interval: 10,
      axisLabel: { color: '#333' },
    },
    series: [
      {
        type: 'line',
        name: seriesName,
        data: days.map((d) => ({ value: d.score, itemStyle: { color: BAND_COLOURS[d.band].strong } })),
        lineStyle: { color: '#1f1f1f', width: 2 },
        symbol: 'circle',
        symbolSize: 7,
        // Points for a month or two; past that they would only blot the line.
        showSymbol: days.length <= 62,
        markArea: {
          silent: true,
          data: bandSpans().map(({ band, from, to }) => [
            {
              yAxis: Math.max(from, axisMin),
              name: bandNames[band],
              itemStyle: { color: BAND_COLOURS[band].pale, opacity: 0.85 },
              // Beside the plot, where no point can hide it.
              label: { position: 'right', color: '#1f1f1f' },
            },
            { yAxis: to },
          ]),
        },
      },
    ],
  };
}
