import { SavedView, SavedViewList, SavedViewParams, SavedViewRequest } from '@gongzhi/contracts';
import { type ApiRoutes, IdempotencyHeaders } from '@gongzhi/http';
import { z } from 'zod';
import { callContext } from '../../kernel/call-context';
import { NoQuery } from '../../kernel/list-queries';
import type { SavedViewsService } from './saved-views.service';

/** Optional on the view changes: when sent, the view must still be the one read. */
const OptionalIfMatchHeaders = z.object({ 'if-match': z.string().optional() });

/** The saved views of the stuck scan: listed, saved, read, replaced and deleted; added to the admin route set given. */
export function withSavedViewRoutes(routes: ApiRoutes, views: SavedViewsService): ApiRoutes {
  return routes
    .add({
      method: 'get',
      path: '/api/v1/admin/views',
      operationId: 'listSavedViews',
      summary:
        'The saved views of the stuck scan the caller sees: their own, and those shared with their role or agency',
      tags: ['admin'],
      query: NoQuery,
      response: { status: 200, description: 'The views, by name', schema: SavedViewList },
      problems: [401, 403, 429],
      handler: async ({ req }) => ({ body: await views.list(callContext(req)) }),
    })
    .add({
      method: 'post',
      path: '/api/v1/admin/views',
      operationId: 'createSavedView',
      summary: 'Administrators: save the stuck scan’s filters under a name, shared with roles or agencies',
      tags: ['admin'],
      body: SavedViewRequest,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: { status: 201, description: 'The view (ETag: its version)', schema: SavedView },
      problems: [401, 403, 409, 422, 429],
      handler: async ({ body, req }) => {
        const { view, etag } = await views.create(callContext(req), body);
        return { status: 201, body: view, headers: { ETag: etag } };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/admin/views/:view',
      operationId: 'getSavedView',
      summary: 'One saved view, by id or name, if the caller sees it',
      tags: ['admin'],
      params: SavedViewParams,
      response: { status: 200, description: 'The view (ETag: its version)', schema: SavedView },
      problems: [401, 403, 404, 429],
      handler: async ({ params, req }) => {
        const { view, etag } = await views.get(callContext(req), params.view);
        return { body: view, headers: { ETag: etag } };
      },
    })
    .add({
      method: 'put',
      path: '/api/v1/admin/views/:view',
      operationId: 'replaceSavedView',
      summary:
        'Administrators who see a view: replace its name, filters and sharing (If-Match, when sent, must be its current ETag)',
      tags: ['admin'],
      params: SavedViewParams,
      body: SavedViewRequest,
      headers: OptionalIfMatchHeaders,
      response: { status: 200, description: 'The view as replaced (ETag: its new version)', schema: SavedView },
      problems: [401, 403, 404, 409, 412, 429],
      handler: async ({ params, body, req }) => {
        const { view, etag } = await views.replace(callContext(req), params.view, body, req.get('if-match'));
        return { body: view, headers: { ETag: etag } };
      },
    })
    .add({
      method: 'delete',
      path: '/api/v1/admin/views/:view',
      operationId: 'deleteSavedView',
      summary: 'Administrators who see a view: delete it (If-Match, when sent, must be its current ETag)',
      tags: ['admin'],
      params: SavedViewParams,
      headers: OptionalIfMatchHeaders,
      response: { status: 200, description: 'The view as it was', schema: SavedView },
      problems: [401, 403, 404, 412, 429],
      handler: async ({ params, req }) => ({
        body: await views.remove(callContext(req), params.view, req.get('if-match')),
      }),
    });
}
