/**
 * The figures as a CSV file for Excel (RFC 4180): UTF-8 with a byte order mark, without which Excel on a Chinese
 * Windows reads the file as GBK and the headers come out garbled; lines end with CRLF.
 */

export type CsvCell = string | number | null | undefined;

const BOM = '\uFEFF';

/**
 * A text cell Excel would take for a formula (=, +, -, @, or a tab or carriage return before one) is written with an
 * apostrophe first, so a name typed as "=HYPERLINK(…)" in the directory stays text in the sheet. Numbers are numbers.
 */
function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The file's text: a header line, then a line per row (a missing value is an empty cell). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(cellText).join(',')).join('\r\n') + '\r\n';
}

/** "按村统计_2026-03-01_2026-03-31.csv": the table's title and the period, without characters Windows refuses. */
export function csvFileName(title: string, from: string, to: string): string {
  const safe = title.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '');
  return `${safe || 'figures'}_${from}_${to}.csv`;
}
