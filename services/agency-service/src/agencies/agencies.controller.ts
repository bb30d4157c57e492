import { AgencyListFilter, AgencyView, CreateAgencyRequest, IdParams, UpdateAgencyRequest } from '@gongzhi/contracts';
import { ApiRoutes, PageQuery, etagOf, expectedVersion, pageSchema } from '@gongzhi/http';
import { IdempotencyHeaders, IfMatchHeaders, afterIdOf } from '../http';
import { callContextOf } from '@gongzhi/auth';
import type { AgenciesService } from './agencies.service';

const AgencyListQuery = PageQuery.extend(AgencyListFilter.shape).strict();

export function agenciesRoutes(agencies: AgenciesService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'get',
      path: '/api/v1/agencies',
      operationId: 'listAgencies',
      callers: ['staff', 'workflow-engine'],
      summary: 'List the agencies visible to the caller, by town and kind',
      tags: ['agencies'],
      query: AgencyListQuery,
      response: { status: 200, description: 'One page of agencies', schema: pageSchema(AgencyView) },
      problems: [401, 429],
      handler: async ({ query, req }) => {
        const afterId = afterIdOf(query);
        const page = await agencies.list(callContextOf(req), {
          limit: query.limit,
          ...(query.townCode ? { townCode: query.townCode } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
          ...(afterId ? { afterId } : {}),
        });
        return { body: page };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/agencies/:id',
      operationId: 'getAgency',
      callers: ['staff', 'workflow-engine'],
      summary: 'Read an agency; the ETag is what an update sends back in If-Match',
      tags: ['agencies'],
      params: IdParams,
      response: { status: 200, description: 'The agency', schema: AgencyView },
      problems: [401, 404, 429],
      handler: async ({ params, req }) => {
        const agency = await agencies.get(callContextOf(req), params.id);
        return { body: agency, headers: { ETag: etagOf(agency.id, agency.version) } };
      },
    })
    .add({
      method: 'post',
      path: '/api/v1/agencies',
      operationId: 'createAgency',
      summary: 'Create an agency (coordinators in their own town, administrators anywhere)',
      tags: ['agencies'],
      body: CreateAgencyRequest,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: { status: 201, description: 'The new agency', schema: AgencyView },
      problems: [401, 403, 413, 415, 422, 429],
      handler: async ({ body, req }) => {
        const agency = await agencies.create(callContextOf(req), body);
        return {
          status: 201,
          body: agency,
          headers: { Location: `/api/v1/agencies/${agency.id}`, ETag: etagOf(agency.id, agency.version) },
        };
      },
    })
    .add({
      method: 'patch',
      path: '/api/v1/agencies/:id',
      operationId: 'updateAgency',
      summary: 'Change an agency; needs If-Match with the ETag last read',
      tags: ['agencies'],
      params: IdParams,
      body: UpdateAgencyRequest,
      headers: IfMatchHeaders,
      response: { status: 200, description: 'The agency after the change', schema: AgencyView },
      problems: [401, 403, 404, 412, 428, 429],
      handler: async ({ params, body, req }) => {
        const agency = await agencies.update(callContextOf(req), params.id, body, (current) =>
          expectedVersion(req, params.id, current),
        );
        return { body: agency, headers: { ETag: etagOf(agency.id, agency.version) } };
      },
    });
}
