/**
 * The checks party-service applies to identity numbers, run in the browser so a typo is shown beside its field
 * before anything is sent (the service checks again). Each answers the i18n key of what is wrong, or undefined.
 * Same rules as libs/contracts' party-api.ts, which the browser bundle does not import.
 */

/** GB 11643-1999 weights (2^(17-i) mod 11) for the 17 body digits of a resident ID number. */
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** ISO 7064 MOD 11-2: the check character indexed by (weighted sum mod 11). */
const RESIDENT_ID_CHECK = '10X98765432';

export type IdNumberProblem = 'idShape' | 'idRegion' | 'idBirthDate' | 'idCheck';
export type CreditCodeProblem = 'creditShape' | 'creditCheck';

/** Trims and upper-cases the trailing x, the one spelling difference people make when typing an ID number. */
export function normaliseIdentityNumber(value: string): string {
  return value.trim().toUpperCase();
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** What is wrong with a (normalised) resident ID number: shape, region, birth date (1900 … today), check digit. */
export function idNumberProblem(value: string, today: Date = new Date()): IdNumberProblem | undefined {
  if (!/^\d{17}[\dX]$/.test(value)) return 'idShape';
  if (!/^[1-8]/.test(value)) return 'idRegion';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < 1900 || !isCalendarDate(year, month, day) || Date.UTC(year, month - 1, day) > today.getTime()) {
    return 'idBirthDate';
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(value[i]) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  return RESIDENT_ID_CHECK[sum % 11] === value[17] ? undefined : 'idCheck';
}

/** GB 32100-2015 alphabet: digits and capitals without I, O, Z, S, V. */
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** What is wrong with a (normalised) unified social credit code: its shape or its check character. */
export function creditCodeProblem(value: string): CreditCodeProblem | undefined {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return 'creditShape';
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += CREDIT_CODE_ALPHABET.indexOf(value[i] ?? '0') * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] === value[17] ? undefined : 'creditCheck';
}

/** A mainland mobile number (11 digits, 13–19), spaces people type inside it ignored. */
export function isMobileNumber(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value.replace(/\s+/g, ''));
}
