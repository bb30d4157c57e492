import { CaseIdParams, FileReportRequest, FileReportResponse, ReportView, z } from '@gongzhi/contracts';
import { ApiRoutes, IdempotencyHeaders, idempotencyKeyOf } from '@gongzhi/http';
import { callContext } from '../kernel/call-context';
import { NoQuery } from '../kernel/list-queries';
import type { ReportsService } from './reports.service';

export function reportsRoutes(reports: ReportsService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'post',
      path: '/api/v1/reports',
      operationId: 'fileReport',
      summary: 'File an intake report: it joins the open case it matches, or opens a new case',
      tags: ['reports'],
      body: FileReportRequest,
      headers: IdempotencyHeaders,
      idempotency: 'claimed',
      response: {
        status: 201,
        description: 'What the report did, the report and its case',
        schema: FileReportResponse,
      },
      problems: [401, 403, 413, 415, 422, 429, 503],
      handler: async ({ body, req }) => {
        const result = await reports.fileReport(callContext(req), body, idempotencyKeyOf(req));
        return {
          status: result.status,
          body: result.body,
          headers: {
            Location: `/api/v1/cases/${result.body.case.id}`,
            ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
          },
        };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/cases/:id/reports',
      operationId: 'listCaseReports',
      summary: 'Every report filed for a case, oldest first, with the rule that linked each',
      tags: ['reports'],
      params: CaseIdParams,
      query: NoQuery,
      response: { status: 200, description: 'The reports', schema: z.object({ items: z.array(ReportView) }) },
      problems: [401, 404, 429],
      handler: async ({ params, req }) => ({ body: { items: await reports.listForCase(callContext(req), params.id) } }),
    });
}
