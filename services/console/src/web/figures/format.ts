/**
 * How the figures read on the page, in its tables and in the CSV files: rates as percentages, days with two decimals,
 * and nothing invented for a figure the API left null (no case to rate, no stay to time).
 */
import { type CsvCell, toCsv } from './csv';

/** What a column holds, which decides how it is shown, sorted and exported. */
export type FigureKind = 'text' | 'count' | 'rate' | 'days' | 'score';

export interface FigureColumn<Row> {
  key: string;
  title: string;
  kind: FigureKind;
  value: (row: Row) => string | number | null;
}

/** Shown for a null figure (with a tooltip saying why). */
export const NO_FIGURE = '—';

export function formatRate(rate: number | null, language: string): string {
  if (rate === null) return NO_FIGURE;
  return new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(rate);
}

/** A figure as the page shows it. */
export function formatFigure(kind: FigureKind, value: string | number | null, language: string): string {
  if (value === null) return NO_FIGURE;
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'rate':
      return formatRate(value, language);
    case 'days':
      return new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
    case 'score':
      return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    default:
      return new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(value);
  }
}

/**
 * A figure as a CSV cell: numbers bare (no thousands separator, so Excel sums them), rates as the page's percentage
 * ("75.0%", which Excel reads as a percentage), a null figure as an empty cell.
 */
function csvCell(kind: FigureKind, value: string | number | null): CsvCell {
  // The same digits in every language: "75.0%".
  return kind === 'rate' && typeof value === 'number' ? formatRate(value, 'en') : value;
}

/** A table's rows as a CSV file, its headers the columns' titles (in the page's language). */
export function figuresCsv<Row>(columns: readonly FigureColumn<Row>[], rows: readonly Row[]): string {
  return toCsv(
    columns.map((column) => column.title),
    rows.map((row) => columns.map((column) => csvCell(column.kind, column.value(row)))),
  );
}
