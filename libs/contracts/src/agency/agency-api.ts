/** The HTTP contract of agency-service: agencies, staff, login, the towns' escalation policies and the calendar. */
import { CLOCK_UNITS, DISPUTE_TYPES, JOINT_DECLINE_RULES, LADDER_LEVELS, RISK_FLAGS } from '../dispute/vocabulary';
import { AGENCY_KINDS, STAFF_ROLES } from '../identity';
import { calendarDay, instant } from '../primitives';
import { z } from '../zod';

/** Town, village and grid codes: short identifiers, never free text. */
const areaCode = z.string().regex(/^[a-z0-9-]{2,40}$/, 'use lowercase letters, digits and hyphens (2–40)');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. 08:30');

export const TownParams = z.object({ town: areaCode }).strict();
export const IdParams = z.object({ id: z.string().uuid('ids are UUIDs') }).strict();

// ---------------------------------------------------------------------------------------------------------------
// Agencies

/** One reception window, e.g. the court receives on Fridays 09:00–12:00. Weekday is ISO: 1 = Monday … 7 = Sunday. */
export const ReceptionWindow = z
  .object({
    weekday: z.number().int().min(1).max(7),
    from: clockTime,
    to: clockTime,
    note: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((w) => w.from < w.to, { message: '`from` must be before `to`', path: ['to'] })
  .openapi('ReceptionWindow');
export type ReceptionWindow = z.infer<typeof ReceptionWindow>;

/** An agency's public switchboard number (not personal data): digits, optionally with area code and hyphen. */
const agencyPhone = z.string().regex(/^[0-9+][0-9-]{4,19}$/, 'use digits, optionally with + and hyphens');

const agencyFields = {
  kind: z.enum(AGENCY_KINDS).openapi({ example: 'mediation-committee' }),
  name: z.string().trim().min(2).max(100).openapi({ example: '上坝村人民调解委员会' }),
  /** Villages and grids the agency serves (empty for town-wide agencies). */
  areaCodes: z.array(areaCode).max(200),
  contactPhone: agencyPhone.nullable(),
  receptionHours: z.array(ReceptionWindow).max(50),
};

/** Body of `POST /api/v1/agencies`. */
export const CreateAgencyRequest = z
  .object({ ...agencyFields, townCode: areaCode.openapi({ example: 'qingshui' }) })
  .strict()
  .openapi('CreateAgencyRequest');
export type CreateAgencyRequest = z.infer<typeof CreateAgencyRequest>;

/** Body of `PATCH /api/v1/agencies/:id`: the fields to change (the town of an agency never changes). */
export const UpdateAgencyRequest = z
  .object({
    kind: agencyFields.kind.optional(),
    name: agencyFields.name.optional(),
    areaCodes: agencyFields.areaCodes.optional(),
    contactPhone: agencyFields.contactPhone.optional(),
    receptionHours: agencyFields.receptionHours.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'name at least one field to change' })
  .openapi('UpdateAgencyRequest');
export type UpdateAgencyRequest = z.infer<typeof UpdateAgencyRequest>;

export const AgencyView = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(AGENCY_KINDS),
    name: z.string(),
    townCode: z.string(),
    areaCodes: z.array(z.string()),
    contactPhone: z.string().nullable(),
    receptionHours: z.array(ReceptionWindow),
    /**
     * Active staff who can sign an agreement off for the agency (mediators and liaisons). An agency with none cannot
     * join a mediation: nobody there could ever sign.
     */
    signers: z.number().int().min(0),
    version: z.number().int(),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .openapi('Agency');
export type AgencyView = z.infer<typeof AgencyView>;

export const AgencyListFilter = z
  .object({ townCode: areaCode.optional(), kind: z.enum(AGENCY_KINDS).optional() })
  .strict();

// ---------------------------------------------------------------------------------------------------------------
// Staff and login

const username = z.string().regex(/^[a-z0-9._-]{3,40}$/, 'use 3–40 lowercase letters, digits, dots, hyphens');

/** A staff account's roles: at least one, each once. */
const staffRoles = z
  .array(z.enum(STAFF_ROLES))
  .min(1, 'give the account at least one role')
  .refine((roles) => new Set(roles).size === roles.length, 'list each role once');

/** Body of `POST /api/v1/staff`. Roles are several at once, always within the one agency. */
export const CreateStaffRequest = z
  .object({
    username,
    displayName: z.string().trim().min(1).max(60),
    agencyId: z.string().uuid(),
    roles: staffRoles,
    /** Initial password; stored only as a bcrypt hash. */
    password: z.string().min(10, 'use at least 10 characters').max(72, 'bcrypt reads at most 72 bytes'),
  })
  .strict()
  .openapi('CreateStaffRequest');
export type CreateStaffRequest = z.infer<typeof CreateStaffRequest>;

export const StaffView = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    displayName: z.string(),
    agencyId: z.string().uuid(),
    townCode: z.string(),
    roles: z.array(z.enum(STAFF_ROLES)),
    active: z.boolean(),
    version: z.number().int(),
    createdAt: z.string().datetime(),
  })
  .openapi('Staff');
