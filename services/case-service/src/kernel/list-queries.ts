/**
 * Query strings of case-service's lists. Every one is strict: a parameter the list does not know (a misspelt filter,
 * a `limit` on a list that is not paged) answers 400 naming it, rather than being ignored while the caller believes
 * the list was filtered or paged as asked.
 */
import { CaseListFilters, checkOpenedRange } from '@gongzhi/contracts';
import { PageQuery } from '@gongzhi/http';
import { z } from 'zod';

/** A paged list without filters: `?limit=&cursor=` and nothing else. */
export const StrictPageQuery = PageQuery.strict();

/** A list that is neither paged nor filtered (a case's tasks, reports, documents, timeline): no parameters at all. */
export const NoQuery = z.object({}).strict();

/**
 * `GET /api/v1/cases`: paged, with the case search filters (`CaseListFilters`), still strict; a range whose
 * `openedFrom` is not before its `openedTo` is a 400 on `openedTo`.
 */
export const CaseListQuery = PageQuery.extend(CaseListFilters.shape).strict().superRefine(checkOpenedRange);
export type CaseListQuery = z.infer<typeof CaseListQuery>;
