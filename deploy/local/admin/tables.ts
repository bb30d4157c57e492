/** Plain-text tables for people; every command also has --json for scripts. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A duration in whole hours, or days past two days. */
export function hours(ms: number): string {
  return ms >= 48 * 3_600_000 ? `${Math.floor(ms / 86_400_000)} d` : `${Math.floor(ms / 3_600_000)} h`;
}
