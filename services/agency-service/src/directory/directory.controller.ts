import { DirectoryQuery, TownDirectory } from '@gongzhi/contracts';
import { ApiRoutes } from '@gongzhi/http';
import { callContextOf } from '@gongzhi/auth';
import type { DirectoryService } from './directory.service';

export function directoryRoutes(directory: DirectoryService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] }).add({
    method: 'get',
    path: '/api/v1/directory',
    operationId: 'getTownDirectory',
    summary:
      "The caller's town by name, for every staff member of it: villages (with grids), agencies and staff (display " +
      'name, agency, roles, active; never usernames or phones). Administrators must name the town with `townCode` ' +
      "(400 without); others may name only their own, another town's answers empty, as `GET /agencies` does. Each " +
      'list is capped (villages 200, agencies 200, staff 2000) and `truncated` says which one was cut. Not for the ' +
      'workflow engine (403)',
    tags: ['directory'],
    query: DirectoryQuery,
    response: { status: 200, description: 'The town directory', schema: TownDirectory },
    problems: [401, 403, 429],
    handler: async ({ query, req }) => ({
      body: await directory.read(callContextOf(req), query.townCode === undefined ? {} : { townCode: query.townCode }),
    }),
  });
}
