import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import {
  agencyApi,
  caseApi,
  type CaseSchemas,
  type DisputeAction,
  newIdempotencyKey,
  type Task,
  unwrap,
} from '../common/api/client';
import { ProblemError } from '../common/api/problem';
import { TASK_COUNTS_KEY } from '../common/queries/task-counts';
import type { Clock } from './decisions';
import type { DecisionKind } from './queue';
import { type TownTaskFilters, townTaskQueryOf } from './town-filters';

const PAGE = 30;

/** What a write changes: the task lists (this page's and everyone's), the case pages, the badges. */
const WRITTEN = [['tasks'], ['inbox'], ['case'], TASK_COUNTS_KEY] as const;

/**
 * One kind of the town's decisions, most urgent first, a page at a time. Under the `tasks` key, so whatever completes
 * a task anywhere in the console (useCompleteTask) reloads it.
 */
export function useDecisionStream(kind: DecisionKind, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['tasks', 'decisions', kind],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        caseApi.GET('/api/v1/tasks', {
          params: {
            query: { view: 'all', kind, sort: 'priority', limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: 60_000,
  });
}

/** The town's tasks with the page's filters, 50 at a time. */
export function useTownTasks(filters: TownTaskFilters) {
  return useInfiniteQuery({
    queryKey: ['tasks', 'town', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        caseApi.GET('/api/v1/tasks', {
          params: { query: { ...townTaskQueryOf(filters), limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/**
 * One Idempotency-Key per submission: the same request sent again (a lost answer, a retry after an outage) keeps its
 * key and is applied once; a different one (another decision after a refusal) gets a new key, and so does the next
 * submission once one succeeded.
 */
function useSubmissionKey() {
  const current = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (current.current?.body !== text) current.current = { body: text, key: newIdempotencyKey() };
      return current.current.key;
    },
    done() {
      current.current = null;
    },
  };
}

/** A refused request (4xx) was not applied: sending it again is a new submission, with a new key. */
function forgetRefused(error: unknown, submission: { done: () => void }) {
  if (error instanceof ProblemError && error.status < 500) submission.done();
}

/** Completes a decision task with the coordinator's action; answers with where the case stands after it. */
export function useDecide(task: Pick<Task, 'id'>) {
  const queryClient = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (action: DisputeAction) =>
      unwrap(
        caseApi.POST('/api/v1/tasks/{id}/complete', {
          params: { path: { id: task.id }, header: { 'idempotency-key': submission.keyFor(action) } },
          body: { action },
        }),
      ),
    onSuccess: () => submission.done(),
    onError: (error) => forgetRefused(error, submission),
    onSettled: () => {
      for (const queryKey of WRITTEN) void queryClient.invalidateQueries({ queryKey });
    },
  });
}

/** Asks agencies to join the case's current level (joint mediation). */
export function useAddJointAgencies(caseId: string) {
  const queryClient = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (agencyIds: string[]) => {
      const action: DisputeAction = { kind: 'add-joint-agencies', agencyIds };
      return unwrap(
        caseApi.POST('/api/v1/cases/{id}/actions', {
          params: { path: { id: caseId }, header: { 'idempotency-key': submission.keyFor(action) } },
          body: { action },
        }),
      );
    },
    onSuccess: () => submission.done(),
    onError: (error) => forgetRefused(error, submission),
    onSettled: () => {
      for (const queryKey of WRITTEN) void queryClient.invalidateQueries({ queryKey });
    },
  });
}

/** Gives a task to a colleague: `assign` when nobody holds it, `reassign` when someone does. */
export function useHandOver(task: Pick<Task, 'id' | 'assigneeStaffId'>) {
  const queryClient = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: ({ staffId, reason }: { staffId: string; reason: string }) => {
      // The reason becomes a note on the task (never in logs, events or the workflow).
      const body: CaseSchemas['AssignTaskRequest'] = { staffId, reason };
      const options = {
        params: { path: { id: task.id }, header: { 'idempotency-key': submission.keyFor(body) } },
        body,
      };
      return unwrap(
        task.assigneeStaffId
          ? caseApi.POST('/api/v1/tasks/{id}/reassign', options)
          : caseApi.POST('/api/v1/tasks/{id}/assign', options),
      );
    },
    onSuccess: () => submission.done(),
    onError: (error) => forgetRefused(error, submission),
    onSettled: () => {
      for (const queryKey of WRITTEN) void queryClient.invalidateQueries({ queryKey });
    },
  });
}

/**
 * Where a working-day extension would end, from agency-service's calendar (holidays, make-up working days): the span
 * in calendar days bounds the days a coordinator may give instead. Nothing is asked for a calendar-day extension.
 */
export function useExtensionEnd(from: string, extension: Clock | null | undefined) {
  const working = extension?.unit === 'working-days' ? extension : undefined;
  return useQuery({
    // `from` is the clock's due date or the start of the hour: asked once, not on every render.
    queryKey: ['period-end', from, working?.amount],
    enabled: working !== undefined,
    staleTime: 60 * 60_000,
    queryFn: () =>
      unwrap(
        agencyApi.GET('/api/v1/calendar/period-end', {
          params: { query: { from, amount: working?.amount ?? 0, unit: 'working-days' } },
        }),
      ),
  });
}
