import { OverdueTransfer, OverdueTransferFilters } from '@gongzhi/contracts';
import { ApiRoutes, PageQuery, pageSchema } from '@gongzhi/http';
import { callContext } from '../kernel/call-context';
import type { OverdueTransfersService } from './overdue-transfers.service';

/** Paged and filtered, strict like every list: a misspelt parameter is a 400 naming it. */
const OverdueTransfersQuery = PageQuery.extend(OverdueTransferFilters.shape).strict();

/** The coordinators' 督办 list (issue 16). */
export function overdueTransfersRoutes(overdue: OverdueTransfersService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] }).add({
    method: 'get',
    path: '/api/v1/overdue-transfers',
    operationId: 'listOverdueTransfers',
    summary:
      'Coordinators (their town) and administrators (every town, or `town`): the transfers still waiting for acceptance past their acceptance deadline, most late first, with how often and when the agency was urged (督办) and the open urge-acceptance task to act on',
    tags: ['coordination'],
    query: OverdueTransfersQuery,
    response: { status: 200, description: 'A page of overdue transfers', schema: pageSchema(OverdueTransfer) },
    problems: [400, 401, 403, 429],
    handler: async ({ query, req }) => ({ body: await overdue.list(callContext(req), query) }),
  });
}
