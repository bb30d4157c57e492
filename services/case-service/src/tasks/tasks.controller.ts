import {
  CaseActionRequest,
  CaseActionResponse,
  CaseIdParams,
  CompleteTaskRequest,
  CompleteTaskResponse,
  TaskIdParams,
  TaskListFilters,
  TaskView,
  z,
} from '@gongzhi/contracts';
import { ValidationError } from '@gongzhi/errors';
import { ApiRoutes, IDEMPOTENCY_KEY_PATTERN, idempotencyKeyOf, PageQuery, pageSchema } from '@gongzhi/http';
import type { Request } from 'express';
import { callContext } from '../cases/cases.controller';
import type { TasksService } from './tasks.service';

/** Documented on the action routes, where the key is required: an action retried after a timeout must act once. */
const RequiredIdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'use 8–128 letters, digits, dots, colons, hyphens or underscores (a UUID works)'),
});

/** Paths of the routes that send actions to a workflow: the shared idempotency middleware remembers their answers. */
export const WORKFLOW_ACTION_PATH = /^\/api\/v1\/(tasks\/[^/]+\/complete|cases\/[^/]+\/actions)\/?$/i;

function requiredIdempotencyKey(req: Request): string {
  const key = idempotencyKeyOf(req);
  if (key === undefined) {
    throw new ValidationError('Actions need an Idempotency-Key header, so a retried request never acts twice.', [
      { path: 'Idempotency-Key', message: 'send a new key (a UUID works) with each action, and the same one on retry' },
    ]);
  }
  return key;
}

const TaskListQuery = PageQuery.extend(TaskListFilters.shape).strict();

export function tasksRoutes(tasks: TasksService): ApiRoutes {
  return new ApiRoutes()
    .add({
      method: 'get',
      path: '/api/v1/tasks',
      operationId: 'listTasks',
      summary:
        'Your task queue, soonest due first: your agency’s tasks and those assigned to you (coordinators: the town’s)',
      tags: ['tasks'],
      query: TaskListQuery,
      response: { status: 200, description: 'A page of tasks', schema: pageSchema(TaskView) },
      problems: [401, 403, 429],
      handler: async ({ query, req }) => ({ body: await tasks.list(callContext(req), query) }),
    })
    .add({
      method: 'get',
      path: '/api/v1/tasks/:id',
      operationId: 'getTask',
      summary: 'Read a task',
      tags: ['tasks'],
      params: TaskIdParams,
      response: { status: 200, description: 'The task', schema: TaskView },
      problems: [401, 403, 404, 429],
      handler: async ({ params, req }) => ({ body: await tasks.get(callContext(req), params.id) }),
    })
    .add({
      method: 'post',
      path: '/api/v1/tasks/:id/complete',
      operationId: 'completeTask',
      summary:
        'Do the task’s action (accept a transfer, record a session or an agreement, decide…): the case’s workflow checks and applies it (Idempotency-Key required)',
      tags: ['tasks'],
      params: TaskIdParams,
      body: CompleteTaskRequest,
      headers: RequiredIdempotencyHeaders,
      response: {
        status: 200,
        description: 'The task as the workflow left it, and where the case stands now',
        schema: CompleteTaskResponse,
      },
      problems: [401, 403, 404, 409, 422, 429, 503],
      handler: async ({ params, body, req }) => {
        const ctx = callContext(req);
        return { body: await tasks.complete(ctx, params.id, body.action, requiredIdempotencyKey(req)) };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/cases/:id/tasks',
      operationId: 'listCaseTasks',
      summary: 'The tasks of a case: open ones first, soonest due first; then the closed ones',
      tags: ['tasks'],
      params: CaseIdParams,
      response: { status: 200, description: 'The tasks', schema: z.object({ items: z.array(TaskView) }) },
      problems: [401, 403, 404, 429],
      handler: async ({ params, req }) => ({ body: { items: await tasks.listForCase(callContext(req), params.id) } }),
    })
    .add({
      method: 'post',
      path: '/api/v1/cases/:id/actions',
      operationId: 'actOnCase',
      summary:
        'Send the case’s workflow an action that is not a task you hold (withdraw, add joint agencies, record an application for judicial confirmation…) (Idempotency-Key required)',
      tags: ['tasks'],
      params: CaseIdParams,
      body: CaseActionRequest,
      headers: RequiredIdempotencyHeaders,
      response: { status: 200, description: 'Where the case stands after the action', schema: CaseActionResponse },
      problems: [401, 403, 404, 409, 422, 429, 503],
      handler: async ({ params, body, req }) => {
        const ctx = callContext(req);
        return { body: await tasks.actOnCase(ctx, params.id, body, requiredIdempotencyKey(req)) };
      },
    });
}
