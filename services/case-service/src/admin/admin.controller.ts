import { CaseDiagnosis, CaseIdParams, StuckFilters, StuckReport } from '@gongzhi/contracts';
import { ApiRoutes } from '@gongzhi/http';
import { callContext } from '../cases/cases.controller';
import type { AdminService } from './admin.service';

/** The administrators' read-only view of cases that do not move (issue 6, first slice). */
export function adminRoutes(admin: AdminService): ApiRoutes {
  return new ApiRoutes()
    .add({
      method: 'get',
      path: '/api/v1/admin/stuck',
      operationId: 'listStuckCases',
      summary:
        'Administrators: the cases that do not move (overdue tasks, blocked workflows, failing activities, record and workflow disagreeing), longest stuck first, with counts per kind',
      tags: ['admin'],
      query: StuckFilters,
      response: { status: 200, description: 'The stuck cases found', schema: StuckReport },
      problems: [400, 401, 403, 429, 503],
      handler: async ({ query, req }) => ({ body: await admin.stuck(callContext(req), query) }),
    })
    .add({
      method: 'get',
      path: '/api/v1/admin/cases/:id/describe',
      operationId: 'describeCaseWorkflow',
      summary:
        'Administrators: one case’s workflow state, pending activities, open tasks, last timeline events and a one-line diagnosis',
      tags: ['admin'],
      params: CaseIdParams,
      response: { status: 200, description: 'What the case waits for, and why', schema: CaseDiagnosis },
      problems: [401, 403, 404, 429, 503],
      handler: async ({ params, req }) => ({ body: await admin.describe(callContext(req), params.id) }),
    });
}
