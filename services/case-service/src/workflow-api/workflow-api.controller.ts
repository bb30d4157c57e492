import {
  CaseProgressRequest,
  CaseProgressResponse,
  CloseTaskRequest,
  CloseTaskResponse,
  CommitTransitionRequest,
  CommitTransitionResponse,
  OpenTaskRequest,
  RecordTimelineRequest,
  RecordTimelineResponse,
  RemindTaskRequest,
  RemindTaskResponse,
  TaskView,
  WorkflowCaseParams,
  WorkflowTaskParams,
  WorkflowTimelineParams,
  WorkflowTransitionParams,
} from '@gongzhi/contracts';
import { auditContext, principalOf } from '@gongzhi/auth';
import { ApiRoutes } from '@gongzhi/http';
import type { Request } from 'express';
import type { CallContext } from '../kernel/call-context';
import { requireWorkflowEngine } from '../kernel/principals';
import type { WorkflowApiService } from './workflow-api.service';

/** The caller of a workflow-facing route: the dispute worker, or a 403 for anyone else. */
function engineContext(req: Request): CallContext {
  const principal = principalOf(req);
  requireWorkflowEngine(principal);
  return { principal, requestId: auditContext(req).requestId };
}

const created = (isNew: boolean) => (isNew ? 201 : 200);

/**
 * `/internal/v1`: called by the dispute worker's activities only. Retries are the normal case here (an activity
 * retries until it succeeds), so every route answers a repeated call with success and changes nothing the second
 * time; none of them needs an Idempotency-Key, because the workflow's own key is in the path.
 */
export function workflowApiRoutes(service: WorkflowApiService): ApiRoutes {
  return new ApiRoutes({ callers: ['workflow-engine'] })
    .add({
      method: 'put',
      path: '/internal/v1/cases/:caseId/tasks/:actionId',
      operationId: 'openWorkflowTask',
      summary: 'Open the task for a workflow action (201), or return the one already open for it (200)',
      tags: ['workflow-engine'],
      params: WorkflowTaskParams,
      body: OpenTaskRequest,
      response: { status: 201, description: 'The task', schema: TaskView },
      problems: [401, 403, 404, 409, 429],
      handler: async ({ params, body, req }) => {
        const result = await service.openTask(engineContext(req), params.caseId, params.actionId, body);
        return { status: created(result.created), body: result.body };
      },
    })
    .add({
      method: 'post',
      path: '/internal/v1/cases/:caseId/tasks/:actionId/close',
      operationId: 'closeWorkflowTask',
      summary: 'Close a task (completed or cancelled); closing a closed or unknown task changes nothing',
      tags: ['workflow-engine'],
      params: WorkflowTaskParams,
      body: CloseTaskRequest,
      response: { status: 200, description: 'Whether the task is closed, and the task', schema: CloseTaskResponse },
      problems: [401, 403, 429],
      handler: async ({ params, body, req }) => ({
        body: await service.closeTask(engineContext(req), params.caseId, params.actionId, body),
      }),
    })
    .add({
      method: 'post',
      path: '/internal/v1/cases/:caseId/tasks/:actionId/remind',
      operationId: 'remindWorkflowTask',
      summary: 'Mark an open task reminded (once)',
      tags: ['workflow-engine'],
      params: WorkflowTaskParams,
      body: RemindTaskRequest,
      response: { status: 200, description: 'Whether the task carries a reminder', schema: RemindTaskResponse },
      problems: [401, 403, 429],
      handler: async ({ params, body, req }) => ({
        body: await service.remindTask(engineContext(req), params.caseId, params.actionId, body),
      }),
    })
    .add({
      method: 'put',
      path: '/internal/v1/cases/:caseId/timeline/:eventKey',
      operationId: 'recordWorkflowTimelineEvent',
      summary: 'Append a workflow event to the case timeline (201), once per event key (200 when already there)',
      tags: ['workflow-engine'],
      params: WorkflowTimelineParams,
      body: RecordTimelineRequest,
      response: { status: 201, description: 'The event key', schema: RecordTimelineResponse },
      problems: [401, 403, 404, 409, 429],
      handler: async ({ params, body, req }) => {
        const result = await service.recordTimeline(engineContext(req), params.caseId, params.eventKey, body);
        return { status: created(result.created), body: result.body };
      },
    })
    .add({
      method: 'put',
      path: '/internal/v1/cases/:caseId/progress',
      operationId: 'updateWorkflowCaseProgress',
      summary:
        'Record where the case stands (level, phase, agency, outcome); a report older than the stored one is ignored',
      tags: ['workflow-engine'],
      params: WorkflowCaseParams,
      body: CaseProgressRequest,
      response: { status: 200, description: 'Whether it was applied', schema: CaseProgressResponse },
      problems: [401, 403, 404, 429],
      handler: async ({ params, body, req }) => ({
        body: await service.updateProgress(engineContext(req), params.caseId, body),
      }),
    })
    .add({
      method: 'put',
      path: '/internal/v1/cases/:caseId/transitions/:transitionKey',
      operationId: 'commitWorkflowTransition',
      summary:
        'Apply every write of one workflow transition (timeline, tasks, progress) in one database transaction, in order',
      tags: ['workflow-engine'],
      params: WorkflowTransitionParams,
      body: CommitTransitionRequest,
      response: { status: 200, description: 'What each write changed', schema: CommitTransitionResponse },
      problems: [401, 403, 404, 409, 429],
      handler: async ({ params, body, req }) => ({
        body: await service.commitTransition(engineContext(req), params.caseId, params.transitionKey, body),
      }),
    });
}
