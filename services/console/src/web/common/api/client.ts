/**
 * Typed clients of the four services, through the console's proxy (`/api/<service>/api/v1/…`). The types are
 * generated from each service's OpenAPI document (scripts/generate-api-types.ts): nobody writes a request type by hand.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components as AgencyComponents, paths as AgencyPaths } from './agency';
import type { components as CaseComponents, paths as CasePaths } from './case';
import type { components as PartyComponents, paths as PartyPaths } from './party';
import type { components as StatisticsComponents, paths as StatisticsPaths } from './statistics';
import { ProblemError, type Problem } from './problem';
import { sessionEvents } from '../session/session-events';

/** The header the console's CSRF rule asks of every change. */
export const CSRF_HEADER = 'x-gongzhi-console';

const consoleRules: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') request.headers.set(CSRF_HEADER, '1');
    return request;
  },
  async onResponse({ response }) {
    if (response.status === 401) {
      const body = (await response
        .clone()
        .json()
        .catch(() => undefined)) as Problem | undefined;
      if (body?.type === 'urn:gongzhi:problem:session-expired') sessionEvents.expire();
    }
    return response;
  },
};

function client<Paths extends object>(service: string) {
  const api = createClient<Paths>({ baseUrl: `/api/${service}` });
  api.use(consoleRules);
  return api;
}

export const caseApi = client<CasePaths>('case');
export const agencyApi = client<AgencyPaths>('agency');
export const partyApi = client<PartyPaths>('party');
export const statisticsApi = client<StatisticsPaths>('statistics');

export type CaseSchemas = CaseComponents['schemas'];
export type AgencySchemas = AgencyComponents['schemas'];
export type PartySchemas = PartyComponents['schemas'];
export type StatisticsSchemas = StatisticsComponents['schemas'];
export type Task = CaseSchemas['Task'];
export type TaskCounts = CaseSchemas['TaskCounts'];
export type InboxItem = CaseSchemas['InboxItem'];
export type CaseView = CaseSchemas['Case'];
export type DisputeAction = CaseSchemas['DisputeAction'];
export type DisputeType = CaseSchemas['Case']['disputeType'];
export type TaskKind = Task['kind'];
export type Level = NonNullable<Task['level']>;
export type RiskFlag = Task['risks'][number];
export type RejectionReason = Extract<DisputeAction, { kind: 'reject-transfer' }>['reason'];
export type SourceChannel = CaseSchemas['Case']['source'];

/** The data of an openapi-fetch answer, or its problem thrown as a ProblemError (for the query cache). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  if (response.ok && response.status === 204) return undefined as T;
  throw new ProblemError(response.status, (error ?? {}) as Problem);
}

/** A fresh key per submission: a retried submission (a lost answer) is applied once by the services. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
