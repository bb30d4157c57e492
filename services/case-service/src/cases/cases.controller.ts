import {
  CaseIdParams,
  CaseReadQuery,
  CaseSummary,
  CaseView,
  DecideDuplicateRequest,
  DuplicateSuggestion,
  DuplicateSuggestionFilters,
  DuplicateSuggestionIdParams,
  MergeCaseRequest,
  OpenCaseRequest,
  SplitCaseRequest,
  TimelineEvent,
  UpdateCaseRequest,
  z,
} from '@gongzhi/contracts';
import {
  ApiRoutes,
  etagOf,
  expectedVersion,
  IdempotencyHeaders,
  IfMatchHeaders,
  pageSchema,
  idempotencyKeyOf,
} from '@gongzhi/http';
import { CaseListQuery, NoQuery, StrictPageQuery } from '../kernel/list-queries';
import { callContext } from '../kernel/call-context';
import type { CasesService } from './cases.service';

/** `GET /api/v1/duplicate-suggestions`: paged, filtered by status (open by default), strict like every list. */
const DuplicateSuggestionListQuery = StrictPageQuery.extend(DuplicateSuggestionFilters.shape).strict();

/** The body and its ETag: clients send the ETag back in If-Match to change what they read, and nothing newer. */
function withEtag({ version, ...body }: CaseView & { version: number }) {
  return { body, headers: { ETag: etagOf(body.id, version) } };
}

