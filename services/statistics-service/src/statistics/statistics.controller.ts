import { DailyIndexView, StatisticsQuery, StatisticsView } from '@gongzhi/contracts';
import { principalOf } from '@gongzhi/auth';
import { ApiRoutes } from '@gongzhi/http';
import type { StatisticsService } from './statistics.service';

export function statisticsRoutes(statistics: StatisticsService): ApiRoutes {
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'get',
      path: '/api/v1/statistics',
      operationId: 'getStatistics',
      summary:
        'The figures of a date range (Asia/Shanghai days): resolution rate, share resolved within the town, on-time ' +
        'acceptance, days per level, missed deadlines, per agency, dispute type and period (coordinators, administrators)',
      tags: ['statistics'],
      query: StatisticsQuery,
      response: { status: 200, description: 'The figures', schema: StatisticsView },
      problems: [401, 403, 404, 429],
      handler: async ({ query, req }) => ({ body: await statistics.statistics(principalOf(req), query) }),
    })
    .add({
      method: 'get',
      path: '/api/v1/statistics/daily-index',
      operationId: 'getDailyIndex',
      summary:
        "Each day's index (0–100) and colour band over the 30 days ending that day (docs/reference/statistics.md)",
      tags: ['statistics'],
      query: StatisticsQuery,
      response: { status: 200, description: 'One entry per day', schema: DailyIndexView },
      problems: [401, 403, 404, 429],
      handler: async ({ query, req }) => ({ body: await statistics.dailyIndex(principalOf(req), query) }),
    });
}
