import { PolicyDocument, PolicyVersionParams, PolicyView, TownParams } from '@gongzhi/contracts';
import { ApiRoutes, etagOf, expectedVersion } from '@gongzhi/http';
import { IfMatchHeaders } from '../http';
import { callContextOf } from '@gongzhi/auth';
import { type PolicyService, policyEtagId } from './policy.service';

export function policyRoutes(policy: PolicyService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'get',
      path: '/api/v1/towns/:town/policy',
      operationId: 'getCurrentPolicy',
      callers: ['staff', 'workflow-engine'],
      summary: "The town's current escalation policy (version 0 = the built-in default)",
      tags: ['policy'],
      params: TownParams,
      response: { status: 200, description: 'The current policy', schema: PolicyView },
      problems: [401, 404, 429],
      handler: async ({ params, req }) => {
        const view = await policy.current(callContextOf(req), params.town);
        return { body: view, headers: { ETag: etagOf(policyEtagId(params.town), view.version) } };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/towns/:town/policy/versions/:version',
      operationId: 'getPolicyVersion',
      summary: 'One immutable version of the policy, e.g. the one a running case started with',
      tags: ['policy'],
      params: PolicyVersionParams,
      response: { status: 200, description: 'That version', schema: PolicyView },
      problems: [401, 404, 429],
      handler: async ({ params, req }) => ({
        body: await policy.version(callContextOf(req), params.town, params.version),
        // Versions never change, so caches may keep them.
        headers: { 'Cache-Control': 'private, max-age=86400, immutable' },
      }),
    })
    .add({
      method: 'put',
      path: '/api/v1/towns/:town/policy',
      operationId: 'replacePolicy',
      summary: "Store a new version of the town's policy (a coordinator of the town; If-Match the current ETag)",
      tags: ['policy'],
      params: TownParams,
      body: PolicyDocument,
      headers: IfMatchHeaders,
      response: { status: 200, description: 'The new current version', schema: PolicyView },
      problems: [401, 403, 404, 412, 428, 429],
      handler: async ({ params, body, req }) => {
        const etagId = policyEtagId(params.town);
        const view = await policy.replace(callContextOf(req), params.town, body, (current) =>
          expectedVersion(req, etagId, current),
        );
        return { body: view, headers: { ETag: etagOf(etagId, view.version) } };
      },
    });
}
