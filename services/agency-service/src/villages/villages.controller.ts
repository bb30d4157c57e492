import {
  CreateVillageRequest,
  IdParams,
  TownVillageParams,
  UpdateVillageRequest,
  VillageView,
} from '@gongzhi/contracts';
import { ApiRoutes, etagOf, expectedVersion } from '@gongzhi/http';
import { IdempotencyHeaders, IfMatchHeaders } from '../http';
import { callContextOf } from '@gongzhi/auth';
import type { VillagesService } from './villages.service';

export function villagesRoutes(villages: VillagesService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'get',
      path: '/api/v1/villages/:id',
      operationId: 'getVillage',
      summary: 'Read a village of your town (administrators: any); the ETag is what a rename sends back in If-Match',
      tags: ['villages'],
      params: IdParams,
      response: { status: 200, description: 'The village', schema: VillageView },
      problems: [401, 404, 429],
      handler: async ({ params, req }) => {
        const village = await villages.get(callContextOf(req), params.id);
        return { body: village, headers: { ETag: etagOf(village.id, village.version) } };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/towns/:town/villages/:code',
      operationId: 'getTownVillage',
      summary:
        'Read a village of your town by its code (administrators: any town), as reports and cases carry it; another ' +
        "town's village or an unknown code is a 404",
      tags: ['villages'],
      params: TownVillageParams,
      response: { status: 200, description: 'The village', schema: VillageView },
      problems: [400, 401, 404, 429],
      handler: async ({ params, req }) => {
        const village = await villages.getByCode(callContextOf(req), params.town, params.code);
        return { body: village, headers: { ETag: etagOf(village.id, village.version) } };
      },
    })
    .add({
      method: 'post',
      path: '/api/v1/villages',
      operationId: 'createVillage',
      summary:
        'Add a village and its grids to a town (coordinators in their own town, administrators anywhere); a code the ' +
        'town already has is a 409',
      tags: ['villages'],
      body: CreateVillageRequest,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: { status: 201, description: 'The new village', schema: VillageView },
      problems: [401, 403, 409, 413, 415, 422, 429],
      handler: async ({ body, req }) => {
        const village = await villages.create(callContextOf(req), body);
        return {
          status: 201,
          body: village,
          headers: { Location: `/api/v1/villages/${village.id}`, ETag: etagOf(village.id, village.version) },
        };
      },
    })
    .add({
      method: 'patch',
      path: '/api/v1/villages/:id',
      operationId: 'updateVillage',
      summary: 'Rename a village or change its grids (its code never changes); needs If-Match with the ETag last read',
      tags: ['villages'],
      params: IdParams,
      body: UpdateVillageRequest,
      headers: IfMatchHeaders,
      response: { status: 200, description: 'The village after the change', schema: VillageView },
      problems: [401, 403, 404, 412, 428, 429],
      handler: async ({ params, body, req }) => {
        const village = await villages.update(callContextOf(req), params.id, body, (current) =>
          expectedVersion(req, params.id, current),
        );
        return { body: village, headers: { ETag: etagOf(village.id, village.version) } };
      },
    });
}
