/**
 * The people pages' reads and writes against agency-service. Lists page 100 at a time (the API's most) with its
 * cursors; an agency is read with its ETag, which a change sends back in If-Match; creations carry an Idempotency-Key
 * kept per submission, so a retry after a lost answer is applied once.
 */
import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { agencyApi, type AgencySchemas, unwrap } from '../common/api/client';
import { ProblemError, type Problem } from '../common/api/problem';
import { DIRECTORY_KEY } from '../common/queries/directory';
import { useSession } from '../common/session/session';
import { isAdministrator } from './permissions';
import type { StaffListQuery } from './staff-list';
import type {
  Agency,
  AgencyKind,
  CreateAgencyRequest,
  CreateStaffRequest,
  Staff,
  UpdateAgencyRequest,
  UpdateStaffRequest,
} from './vocabulary';

export const PEOPLE_KEY = ['people'] as const;
const STAFF_KEY = [...PEOPLE_KEY, 'staff'] as const;
const ACCOUNT_KEY = [...PEOPLE_KEY, 'account'] as const;
const AGENCIES_KEY = [...PEOPLE_KEY, 'agencies'] as const;
const AGENCY_KEY = [...PEOPLE_KEY, 'agency'] as const;

/** The API's largest page: a town's few hundred accounts in a few requests. */
const PAGE = 100;

/**
 * The directory of the town a page shows. Administrators must name the town (agency-service answers 400 without
 * one), so theirs is asked for by name; everyone else reads their own town exactly as useDirectory() does, under the
 * same key, so the two share one answer.
 */
export function useTownDirectory(townCode: string) {
  const { data: session } = useSession();
  const admin = isAdministrator(session);
  return useQuery({
    queryKey: admin ? [...DIRECTORY_KEY, 'town', townCode] : [...DIRECTORY_KEY, session?.staff.townCode],
    enabled: Boolean(session) && townCode !== '',
    staleTime: 10 * 60_000,
    queryFn: () => unwrap(agencyApi.GET('/api/v1/directory', admin ? { params: { query: { townCode } } } : {})),
  });
}

/**
 * The staff accounts the caller may list (coordinators: their town; administrators: every town), filtered by the
 * service before it pages.
 */
