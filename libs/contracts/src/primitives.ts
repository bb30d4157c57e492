/** Schema building blocks every contract shares. */
import { z } from './zod';

/**
 * Instants Gongzhi accepts: from 1900 (nothing in a dispute happened earlier; party-service takes birth dates from
 * 1900 too) to the end of 9999 (the last year ISO 8601 writes with four digits). Both PostgreSQL's timestamptz and a
 * JavaScript Date hold every instant in between, so a valid input can never fail later in the database; year 0000,
 * which the ISO format allows and PostgreSQL does not, is refused here with the field's name.
 */
export const INSTANT_RANGE = { from: Date.UTC(1900, 0, 1), to: Date.UTC(10000, 0, 1) - 1 } as const;

const DEFAULT_MESSAGE = 'use an ISO 8601 instant with an offset, e.g. 2026-03-22T02:00:00.000Z';

/** Whether an ISO 8601 string names an instant inside {@link INSTANT_RANGE}. */
export function isInstantInRange(value: string): boolean {
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms >= INSTANT_RANGE.from && ms <= INSTANT_RANGE.to;
}

/** An ISO 8601 instant with an offset (`Z` or `+08:00`) between 1900 and 9999; `message` says how to write one. */
export function instant(message: string = DEFAULT_MESSAGE) {
  // `abort`: a string that is no instant at all gets one message, not a second about its range.
  return z
    .string()
    .datetime({ offset: true, message, abort: true })
    .refine(isInstantInRange, { message: 'use an instant between the years 1900 and 9999' });
}

/** An ISO 8601 instant, as the workflow and clients write them (`2026-03-22T02:00:00.000Z`). */
export const Instant = instant().openapi({ example: '2026-03-22T02:00:00.000Z' });

/** Whether a `YYYY-MM-DD` string names a day of the Gregorian calendar between 1900 and 9999. */
export function isCalendarDayInRange(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    year <= 9999 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/**
 * A calendar day, `YYYY-MM-DD`, that exists (no 30 February) and lies between 1900 and 9999, for the same reason as
 * {@link instant}: PostgreSQL refuses year 0000 and impossible dates, so they are refused here with the field's name.
 */
export function calendarDay(message = 'use YYYY-MM-DD') {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message, abort: true })
    .refine(isCalendarDayInRange, { message: 'use a day that exists, between the years 1900 and 9999' });
}

/**
 * A UUID of any version, as agency-service and case-service make ids. Without flags, so the pattern reads the same in
 * OpenAPI's JSON Schema.
 */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Whether a value is a string shaped like a UUID: a saved view's name must not be, an account's id is. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
