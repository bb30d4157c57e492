/** What the dispute activities read from agency-service: a town's policy and agencies, and the calendar. */
import { ApplicationFailure } from '@temporalio/common';
import {
  AGENCY_KINDS,
  CLOCK_UNITS,
  DISPUTE_TYPES,
  LADDER_LEVELS,
  RISK_FLAGS,
  STAFF_ROLES,
  type StaffWorkflowEngineView,
} from '@gongzhi/contracts';
import {
  JOINT_DECLINE_RULES,
  type AgencyFacts,
  type PlannablePolicy,
  type RoutableAgency,
  type StaffFacts,
} from '@gongzhi/contracts/dispute';
import { PROBLEM_TYPES, problemTypeUri } from '@gongzhi/errors';
import { z } from 'zod';
import { encodePath, type ProblemSummary, type ServiceClient } from '../http/service-client';

// The worker's own view of the responses: only the fields it reads, unknown ones ignored, so agency-service can add
// fields without breaking a worker deployed before it.
const Clock = z.object({ amount: z.number().int().positive(), unit: z.enum(CLOCK_UNITS) });
const Rule = z.string();

const Policy = z.object({
  version: z.number().int().min(0),
  ladder: z.array(
    z.object({
      level: z.enum(LADDER_LEVELS),
      agencyKind: z.enum(AGENCY_KINDS),
      mediationClock: Clock,
      extension: Clock.nullable(),
      firstSessionWithin: Clock.nullable(),
      rule: Rule,
      onJointDecline: z.enum(JOINT_DECLINE_RULES).optional(),
    }),
  ),
  acceptance: z.object({ clock: Clock, remindAtFraction: z.number(), rule: Rule }),
  routing: z.array(
    z.object({
      id: z.string(),
      match: z.object({
        disputeTypes: z.array(z.enum(DISPUTE_TYPES)).optional(),
        anyRisk: z.array(z.enum(RISK_FLAGS)).optional(),
      }),
      startAt: z.enum(LADDER_LEVELS).optional(),
      skip: z.array(z.enum(LADDER_LEVELS)).optional(),
    }),
  ),
  followUp: z.object({ visitAfter: Clock, confirmationWarningDays: z.number().int(), rule: Rule }).optional(),
  urgentRisk: z.object({ escalateAtOnce: z.boolean(), rule: Rule }).optional(),
  officeClosing: z
    .object({
      closesAt: z.string().optional(),
      agencies: z.array(z.object({ agencyId: z.string(), closesAt: z.string() })).optional(),
    })
    .optional(),
}) satisfies z.ZodType<PlannablePolicy>;

const AgencyPage = z.object({
  items: z.array(z.object({ id: z.string(), kind: z.enum(AGENCY_KINDS), areaCodes: z.array(z.string()) })),
  nextCursor: z.string().nullable(),
});

/**
 * A staff account as agency-service answers the worker (StaffForWorkflowEngine): ids, role codes and the flag. It sends
 * no name or username; were one there (an agency-service from before), it would be stripped here, never kept or logged.
 */
const StaffAnswer = z.object({
  id: z.string(),
  agencyId: z.string(),
  townCode: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  active: z.boolean(),
}) satisfies z.ZodType<StaffWorkflowEngineView>;

const AgencyAnswer = z.object({
  id: z.string(),
  kind: z.enum(AGENCY_KINDS),
  townCode: z.string(),
  // Optional: an agency-service deployed before it counted signers must not block every joint mediation.
  signers: z.number().int().min(0).optional(),
});

/** The failure type a lookup of an unknown id raises inside the client, and answers as "none". */
const UNKNOWN_ID = 'UnknownId';

/**
 * A 404 (no such account or agency) or a 400 (not an id agency-service gives out) names nothing; a 404 of a missing
 * route is a deployment bug and keeps its own type.
 */
function unknownId(status: number, problem: ProblemSummary): string | undefined {
  if (status === 400) return UNKNOWN_ID;
  return status === 404 && problem.type !== problemTypeUri(PROBLEM_TYPES.routeNotFound) ? UNKNOWN_ID : undefined;
}

/** The answer, or null when the id is unknown. */
async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ApplicationFailure && error.type === UNKNOWN_ID) return null;
    throw error;
  }
}