export function useStaffList(query: StaffListQuery, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...STAFF_KEY, query],
    enabled,
    // Another filter or a word typed: the rows shown stay until the new ones arrive, rather than a skeleton each time.
    placeholderData: keepPreviousData,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        agencyApi.GET('/api/v1/staff', {
          params: { query: { limit: PAGE, ...query, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** A town's agencies (a coordinator's town whatever is asked; an administrator's choice), by kind if chosen. */
export function useAgencies(townCode: string, kind: AgencyKind | undefined) {
  return useInfiniteQuery({
    queryKey: [...AGENCIES_KEY, townCode, kind ?? null],
    enabled: townCode !== '',
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        agencyApi.GET('/api/v1/agencies', {
          params: {
            query: { limit: PAGE, townCode, ...(kind ? { kind } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** An agency as read, with the ETag a change must send back. */
export interface ReadAgency {
  agency: Agency;
  etag: string;
}

/** Like unwrap(), keeping the answer's ETag (the console's proxy passes it on). */
async function etagged<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; etag: string }> {
  const { data, error, response } = await call;
  const etag = response.headers.get('etag');
  if (response.ok && data !== undefined && etag) return { data, etag };
  throw new ProblemError(response.status, (error ?? {}) as Problem);
}

async function withEtag(call: Promise<{ data?: Agency; error?: unknown; response: Response }>): Promise<ReadAgency> {
  const { data, etag } = await etagged(call);
  return { agency: data, etag };
}

export function useAgency(id: string | undefined) {
  return useQuery({
    queryKey: [...AGENCY_KEY, id],
    enabled: id !== undefined,
    queryFn: () => withEtag(agencyApi.GET('/api/v1/agencies/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

/** Lists and names that show agencies: the pages' lists and the shared directory every page names them from. */
function agenciesChanged(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: AGENCIES_KEY });
  void queryClient.invalidateQueries({ queryKey: DIRECTORY_KEY });
}

export function useCreateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    // Not kept with an ETag: a retry replayed from the service's idempotency record answers the body alone, so the
    // details drawer reads the new agency (and its ETag) itself.
    mutationFn: ({ body, key }: { body: CreateAgencyRequest; key: string }) =>
      unwrap(agencyApi.POST('/api/v1/agencies', { params: { header: { 'idempotency-key': key } }, body })),
    onSuccess: () => agenciesChanged(queryClient),
  });
}

/** `PATCH` with If-Match: a change made meanwhile by someone else answers 412 instead of being overwritten. */
export function useUpdateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag, patch }: { id: string; etag: string; patch: UpdateAgencyRequest }) =>
      withEtag(
        agencyApi.PATCH('/api/v1/agencies/{id}', {
          params: { path: { id }, header: { 'if-match': etag } },
          body: patch,
        }),
      ),
    onSuccess: (read) => {
      queryClient.setQueryData([...AGENCY_KEY, read.agency.id], read);
      agenciesChanged(queryClient);
    },
  });
}

/** After a 412 (someone changed the agency meanwhile): the agency as it is now, and the lists that show it. */
export function useReloadAgency() {
  const queryClient = useQueryClient();
  return (id: string) => {
    void queryClient.invalidateQueries({ queryKey: [...AGENCY_KEY, id] });
    agenciesChanged(queryClient);
  };
}

export type { Staff };

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateStaffRequest; key: string }) =>
      unwrap(agencyApi.POST('/api/v1/staff', { params: { header: { 'idempotency-key': key } }, body })),
    onSuccess: () => {
      // The new person appears in the lists, and by name wherever the directory names staff (task assignment).
      void queryClient.invalidateQueries({ queryKey: STAFF_KEY });
      void queryClient.invalidateQueries({ queryKey: DIRECTORY_KEY });
      void queryClient.invalidateQueries({ queryKey: AGENCIES_KEY });
    },
  });
}

/** A staff account as read, with the ETag a change must send back. */
export interface ReadStaff {
  staff: Staff;
  etag: string;
}

/** `GET /api/v1/staff/:id` answers the full account to people (only the workflow engine gets less, without names). */
async function staffWithEtag(
  call: Promise<{ data?: Staff | AgencySchemas['StaffForWorkflowEngine']; error?: unknown; response: Response }>,
): Promise<ReadStaff> {
  const { data, etag } = await etagged(call);
  if (!('username' in data)) throw new ProblemError(403, { type: 'urn:gongzhi:problem:forbidden', status: 403 });
  return { staff: data, etag };
}

/** One account read afresh when a change to it begins: the list's rows carry no ETag. */
export function useStaffAccount(id: string) {
  return useQuery({
    queryKey: [...ACCOUNT_KEY, id],
    // Always the account as it is now: a change starts from what the service holds, not from a minute-old copy.
    staleTime: 0,
    gcTime: 0,
    queryFn: () => staffWithEtag(agencyApi.GET('/api/v1/staff/{id}', { params: { path: { id } } })),
  });
}

/** Lists and names that show staff: the page's list, and the directory that names staff wherever tasks are assigned. */
function staffChanged(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: STAFF_KEY });
  void queryClient.invalidateQueries({ queryKey: DIRECTORY_KEY });
}

/** `PATCH` with If-Match: a change made meanwhile by someone else answers 412 instead of being overwritten. */
export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag, patch }: { id: string; etag: string; patch: UpdateStaffRequest }) =>
      staffWithEtag(
        agencyApi.PATCH('/api/v1/staff/{id}', { params: { path: { id }, header: { 'if-match': etag } }, body: patch }),
      ),
    onSuccess: (read) => {
      queryClient.setQueryData([...ACCOUNT_KEY, read.staff.id], read);
      staffChanged(queryClient);
    },
  });
}

/** After a 412 (someone changed the account meanwhile): the account as it is now, and the lists that show it. */
export function useReloadStaff() {
  const queryClient = useQueryClient();
  return (id: string) => {
    void queryClient.invalidateQueries({ queryKey: [...ACCOUNT_KEY, id] });
    staffChanged(queryClient);
  };
}
