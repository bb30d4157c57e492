/**
 * One ECharts chart in a React page. Only the pieces the figures use are registered (bar and line charts, a grid with
 * axes, tooltip, legend, shaded bands, the canvas renderer): the full `echarts` package would weigh several times
 * as much in a chunk a slow office PC has to load and parse.
 */
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  type LegendComponentOption,
  LegendPlainComponent,
  MarkAreaComponent,
  type MarkAreaComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// The plain legend: a handful of short names never need the scrolling one.
use([BarChart, LineChart, GridComponent, LegendPlainComponent, MarkAreaComponent, TooltipComponent, CanvasRenderer]);

/** The options a chart of this page may use: nothing that needs a piece left unregistered. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkAreaComponentOption
  | TooltipComponentOption
>;

/**
 * A chart drawn on a div: created when it mounts, given each new `option` whole (a series that went away leaves no
 * trace), resized with its box (the window, the menu wrapping), and disposed when it unmounts. Screen readers read it
 * as one image described by `label`; the same numbers are in the table view beside it.
 */
export function EChart({ option, label, height }: { option: ChartOption; label: string; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const created = init(element, null, { renderer: 'canvas' });
    chart.current = created;
    const observer = new ResizeObserver(() => created.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      created.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} className="gz-figures-chart" style={{ height }} />;
}
