import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { caseApi, type CaseSchemas, newIdempotencyKey, unwrap } from '../common/api/client';
import { isProblem } from '../common/api/problem';
import { batchPollInterval } from './batch-progress';
import type { RepairRequest } from './repair-requests';
import { type StuckFilterValues, stuckQueryOf } from './stuck-filters';
import { afterAnswer, freshSubmission, keyForSending, type SubmissionKey } from './submission-key';

export const STUCK_KEY = ['admin', 'stuck'] as const;
export const VIEWS_KEY = ['admin', 'views'] as const;

export const stuckKeyOf = (filters: StuckFilterValues) => [...STUCK_KEY, filters] as const;

/**
 * The stuck scan, a page at a time (each page is a fresh scan after the previous page's last item). A scan is heavy
 * for case-service and Temporal: it is not repeated on focus or on a timer, only when the person asks again.
 */
export function useStuckReport(filters: StuckFilterValues, enabled = true) {
  return useInfiniteQuery({
    queryKey: stuckKeyOf(filters),
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(caseApi.GET('/api/v1/admin/stuck', { params: { query: stuckQueryOf(filters, pageParam) } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

export function useSavedViews() {
  return useQuery({
    queryKey: VIEWS_KEY,
    staleTime: 60_000,
    queryFn: () => unwrap(caseApi.GET('/api/v1/admin/views', {})),
  });
}

/**
 * The Idempotency-Key of a form's submissions (see submission-key.ts): `send` runs a request with the key it should
 * carry, and moves on to a fresh key once the submission is over.
 */
export function useSubmissionKey() {
  const state = useRef<SubmissionKey | null>(null);
  state.current ??= freshSubmission(newIdempotencyKey);
  const [shown, setShown] = useState(state.current.key);
  const update = (next: SubmissionKey) => {
    state.current = next;
    setShown(next.key);
  };
  return {
    /** The key the next submission sends (for the form to show). */
    key: shown,
    async send<T>(body: unknown, request: (key: string) => Promise<T>): Promise<T> {
      const current = state.current ?? freshSubmission(newIdempotencyKey);
      const sending = keyForSending(current, body, newIdempotencyKey);
      update(sending);
      try {
        const result = await request(sending.key);
        update(afterAnswer(sending, { ok: true }, newIdempotencyKey));
        return result;
      } catch (error) {
        update(afterAnswer(sending, { ok: false, error }, newIdempotencyKey));
        throw error;
      }
    },
  };
}

type SavedViewRequest = CaseSchemas['SavedViewRequest'];

export function useSaveView() {
  const queryClient = useQueryClient();
  const submission = useSubmissionKey();
  const mutation = useMutation({
    mutationFn: ({ id, body }: { id?: string; body: SavedViewRequest }) =>
      id
        ? unwrap(caseApi.PUT('/api/v1/admin/views/{view}', { params: { path: { view: id } }, body }))
        : submission.send(body, (key) =>
            unwrap(caseApi.POST('/api/v1/admin/views', { params: { header: { 'idempotency-key': key } }, body })),
          ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: VIEWS_KEY }),
  });
  return { ...mutation, idempotencyKey: submission.key };
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(caseApi.DELETE('/api/v1/admin/views/{view}', { params: { path: { view: id } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: VIEWS_KEY }),
  });
}

export const diagnosisKeyOf = (caseId: string) => ['admin', 'case', caseId, 'describe'] as const;
export const repairLogKeyOf = (caseId: string) => ['admin', 'case', caseId, 'repairs'] as const;

/** A case's diagnosis: read when the page opens and when asked (each read asks Temporal), not on a timer. */
export function useDiagnosis(caseId: string) {
  return useQuery({
    queryKey: diagnosisKeyOf(caseId),
    staleTime: 30_000,
    refetchOnWindowFocus: false,
    queryFn: () => unwrap(caseApi.GET('/api/v1/admin/cases/{id}/describe', { params: { path: { id: caseId } } })),
  });
}

export function useRepairLog(caseId: string) {
  return useQuery({
    queryKey: repairLogKeyOf(caseId),
    staleTime: 30_000,
    queryFn: () => unwrap(caseApi.GET('/api/v1/admin/cases/{id}/repairs', { params: { path: { id: caseId } } })),
  });
}

/** Repairs one case under the submission's key; the log, the diagnosis and the case's own views are read again. */
export function useRepairCase(caseId: string) {
  const queryClient = useQueryClient();
  const submission = useSubmissionKey();
  const mutation = useMutation({
    mutationFn: (request: RepairRequest) =>
      submission.send(request, (key) =>
        unwrap(
          caseApi.POST('/api/v1/admin/cases/{id}/repairs', {
            params: { path: { id: caseId }, header: { 'idempotency-key': key } },
            body: request,
          }),
        ),
      ),
    // Refused or applied, the log has a new line and the case may have moved.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['admin', 'case', caseId] });
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
      void queryClient.invalidateQueries({ queryKey: STUCK_KEY });
    },
  });
  return { ...mutation, idempotencyKey: submission.key };
}

type RepairBatchRequest = CaseSchemas['RepairBatchRequest'];

/** A dry run: what the batch would do. It changes nothing; the header the API requires gets a throwaway key. */
export function useDryRun() {
  return useMutation({
    mutationFn: (request: Omit<RepairBatchRequest, 'dryRun'>) =>
      unwrap(
        caseApi.POST('/api/v1/admin/repair-batches', {
          params: { header: { 'idempotency-key': newIdempotencyKey() } },
          body: { ...request, dryRun: true },
        }),
      ),
  });
}

/** Starts a batch under the submission's key (a retry after a lost answer starts it once). */
export function useStartBatch() {
  const queryClient = useQueryClient();
  const submission = useSubmissionKey();
  const mutation = useMutation({
    mutationFn: (request: Omit<RepairBatchRequest, 'dryRun'>) =>
      submission.send(request, (key) =>
        unwrap(
          caseApi.POST('/api/v1/admin/repair-batches', {
            params: { header: { 'idempotency-key': key } },
            body: { ...request, dryRun: false },
          }),
        ),
      ),
    onSuccess: (batch) => {
      if (batch.id) queryClient.setQueryData(batchKeyOf(batch.id), batch);
    },
  });
  return { ...mutation, idempotencyKey: submission.key };
}

export const batchKeyOf = (id: string) => ['admin', 'repair-batch', id] as const;

/** A batch's progress, asked again every 1.5 s while it runs and no more once it is done (or refused: 4xx). */
export function useRepairBatch(id: string | undefined) {
  return useQuery({
    queryKey: batchKeyOf(id ?? ''),
    enabled: Boolean(id),
    queryFn: () => unwrap(caseApi.GET('/api/v1/admin/repair-batches/{id}', { params: { path: { id: id ?? '' } } })),
    refetchInterval: (query) =>
      isProblem(query.state.error) && query.state.error.status < 500 ? false : batchPollInterval(query.state.data),
  });
}
