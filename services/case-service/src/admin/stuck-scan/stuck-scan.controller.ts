import { CaseDiagnosis, CaseIdParams, StuckFilters, StuckReport } from '@gongzhi/contracts';
import { ValidationError } from '@gongzhi/errors';
import { type ApiRoutes, zodIssuesToFieldIssues } from '@gongzhi/http';
import { callContext } from '../../kernel/call-context';
import type { SavedViewsService } from '../saved-views/saved-views.service';
import type { AdminService } from './stuck-scan.service';

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

/**
 * * The administrators' view of cases that do not move: the scan, with a saved view applied when `view`
 * names one, and one case's diagnosis; added to the admin route set given.
 */
export function withStuckScanRoutes(
  routes: ApiRoutes,
  admin: AdminService,
  views: Pick<SavedViewsService, 'filtersOf'>,
): ApiRoutes {
  return routes
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
    });
}
