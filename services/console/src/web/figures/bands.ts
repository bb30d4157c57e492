/**
 * The daily index's colour bands (docs/domain.md): blue excellent, yellow good, orange stable, red warning. The floors
 * are the contracts' INDEX_BAND_FLOORS restated, typed against the generated API types: a band the service renames or
 * drops fails the type check here (the browser bundle does not take in the contracts library).
 */
import type { StatisticsSchemas } from '../common/api/client';

export type IndexBand = StatisticsSchemas['DailyIndexEntry']['band'];

export const INDEX_BANDS: readonly IndexBand[] = ['blue', 'yellow', 'orange', 'red'];

/** Lowest score of each band; below the last one is red. */
export const INDEX_BAND_FLOORS: Readonly<Record<Exclude<IndexBand, 'red'>, number>> = {
  blue: 90,
  yellow: 80,
  orange: 70,
};

/** The scores of each band, [floor, ceiling), the top band up to 100. */
export function bandSpans(): { band: IndexBand; from: number; to: number }[] {
  return [
    { band: 'blue', from: INDEX_BAND_FLOORS.blue, to: 100 },
    { band: 'yellow', from: INDEX_BAND_FLOORS.yellow, to: INDEX_BAND_FLOORS.blue },
    { band: 'orange', from: INDEX_BAND_FLOORS.orange, to: INDEX_BAND_FLOORS.yellow },
    { band: 'red', from: 0, to: INDEX_BAND_FLOORS.orange },
  ];
}

/**
 * Each band's colours: a pale fill behind the chart, and a strong one for its points and for today's band. The
 * strong colours keep a 4.5:1 contrast with white text, and the pale ones with the page's dark text.
 */
export const BAND_COLOURS: Readonly<Record<IndexBand, { pale: string; strong: string }>> = {
  blue: { pale: '#dbe8ff', strong: '#0a4fb3' },
  yellow: { pale: '#fff4bf', strong: '#7a5a00' },
  orange: { pale: '#ffd6ad', strong: '#a63c06' },
  red: { pale: '#f8c8c3', strong: '#b3261e' },
};
