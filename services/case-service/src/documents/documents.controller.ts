import { pipeline } from 'node:stream/promises';
import { CaseIdParams, CreateDocumentRequest, DocumentIdParams, DocumentView, z } from '@gongzhi/contracts';
import { ValidationError } from '@gongzhi/errors';
import { ApiRoutes, zodIssuesToFieldIssues, IdempotencyHeaders, idempotencyKeyOf } from '@gongzhi/http';
import type { Request, Response } from 'express';
import { callContext } from '../kernel/call-context';
import { NoQuery } from '../kernel/list-queries';
import { discardRest, refuseUnreadableUpload, uploadedBytes } from './document-upload-body';
import type { DocumentsService } from './documents.service';

const CONTENT_PATH = '/api/v1/cases/:id/documents/:documentId/content';
const CONTENT_PATH_PATTERN = /^\/api\/v1\/cases\/[^/]+\/documents\/[^/]+\/content\/?$/;

/** The one request whose body is raw bytes instead of JSON: the upload of a document's content. */
export function isDocumentUpload(req: Request): boolean {
  return req.method === 'PUT' && CONTENT_PATH_PATTERN.test(req.path);
}

interface DownloadSpec<P extends z.ZodObject> {
  path: string;
  operationId: string;
  summary: string;
  params: P;
  problems: number[];
  handler: (params: z.output<P>, req: Request, res: Response) => Promise<void>;
}

/**
 * ApiRoutes answers every route with JSON; a document's content is bytes. Downloads are declared here instead, with
 * the same path validation, the same OpenAPI registration and the same place in the route table (so the
 * authorization matrix covers them too).
 */
class DocumentRoutes extends ApiRoutes {
  download<P extends z.ZodObject>(spec: DownloadSpec<P>): this {
    // Declared like every other route: the same callers' guard and the same place in the route table.
    const policy = this.policyOf({ method: 'get', operationId: spec.operationId });
    this.declare({ method: 'get', path: spec.path, operationId: spec.operationId, ...policy });
    const problem = { $ref: '#/components/schemas/Problem' };
    this.registry.registerPath({
      method: 'get',
      path: spec.path.replace(/:(\w+)/g, '{$1}'),
      operationId: spec.operationId,
      summary: spec.summary,
      tags: ['documents'],
      request: { params: spec.params },
      responses: {
        200: {
          description: 'The bytes, with Content-Type, Content-Length, ETag (the SHA-256) and Content-Disposition',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
        ...Object.fromEntries(
          this.problemStatuses(policy, spec.problems).map((status) => [
            status,
            { description: 'Problem', content: { 'application/problem+json': { schema: problem } } },
          ]),
        ),
      },
    });
    // As every other route: a refused download (404, 403) leaves its audit row naming the case tried.
    this.router.get(spec.path, this.policySteps(policy, spec), async (req: Request, res: Response) => {
      const parsed = spec.params.safeParse(req.params);
      if (!parsed.success) {
        throw new ValidationError('The path is not valid: see `errors`.', zodIssuesToFieldIssues(parsed.error.issues));
      }
      await spec.handler(parsed.data, req, res);
    });
    return this;
  }
}

export function documentsRoutes(documents: DocumentsService): ApiRoutes {
  return new DocumentRoutes({ callers: ['staff'] })
    .add({
      method: 'post',
      path: '/api/v1/cases/:id/documents',
      operationId: 'createCaseDocument',
      summary: 'Register a document of the case (title, kind, type, size, SHA-256); upload its bytes next',
      tags: ['documents'],
      params: CaseIdParams,
      body: CreateDocumentRequest,
      headers: IdempotencyHeaders,
      idempotency: 'claimed',
      response: { status: 201, description: 'The document, pending until its bytes arrive', schema: DocumentView },
      problems: [401, 403, 404, 409, 413, 415, 422, 429],
      handler: async ({ params, body, req }) => {
        const result = await documents.create(callContext(req), params.id, body, idempotencyKeyOf(req));
        return {
          status: result.status,
          body: result.body,
          headers: {
            Location: `/api/v1/cases/${params.id}/documents/${result.body.id}/content`,
            ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
          },
        };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/cases/:id/documents',
      operationId: 'listCaseDocuments',
      summary: 'The documents of a case, oldest first (metadata only)',
      tags: ['documents'],
      params: CaseIdParams,
      query: NoQuery,
      response: { status: 200, description: 'The documents', schema: z.object({ items: z.array(DocumentView) }) },
      problems: [401, 404, 429],
      handler: async ({ params, req }) => ({ body: { items: await documents.list(callContext(req), params.id) } }),
    })
    .add({
      method: 'put',
      path: CONTENT_PATH,
      operationId: 'uploadDocumentContent',
      summary:
        'Upload a document’s bytes as the raw body (Content-Type as registered, at most 20 MiB); they must match the registered SHA-256 and size',
      tags: ['documents'],
      params: DocumentIdParams,
      // After the route's guard: only staff can make the service read up to 20 MiB.
      readBody: refuseUnreadableUpload(),
      response: { status: 200, description: 'The document, now stored', schema: DocumentView },
      problems: [401, 403, 404, 409, 413, 415, 422, 429],
      handler: async ({ params, req }) => {
        const result = await documents
          .upload(callContext(req), params.id, params.documentId, {
            contentType: req.get('content-type'),
            bytes: uploadedBytes(req),
          })
          .catch((error: unknown) => {
            discardRest(req);
            throw error;
          });
        const headers: Record<string, string> = result.changed ? {} : { 'Idempotent-Replayed': 'true' };
        return { body: result.body, headers };
      },
    })
    .download({
      path: CONTENT_PATH,
      operationId: 'getDocumentContent',
      summary: 'Download a document’s bytes (as an attachment)',
      params: DocumentIdParams,
      problems: [401, 404, 409, 429],
      handler: async (params, req, res) => {
        const download = await documents.download(callContext(req), params.id, params.documentId);
        res.status(200);
        res.setHeader('Content-Type', download.document.contentType);
        res.setHeader('Content-Length', String(download.document.sizeBytes));
        res.setHeader('ETag', `"${download.document.sha256}"`);
        // The file name is made from kind and id (ASCII only), so no quoting or encoding tricks can reach the header.
        res.setHeader('Content-Disposition', `attachment; filename="${download.fileName}"`);
        // Documents name people: no shared cache may keep a copy.
        res.setHeader('Cache-Control', 'private, no-store');
        await pipeline(download.stream, res);
      },
    });
}
