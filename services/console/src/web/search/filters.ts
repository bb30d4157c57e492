/**
 * The case search's filters: which of them may live in the page's address (codes chosen from lists and dates only),
 * the town's day bounds sent as instants, and the keyword check that keeps ID numbers and phones out of requests.
 */
import type { operations as CaseOperations } from '../common/api/case';
import type { CaseSchemas, DisputeType, Level } from '../common/api/client';
import { DISPUTE_TYPES, LEVELS } from '../common/api/vocabulary';

export type CaseQuery = NonNullable<CaseOperations['listCases']['parameters']['query']>;
export type CaseStatus = CaseSchemas['CaseStatus'];

export const STATUSES: readonly CaseStatus[] = ['opening', 'open', 'merged', 'closed'];

/** The filters kept in the page's address, so a search survives a reload: codes and dates, nothing a person typed. */
export interface AddressFilters {
  disputeType?: DisputeType;
  villageCode?: string;
  level?: Level;
  status?: CaseStatus[];
  agencyId?: string;
  /** Town dates (YYYY-MM-DD), both days included. */
  from?: string;
  to?: string;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string | null): value is string =>
  value !== null && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00+08:00`));

/** The address's filters; anything unknown or malformed is left out rather than sent to be refused. */
export function addressFiltersOf(params: URLSearchParams): AddressFilters {
  const village = params.get('village');
  const agency = params.get('agency');
  const statuses = (params.get('status') ?? '')
    .split(',')
    .map((s) => oneOf(STATUSES, s))
    .filter((s): s is CaseStatus => s !== undefined);
  const type = oneOf(DISPUTE_TYPES, params.get('type'));
  const level = oneOf(LEVELS, params.get('level'));
  const from = params.get('from');
  const to = params.get('to');
  return {
    ...(type ? { disputeType: type } : {}),
    ...(village && /^[a-z0-9-]{2,40}$/.test(village) ? { villageCode: village } : {}),
    ...(level ? { level } : {}),
    ...(statuses.length > 0 ? { status: [...new Set(statuses)].sort() } : {}),
    ...(agency && /^[0-9a-f-]{36}$/i.test(agency) ? { agencyId: agency } : {}),
    ...(isDate(from) && isDate(to) && from <= to ? { from, to } : {}),
  };
}

export function addressParamsOf(filters: AddressFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.disputeType) params.set('type', filters.disputeType);
  if (filters.villageCode) params.set('village', filters.villageCode);
  if (filters.level) params.set('level', filters.level);
  if (filters.status?.length) params.set('status', [...filters.status].sort().join(','));
  if (filters.agencyId) params.set('agency', filters.agencyId);
  if (filters.from && filters.to) {
    params.set('from', filters.from);
    params.set('to', filters.to);
  }
  return params;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The town's days from `from` to `to` (both included) as the API's half-open range of instants: 00:00 of the first
 * day to 00:00 after the last, Asia/Shanghai (+08:00 all year: China keeps no summer time).
 */
export function openedRangeOf(from: string, to: string): { openedFrom: string; openedTo: string } {
  const start = Date.parse(`${from}T00:00:00+08:00`);
  const end = Date.parse(`${to}T00:00:00+08:00`) + DAY_MS;
  return { openedFrom: new Date(start).toISOString(), openedTo: new Date(end).toISOString() };
}

/** The API's query for the address's filters and what stays in the page (keyword, event reference). */
export function caseQueryOf(filters: AddressFilters, typed: { q?: string; eventRef?: string }): CaseQuery {
  return {
    ...(filters.disputeType ? { disputeType: filters.disputeType } : {}),
    ...(filters.villageCode ? { villageCode: filters.villageCode } : {}),
    ...(filters.level ? { level: filters.level } : {}),
    ...(filters.status?.length ? { status: filters.status.join(',') } : {}),
    ...(filters.agencyId ? { agencyId: filters.agencyId } : {}),
    ...(filters.from && filters.to ? openedRangeOf(filters.from, filters.to) : {}),
    ...(typed.eventRef ? { eventRef: typed.eventRef } : {}),
    ...(typed.q ? { q: typed.q } : {}),
  };
}

/**
 * Whether a keyword holds what looks like a resident ID number (15 digits, or 17 and a digit or X) or a mainland
 * mobile number: those are never sent as a summary search (they would reach the services' access logs in the
 * query string); the party is found by ID number instead.
 */
export function looksPersonal(keyword: string): boolean {
  // As typed and with the spaces and dashes people put inside numbers taken out (either may hide one).
  return [keyword, keyword.replace(/[\s-]+/g, '')].some(
    (text) => /(^|[^\dXx])(\d{17}[\dXx]|\d{15})(?![\dXx])/.test(text) || /(^|\D)1[3-9]\d{9}(?!\d)/.test(text),
  );
}
