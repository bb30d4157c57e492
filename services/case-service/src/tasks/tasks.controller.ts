import {
  AddTaskNoteRequest,
  AssignTaskRequest,
  CaseActionRequest,
  CaseActionResponse,
  CaseIdParams,
  CompleteTaskRequest,
  CompleteTaskResponse,
  InboxFilters,
  InboxItem,
  SavedTaskViewRef,
  TaskCounts,
  TaskIdParams,
  TaskListFilters,
  TaskNoteView,
  TaskView,
  WatchedCase,
  z,
} from '@gongzhi/contracts';
import { ForbiddenError, ValidationError } from '@gongzhi/errors';
import {
  ApiRoutes,
  IDEMPOTENCY_KEY_PATTERN,
  IdempotencyHeaders,
  idempotencyKeyOf,
  PageQuery,
  pageSchema,
} from '@gongzhi/http';
import type { Request } from 'express';
import { callContext } from '../kernel/call-context';
import { NoQuery, StrictPageQuery } from '../kernel/list-queries';
import { refusedSavedView, type TaskViewsService, withSavedView } from '../task-views/task-views.service';
import type { TasksService } from './tasks.service';

/** Documented on the action routes, where the key is required: an action retried after a timeout must act once. */
const RequiredIdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'use 8–128 letters, digits, dots, colons, hyphens or underscores (a UUID works)'),
});

function requiredIdempotencyKey(req: Request): string {
  const key = idempotencyKeyOf(req);
  if (key === undefined) {
    throw new ValidationError('Actions need an Idempotency-Key header, so a retried request never acts twice.', [
      {
        path: 'Idempotency-Key',
        message: 'send a new key (a UUID works) with each action, and the same one on retry',
        code: 'required',
      },
    ]);
  }
  return key;
}

/** `savedView`: a saved view's filters (by id or name), under the ones the query states (task-views/). */
const TaskListQuery = PageQuery.extend(TaskListFilters.shape)
  .extend({ savedView: SavedTaskViewRef.optional() })
  .strict();
const InboxQuery = PageQuery.extend(InboxFilters.shape).strict();