export type StaffView = z.infer<typeof StaffView>;

/**
 * A staff account as the dispute worker (role `workflow-engine`) reads it from `GET /api/v1/staff/:id`: what its
 * activities check (agency, town, roles, active) and nothing else. Its token sees every town, so it never gets a
 * name or a username.
 */
export const StaffWorkflowEngineView = StaffView.pick({
  id: true,
  agencyId: true,
  townCode: true,
  roles: true,
  active: true,
})
  .strict()
  .openapi('StaffForWorkflowEngine');
export type StaffWorkflowEngineView = z.infer<typeof StaffWorkflowEngineView>;

/** `true` or `false` in a query string (`z.coerce.boolean` would read "false" as true). */
const QueryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

/**
 * Filters of `GET /api/v1/staff` (with `limit` and `cursor`), all applied by the service before paging, so each page is
 * full. `townCode` narrows an administrator's list to one town (a coordinator's list is their town's whatever is sent:
 * another town's answers empty); `q` is part of a display name or username, case-insensitive, `%` and `_` taken
 * literally.
 */
export const StaffListFilter = z
  .object({
    agencyId: z.string().uuid().optional(),
    townCode: areaCode.optional(),
    role: z.enum(STAFF_ROLES).optional(),
    active: QueryBoolean.optional(),
    q: z.string().trim().min(1).max(60).optional(),
  })
  .strict();

/**
 * Body of `PATCH /api/v1/staff/:id` (with If-Match): the roles as they are to be (the whole set), the account active or
 * not, the display name; only the fields sent change. Coordinators change the accounts of their town, except
 * administrators' and the administrator role; nobody deactivates themselves or takes their own administrator (or last
 * managing) role away; the last active administrator stays one. Deactivating ends the person's sessions at once.
 */
export const UpdateStaffRequest = z
  .object({
    displayName: z.string().trim().min(1).max(60).optional(),
    roles: staffRoles.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'name at least one field to change' })
  .openapi('UpdateStaffRequest');
export type UpdateStaffRequest = z.infer<typeof UpdateStaffRequest>;

/** Body of `POST /api/v1/auth/login`. */
export const LoginRequest = z
  .object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) })
  .strict()
  .openapi('LoginRequest');
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Body of `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout`. */
export const RefreshRequest = z
  .object({ refreshToken: z.string().min(20).max(200) })
  .strict()
  .openapi('RefreshRequest');
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** A session: a short-lived access token (JWT) and a single-use refresh token that rotates on every refresh. */
export const TokenResponse = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresAt: z.string().datetime(),
    refreshToken: z.string(),
    refreshExpiresAt: z.string().datetime(),
    staff: StaffView,
  })
  .openapi('TokenResponse');
export type TokenResponse = z.infer<typeof TokenResponse>;

export const PublicKeyResponse = z
  .object({ algorithm: z.literal('EdDSA'), publicKeyPem: z.string() })
  .openapi('PublicKeyResponse');

// ---------------------------------------------------------------------------------------------------------------
// Escalation policy

export const Clock = z
  .object({ amount: z.number().int().min(1).max(365), unit: z.enum(CLOCK_UNITS) })
  .strict()
  .openapi('Clock');
export type Clock = z.infer<typeof Clock>;

const rule = z.string().trim().min(2).max(300);

