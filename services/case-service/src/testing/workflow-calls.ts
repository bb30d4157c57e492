/**
 * What the dispute worker's activities send to case-service, as tests build it: the same bodies the activities put
 * on the wire (the activity inputs minus the ids in the path).
 */
import type { Express } from 'express';
import request from 'supertest';
import type {
  CaseProgressRequest,
  CloseTaskRequest,
  CommitTransitionRequest,
  OpenAction,
  RecordTimelineRequest,
  StaffRole,
} from '@gongzhi/contracts';
import { makeDisputeWorkflowId } from '@gongzhi/contracts';
import { timelineEvent } from '@gongzhi/testing';

const DAY_MS = 86_400_000;

/** An open action as the workflow makes one (`<n>-<kind>` ids), due in 30 days unless told otherwise. */
export function openAction(overrides: Partial<OpenAction> & { actionId?: string } = {}): OpenAction {
  const kind = overrides.kind ?? 'mediate';
  return {
    actionId: `1-${kind}`,
    kind,
    level: 'L1',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    roles: ['mediator'] satisfies StaffRole[],
    assigneeStaffId: null,
    openedAt: '2026-03-01T01:00:00.000Z',
    dueAt: new Date(Date.parse('2026-03-01T01:00:00.000Z') + 30 * DAY_MS).toISOString(),
    rule: '人民调解法: 30 days',
    reason: null,
    ...overrides,
  };
}

/** A progress report; `progressSeq` 1 unless told otherwise. */
export function progress(overrides: Partial<CaseProgressRequest> = {}): CaseProgressRequest {
  return {
    progressSeq: 1,
    level: 'L1',
    phase: 'transfer',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    involvedAgencyIds: [],
    outcome: null,
    awaitedAction: 'accept-transfer',
    nextDeadline: '2026-03-03T09:00:00.000Z',
    ...overrides,
  };
}

/** A timeline entry of the type asked for (a transfer request unless told), from `@gongzhi/testing`'s samples. */
export { timelineEvent };

/** The worker's calls on one case, over HTTP with its token. */
export function workflowCalls(app: Express, engineBearer: () => Promise<string>, caseId: string) {
  const base = `/internal/v1/cases/${caseId}`;
  return {
    async openTask(action: OpenAction, workflowId = makeDisputeWorkflowId(caseId)) {
      return request(app)
        .put(`${base}/tasks/${action.actionId}`)
        .set('Authorization', await engineBearer())
        .send({ workflowId, action });
    },
    async closeTask(actionId: string, body: Partial<CloseTaskRequest> = {}) {
      return request(app)
        .post(`${base}/tasks/${actionId}/close`)
        .set('Authorization', await engineBearer())
        .send({ outcome: 'completed', closedBy: 'med-1', closedAt: '2026-03-05T02:00:00.000Z', ...body });
    },
    async remindTask(actionId: string, remindedAt = '2026-03-02T01:00:00.000Z') {
      return request(app)
        .post(`${base}/tasks/${actionId}/remind`)
        .set('Authorization', await engineBearer())
        .send({ remindedAt });
    },
    async recordTimeline(eventKey: string, event: RecordTimelineRequest = timelineEvent()) {
      return request(app)
        .put(`${base}/timeline/${eventKey}`)
        .set('Authorization', await engineBearer())
        .send(event);
    },
    async updateProgress(body: CaseProgressRequest) {
      return request(app)
        .put(`${base}/progress`)
        .set('Authorization', await engineBearer())
        .send(body);
    },
    async commitTransition(
      transitionKey: string,
      writes: CommitTransitionRequest['writes'],
      workflowId = makeDisputeWorkflowId(caseId),
    ) {
      return request(app)
        .put(`${base}/transitions/${transitionKey}`)
        .set('Authorization', await engineBearer())
        .send({ workflowId, writes });
    },
  };
}
