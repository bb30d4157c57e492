import {
  CreateStaffRequest,
  IdParams,
  StaffListFilter,
  StaffView,
  StaffWorkflowEngineView,
  z,
} from '@gongzhi/contracts';
import { ApiRoutes, PageQuery, pageSchema } from '@gongzhi/http';
import { IdempotencyHeaders, afterIdOf } from '../http';
import { callerOf } from '../caller';
import type { StaffService } from './staff.service';

const StaffListQuery = PageQuery.extend(StaffListFilter.shape).strict();

export function staffRoutes(staff: StaffService): ApiRoutes {
  return new ApiRoutes()
    .add({
      method: 'get',
      path: '/api/v1/staff',
      operationId: 'listStaff',
      summary: 'List staff accounts (coordinators: their town; administrators: all)',
      tags: ['staff'],
      query: StaffListQuery,
      response: { status: 200, description: 'One page of staff accounts', schema: pageSchema(StaffView) },
      problems: [401, 403, 429],
      handler: async ({ query, req }) => {
        const afterId = afterIdOf(query);
        const page = await staff.list(callerOf(req), {
          limit: query.limit,
          ...(query.agencyId ? { agencyId: query.agencyId } : {}),
          ...(afterId ? { afterId } : {}),
        });
        return { body: page };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/staff/:id',
      operationId: 'getStaff',
      summary:
        'Read a staff account of your agency (coordinators: of your town). The dispute worker (workflow-engine) gets ' +
        'StaffForWorkflowEngine: ids, town, roles and the active flag, never a name or username',
      tags: ['staff'],
      params: IdParams,
      response: {
        status: 200,
        description: 'The staff account (StaffForWorkflowEngine for the workflow engine)',
        schema: z.union([StaffView, StaffWorkflowEngineView]),
      },
      problems: [401, 404, 429],
      handler: async ({ params, req }) => ({ body: await staff.get(callerOf(req), params.id) }),
    })
    .add({
      method: 'post',
      path: '/api/v1/staff',
      operationId: 'createStaff',
      summary: 'Create a staff account in an agency (coordinators: of their town)',
      tags: ['staff'],
      body: CreateStaffRequest,
      headers: IdempotencyHeaders,
      response: { status: 201, description: 'The new account', schema: StaffView },
      problems: [401, 403, 404, 409, 413, 415, 422, 429],
      handler: async ({ body, req }) => {
        const created = await staff.create(callerOf(req), body);
        return { status: 201, body: created, headers: { Location: `/api/v1/staff/${created.id}` } };
      },
    });
}