export const PolicyLevel = z
  .object({
    level: z.enum(LADDER_LEVELS),
    agencyKind: z.enum(AGENCY_KINDS),
    mediationClock: Clock,
    /** Longer clock granted with a coordinator's approval, if the rule allows one. */
    extension: Clock.nullable(),
    /** First mediation session due within this clock of acceptance, if the rule sets one. */
    firstSessionWithin: Clock.nullable(),
    /** The rule the clock cites, in the words a mediator knows. */
    rule,
    /**
     * When a joint agency declines to sign an agreement off: make it final on the others' sign-offs
     * (`proceed-without`), or mediate again (`return-to-mediation`, the default when absent).
     */
    onJointDecline: z.enum(JOINT_DECLINE_RULES).optional(),
  })
  .strict()
  .openapi('PolicyLevel');
export type PolicyLevel = z.infer<typeof PolicyLevel>;

export const AcceptancePolicy = z
  .object({
    clock: Clock,
    /** Remind the receiving agency when this fraction of the clock has run (0.5 = half time). */
    remindAtFraction: z.number().gt(0).lt(1),
    rule,
  })
  .strict()
  .openapi('AcceptancePolicy');

/** A routing rule: disputes matching `match` start at `startAt` and/or skip the listed levels. */
export const RoutingRule = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{2,40}$/, 'use lowercase letters, digits and hyphens'),
    match: z
      .object({
        disputeTypes: z.array(z.enum(DISPUTE_TYPES)).optional(),
        /** Matches when the dispute carries any of these flags. */
        anyRisk: z.array(z.enum(RISK_FLAGS)).optional(),
      })
      .strict()
      .refine((m) => (m.disputeTypes?.length ?? 0) + (m.anyRisk?.length ?? 0) > 0, 'match at least one type or risk'),
    startAt: z.enum(LADDER_LEVELS).optional(),
    skip: z.array(z.enum(LADDER_LEVELS)).optional(),
    rule,
  })
  .strict()
  .refine((r) => r.startAt !== undefined || (r.skip?.length ?? 0) > 0, 'say where to start (`startAt`) or `skip`')
  .openapi('RoutingRule');
export type RoutingRule = z.infer<typeof RoutingRule>;

/** Follow-up of an agreement (回访 and the judicial confirmation window of 人民调解法 art. 33). */
export const FollowUpPolicy = z
  .object({
    /** Visit the parties this long after the agreement takes effect. */
    visitAfter: Clock,
    /** Warn this many calendar days before the 30-day judicial confirmation window closes. */
    confirmationWarningDays: z.number().int().min(1).max(29),
    rule,
  })
  .strict()
  .openapi('FollowUpPolicy');

export const UrgentRiskPolicy = z.object({ escalateAtOnce: z.boolean(), rule }).strict().openapi('UrgentRiskPolicy');

/**
 * When an office closes, for deadlines counted in working days: such a deadline ends at the closing time of its last
 * working day instead of 24:00. Calendar-day periods always end at 24:00 (民法典 art. 203), whatever this says.
 */
export const OfficeClosingPolicy = z
  .object({
    /** Every agency of the town that has no time of its own below; absent: 24:00. */
    closesAt: clockTime.optional(),
    agencies: z
      .array(z.object({ agencyId: z.string().uuid(), closesAt: clockTime }).strict())
      .max(200)
      .refine((list) => new Set(list.map((a) => a.agencyId)).size === list.length, 'list each agency once')
      .optional(),
  })
  .strict()
  .openapi('OfficeClosingPolicy');
export type OfficeClosingPolicy = z.infer<typeof OfficeClosingPolicy>;

/** Body of `PUT /api/v1/towns/:town/policy`: the whole policy; each accepted PUT becomes a new version. */
export const PolicyDocument = z
  .object({
    ladder: z
      .array(PolicyLevel)
      .min(1)
      .refine(
        (levels) => levels.every((l, i) => l.level === LADDER_LEVELS[i]),
        'list the levels in order from L1 without gaps',
      ),
    acceptance: AcceptancePolicy,
    /** Evaluated in order; the first matching rule with `startAt` wins, `skip` lists add up. */
    routing: z.array(RoutingRule).max(50),
    /** After an agreement: when to visit the parties (回访) and when to warn before judicial confirmation closes. */
    followUp: FollowUpPolicy.optional(),
    /** Whether a case carrying any risk flag escalates at once when a clock runs out, without waiting for approval. */
    urgentRisk: UrgentRiskPolicy.optional(),
    /** Office closing times: working-day deadlines end then on their last day (absent: at 24:00). */
    officeClosing: OfficeClosingPolicy.optional(),
  })
  .strict()
  .openapi('PolicyDocument');
