import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseApi, newIdempotencyKey, type Task, unwrap } from '../shared/api/client';
import { TASK_COUNTS_KEY } from '../shared/queries/task-counts';

export const VIEWS = ['mine', 'available', 'team', 'watching'] as const;
export type View = (typeof VIEWS)[number];

/** One view of the task queue, soonest due first, a page of 50 at a time (the API's cursors). */
export function useTaskView(view: View, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['tasks', view],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        caseApi.GET('/api/v1/tasks', {
          params: { query: { view, sort: 'due', limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
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
