/**
 * The workflow's activity proxies: one per family of side effect, each with the timeout and retry policy its service
 * calls need. Every activity is idempotent on a key the workflow derives, so retrying is always safe.
 */
import { type ActivityOptions, patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { DisputeActivities } from '@gongzhi/contracts/dispute';
import { LOCAL_AGENCY_READS_PATCH, LOCAL_COMMIT_PATCH } from './patches';

export type AgencyReads = Pick<DisputeActivities, 'planCase' | 'computeDeadline' | 'readStaff' | 'readAgencies'>;

/**
 * Policy, calendar, staff and agency reads from agency-service. Transient failures are retried without limit, backing
 * off to every 10 minutes: deadlines must come from the official calendar, and the people and agencies an action names
 * must be vouched for, never guessed. A non-retryable failure (a town missing an agency its route needs) is caught by
 * the workflow, which waits with the problem in its state.
 */
const agencyReadOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
} satisfies ActivityOptions;
export const remoteAgencyReads = proxyActivities<AgencyReads>(agencyReadOptions);
/**
 * A local activity's retries while a service restarts: about 15 s of attempts, never more than 2 s apart, so a case
 * carries on within 2 s of the service answering again (a doubling backoff left it waiting up to 8 s after a
 * one-second restart). Changing a retry policy changes no command: running cases replay as before.
 */
const LOCAL_RETRY = {
  initialInterval: '500 milliseconds',
  backoffCoefficient: 1.5,
  maximumInterval: '2 seconds',
  maximumAttempts: 10,
} as const;

/**
 * A local activity is invisible to Temporal's list of pending activities, so it does not retry for ever: after about
 * 15 s of failures it fails, and the workflow marks itself blocked on the read (the administrators' stuck scan and its
 * retry-now repair see that) and tries again on its own backoff.
 */
const localAgencyReads = proxyLocalActivities<AgencyReads>({
  startToCloseTimeout: '10 seconds',
  retry: LOCAL_RETRY,
});

/** The reads as a case runs them: local activities since LOCAL_AGENCY_READS_PATCH, activities before it. */
export function agencyReadsNow(): AgencyReads {
  return patched(LOCAL_AGENCY_READS_PATCH) ? localAgencyReads : remoteAgencyReads;
}

/**
 * Tasks, timeline and case progress in case-service. Retried without limit, backing off to every minute: these
 * writes are what people see, so they must land eventually, and they are keyed so a retry never doubles them.
 */
export const caseWrites = proxyActivities<
  Pick<
    DisputeActivities,
    'openTask' | 'closeTask' | 'remindTask' | 'recordTimeline' | 'updateCaseProgress' | 'commitTransition'
  >
>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The transition's commit as a local activity (LOCAL_COMMIT_PATCH): like the reads, it fails after about 15 s of
 * failures, and the workflow waits blocked on it, trying again at least every minute, where administrators see it.
 */
const localCommits = proxyLocalActivities<Pick<DisputeActivities, 'commitTransition'>>({
  startToCloseTimeout: '15 seconds',
  retry: LOCAL_RETRY,
});

/** The commit as a case runs it: a local activity since LOCAL_COMMIT_PATCH, an activity before it. */
export function commitsNow(): { commits: Pick<DisputeActivities, 'commitTransition'>; blockedRetryMaxMs?: number } {
  return patched(LOCAL_COMMIT_PATCH) ? { commits: localCommits, blockedRetryMaxMs: 60_000 } : { commits: caseWrites };
}
