import {
  AddInvolvedAgencyRequest,
  FindPartyByIdNumberRequest,
  GetPartyQuery,
  ListPartiesQuery,
  LookupOrCreatePartyRequest,
  PartyIdParams,
  PartyView,
  UpdatePartyRequest,
} from '@gongzhi/contracts';
import { auditContext, principalOf } from '@gongzhi/auth';
import { ApiRoutes, expectedVersion, IdempotencyHeaders, IfMatchHeaders, pageSchema } from '@gongzhi/http';
import type { Request } from 'express';
import type { Caller, PartiesService } from './parties.service';

export function callerOf(req: Request): Caller {
  return { principal: principalOf(req), requestId: auditContext(req).requestId };
}

export function partiesRoutes(parties: PartiesService): ApiRoutes {
  return new ApiRoutes()
    .add({
      method: 'post',
      path: '/api/v1/parties/lookup-or-create',
      operationId: 'lookupOrCreateParty',
      summary: 'Find the person (by ID number) or organisation (by credit code), or register them',
      tags: ['parties'],
      body: LookupOrCreatePartyRequest,
      headers: IdempotencyHeaders,
      response: { status: 201, description: 'Registered (201), or the existing party (200)', schema: PartyView },
      problems: [401, 403, 409, 413, 415, 422, 429, 503],
      handler: async ({ body, req }) => {
        const { view, etag, created } = await parties.lookupOrCreate(callerOf(req), body);
        return {
          status: created ? 201 : 200,
          body: view,
          headers: { Location: `/api/v1/parties/${view.id}`, ETag: etag },
        };
      },
    })
    .add({
      method: 'post',
      path: '/api/v1/parties/search-by-id-number',
      operationId: 'findPartyByIdNumber',
      summary: 'Find a visible person by ID number (a POST, so the number never appears in a URL)',
      tags: ['parties'],
      body: FindPartyByIdNumberRequest,
      response: { status: 200, description: 'The person', schema: PartyView },
      problems: [401, 404, 429],
      handler: async ({ body, req }) => {
        const { view, etag } = await parties.findByIdNumber(callerOf(req), body.idNumber);
        return { body: view, headers: { ETag: etag } };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/parties',
      operationId: 'listParties',
      summary: 'List the parties visible to the caller, newest first',
      tags: ['parties'],
      query: ListPartiesQuery,
      response: { status: 200, description: 'A page of parties (masked)', schema: pageSchema(PartyView) },
      problems: [401, 429],
      handler: async ({ query, req }) => ({ body: await parties.list(callerOf(req), query) }),
    })
    .add({
      method: 'get',
      path: '/api/v1/parties/:id',
      operationId: 'getParty',
      summary: 'Read a party; `?reveal=idNumber,phone` shows those in full to allowed roles (audited)',
      tags: ['parties'],
      params: PartyIdParams,
      query: GetPartyQuery,
      response: { status: 200, description: 'The party', schema: PartyView },
      problems: [401, 403, 404, 429],
      handler: async ({ params, query, req }) => {
        const { view, etag } = await parties.get(callerOf(req), params.id, query.reveal);
        return { body: view, headers: { ETag: etag } };
      },
    })
    .add({
      method: 'patch',
      path: '/api/v1/parties/:id',
      operationId: 'updateParty',
      summary: 'Change a party (If-Match with the ETag you read)',
      tags: ['parties'],
      params: PartyIdParams,
      body: UpdatePartyRequest,
      headers: IfMatchHeaders,
      response: { status: 200, description: 'The changed party', schema: PartyView },
      problems: [401, 403, 404, 412, 428, 429],
      handler: async ({ params, body, req }) => {
        const { view, etag } = await parties.update(callerOf(req), params.id, body, (current) =>
          expectedVersion(req, params.id, current),
        );
        return { body: view, headers: { ETag: etag } };
      },
    })
    .add({
      method: 'post',
      path: '/api/v1/parties/:id/involved-agencies',
      operationId: 'addPartyInvolvedAgency',
      summary: 'Involve another agency with a party (a transfer, joint mediation), so its staff can see it',
      tags: ['parties'],
      params: PartyIdParams,
      body: AddInvolvedAgencyRequest,
      response: { status: 200, description: 'The party', schema: PartyView },
      problems: [401, 403, 404, 429],
      handler: async ({ params, body, req }) => {
        const { view, etag } = await parties.addInvolvedAgency(callerOf(req), params.id, body.agencyId);
        return { body: view, headers: { ETag: etag } };
      },
    });
}
