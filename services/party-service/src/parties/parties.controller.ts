import {
  AddInvolvedAgencyRequest,
  FindPartyByIdNumberRequest,
  GetPartyQuery,
  ListPartiesQuery,
  ListPossibleDuplicatesQuery,
  LookupOrCreatePartyRequest,
  PartyIdParams,
  PartyView,
  PossibleDuplicateView,
  ReviewPossibleDuplicateRequest,
  UpdatePartyRequest,
} from '@gongzhi/contracts';
import { auditContext, principalOf } from '@gongzhi/auth';
import { ApiRoutes, expectedVersion, IdempotencyHeaders, IfMatchHeaders, pageSchema } from '@gongzhi/http';
import type { Request } from 'express';
import type { CallContext } from '@gongzhi/auth';
import type { PartiesService } from './parties.service';
import { requireStaff } from './party-policy';

/** The staff member asking (the app refuses the worker's token before any route; this holds without it too). */
export function callerOf(req: Request): CallContext {
  const principal = principalOf(req);
  requireStaff(principal);
  return { principal, requestId: auditContext(req).requestId, authorization: req.get('authorization') };
}

export function partiesRoutes(parties: PartiesService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      // Declared before `/api/v1/parties/:id`, which would otherwise take `possible-duplicates` for an id.
      method: 'get',
      path: '/api/v1/parties/possible-duplicates',
      operationId: 'listPossibleDuplicates',
      summary:
        "Coordinators: the town's possible duplicates awaiting review (an agency registered someone whose existing " +
        'record it could not see), oldest first',
      tags: ['parties'],
      query: ListPossibleDuplicatesQuery,
      response: {
        status: 200,
        description: 'A page of possible duplicates',
        schema: pageSchema(PossibleDuplicateView),
      },
      problems: [401, 403, 429],
      handler: async ({ query, req }) => ({ body: await parties.listPossibleDuplicates(callerOf(req), query) }),
    })
    .add({
      method: 'post',
      path: '/api/v1/parties/:id/duplicate-review',
      operationId: 'reviewPossibleDuplicate',
      summary:
        "Coordinators: grant the registering agency the town's existing record of the same person, or dismiss " +
        '(with the reason; audited)',
      tags: ['parties'],
      params: PartyIdParams,
      body: ReviewPossibleDuplicateRequest,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: { status: 200, description: 'The possible duplicate, reviewed', schema: PossibleDuplicateView },
      problems: [401, 403, 404, 409, 429],
      handler: async ({ params, body, req }) => ({
        body: await parties.reviewPossibleDuplicate(callerOf(req), params.id, body),
      }),
    })
    .add({
      method: 'post',
      path: '/api/v1/parties/lookup-or-create',
      operationId: 'lookupOrCreateParty',
      summary:
        'Find the person (by ID number) or organisation (by credit code) among the parties you see in your town, or ' +
        'register them (from your input only; a record you may not see is never returned or linked)',
      tags: ['parties'],
      body: LookupOrCreatePartyRequest,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: {
        status: 201,
        description: 'Registered for your agency (201), or the party you already see (200)',
        schema: PartyView,
      },
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
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      summary:
        "Involve another agency of the party's town with a party (a transfer, joint mediation), so its staff can see " +
        'it; agency-service is asked whether the agency exists and works there (422 `unknown-agency` if not)',
      tags: ['parties'],
      params: PartyIdParams,
      body: AddInvolvedAgencyRequest,
      response: { status: 200, description: 'The party', schema: PartyView },
      problems: [401, 403, 404, 422, 429, 503],
      handler: async ({ params, body, req }) => {
        const { view, etag } = await parties.addInvolvedAgency(callerOf(req), params.id, body.agencyId);
        return { body: view, headers: { ETag: etag } };
      },
    });
}
