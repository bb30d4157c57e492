import {
  type DailyIndexView,
  type Principal,
  type StatisticsQuery,
  type StaffRole,
  type StatisticsView,
} from '@gongzhi/contracts';
import { requireAnyRole, seesEveryTown } from '@gongzhi/auth';
import { NotFoundError } from '@gongzhi/errors';
import { dailyIndexOfCounts, shanghaiRange, statisticsOfCounts } from './metrics';
import type { StatisticsRepository } from './statistics.repository';

/** Who may read the town's figures: its governance centre's coordinators, and administrators (every town). */
export const STATISTICS_READ_ROLES: readonly StaffRole[] = ['coordinator', 'administrator'];

export interface StatisticsService {
  statistics(principal: Principal, query: StatisticsQuery): Promise<StatisticsView>;
  dailyIndex(principal: Principal, query: StatisticsQuery): Promise<DailyIndexView>;
}

export function createStatisticsService(deps: { repository: StatisticsRepository }): StatisticsService {
  /** A coordinator reads their own town; another town's figures answer 404 like any object they may not see. */
  function townOf(principal: Principal, query: StatisticsQuery): string | null {
    requireAnyRole(principal, STATISTICS_READ_ROLES, "read the town's statistics");
    if (seesEveryTown(principal)) return query.town ?? null;
    if (query.town && query.town !== principal.townCode) throw new NotFoundError('statistics of town', query.town);
    return principal.townCode;
  }

  return {
    async statistics(principal, query) {
      const town = townOf(principal, query);
      const { start, end } = shanghaiRange(query.from, query.to);
      // Counted in the database: what leaves it is a few rows per day, dispute type, agency and level, not the cases.
      const counts = await deps.repository.figureCounts({ town, agencyId: query.agencyId ?? null, start, end });
      return statisticsOfCounts(counts, {
        from: query.from,
        to: query.to,
        town,
        agencyId: query.agencyId ?? null,
        granularity: query.granularity,
      });
    },

    async dailyIndex(principal, query) {
      const town = townOf(principal, query);
      const { start, end } = shanghaiRange(query.from, query.to);
      // R and A (what closed or was accepted in each day's window, reaching 29 days before `from`) and M (the open
      // backlog) arrive as per-day counts made in the database: the rows read here are one per day asked.
      const filter = { town, agencyId: query.agencyId ?? null, start, end };
      const [outcomes, activity] = await Promise.all([
        deps.repository.dailyOutcomes(filter),
        deps.repository.dailyActivity(filter),
      ]);
      return {
        town,
        agencyId: query.agencyId ?? null,
        days: dailyIndexOfCounts(outcomes, activity, query.from, query.to),
      };
    },
  };
}
