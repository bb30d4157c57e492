import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseApi, newIdempotencyKey, unwrap } from '../common/api/client';
import { ProblemError } from '../common/api/problem';
import type { SavedTaskView, SavedTaskViewRequest } from './filters';

export const TASK_VIEWS_KEY = ['task-views'] as const;

/** The saved views of the task queue the person sees: read once, kept for a few minutes (they change rarely). */
export function useTaskViews() {
  return useQuery({
    queryKey: TASK_VIEWS_KEY,
    staleTime: 5 * 60_000,
    queryFn: () => unwrap(caseApi.GET('/api/v1/task-views', {})),
  });
}

/** A view as read for changing it, with the ETag a replacement sends as If-Match. */
export async function readTaskView(id: string): Promise<{ view: SavedTaskView; etag: string | undefined }> {
  const { data, error, response } = await caseApi.GET('/api/v1/task-views/{view}', {
    params: { path: { view: id } },
  });
  if (!response.ok || data === undefined) throw new ProblemError(response.status, error ?? {});
  return { view: data, etag: response.headers.get('etag') ?? undefined };
}

/**
 * Saves a new view, or replaces one (`id`, with the `etag` it was read at: someone else's change in between is a 412,
 * never overwritten). `idempotencyKey` is the submission's: a retry of the same submission sends it again.
 */
export function useSaveTaskView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      etag,
      body,
      idempotencyKey,
    }: {
      id?: string;
      etag?: string;
      body: SavedTaskViewRequest;
      idempotencyKey: string;
    }) =>
      id === undefined
        ? unwrap(
            caseApi.POST('/api/v1/task-views', {
              params: { header: { 'idempotency-key': idempotencyKey } },
              body,
            }),
          )
        : unwrap(
            caseApi.PUT('/api/v1/task-views/{view}', {
              params: { path: { view: id }, header: etag ? { 'if-match': etag } : {} },
              headers: { 'idempotency-key': idempotencyKey },
              body,
            }),
          ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: TASK_VIEWS_KEY }),
  });
}

export function useDeleteTaskView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        caseApi.DELETE('/api/v1/task-views/{view}', {
          params: { path: { view: id } },
          headers: { 'idempotency-key': newIdempotencyKey() },
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: TASK_VIEWS_KEY }),
  });
}
