import { auditContext, principalOf } from '@gongzhi/auth';
import { CaseIdParams, CaseSummary, CaseView, OpenCaseRequest, z } from '@gongzhi/contracts';
import { ApiRoutes, PageQuery, pageSchema } from '@gongzhi/http';
import type { Request } from 'express';
import type { CallContext, CasesService } from './cases.service';

/** `Idempotency-Key`: any client-chosen unique string; a UUID is a good choice. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\w.:-]{8,128}$/, 'use 8–128 letters, digits, dots, colons, hyphens or underscores (a UUID works)')
    .optional(),
});

export function callContext(req: Request): CallContext {
  return { principal: principalOf(req), requestId: auditContext(req).requestId };
}

export function casesRoutes(cases: CasesService): ApiRoutes {
  return new ApiRoutes()
    .add({
      method: 'post',
      path: '/api/v1/cases',
      operationId: 'openCase',
      summary: 'Open a dispute case and start its workflow',
      tags: ['cases'],
      body: OpenCaseRequest,
      headers: IdempotencyHeaders,
      response: { status: 201, description: 'The case, with its workflow started', schema: CaseView },
      problems: [401, 403, 413, 415, 422, 429, 503],
      handler: async ({ body, req }) => {
        const headers = IdempotencyHeaders.safeParse({ 'idempotency-key': req.get('idempotency-key') });
        if (!headers.success) throw headers.error;
        const result = await cases.openCase(callContext(req), body, headers.data['idempotency-key']);
        return {
          status: result.status,
          body: result.body,
          headers: {
            Location: `/api/v1/cases/${result.body.id}`,
            ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
          },
        };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/cases',
      operationId: 'listCases',
      summary: 'List the cases visible to you, newest first',
      tags: ['cases'],
      query: PageQuery,
      response: { status: 200, description: 'A page of cases', schema: pageSchema(CaseSummary) },
      problems: [401, 429],
      handler: async ({ query, req }) => ({ body: await cases.listCases(callContext(req), query) }),
    })
    .add({
      method: 'get',
      path: '/api/v1/cases/:id',
      operationId: 'getCase',
      summary: 'Read a case and where its workflow stands',
      tags: ['cases'],
      params: CaseIdParams,
      response: { status: 200, description: 'The case', schema: CaseView },
      problems: [401, 404, 429],
      handler: async ({ params, req }) => ({ body: await cases.getCase(callContext(req), params.id) }),
    });
}