const AddCalendarDays = z.object({ result: z.string().datetime() });
/** Working days always say which calendar answered (the published one, or the provisional one). */
const AddWorkingDays = AddCalendarDays.extend({ basis: z.enum(['official', 'provisional']) });
const PeriodEnd = AddWorkingDays.extend({ lastDay: z.string() });

/** Largest page agency-service serves. */
const PAGE_SIZE = 100;
/** A town has a handful of agencies; this many pages means a cursor that never ends, not a big town. */
const MAX_PAGES = 50;

export interface AgencyApi {
  /** The town's current escalation policy (version 0 is the built-in default). */
  currentPolicy(townCode: string): Promise<PlannablePolicy>;
  /** Every agency of the town, all pages. */
  townAgencies(townCode: string): Promise<RoutableAgency[]>;
  /** The staff account with this id, or null when agency-service knows none. */
  staffMember(staffId: string): Promise<StaffFacts | null>;
  /** The agency with this id (of any town), or null when agency-service knows none. */
  agency(agencyId: string): Promise<AgencyFacts | null>;
  /** ISO instant `days` working days after `from` on the official calendar (make-up days work), and its basis. */
  addWorkingDays(from: string, days: number): Promise<{ result: string; basis: 'official' | 'provisional' }>;
  /** ISO instant `days` calendar days after `from`, at the same Asia/Shanghai time of day. */
  addCalendarDays(from: string, days: number): Promise<{ result: string }>;
  /**
   * The last instant of a legal period of `amount` days from `from` (24:00 Asia/Shanghai of its last day, moved off a
   * holiday or rest day for calendar days), and which calendar answered.
   */
  periodEnd(
    from: string,
    amount: number,
    unit: 'working-days' | 'calendar-days',
    closesAt?: string,
  ): Promise<{ result: string; lastDay: string; basis: 'official' | 'provisional' }>;
}

export function createAgencyApi(client: ServiceClient): AgencyApi {
  return {
    currentPolicy: (townCode) =>
      client.read({ method: 'GET', path: encodePath`/api/v1/towns/${townCode}/policy`, response: Policy }),

    async townAgencies(townCode) {
      const agencies: RoutableAgency[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const query: Record<string, string | number> = { townCode, limit: PAGE_SIZE };
        if (cursor !== null) query.cursor = cursor;
        const answer = await client.read({ method: 'GET', path: '/api/v1/agencies', query, response: AgencyPage });
        agencies.push(...answer.items);
        if (answer.nextCursor === null) return agencies;
        if (answer.nextCursor === cursor) break;
        cursor = answer.nextCursor;
      }
      throw new Error(
        `agency-service kept paging the agencies of town ${townCode} (more than ${MAX_PAGES} pages or a repeated cursor)`,
      );
    },

    async staffMember(staffId) {
      const member = await orNull(
        client.read({
          method: 'GET',
          path: encodePath`/api/v1/staff/${staffId}`,
          response: StaffAnswer,
          failureTypeFor: unknownId,
        }),
      );
      return member
        ? {
            staffId: member.id,
            agencyId: member.agencyId,
            townCode: member.townCode,
            roles: member.roles,
            active: member.active,
          }
        : null;
    },

    async agency(agencyId) {
      const agency = await orNull(
        client.read({
          method: 'GET',
          path: encodePath`/api/v1/agencies/${agencyId}`,
          response: AgencyAnswer,
          failureTypeFor: unknownId,
        }),
      );
      if (!agency) return null;
      const facts: AgencyFacts = { agencyId: agency.id, kind: agency.kind, townCode: agency.townCode };
      if (agency.signers !== undefined) facts.signers = agency.signers;
      return facts;
    },

    addWorkingDays: (from, days) =>
      client.read({
        method: 'GET',
        path: '/api/v1/calendar/add-working-days',
        query: { from, days },
        response: AddWorkingDays,
      }),

    addCalendarDays: (from, days) =>
      client.read({
        method: 'GET',
        path: '/api/v1/calendar/add-calendar-days',
        query: { from, days },
        response: AddCalendarDays,
      }),

    periodEnd: (from, amount, unit, closesAt) =>
      client.read({
        method: 'GET',
        path: '/api/v1/calendar/period-end',
        query: { from, amount, unit, ...(closesAt ? { closesAt } : {}) },
        response: PeriodEnd,
      }),
  };
}
