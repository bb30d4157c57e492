/**
 * Asks `probe` again until it returns a value, for facts another process makes true a moment later (Temporal's
 * visibility store, a worker's writes to a service). It waits on the condition, never for a fixed time: `pollMs` only
 * spaces the questions so the server is not hammered; it fails with `what` after `timeoutMs`.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs = 60_000, pollMs = 100 }: { timeoutMs?: number; pollMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
