import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { caseApi, type DisputeAction, newIdempotencyKey, unwrap } from '../api/client';
import { TASK_COUNTS_KEY } from './task-counts';

/**
 * Sends an action to a task's workflow. One Idempotency-Key per form: a retry after a lost answer is applied once;
 * `reset` starts a new key for the next, different submission.
 */
export function useCompleteTask(taskId: string) {
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const mutation = useMutation({
    mutationFn: (action: DisputeAction) =>
      unwrap(
        caseApi.POST('/api/v1/tasks/{id}/complete', {
          params: { path: { id: taskId }, header: { 'idempotency-key': key.current } },
          body: { action },
        }),
      ),
    onSuccess: () => {
      key.current = newIdempotencyKey();
    },
    onSettled: () => {
      for (const queryKey of [['tasks'], ['inbox'], ['case'], TASK_COUNTS_KEY]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
  return mutation;
}
