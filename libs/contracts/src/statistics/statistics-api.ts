/** The HTTP contract of statistics-service: the numbers town leaders are judged by (考核), from the domain events. */
import { DISPUTE_TYPES, LADDER_LEVELS } from '../dispute/vocabulary';
import { AGENCY_KINDS } from '../identity';
import { calendarDay } from '../primitives';
import { z } from '../zod';

const day = calendarDay('use YYYY-MM-DD (a day in Asia/Shanghai)');

/** The daily index's colour bands (docs/domain.md): blue excellent, yellow good, orange stable, red warning. */
export const INDEX_BANDS = ['blue', 'yellow', 'orange', 'red'] as const;
export type IndexBand = (typeof INDEX_BANDS)[number];

/** Lowest score of each band; below the last one is red. */
export const INDEX_BAND_FLOORS: Readonly<Record<Exclude<IndexBand, 'red'>, number>> = {
  blue: 90,
  yellow: 80,
  orange: 70,
};

/** Days the daily index looks back over (the day itself and the 29 before it). */
export const INDEX_WINDOW_DAYS = 30;

/** Query of `GET /api/v1/statistics` and `GET /api/v1/statistics/daily-index`. Days are Asia/Shanghai, inclusive. */
export const StatisticsQuery = z
  .object({
    from: day,
    to: day,
    /** A coordinator's own town by default; administrators may leave it out for every town. */
    town: z
      .string()
      .regex(/^[a-z0-9-]{2,40}$/)
      .optional(),
    /** Only cases that visited this agency (and, for per-level and acceptance figures, only its visits). */
    agencyId: z.string().min(1).max(64).optional(),
    granularity: z.enum(['day', 'month']).default('month'),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: '`from` must not be after `to`', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'ask for at most 367 days at once',
    path: ['to'],
  });
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

const rate = z.number().min(0).max(1).nullable().openapi({ description: 'null when the denominator is 0' });

export const LevelDurations = z
  .object({
    level: z.enum(LADDER_LEVELS),
    /** Level stays that ended in the range (accepted transfers only). */
    stays: z.number().int(),
    meanDays: z.number().nullable(),
    p90Days: z.number().nullable(),
  })
  .openapi('LevelDurations');

export const AgencyFigures = z
  .object({
    agencyId: z.string(),
    /** Null when agency.events never announced the agency. */
    kind: z.enum(AGENCY_KINDS).nullable(),
    transfersReceived: z.number().int(),
    accepted: z.number().int(),
    acceptedOnTime: z.number().int(),
    rejected: z.number().int(),
    resolved: z.number().int(),
  })
  .openapi('AgencyFigures');

export const DisputeTypeFigures = z
  .object({
    disputeType: z.enum(DISPUTE_TYPES),
    opened: z.number().int(),
    closed: z.number().int(),
    resolved: z.number().int(),
    resolutionRate: rate,
  })
  .openapi('DisputeTypeFigures');

export const VillageFigures = z
  .object({
    /** Village codes are a town's own: with every town asked for, each town's villages are listed apart. */
    townCode: z.string(),
    /** The village the case was reported in; null for cases reported without one (a town-level dispute). */
    villageCode: z.string().nullable(),
    opened: z.number().int(),
    /** Closed in the range, merged cases left out. */
    closed: z.number().int(),
    resolved: z.number().int(),
    resolutionRate: rate,
    /** Open cases of the village with a missed deadline nobody has answered yet, now (not limited to the range). */
    overdueNow: z.number().int(),
  })
  .openapi('VillageFigures');

export const PeriodFigures = z
  .object({
    /** `YYYY-MM-DD` or `YYYY-MM`. */
    period: z.string(),
    opened: z.number().int(),
    closed: z.number().int(),
    resolved: z.number().int(),
  })
  .openapi('PeriodFigures');

export const DailyIndexEntry = z
  .object({
    date: day,
    score: z.number().min(0).max(100),
    band: z.enum(INDEX_BANDS),
    /** The three inputs over the 30 days ending that day (docs/reference/statistics.md has the formula). */
    resolutionRate: z.number().min(0).max(1),
    onTimeAcceptanceRate: z.number().min(0).max(1),
    missedDeadlineShare: z.number().min(0).max(1),
    activeCases: z.number().int(),
  })
  .openapi('DailyIndexEntry');
export type DailyIndexEntry = z.infer<typeof DailyIndexEntry>;

/** Response of `GET /api/v1/statistics`. */
export const StatisticsView = z
  .object({
    from: day,
    to: day,
    town: z.string().nullable(),
    agencyId: z.string().nullable(),
    totals: z.object({
      opened: z.number().int(),
      /** Closed in the range, merged cases left out (a merge is a duplicate, not a dispute). */
      closed: z.number().int(),
      merged: z.number().int(),
      resolved: z.number().int(),
      resolvedWithinTown: z.number().int(),
      transfersAccepted: z.number().int(),
      transfersAcceptedOnTime: z.number().int(),
      transfersRejected: z.number().int(),
      missedDeadlines: z.number().int(),
      casesWithMissedDeadlines: z.number().int(),
      /** Open cases with a missed deadline nobody has answered yet, now (not limited to the range). */
      overdueNow: z.number().int(),
    }),
    /** 化解率: resolved / closed (merged left out). */
    resolutionRate: rate,
    /** 小事不出村、大事不出镇: resolved by an agency other than the court / closed (merged left out). */
    resolvedWithinTownShare: rate,
    /** Accepted by the acceptance deadline / accepted. */
    onTimeAcceptanceRate: rate,
    levels: z.array(LevelDurations),
    agencies: z.array(AgencyFigures),
    disputeTypes: z.array(DisputeTypeFigures),
    /**
     * By the village each case was reported in: those where something opened or closed in the range, or with a case
     * overdue now. Sorted by town, then village code, each town's cases without a village last.
     */
    villages: z.array(VillageFigures),
    series: z.object({ granularity: z.enum(['day', 'month']), periods: z.array(PeriodFigures) }),
    /** Events applied to the projection so far (a rebuild reproduces it). */
    eventsApplied: z.number().int(),
  })
  .openapi('Statistics');
export type StatisticsView = z.infer<typeof StatisticsView>;

/** Response of `GET /api/v1/statistics/daily-index`. */
export const DailyIndexView = z
  .object({ town: z.string().nullable(), agencyId: z.string().nullable(), days: z.array(DailyIndexEntry) })
  .openapi('DailyIndex');
export type DailyIndexView = z.infer<typeof DailyIndexView>;
