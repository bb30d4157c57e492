/**
 * The workflow's activity proxies: one per family of side effect, each with the timeout and retry policy its service
 * calls need. Every activity is idempotent on a key the workflow derives, so retrying is always safe.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { DisputeActivities } from '@gongzhi/contracts/dispute';

/**
 * Policy, calendar, staff and agency reads from agency-service. Transient failures are retried without limit, backing
 * off to every 10 minutes: deadlines must come from the official calendar, and the people and agencies an action names
 * must be vouched for, never guessed. A non-retryable failure (a town missing an agency its route needs) is caught by
 * the workflow, which waits with the problem in its state.
 */
export const agencyReads = proxyActivities<
  Pick<DisputeActivities, 'planCase' | 'computeDeadline' | 'readStaff' | 'readAgencies'>
>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

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
