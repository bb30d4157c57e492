import {
  type DailyIndexView,
  INDEX_WINDOW_DAYS,
  type Principal,
  type StatisticsQuery,
  type StaffRole,
  type StatisticsView,
} from '@gongzhi/contracts';
import { requireAnyRole, seesEveryTown } from '@gongzhi/auth';
import { NotFoundError } from '@gongzhi/errors';
import { computeDailyIndex, computeStatistics, shanghaiRange } from './metrics';
import type { StatisticsRepository } from './statistics.repository';

/** Who may read the town's figures: its governance centre's coordinators, and administrators (every town). */
export const STATISTICS_READ_ROLES: readonly StaffRole[] = ['coordinator', 'administrator'];

export interface StatisticsService {
  statistics(principal: Principal, query: StatisticsQuery): Promise<StatisticsView>;
  dailyIndex(principal: Principal, query: StatisticsQuery): Promise<DailyIndexView>;
}

const DAY_MS = 86_400_000;

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
      const facts = await deps.repository.loadFacts({
        town,
        agencyId: query.agencyId ?? null,
        start,
        end,
        withBacklog: false,
      });
      return computeStatistics(facts, {
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
      // The first day's window reaches 29 days before `from`.
      const windowStart = new Date(start.getTime() - (INDEX_WINDOW_DAYS - 1) * DAY_MS);
      // R and A come from what closed or was accepted in the windows; the open backlog enters only M, as per-day counts
      // made in the database, so the rows read here do not grow with the number of open cases.
      const [facts, activity] = await Promise.all([
        deps.repository.loadFacts({
          town,
          agencyId: query.agencyId ?? null,
          start: windowStart,
          end,
          withBacklog: false,
        }),
        deps.repository.dailyActivity({ town, agencyId: query.agencyId ?? null, start, end }),
      ]);
      return {
        town,
        agencyId: query.agencyId ?? null,
        days: computeDailyIndex(facts, activity, query.from, query.to, query.agencyId ?? null),
      };
    },
  };
}
