import { useInfiniteQuery } from '@tanstack/react-query';
import { caseApi, type CaseSchemas, partyApi, unwrap } from '../common/api/client';
import { isProblem } from '../common/api/problem';
import type { CaseQuery } from './filters';

export type CaseSummary = CaseSchemas['CaseSummary'];

/** Each stream's next cursor: one stream without a party, or one per party the ID number matched. */
type Cursors = Record<string, string>;

const NO_PARTY = '';
const PAGE = 30;

/**
 * The cases matching a search, newest first, a page at a time with the API's cursors (each bound to its filters: the
 * query key holds all of them, so a cursor is never sent with others). With parties found by ID number, each party
 * is its own request and the pages are merged; `partyIds` empty means nobody matched and nothing is asked.
 */
export function useCaseSearch(query: CaseQuery, partyIds: readonly string[] | undefined) {
  const streams = partyIds ?? [NO_PARTY];
  return useInfiniteQuery({
    queryKey: ['case-search', query, streams],
    enabled: streams.length > 0,
    initialPageParam: undefined as Cursors | undefined,
    queryFn: async ({ pageParam }) => {
      const wanted = pageParam ? Object.keys(pageParam) : streams;
      const pages = await Promise.all(
        wanted.map(async (partyId) => {
          const cursor = pageParam?.[partyId];
          const page = await unwrap(
            caseApi.GET('/api/v1/cases', {
              params: {
                query: {
                  ...query,
                  ...(partyId ? { partyId } : {}),
                  limit: PAGE,
                  ...(cursor ? { cursor } : {}),
                },
              },
            }),
          );
          return { partyId, page };
        }),
      );
      // A case two matched parties take part in comes back twice: listed once.
      const byId = new Map(pages.flatMap(({ page }) => page.items).map((item) => [item.id, item] as const));
      const items = [...byId.values()].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
      const next: Cursors = {};
      for (const { partyId, page } of pages) if (page.nextCursor) next[partyId] = page.nextCursor;
      return { items, next: Object.keys(next).length > 0 ? next : undefined };
    },
    getNextPageParam: (page) => page.next,
  });
}

/**
 * The ids of the parties an ID number names, asked in a POST body (never in a URL). party-service answers the one
 * record the caller may see (their town's first); none visible is a 404, answered here as no party.
 */
export async function partyIdsOf(idNumber: string): Promise<string[]> {
  try {
    const party = await unwrap(partyApi.POST('/api/v1/parties/search-by-id-number', { body: { idNumber } }));
    return [party.id];
  } catch (error) {
    if (isProblem(error, 404)) return [];
    throw error;
  }
}
