/** Temporal calls in flight at once: enough to get through the candidates quickly without flooding the frontend. */
export const TEMPORAL_CALL_CONCURRENCY = 10;

/** `fn` over every item, at most TEMPORAL_CALL_CONCURRENCY at a time; the results in the items' order. */
export async function mapBounded<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += TEMPORAL_CALL_CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(i, i + TEMPORAL_CALL_CONCURRENCY).map(fn))));
  }
  return results;
}
