import {
  ClearRiskFlagRequest,
  PartyIdParams,
  RiskFlagIdParams,
  RiskFlagView,
  SetRiskFlagRequest,
  z,
} from '@gongzhi/contracts';
import { ApiRoutes, IdempotencyHeaders } from '@gongzhi/http';
import { callerOf } from '../parties/parties.controller';
import type { RiskFlagsService } from './risk-flags.service';

export function riskFlagsRoutes(flags: RiskFlagsService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'post',
      path: '/api/v1/parties/:id/risk-flags',
      operationId: 'setPartyRiskFlag',
      summary: 'Flag a person as a risk (violence, group dispute, key person …), with the reason',
      tags: ['risk-flags'],
      params: PartyIdParams,
      body: SetRiskFlagRequest,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: { status: 201, description: 'The flag', schema: RiskFlagView },
      problems: [401, 403, 404, 409, 422, 429],
      handler: async ({ params, body, req }) => {
        const flag = await flags.set(callerOf(req), params.id, body);
        return { body: flag, headers: { Location: `/api/v1/parties/${params.id}/risk-flags/${flag.id}` } };
      },
    })
    .add({
      method: 'post',
      path: '/api/v1/parties/:id/risk-flags/:flagId/clear',
      operationId: 'clearPartyRiskFlag',
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      summary: 'Clear a risk flag, with the reason (the flag and its history are kept)',
      tags: ['risk-flags'],
      params: RiskFlagIdParams,
      body: ClearRiskFlagRequest,
      response: { status: 200, description: 'The cleared flag', schema: RiskFlagView },
      problems: [401, 403, 404, 409, 429],
      handler: async ({ params, body, req }) => ({
        body: await flags.clear(callerOf(req), params.id, params.flagId, body),
      }),
    })
    .add({
      method: 'get',
      path: '/api/v1/parties/:id/risk-flags',
      operationId: 'listPartyRiskFlags',
      summary: "A person's risk flags, active and cleared",
      tags: ['risk-flags'],
      params: PartyIdParams,
      response: {
        status: 200,
        description: 'The flags, oldest first',
        schema: z.object({ items: z.array(RiskFlagView) }),
      },
      problems: [401, 404, 429],
      handler: async ({ params, req }) => ({ body: { items: await flags.list(callerOf(req), params.id) } }),
    });
}