export type PolicyDocument = z.infer<typeof PolicyDocument>;

export const PolicyView = PolicyDocument.safeExtend({
  townCode: z.string(),
  /** Immutable version number; 0 is the built-in default of a town that never stored one. */
  version: z.number().int().min(0),
  createdAt: z.string().datetime().nullable(),
  createdBy: z.string().nullable(),
}).openapi('Policy');
export type PolicyView = z.infer<typeof PolicyView>;

export const PolicyVersionParams = z.object({ town: areaCode, version: z.coerce.number().int().min(0) }).strict();

// ---------------------------------------------------------------------------------------------------------------
// Calendar

export const AddDaysQuery = z
  .object({
    from: instant('use an ISO 8601 instant, e.g. 2026-09-30T09:00:00+08:00'),
    days: z.coerce.number().int().min(0).max(366),
  })
  .strict();

export const CALENDAR_BASES = ['official', 'provisional'] as const;
/**
 * Which calendar answered: the State Council's published holiday arrangement (`official`), or, for years it has not
 * published yet, a provisional calendar of the statutory public holidays and weekends (`provisional`, with
 * `basisNote` naming the rule and the years; recompute once the schedule is published).
 */
const calendarBasis = {
  basis: z.enum(CALENDAR_BASES),
  basisNote: z.string().optional(),
};

export const AddDaysResponse = z
  .object({
    from: z.string().datetime(),
    days: z.number().int(),
    unit: z.enum(CLOCK_UNITS),
    /** The deadline as a UTC instant. */
    result: z.string().datetime(),
    /** The same instant in Asia/Shanghai local time, with offset. */
    resultLocal: z.string(),
    timeZone: z.literal('Asia/Shanghai'),
    /** Working days only (calendar days do not depend on the holiday calendar). */
    basis: calendarBasis.basis.optional(),
    basisNote: calendarBasis.basisNote,
  })
  .openapi('AddDaysResponse');

export const PeriodEndQuery = z
  .object({
    from: instant('use an ISO 8601 instant, e.g. 2026-09-30T09:00:00+08:00'),
    amount: z.coerce.number().int().min(0).max(366),
    unit: z.enum(CLOCK_UNITS),
    /**
     * For working days: the office's closing time (Asia/Shanghai), at which the period ends on its last day instead
     * of 24:00. Ignored for calendar days, which end at 24:00 by law.
     */
    closesAt: clockTime.optional(),
  })
  .strict();

export const PeriodEndResponse = z
  .object({
    from: z.string().datetime(),
    amount: z.number().int(),
    unit: z.enum(CLOCK_UNITS),
    /** The period's last instant as a UTC instant: 23:59:59.999 Asia/Shanghai of `lastDay`. */
    result: z.string().datetime(),
    /** The same instant in Asia/Shanghai local time, with offset. */
    resultLocal: z.string(),
    /** The day the period ends on (YYYY-MM-DD, Asia/Shanghai). */
    lastDay: z.string(),
    /** The day counting alone gives, before a holiday or rest day moved the end to the next working day. */
    countedLastDay: z.string(),
    timeZone: z.literal('Asia/Shanghai'),
    ...calendarBasis,
  })
  .openapi('PeriodEnd');

export const DateQuery = z.object({ date: calendarDay() }).strict();

export const DAY_KINDS = ['workday', 'weekend', 'holiday', 'make-up-workday'] as const;
export const WorkingDayResponse = z
  .object({
    date: z.string(),
    workingDay: z.boolean(),
    kind: z.enum(DAY_KINDS),
    /** Name of the holiday, or of the holiday a make-up working day belongs to (e.g. 国庆节). */
    holiday: z.string().nullable(),
    ...calendarBasis,
  })
  .openapi('WorkingDay');
