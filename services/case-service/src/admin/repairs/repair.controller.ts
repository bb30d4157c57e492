import {
  CaseIdParams,
  RepairBatch,
  RepairBatchIdParams,
  RepairBatchRequest,
  RepairLog,
  RepairRecord,
  RepairRequest,
} from '@gongzhi/contracts';
import { ApiRoutes, idempotencyKeyOf, RequiredIdempotencyHeaders } from '@gongzhi/http';
import { callContext } from '../../kernel/call-context';
import { NoQuery } from '../../kernel/list-queries';
import type { RepairService } from './repair.service';

/** Administrators' repairs of stuck cases: one case, or a batch over the stuck scan's filters. */
export function repairRoutes(repairs: RepairService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'post',
      path: '/api/v1/admin/cases/:id/repairs',
      operationId: 'repairCase',
      summary:
        'Administrators: repair one case (retry a failing activity, reassign, re-open, urge again, extend a deadline, terminate, reset); needs an Idempotency-Key, and is logged with its reason',
      tags: ['admin'],
      params: CaseIdParams,
      body: RepairRequest,
      headers: RequiredIdempotencyHeaders,
      idempotency: 'claimed',
      response: { status: 201, description: 'The repair, as logged, with what came of it', schema: RepairRecord },
      problems: [400, 401, 403, 404, 409, 422, 429, 503],
      handler: async ({ params, body, req }) => {
        const result = await repairs.repair(callContext(req), params.id, body, idempotencyKeyOf(req));
        return { status: result.replayed ? 200 : 201, body: result.record };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/admin/cases/:id/repairs',
      operationId: 'listCaseRepairs',
      summary: 'Administrators: the repair log of one case, newest first (who, what, why, what came of it)',
      tags: ['admin'],
      params: CaseIdParams,
      query: NoQuery,
      response: { status: 200, description: 'The case’s repairs', schema: RepairLog },
      problems: [401, 403, 404, 429],
      handler: async ({ params, req }) => ({ body: await repairs.log(callContext(req), params.id) }),
    })
    .add({
      method: 'post',
      path: '/api/v1/admin/repair-batches',
      operationId: 'startRepairBatch',
      summary:
        'Administrators: apply one repair to every stuck item the filters find — a dry run lists them; otherwise the batch runs in the background (needs an Idempotency-Key)',
      tags: ['admin'],
      body: RepairBatchRequest,
      // Required to start a batch; a dry run changes nothing and may leave it out. Documented as required, so a
      // generated client always sends one: a key on a dry run is harmless.
      headers: RequiredIdempotencyHeaders,
      idempotency: 'claimed',
      response: { status: 202, description: 'The plan (dry run) or the started batch', schema: RepairBatch },
      problems: [400, 401, 403, 422, 429, 503],
      handler: async ({ body, req }) => {
        const batch = await repairs.startBatch(callContext(req), body, idempotencyKeyOf(req));
        return { status: batch.status === 'dry-run' ? 200 : 202, body: batch };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/admin/repair-batches/:id',
      operationId: 'getRepairBatch',
      summary: 'Administrators: a repair batch’s progress, and its report once done',
      tags: ['admin'],
      params: RepairBatchIdParams,
      response: { status: 200, description: 'The batch, item by item', schema: RepairBatch },
      problems: [401, 403, 404, 429],
      handler: async ({ params, req }) => ({ body: await repairs.batch(callContext(req), params.id) }),
    });
}
