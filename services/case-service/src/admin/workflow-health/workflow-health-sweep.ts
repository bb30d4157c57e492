/**
 * The health sweep: describes every running case workflow in the background, at a bounded rate, and keeps the ones
 * in trouble (an activity retrying, a workflow task failing) in `workflow_health`.
 *
 * Only describe shows those two troubles: nothing in the database or the search attributes tells a workflow whose
 * activity keeps failing from one resting on a task ahead, and Temporal's visibility store does not index workflow
 * task attempts. Describing every running workflow on each stuck scan made the scan's cost grow with the town's open
 * cases (10,000 open cases: 10,000 describe calls per request). The sweep pays that cost once per pass, off the
 * request path and at a rate Temporal barely notices; the scan describes only what the sweep found, plus the cases
 * its own database reads call stalled. A trouble is found within one pass (docs/performance.md gives the pass time per
 * thousand open cases); a trouble that stalls a case past its deadline is found by the scan at once.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { mapBounded } from '../map-bounded';
import type { WorkflowHealthRepository } from './workflow-health.repository';
import type { DescribedWorkflow, WorkflowInspector } from '@gongzhi/dispute-client';

/** The scope of the dispute workflows' sweep (one row of `workflow_health_sweeps`). */
export const DISPUTE_SWEEP_SCOPE = 'dispute';

/** Workflows described, then recorded, together; the lease is renewed between chunks. */
const CHUNK = 100;

export interface HealthSweepOptions {
  repository: WorkflowHealthRepository;
  inspector: Pick<WorkflowInspector, 'runningPages' | 'describe'>;
  logger: Logger;
  scope?: string;
  /** Describe calls per second at most (default 50: 10,000 open cases take under four minutes a pass). */
  describesPerSecond?: number;
  /** Rest between passes (default 30 s). */
  pauseMs?: number;
  /** How long a pass holds the sweep before another replica may take it over (default 2 min, renewed per chunk). */
  leaseMs?: number;
  /** Running workflows one pass describes at most (default 200,000); a pass cut by it says it is not complete. */
  cap?: number;
  now?: () => Date;
}

export interface SweepPass {
  checked: number;
  troubled: number;
  /** Workflows whose describe failed this pass. */
  unanswered: number;
  complete: boolean;
  durationMs: number;
}

export interface HealthSweep {
  /** One whole pass, if this process holds (or takes) the lease; null when another replica is sweeping. */
  sweepOnce(): Promise<SweepPass | null>;
  /** Passes one after another, `pauseMs` apart, until stop(). */
  start(): void;
  /** Ends the pass under way at its next chunk and gives the lease up. */
  stop(): Promise<void>;
}

/** An activity past its first attempt, or a workflow task past its first: what the scan reports as failing. */
export function isTroubled(workflow: DescribedWorkflow): boolean {
  return (
    workflow.pendingActivities.some((activity) => activity.attempt > 1) || (workflow.workflowTask?.attempt ?? 0) > 1
  );
}

export function createHealthSweep(options: HealthSweepOptions): HealthSweep {
  const scope = options.scope ?? DISPUTE_SWEEP_SCOPE;
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const perSecond = options.describesPerSecond ?? 50;
  const pauseMs = options.pauseMs ?? 30_000;
  const leaseMs = options.leaseMs ?? 120_000;
  const cap = options.cap ?? 200_000;
  const now = options.now ?? (() => new Date());
  let stopping = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;

  /** Waits, unless stop() is called meanwhile. */
  function rest(ms: number): Promise<void> {
    if (ms <= 0 || stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  function renew(): Promise<boolean> {
    const at = now();
    return options.repository.lease(scope, holder, new Date(at.getTime() + leaseMs), at);
  }

  /** Aligned with the ids: a description, null (Temporal has no such workflow), undefined (it did not answer). */
  function describeChunk(workflowIds: readonly string[]): Promise<(DescribedWorkflow | null | undefined)[]> {
    return mapBounded(workflowIds, (id) =>
      options.inspector.describe(id).catch((error: unknown) => {
        // Unreadable this time: it stays as it was on record, and the next pass tries again.
        options.logger.debug({ err: error, workflowId: id }, 'health sweep: describe failed');
        return undefined;
      }),
    );
  }

  async function sweepOnce(): Promise<SweepPass | null> {
    if (!(await renew())) return null;
    const startedAt = now();
    const began = Date.now();
    let troubled = 0;
    let checked = 0;
    let unanswered = 0;
    let capped = false;
    // Page by page as the describes go: listing 10,000 workflows at once kept Temporal's visibility store busy for
    // seconds, in the way of everything else; a page of 100 every two seconds does not.
    for await (const page of options.inspector.runningPages(CHUNK)) {
      if (stopping) break;
      if (checked >= cap) {
        capped = true;
        break;
      }
      const chunkBegan = Date.now();
      const ids = page.map((workflow) => workflow.workflowId);
      const described = await describeChunk(ids);
      const checkedAt = now();
      const bad = described.filter((workflow): workflow is DescribedWorkflow => !!workflow && isTroubled(workflow));
      const badIds = new Set(bad.map((workflow) => workflow.workflowId));
      await options.repository.record({
        troubled: bad.map((workflow) => ({
          workflowId: workflow.workflowId,
          caseId: workflow.caseId,
          townCode: workflow.townCode,
          checkedAt,
        })),
        // Answered and not in trouble, or gone from Temporal altogether.
        healthy: ids.filter((id, n) => described[n] !== undefined && !badIds.has(id)),
      });
      troubled += bad.length;
      checked += ids.length;
      unanswered += described.filter((workflow) => workflow === undefined).length;
      // The rate budget: a chunk of 100 at 50 a second takes at least two seconds, however fast Temporal answers.
      await rest((ids.length / perSecond) * 1000 - (Date.now() - chunkBegan));
      if (!(await renew())) {
        options.logger.warn({ checked }, 'health sweep: lost its lease to another replica; stopping this pass');
        return null;
      }
    }
    // A workflow that did not answer keeps its row unrefreshed: a complete pass would forget it.
    const complete = !stopping && !capped && unanswered === 0;
    if (!stopping) {
      await options.repository.finishPass(scope, { startedAt, finishedAt: now(), checked, complete });
    }
    const pass = { checked, troubled, unanswered, complete, durationMs: Date.now() - began };
    options.logger.info(pass, 'health sweep pass');
    return pass;
  }

  return {
    sweepOnce,

    start() {
      if (loop) return;
      stopping = false;
      loop = (async () => {
        while (!stopping) {
          try {
            await sweepOnce();
          } catch (error) {
            options.logger.warn({ err: error }, 'health sweep failed; will retry');
          }
          await rest(pauseMs);
        }
      })();
    },

    async stop() {
      stopping = true;
      wake?.();
      await loop;
      loop = undefined;
      await options.repository.release(scope, holder).catch(() => undefined);
    },
  };
}
