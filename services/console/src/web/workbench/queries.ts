import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { operations as CaseOperations } from '../common/api/case';
import { caseApi, newIdempotencyKey, type Task, unwrap } from '../common/api/client';
import { TASK_COUNTS_KEY } from '../common/queries/task-counts';

export const VIEWS = ['mine', 'available', 'team', 'watching'] as const;
export type View = (typeof VIEWS)[number];

type TaskQuery = NonNullable<CaseOperations['listTasks']['parameters']['query']>;

/** The filters a person can set on a view: codes only, so they may live in the page's address. */
export interface TaskFilters {
  kind?: TaskQuery['kind'];
  level?: TaskQuery['level'];
  villageCode?: string;
  disputeType?: TaskQuery['disputeType'];
  priority?: TaskQuery['priority'];
  sort: 'due' | 'priority' | 'created';
}

/** One view of the task queue, filtered and sorted as the API allows, a page of 50 at a time (the API's cursors). */
export function useTaskView(view: View, enabled: boolean, filters: TaskFilters = { sort: 'due' }) {
  return useInfiniteQuery({
    queryKey: ['tasks', view, filters],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        caseApi.GET('/api/v1/tasks', {
          params: { query: { view, ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: 30_000,
  });
}

export function useClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (task: Task) =>
      unwrap(
        caseApi.POST('/api/v1/tasks/{id}/claim', {
          params: { path: { id: task.id }, header: { 'idempotency-key': newIdempotencyKey() } },
        }),
      ),
    // Won or lost, the lists and badges are out of date.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: TASK_COUNTS_KEY });
    },
  });
}
