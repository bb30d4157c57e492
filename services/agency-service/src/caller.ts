/** Turns the caller's If-Match into the version to write on top of (see etag.ts: 428 missing, 412 stale). */
export type VersionCheck = (currentVersion: number) => number;

/** Keeps `limit + 1` rows after the cursor position, in id order: the shape toPage() expects. */
export function pageAfter<T extends { id: string }>(rows: T[], afterId: string | undefined, limit: number): T[] {
  return rows
    .filter((row) => afterId === undefined || row.id > afterId)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .slice(0, limit + 1);
}
