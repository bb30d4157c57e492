import { CaseIdParams, DocumentView, GenerateDocumentRequest } from '@gongzhi/contracts';
import { ApiRoutes, IdempotencyHeaders, idempotencyKeyOf } from '@gongzhi/http';
import { callContext } from '../kernel/call-context';
import type { DocumentGenerationService } from './document-generation.service';

/** Declared like every route, so the OpenAPI document and the authorization matrix both cover it. */
export function documentGenerationRoutes(generation: DocumentGenerationService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] }).add({
    method: 'post',
    path: '/api/v1/cases/:id/documents/generated',
    operationId: 'generateCaseDocument',
    summary:
      'Write the case’s 人民调解协议书 (mediation-agreement) or 司法确认申请书 (confirmation-application) as a PDF from its record, parties and recorded agreement, and store it as a document of the case',
    tags: ['documents'],
    params: CaseIdParams,
    body: GenerateDocumentRequest,
    headers: IdempotencyHeaders,
    idempotency: 'claimed',
    response: {
      status: 201,
      description: 'The document, stored: download it from the Location given (…/content)',
      schema: DocumentView,
    },
    problems: [401, 403, 404, 409, 413, 415, 422, 429, 503],
    handler: async ({ params, body, req }) => {
      const result = await generation.generate(callContext(req), params.id, body, idempotencyKeyOf(req));
      return {
        status: result.status,
        body: result.body,
        headers: {
          Location: `/api/v1/cases/${params.id}/documents/${result.body.id}/content`,
          ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
        },
      };
    },
  });
}
