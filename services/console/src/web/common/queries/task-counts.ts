import { useQuery } from '@tanstack/react-query';
import { caseApi, unwrap } from '../api/client';

export const TASK_COUNTS_KEY = ['task-counts'] as const;

/** The badges: open and overdue tasks per view, refreshed every 30 s and when the window gets focus, without a reload. */
export function useTaskCounts() {
  return useQuery({
    queryKey: TASK_COUNTS_KEY,
    queryFn: () => unwrap(caseApi.GET('/api/v1/tasks/counts')),
    refetchInterval: 30_000,
  });
}
