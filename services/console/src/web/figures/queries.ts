import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type StatisticsSchemas, statisticsApi, unwrap } from '../common/api/client';

export type Statistics = StatisticsSchemas['Statistics'];
export type DailyIndex = StatisticsSchemas['DailyIndex'];
export type DailyIndexEntry = StatisticsSchemas['DailyIndexEntry'];

export interface FiguresQuery {
  from: string;
  to: string;
  town: string;
  agencyId?: string;
  granularity: 'day' | 'month';
}

/**
 * The figures change with the events, not from one second to the next: kept a minute, and the previous period's shown
 * (marked as updating) while another one loads, so the page does not jump back to skeletons on every choice.
 */
const STALE_MS = 60_000;

export function useFigures(query: FiguresQuery, enabled = true) {
  return useQuery({
    queryKey: ['statistics', 'figures', query],
    enabled,
    staleTime: STALE_MS,
    placeholderData: keepPreviousData,
    queryFn: () => unwrap(statisticsApi.GET('/api/v1/statistics', { params: { query } })),
  });
}

/** Each day's index over the period; `enabled` false when it is not needed. */
export function useDailyIndex(query: Omit<FiguresQuery, 'granularity'>, enabled = true) {
  return useQuery({
    queryKey: ['statistics', 'daily-index', query],
    enabled,
    staleTime: STALE_MS,
    placeholderData: keepPreviousData,
    queryFn: () => unwrap(statisticsApi.GET('/api/v1/statistics/daily-index', { params: { query } })),
  });
}
