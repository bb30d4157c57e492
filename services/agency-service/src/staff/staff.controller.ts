import {
  CreateStaffRequest,
  IdParams,
  StaffListFilter,
  StaffView,
  StaffWorkflowEngineView,
  UpdateStaffRequest,
  z,
} from '@gongzhi/contracts';
import { ApiRoutes, PageQuery, etagOf, expectedVersion, pageSchema } from '@gongzhi/http';
import { IdempotencyHeaders, IfMatchHeaders, afterIdOf } from '../http';
import { callContextOf } from '@gongzhi/auth';
import type { StaffService } from './staff.service';

const StaffListQuery = PageQuery.extend(StaffListFilter.shape).strict();

export function staffRoutes(staff: StaffService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'get',
      path: '/api/v1/staff',
      operationId: 'listStaff',
      summary:
        'List staff accounts (coordinators: their town; administrators: all, or the town named), by agency, role, ' +
        'active flag and part of a name or username',
      tags: ['staff'],
      query: StaffListQuery,
      response: { status: 200, description: 'One page of staff accounts', schema: pageSchema(StaffView) },
      problems: [401, 403, 429],
      handler: async ({ query, req }) => {
        const afterId = afterIdOf(query);
        const page = await staff.list(callContextOf(req), {
          limit: query.limit,
          ...(query.agencyId ? { agencyId: query.agencyId } : {}),
          ...(query.townCode ? { townCode: query.townCode } : {}),
          ...(query.role ? { role: query.role } : {}),
          ...(query.active !== undefined ? { active: query.active } : {}),
          ...(query.q ? { text: query.q } : {}),
          ...(afterId ? { afterId } : {}),
        });
        return { body: page };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/staff/:id',
      operationId: 'getStaff',
      callers: ['staff', 'workflow-engine'],
      summary:
        'Read a staff account of your agency (coordinators: of your town); the ETag is what a change sends back in ' +
        'If-Match. The dispute worker (workflow-engine) gets StaffForWorkflowEngine: ids, town, roles and the active ' +
        'flag, never a name or username',
      tags: ['staff'],
      params: IdParams,
      response: {
        status: 200,
        description: 'The staff account (StaffForWorkflowEngine for the workflow engine)',
        schema: z.union([StaffView, StaffWorkflowEngineView]),
      },
      problems: [401, 404, 429],
      handler: async ({ params, req }) => {
        const account = await staff.get(callContextOf(req), params.id);
        // Only the full view carries the version: the worker never changes an account.
        return 'version' in account
          ? { body: account, headers: { ETag: etagOf(account.id, account.version) } }
          : { body: account };
      },
    })
    .add({
      method: 'post',
      path: '/api/v1/staff',
      operationId: 'createStaff',
      summary: 'Create a staff account in an agency (coordinators: of their town)',
      tags: ['staff'],
      body: CreateStaffRequest,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: { status: 201, description: 'The new account', schema: StaffView },
      problems: [401, 403, 404, 409, 413, 415, 422, 429],
      handler: async ({ body, req }) => {
        const created = await staff.create(callContextOf(req), body);
        return {
          status: 201,
          body: created,
          headers: { Location: `/api/v1/staff/${created.id}`, ETag: etagOf(created.id, created.version) },
        };
      },
    })
    .add({
      method: 'patch',
      path: '/api/v1/staff/:id',
      operationId: 'updateStaff',
      summary:
        "Change a staff account's roles, active flag or name; needs If-Match with the ETag last read. Coordinators: " +
        "their town's accounts, never an administrator's or the administrator role. Nobody deactivates themselves or " +
        'removes their own administrator role (403 own-account-change); the last active administrator stays (409 ' +
        'last-administrator). Deactivating ends the sessions at once; `gongzhi.agency.staff-changed` announces it',
      tags: ['staff'],
      params: IdParams,
      body: UpdateStaffRequest,
      headers: IfMatchHeaders,
      response: { status: 200, description: 'The account after the change', schema: StaffView },
      problems: [401, 403, 404, 409, 412, 413, 415, 428, 429],
      handler: async ({ params, body, req }) => {
        const account = await staff.update(callContextOf(req), params.id, body, (current) =>
          expectedVersion(req, params.id, current),
        );
        return { body: account, headers: { ETag: etagOf(account.id, account.version) } };
      },
    });
}