export function tasksRoutes(tasks: TasksService, views: Pick<TaskViewsService, 'filtersOf'>): ApiRoutes {
  return (
    new ApiRoutes({ callers: ['staff'] })
      .add({
        method: 'get',
        path: '/api/v1/tasks',
        operationId: 'listTasks',
        summary:
          'A view of the task queue (view=available|mine|team|all|watching; without one: your agency’s tasks and those you hold, coordinators the town’s), filtered, sorted (due|priority|created) and paged; `savedView` applies a saved view you see (other parameters override it), within what your role may see (a view your role lacks: 403)',
        tags: ['tasks'],
        query: TaskListQuery,
        response: { status: 200, description: 'A page of tasks', schema: pageSchema(TaskView) },
        problems: [400, 401, 403, 404, 409, 429],
        handler: async ({ query, req }) => {
          const ctx = callContext(req);
          if (query.savedView === undefined) return { body: await tasks.list(ctx, query) };
          const saved = await views.filtersOf(ctx, query.savedView);
          const sent = req.query as Record<string, unknown>;
          try {
            return { body: await tasks.list(ctx, withSavedView(saved.filters, query, sent)) };
          } catch (error) {
            if (error instanceof ForbiddenError && !('view' in sent)) throw refusedSavedView(error, saved);
            throw error;
          }
        },
      })
      // Before /tasks/:id, which would take `counts` for an id.
      .add({
        method: 'get',
        path: '/api/v1/tasks/counts',
        operationId: 'countTasks',
        summary: 'How many open tasks each view holds for you, and how many are overdue (badges)',
        tags: ['tasks'],
        query: NoQuery,
        response: {
          status: 200,
          description: 'The count of each view; null for a view you do not have',
          schema: TaskCounts,
        },
        problems: [401, 403, 429],
        handler: async ({ req }) => ({ body: await tasks.counts(callContext(req)) }),
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
        path: '/api/v1/tasks/:id/claim',
        operationId: 'claimTask',
        summary:
          'Take an open task nobody holds (your agency, one of its roles); if someone got there first: 409 naming them',
        tags: ['tasks'],
        params: TaskIdParams,
        headers: IdempotencyHeaders,
        idempotency: 'replayed',
        response: { status: 200, description: 'The task, held by you', schema: TaskView },
        problems: [401, 403, 404, 409, 422, 429],
        handler: async ({ params, req }) => ({ body: await tasks.claim(callContext(req), params.id) }),
      })
      .add({
        method: 'post',
        path: '/api/v1/tasks/:id/unclaim',
        operationId: 'unclaimTask',
        summary: 'Give a claimed or assigned task back to its agency’s pool (its holder, or a supervisor)',
        tags: ['tasks'],
        params: TaskIdParams,
        headers: IdempotencyHeaders,
        idempotency: 'replayed',
        response: { status: 200, description: 'The task, held by nobody', schema: TaskView },
        problems: [401, 403, 404, 409, 422, 429],
        handler: async ({ params, req }) => ({ body: await tasks.unclaim(callContext(req), params.id) }),
      })
      .add({
        method: 'post',
        path: '/api/v1/tasks/:id/assign',
        operationId: 'assignTask',
        summary:
          'A supervisor (the agency’s liaison, a coordinator) gives an open task nobody holds to a colleague with one of its roles in its agency (checked with agency-service); an optional reason becomes the supervisor’s note on the task',
        tags: ['tasks'],
        params: TaskIdParams,
        body: AssignTaskRequest,
        headers: IdempotencyHeaders,
        idempotency: 'replayed',
        response: { status: 200, description: 'The task, held by the colleague', schema: TaskView },
        problems: [400, 401, 403, 404, 409, 422, 429, 503],
        handler: async ({ params, body, req }) => ({
          body: await tasks.assign(callContext(req), params.id, body.staffId, body.reason),
        }),
      })
      .add({
        method: 'post',
        path: '/api/v1/tasks/:id/reassign',
        operationId: 'reassignTask',
        summary:
          'A supervisor hands a held task to another colleague (a sick mediator’s case); when the workflow names the holder (the mediate task) it changes first, through its reassign Update (Idempotency-Key required); an optional reason becomes the supervisor’s note on the task, never sent to the workflow',
        tags: ['tasks'],
        params: TaskIdParams,
        body: AssignTaskRequest,
        headers: RequiredIdempotencyHeaders,
        idempotency: 'replayed',
        response: { status: 200, description: 'The task, held by the colleague', schema: TaskView },
        problems: [400, 401, 403, 404, 409, 422, 429, 503],
        handler: async ({ params, body, req }) => {
          const ctx = callContext(req);
          const key = requiredIdempotencyKey(req);
          return { body: await tasks.reassign(ctx, params.id, body.staffId, key, body.reason) };
        },
      })
      .add({
        method: 'get',
        path: '/api/v1/tasks/:id/notes',
        operationId: 'listTaskNotes',
        summary: 'The working notes on a task, oldest first',
        tags: ['tasks'],
        params: TaskIdParams,
        query: NoQuery,
        response: { status: 200, description: 'The notes', schema: z.object({ items: z.array(TaskNoteView) }) },
        problems: [401, 403, 404, 429],
        handler: async ({ params, req }) => ({ body: { items: await tasks.listNotes(callContext(req), params.id) } }),
      })
      .add({
        method: 'post',
        path: '/api/v1/tasks/:id/notes',
        operationId: 'addTaskNote',
        summary: 'Add a working note to a task (anyone who sees it, but administrators)',
        tags: ['tasks'],
        params: TaskIdParams,
        body: AddTaskNoteRequest,
        headers: IdempotencyHeaders,
        idempotency: 'replayed',
        response: { status: 201, description: 'The note', schema: TaskNoteView },
        problems: [400, 401, 403, 404, 422, 429],
        handler: async ({ params, body, req }) => ({
          status: 201,
          body: await tasks.addNote(callContext(req), params.id, body.text),
        }),
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
        idempotency: 'replayed',
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
        query: NoQuery,
        response: { status: 200, description: 'The tasks', schema: z.object({ items: z.array(TaskView) }) },
        problems: [401, 403, 404, 429],
        handler: async ({ params, req }) => ({ body: { items: await tasks.listForCase(callContext(req), params.id) } }),
      })
      .add({
        method: 'post',
        path: '/api/v1/cases/:id/actions',
        operationId: 'actOnCase',
        summary:
          'Send the case’s workflow an action (withdraw, add joint agencies, record an application for judicial confirmation…); a task’s action names the task by its actionId and is held to the rules of completing it (Idempotency-Key required)',
        tags: ['tasks'],
        params: CaseIdParams,
        body: CaseActionRequest,
        headers: RequiredIdempotencyHeaders,
        idempotency: 'replayed',
        response: { status: 200, description: 'Where the case stands after the action', schema: CaseActionResponse },
        problems: [401, 403, 404, 409, 422, 429, 503],
        handler: async ({ params, body, req }) => {
          const ctx = callContext(req);
          return { body: await tasks.actOnCase(ctx, params.id, body, requiredIdempotencyKey(req)) };
        },
      })
      .add({
        method: 'get',
        path: '/api/v1/inbox',
        operationId: 'listInbox',
        summary:
          'Transfers waiting for your agency’s acceptance (coordinators: the town’s): the case, where it comes from and why, and the acceptance deadline',
        tags: ['tasks'],
        query: InboxQuery,
        response: { status: 200, description: 'A page of transfers', schema: pageSchema(InboxItem) },
        problems: [400, 401, 403, 429],
        handler: async ({ query, req }) => ({ body: await tasks.inbox(callContext(req), query) }),
      })
      .add({
        method: 'get',
        path: '/api/v1/watching',
        operationId: 'listWatchedCases',
        summary: 'The cases you watch (you mediated them at a level), most recent first, with where they stand now',
        tags: ['tasks'],
        query: StrictPageQuery,
        response: { status: 200, description: 'A page of cases', schema: pageSchema(WatchedCase) },
        problems: [400, 401, 403, 429],
        handler: async ({ query, req }) => ({ body: await tasks.watching(callContext(req), query) }),
      })
  );
}
