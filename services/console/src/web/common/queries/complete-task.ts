import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { caseApi, type DisputeAction, newIdempotencyKey, unwrap } from '../api/client';
import { TASK_COUNTS_KEY } from './task-counts';

const RELOADED_AFTER_AN_ACTION: QueryKey[] = [['tasks'], ['inbox'], ['case'], TASK_COUNTS_KEY];

const sameKey = (a: QueryKey, b: QueryKey) => a.length === b.length && a.every((part, i) => part === b[i]);

/**
 * Sends an action to a task's workflow. One Idempotency-Key per form: a retry after a lost answer is applied once;
 * `reset` starts a new key for the next, different submission. The answer carries the case's tasks as the action left
 * them, so the case page shows the next task at once instead of reading them again; the other lists reload.
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
    onSettled: (answer) => {
      const answered: QueryKey | undefined = answer?.caseTasks && ['case', answer.task.caseId, 'tasks'];
      if (answered) queryClient.setQueryData(answered, { items: answer?.caseTasks });
      for (const queryKey of RELOADED_AFTER_AN_ACTION) {
        void queryClient.invalidateQueries({
          queryKey,
          predicate: (query) => !answered || !sameKey(query.queryKey, answered),
        });
      }
    },
  });
  return mutation;
}
