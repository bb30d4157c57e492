import { StuckFilters, StuckReport } from '@gongzhi/contracts';
import { ApiRoutes } from '@gongzhi/http';
import { callContext } from '../../kernel/call-context';
import type { AdminService } from './stuck-scan.service';

/** The stuck scan's filters without `view`: a town's view has no saved views, and `view=` is a 400 naming it. */
const TownStuckQuery = StuckFilters.omit({ view: true }).strict();

/**
 * The coordinators' own read-only view of their town's stuck cases: the administrators' scan (its detectors,
 * thresholds and report), limited to one town, without saved views or repairs.
 */
export function townStuckRoutes(admin: Pick<AdminService, 'townStuck'>): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] }).add({
    method: 'get',
    path: '/api/v1/stuck',
    operationId: 'listTownStuckCases',
    summary:
      'Coordinators: their own town’s cases that do not move, as the administrators’ stuck scan finds them (same kinds, thresholds and report), read-only; `town` may only name their own (403 otherwise). Administrators: the town named, or their own',
    tags: ['coordination'],
    query: TownStuckQuery,
    response: { status: 200, description: 'The town’s stuck cases', schema: StuckReport },
    problems: [400, 401, 403, 429, 503],
    handler: async ({ query, req }) => ({ body: await admin.townStuck(callContext(req), query) }),
  });
}