export function casesRoutes(cases: CasesService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'post',
      path: '/api/v1/cases',
      operationId: 'openCase',
      summary: 'Open a dispute case and start its workflow',
      tags: ['cases'],
      body: OpenCaseRequest,
      headers: IdempotencyHeaders,
      idempotency: 'claimed',
      response: { status: 201, description: 'The case, with its workflow started', schema: CaseView },
      problems: [401, 403, 413, 415, 422, 429, 503],
      handler: async ({ body, req }) => {
        const result = await cases.openCase(callContext(req), body, idempotencyKeyOf(req));
        const { body: created, headers: etag } = withEtag(result.body as CaseView & { version: number });
        return {
          status: result.status,
          body: created,
          headers: {
            ...etag,
            Location: `/api/v1/cases/${created.id}`,
            ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
          },
        };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/cases',
      operationId: 'listCases',
      summary:
        'List the cases visible to you, newest first; filters (status, level, village, dispute type, party, event ' +
        'reference, opening period, agency, summary text) only narrow that list',
      tags: ['cases'],
      query: CaseListQuery,
      response: { status: 200, description: 'A page of cases', schema: pageSchema(CaseSummary) },
      problems: [400, 401, 429],
      handler: async ({ query, req }) => ({ body: await cases.listCases(callContext(req), query) }),
    })
    .add({
      method: 'get',
      path: '/api/v1/cases/:id',
      operationId: 'getCase',
      summary:
        'Read a case and where its workflow stands, as recorded by case-service (with its ETag); `live=true` ' +
        '(administrators) asks Temporal instead',
      tags: ['cases'],
      params: CaseIdParams,
      query: CaseReadQuery,
      response: { status: 200, description: 'The case', schema: CaseView },
      problems: [401, 403, 404, 429],
      handler: async ({ params, query, req }) =>
        withEtag(await cases.getCase(callContext(req), params.id, { live: query.live === true })),
    })
    .add({
      method: 'patch',
      path: '/api/v1/cases/:id',
      operationId: 'updateCase',
      summary: 'Correct a case: summary, village, amount, risk assessment or parties (If-Match required)',
      tags: ['cases'],
      params: CaseIdParams,
      body: UpdateCaseRequest,
      headers: IfMatchHeaders,
      response: { status: 200, description: 'The case after the change, with its new ETag', schema: CaseView },
      problems: [401, 403, 404, 409, 412, 428, 429],
      handler: async ({ params, body, req }) =>
        withEtag(
          await cases.updateCase(
            callContext(req),
            params.id,
            (current) => expectedVersion(req, params.id, current),
            body,
          ),
        ),
    })
    .add({
      method: 'get',
      path: '/api/v1/cases/:id/timeline',
      operationId: 'getCaseTimeline',
      summary: 'The case’s business events, oldest first: who did what, when, from which agency',
      tags: ['cases'],
      params: CaseIdParams,
      query: NoQuery,
      response: { status: 200, description: 'The timeline', schema: z.object({ items: z.array(TimelineEvent) }) },
      problems: [401, 404, 429],
      handler: async ({ params, req }) => ({ body: { items: await cases.timeline(callContext(req), params.id) } }),
    })
    .add({
      method: 'post',
      path: '/api/v1/cases/:id/merge',
      operationId: 'mergeCase',
      summary: 'Merge this case into another (coordinator): its reports, parties and agencies move; it closes',
      tags: ['cases'],
      params: CaseIdParams,
      body: MergeCaseRequest,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: { status: 200, description: 'The case merged into, after the merge', schema: CaseView },
      problems: [401, 403, 404, 409, 429],
      handler: async ({ params, body, req }) => withEtag(await cases.mergeCase(callContext(req), params.id, body)),
    })
    .add({
      method: 'post',
      path: '/api/v1/cases/:id/split',
      operationId: 'splitCase',
      summary: 'Split reports that are another dispute off into a new case (coordinator)',
      tags: ['cases'],
      params: CaseIdParams,
      body: SplitCaseRequest,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: { status: 201, description: 'The new case', schema: CaseView },
      problems: [401, 403, 404, 409, 429],
      handler: async ({ params, body, req }) => {
        const { body: created, headers } = withEtag(await cases.splitCase(callContext(req), params.id, body));
        return { status: 201, body: created, headers: { ...headers, Location: `/api/v1/cases/${created.id}` } };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/duplicate-suggestions',
      operationId: 'listDuplicateSuggestions',
      summary:
        'Possible duplicates (the same place and type within 7 days, no shared party), newest first: open ones whose ' +
        'two cases are still being worked by default, or `status=confirmed|dismissed` (coordinators: the town’s)',
      tags: ['cases'],
      query: DuplicateSuggestionListQuery,
      response: { status: 200, description: 'A page of suggestions', schema: pageSchema(DuplicateSuggestion) },
      problems: [400, 401, 403, 429],
      handler: async ({ query, req }) => ({ body: await cases.listDuplicateSuggestions(callContext(req), query) }),
    })
    .add({
      method: 'post',
      path: '/api/v1/duplicate-suggestions/:id/confirm',
      operationId: 'confirmDuplicateSuggestion',
      summary:
        'Confirm a possible duplicate: its case is merged into the earlier case, as a merge does (whoever may correct ' +
        'both cases)',
      tags: ['cases'],
      params: DuplicateSuggestionIdParams,
      body: DecideDuplicateRequest,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: { status: 200, description: 'The suggestion, confirmed', schema: DuplicateSuggestion },
      problems: [401, 403, 404, 409, 429],
      handler: async ({ params, body, req }) => ({
        body: await cases.confirmDuplicate(callContext(req), params.id, body),
      }),
    })
    .add({
      method: 'post',
      path: '/api/v1/duplicate-suggestions/:id/dismiss',
      operationId: 'dismissDuplicateSuggestion',
      summary: 'Dismiss a possible duplicate: the two cases stay apart (whoever may correct both cases)',
      tags: ['cases'],
      params: DuplicateSuggestionIdParams,
      body: DecideDuplicateRequest,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: { status: 200, description: 'The suggestion, dismissed', schema: DuplicateSuggestion },
      problems: [401, 403, 404, 409, 429],
      handler: async ({ params, body, req }) => ({
        body: await cases.dismissDuplicate(callContext(req), params.id, body),
      }),
    });
}
