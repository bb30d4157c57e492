/**
 * What the dispute activities write to case-service, on its internal (workflow-facing) routes. Every write is keyed
 * by the case and the workflow's own ids in the URL, so case-service applies a retried call once.
 */
import {
  type CaseProgressInput,
  type CloseTaskInput,
  type CommitTransitionInput,
  DISPUTE_ACTIVITY_FAILURES,
  type OpenTaskInput,
  type RemindTaskInput,
  type TimelineEventInput,
} from '@gongzhi/contracts/dispute';
import { transitionWriteOf } from '@gongzhi/contracts';
import { PROBLEM_TYPES, problemTypeUri } from '@gongzhi/errors';
import { encodePath, type ProblemSummary, type ServiceClient } from '../http/service-client';

export interface CaseApi {
  openTask(input: OpenTaskInput): Promise<void>;
  closeTask(input: CloseTaskInput): Promise<void>;
  remindTask(input: RemindTaskInput): Promise<void>;
  recordTimeline(input: TimelineEventInput): Promise<void>;
  updateProgress(input: CaseProgressInput): Promise<void>;
  commitTransition(input: CommitTransitionInput): Promise<void>;
}

/** A 404 that names a missing case (not a missing route, which is a deployment bug and keeps its own type). */
function caseNotFound(status: number, problem: ProblemSummary): string | undefined {
  return status === 404 && problem.type !== problemTypeUri(PROBLEM_TYPES.routeNotFound)
    ? DISPUTE_ACTIVITY_FAILURES.caseNotFound
    : undefined;
}

export function createCaseApi(client: ServiceClient): CaseApi {
  return {
    openTask: ({ caseId, workflowId, action }) =>
      client.send({
        method: 'PUT',
        path: encodePath`/internal/v1/cases/${caseId}/tasks/${action.actionId}`,
        body: { workflowId, action },
      }),

    closeTask: ({ caseId, actionId, outcome, closedBy, closedAt }) =>
      client.send({
        method: 'POST',
        path: encodePath`/internal/v1/cases/${caseId}/tasks/${actionId}/close`,
        body: { outcome, closedBy, closedAt },
      }),

    remindTask: ({ caseId, actionId, remindedAt }) =>
      client.send({
        method: 'POST',
        path: encodePath`/internal/v1/cases/${caseId}/tasks/${actionId}/remind`,
        body: { remindedAt },
      }),

    recordTimeline: ({ caseId, eventKey, type, actor, agencyId, at, details }) =>
      client.send({
        method: 'PUT',
        // The key holds colons (`<caseId>:wf:<n>`): encoded as one segment.
        path: encodePath`/internal/v1/cases/${caseId}/timeline/${eventKey}`,
        body: { type, actor, agencyId, at, details },
      }),

    updateProgress: ({ caseId, ...progress }) =>
      client.send({
        method: 'PUT',
        path: encodePath`/internal/v1/cases/${caseId}/progress`,
        body: progress,
        failureTypeFor: caseNotFound,
      }),

    commitTransition: ({ caseId, workflowId, transitionKey, writes }) =>
      client.send({
        method: 'PUT',
        path: encodePath`/internal/v1/cases/${caseId}/transitions/${transitionKey}`,
        body: { workflowId, writes: writes.map(transitionWriteOf) },
        failureTypeFor: caseNotFound,
      }),
  };
}
