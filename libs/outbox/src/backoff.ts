/** Exponential backoff with full jitter: the n-th consecutive failure waits up to initial·2^(n−1), capped. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000 };

export function backoffDelay(policy: BackoffPolicy, failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, failures - 1));
  // Half fixed, half random: relays and consumers restarted together do not hit the broker in lockstep.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * A wait that `stop` can cut short (once interrupted, every wait returns at once until `reset`) and news of work can end
 * early (`nudge`).
 */
export function createInterruptibleWait() {
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let interrupted = false;
  /** A nudge that came while nobody waited: the next wait returns at once. */
  let nudged = false;
  return {
    wait(ms: number): Promise<void> {
      if (interrupted) return Promise.resolve();
      if (nudged) {
        nudged = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const done = () => {
          wake = undefined;
          clearTimeout(timer);
          resolve();
        };
        wake = done;
        timer = setTimeout(done, ms);
      });
    },
    interrupt(): void {
      interrupted = true;
      wake?.();
    },
    /** Ends the current wait (or the next one, if none is under way) without stopping later ones. */
    nudge(): void {
      if (wake) wake();
      else nudged = true;
    },
    reset(): void {
      interrupted = false;
      nudged = false;
    },
  };
}
