import { useQuery } from '@tanstack/react-query';
import { agencyApi, caseApi, partyApi, unwrap } from '../common/api/client';
import { isProblem } from '../common/api/problem';

export function useCase(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId],
    queryFn: () => unwrap(caseApi.GET('/api/v1/cases/{id}', { params: { path: { id: caseId } } })),
    refetchInterval: 30_000,
  });
}

export function useTimeline(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'timeline'],
    queryFn: () => unwrap(caseApi.GET('/api/v1/cases/{id}/timeline', { params: { path: { id: caseId } } })),
  });
}

export function useCaseTasks(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'tasks'],
    queryFn: () => unwrap(caseApi.GET('/api/v1/cases/{id}/tasks', { params: { path: { id: caseId } } })),
  });
}

/** A party as party-service shows it to the caller (masked ID number and phone), or null where it is not visible. */
export function useParty(partyId: string) {
  return useQuery({
    queryKey: ['party', partyId],
    staleTime: 60_000,
    queryFn: async () => {
      try {
        return await unwrap(partyApi.GET('/api/v1/parties/{id}', { params: { path: { id: partyId } } }));
      } catch (error) {
        if (isProblem(error, 404) || isProblem(error, 403)) return null;
        throw error;
      }
    },
  });
}

export function usePolicy(townCode: string | undefined) {
  return useQuery({
    queryKey: ['policy', townCode],
    enabled: Boolean(townCode),
    staleTime: 10 * 60_000,
    queryFn: async () => {
      try {
        return await unwrap(
          agencyApi.GET('/api/v1/towns/{town}/policy', { params: { path: { town: townCode ?? '' } } }),
        );
      } catch {
        return null;
      }
    },
  });
}

export function useNotes(taskId: string) {
  return useQuery({
    queryKey: ['case', 'notes', taskId],
    queryFn: () => unwrap(caseApi.GET('/api/v1/tasks/{id}/notes', { params: { path: { id: taskId } } })),
  });
}
