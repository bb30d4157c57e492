import {
  CaseDiagnosis,
  CaseIdParams,
  SavedView,
  SavedViewList,
  SavedViewParams,
  SavedViewRequest,
  StuckFilters,
  StuckReport,
} from '@gongzhi/contracts';
import { ValidationError } from '@gongzhi/errors';
import { ApiRoutes, IdempotencyHeaders, zodIssuesToFieldIssues } from '@gongzhi/http';
import { z } from 'zod';
import { callContext } from '../kernel/call-context';
import { NoQuery } from '../kernel/list-queries';
import type { AdminService } from './admin.service';
import type { SavedViewsService } from './saved-views.service';

/** Optional on the view changes: when sent, the view must still be the one read. */
const OptionalIfMatchHeaders = z.object({ 'if-match': z.string().optional() });

/**
 * A saved view's filters under the ones the query states: `?view=police&level=L3` is the view at L3. Only
 * parameters actually sent override (the parsed query also holds `limit`'s default).
 */
function withView(saved: Record<string, unknown>, query: StuckFilters, sent: Record<string, unknown>): StuckFilters {
  const stated = Object.fromEntries(Object.entries(query).filter(([name]) => name !== 'view' && name in sent));
  const merged = StuckFilters.safeParse({ ...saved, ...stated });
  if (merged.success) return merged.data;
  // Both halves were valid on their own; kept a 400, never a 500, should the schema ever make them clash.
  throw new ValidationError(
    'The saved view and the query string do not combine: see `errors`.',
    zodIssuesToFieldIssues(merged.error.issues),
  );
}

/** The administrators' view of cases that do not move (issue 6), and their saved views of it. */
export function adminRoutes(admin: AdminService, views: SavedViewsService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'get',
      path: '/api/v1/admin/stuck',
      operationId: 'listStuckCases',
      summary:
        'Administrators: the cases that do not move (awaited actions past their threshold in working days, workflow tasks or activities failing, blocked workflows, record and workflow or tasks and workflow disagreeing), longest stuck first, with counts per kind; `view` applies a saved view, other parameters override it',
      tags: ['admin'],
      query: StuckFilters,
      response: { status: 200, description: 'The stuck cases found', schema: StuckReport },
      problems: [400, 401, 403, 404, 409, 429, 503],
      handler: async ({ query, req }) => {
        const ctx = callContext(req);
        if (!query.view) return { body: await admin.stuck(ctx, query) };
        const view = await views.filtersOf(ctx, query.view);
        const filters = withView(view.filters, query, req.query as Record<string, unknown>);
        return { body: await admin.stuck(ctx, filters, { id: view.id, name: view.name }) };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/admin/cases/:id/describe',
      operationId: 'describeCaseWorkflow',
      summary:
        'Administrators: one case’s workflow state, pending activities, failing workflow task, open tasks (and whether the workflow still awaits them), last timeline events and a one-line diagnosis',
      tags: ['admin'],
      params: CaseIdParams,
      response: { status: 200, description: 'What the case waits for, and why', schema: CaseDiagnosis },
      problems: [401, 403, 404, 429, 503],
      handler: async ({ params, req }) => ({ body: await admin.describe(callContext(req), params.id) }),
    })
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
