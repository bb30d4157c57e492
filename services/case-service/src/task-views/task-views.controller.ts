import { SavedTaskView, SavedTaskViewList, SavedTaskViewParams, SavedTaskViewRequest } from '@gongzhi/contracts';
import { ApiRoutes, IdempotencyHeaders } from '@gongzhi/http';
import { z } from 'zod';
import { callContext } from '../kernel/call-context';
import { NoQuery } from '../kernel/list-queries';
import type { TaskViewsService } from './task-views.service';

/** Optional on the view changes: when sent, the view must still be the one read. */
const OptionalIfMatchHeaders = z.object({ 'if-match': z.string().optional() });

/** The task queue's saved views (issue 16); `GET /api/v1/tasks?savedView=` applies one. */
export function taskViewsRoutes(views: TaskViewsService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'get',
      path: '/api/v1/task-views',
      operationId: 'listTaskViews',
      summary:
        'The saved views of the task queue you see: your own, and those shared with you (your role and/or agency, in your town), by name',
      tags: ['tasks'],
      query: NoQuery,
      response: { status: 200, description: 'The views, by name', schema: SavedTaskViewList },
      problems: [401, 403, 429],
      handler: async ({ req }) => ({ body: await views.list(callContext(req)) }),
    })
    .add({
      method: 'post',
      path: '/api/v1/task-views',
      operationId: 'createTaskView',
      summary:
        'Save the task queue’s filters under a name (unique among your views), shared with roles and/or agencies of your town if you like',
      tags: ['tasks'],
      body: SavedTaskViewRequest,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: { status: 201, description: 'The view (ETag: its version)', schema: SavedTaskView },
      problems: [400, 401, 403, 409, 429],
      handler: async ({ body, req }) => {
        const { view, etag } = await views.create(callContext(req), body);
        return { status: 201, body: view, headers: { ETag: etag } };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/task-views/:view',
      operationId: 'getTaskView',
      summary:
        'One saved view of the task queue, by id or name (yours first; a name several views shared with you have: 409), if you see it',
      tags: ['tasks'],
      params: SavedTaskViewParams,
      response: { status: 200, description: 'The view (ETag: its version)', schema: SavedTaskView },
      problems: [401, 403, 404, 409, 429],
      handler: async ({ params, req }) => {
        const { view, etag } = await views.get(callContext(req), params.view);
        return { body: view, headers: { ETag: etag } };
      },
    })
    .add({
      method: 'put',
      path: '/api/v1/task-views/:view',
      operationId: 'replaceTaskView',
      summary:
        'Its owner (or an administrator it is shared with): replace a task view’s name, filters and sharing (If-Match, when sent, must be its current ETag)',
      tags: ['tasks'],
      params: SavedTaskViewParams,
      body: SavedTaskViewRequest,
      headers: OptionalIfMatchHeaders,
      response: { status: 200, description: 'The view as replaced (ETag: its new version)', schema: SavedTaskView },
      problems: [400, 401, 403, 404, 409, 412, 429],
      handler: async ({ params, body, req }) => {
        const { view, etag } = await views.replace(callContext(req), params.view, body, req.get('if-match'));
        return { body: view, headers: { ETag: etag } };
      },
    })
    .add({
      method: 'delete',
      path: '/api/v1/task-views/:view',
      operationId: 'deleteTaskView',
      summary:
        'Its owner (or an administrator it is shared with): delete a task view (If-Match, when sent, must be its current ETag)',
      tags: ['tasks'],
      params: SavedTaskViewParams,
      headers: OptionalIfMatchHeaders,
      response: { status: 200, description: 'The view as it was', schema: SavedTaskView },
      problems: [401, 403, 404, 409, 412, 429],
      handler: async ({ params, req }) => ({
        body: await views.remove(callContext(req), params.view, req.get('if-match')),
      }),
    });
}
