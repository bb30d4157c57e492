import { z } from '../zod';

/*
 * party-service's API: the people and organisations in disputes. National ID numbers and phone numbers are sensitive
 * personal information (PIPL): requests carry them in full, responses carry them masked unless a reveal was asked
 * for and allowed. Nothing in this file ever puts a submitted value into an error message.
 */

// ---------------------------------------------------------------------------------------------------------------
// Identifier check characters. Pure functions, so clients can validate a form field before sending it.
// ---------------------------------------------------------------------------------------------------------------

/** GB 11643-1999 weights (2^(17-i) mod 11) for the 17 body digits of a resident ID number. */
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** ISO 7064 MOD 11-2: check character indexed by (weighted sum mod 11). */
const RESIDENT_ID_CHECK = '10X98765432';

/** Trims and upper-cases the trailing x, the one spelling difference people make when typing an ID number. */
export function normalizeResidentIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** The check character (0-9 or X) of the first 17 digits of a resident ID number. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('residentIdCheckCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  return RESIDENT_ID_CHECK[sum % 11] ?? '';
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Why a (normalised) resident ID number is not valid, in words a form can show; undefined when it is valid.
 * Checks the shape, a plausible birth date (1900-01-01 … today) and the GB 11643-1999 check character.
 */
export function residentIdNumberProblem(value: string, today: Date = new Date()): string | undefined {
  if (!/^\d{17}[\dX]$/.test(value)) return 'an ID number has 18 characters: 17 digits and a digit or X at the end';
  if (!/^[1-8]/.test(value)) return 'an ID number starts with a region code (first digit 1–8): check the first digits';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = Date.UTC(year, month - 1, day);
  if (year < 1900 || !isCalendarDate(year, month, day) || birth > today.getTime()) {
    return 'digits 7–14 of an ID number are the birth date (YYYYMMDD) and this one is not a possible date: check them';
  }
  if (residentIdCheckCharacter(value.slice(0, 17)) !== value[17]) {
    return 'the last character of this ID number does not match the others (GB 11643 check digit): check for a typo';
  }
  return undefined;
}

export function isValidResidentIdNumber(value: string, today?: Date): boolean {
  return residentIdNumberProblem(normalizeResidentIdNumber(value), today) === undefined;
}

/** GB 32100-2015 alphabet: digits and capitals without I, O, Z, S, V (31 characters). */
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100-2015 weights: 3^i mod 31 for the 17 body characters. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function normalizeCreditCode(value: string): string {
  return value.trim().toUpperCase();
}

/** The check character of the first 17 characters of a unified social credit code. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const index = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '?');
    if (index < 0 || first17.length !== 17) throw new Error('creditCodeCheckCharacter needs 17 GB 32100 characters');
    sum += index * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

/** Why a (normalised) unified social credit code is not valid; undefined when it is. */
export function creditCodeProblem(value: string): string | undefined {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) {
    return 'a unified social credit code has 18 characters: 2 letters/digits, a 6-digit region code, then 10 letters/digits (no I, O, Z, S, V)';
  }
  if (creditCodeCheckCharacter(value.slice(0, 17)) !== value[17]) {
    return 'the last character of this credit code does not match the others (GB 32100 check character): check for a typo';
  }
  return undefined;
}

export function isValidCreditCode(value: string): boolean {
  return creditCodeProblem(normalizeCreditCode(value)) === undefined;
}

/** Mainland mobile (1[3-9] + 9 digits) or a landline with area code (0xx-xxxxxxxx, hyphen optional). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Drops the spaces people type inside phone numbers, so that the same number is always stored the same. */
export function normalizePhone(value: string): string {
  return value.replace(/\s+/g, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------------------------

/** Town, village and grid codes: short identifiers, never free text. */
const areaCode = z.string().regex(/^[a-z0-9-]{2,40}$/, 'use lowercase letters, digits and hyphens (2–40)');

/** A resident ID number (居民身份证号) in full; validated, never echoed in an error. */
export const ResidentIdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = residentIdNumberProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ description: '18-character resident ID number (GB 11643-1999)', example: '11010519491231002X' });

export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = creditCodeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ description: 'Unified social credit code (GB 32100-2015)', example: '91350100M000100Y43' });

export const PhoneNumber = z
  .string()
  .transform(normalizePhone)
  .pipe(
    z
      .string()
      .regex(PHONE_PATTERN, 'use a mainland mobile number (11 digits starting 13–19) or a landline with area code'),
  )
  .openapi({ example: '13800138000' });

const PersonName = z.string().trim().min(1, 'give the name').max(100, 'use at most 100 characters');

/** Where a party lives or is registered: the town's area codes down to the grid, plus free text. */
export const PartyAddress = z
  .object({
    townCode: areaCode.openapi({ example: 'qingshui' }),
    villageCode: areaCode.optional().openapi({ example: 'shangba' }),
    gridCode: areaCode.optional().openapi({ example: 'shangba-03' }),
    detail: z.string().trim().max(200, 'use at most 200 characters').optional().openapi({ example: '3组12号' }),
  })
  .strict()
  .openapi('PartyAddress');
export type PartyAddress = z.infer<typeof PartyAddress>;

export const GENDERS = ['male', 'female'] as const;
export const PARTY_KINDS = ['person', 'organisation'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const NewPerson = z
  .object({
    kind: z.literal('person'),
    name: PersonName,
    idNumber: ResidentIdNumber,
    phone: PhoneNumber.optional(),
    gender: z.enum(GENDERS).optional(),
    address: PartyAddress,
  })
  .strict()
  .openapi('NewPerson');
export type NewPerson = z.infer<typeof NewPerson>;

export const NewOrganisation = z
  .object({
    kind: z.literal('organisation'),
    name: PersonName,
    creditCode: CreditCode,
    contactName: PersonName.optional(),
    contactPhone: PhoneNumber.optional(),
    address: PartyAddress,
  })
  .strict()
  .openapi('NewOrganisation');
export type NewOrganisation = z.infer<typeof NewOrganisation>;

/** Body of `POST /api/v1/parties/lookup-or-create`: the same ID number (or credit code) never creates two parties. */
export const LookupOrCreatePartyRequest = z
  .discriminatedUnion('kind', [NewPerson, NewOrganisation])
  .openapi('LookupOrCreatePartyRequest');
export type LookupOrCreatePartyRequest = z.infer<typeof LookupOrCreatePartyRequest>;

/** Body of `PATCH /api/v1/parties/:id` (with If-Match). ID number and credit code are the identity: never changed. */
export const UpdatePartyRequest = z
  .object({
    name: PersonName.optional(),
    phone: PhoneNumber.nullable().optional(),
    gender: z.enum(GENDERS).nullable().optional(),
    contactName: PersonName.nullable().optional(),
    address: PartyAddress.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'send at least one field to change' })
  .openapi('UpdatePartyRequest');
export type UpdatePartyRequest = z.infer<typeof UpdatePartyRequest>;

/** Body of `POST /api/v1/parties/search-by-id-number`: a POST so the ID number never sits in a URL or access log. */
export const FindPartyByIdNumberRequest = z
  .object({ idNumber: ResidentIdNumber })
  .strict()
  .openapi('FindPartyByIdNumberRequest');

/** Fields a caller may ask to see in full (`?reveal=idNumber,phone`); each reveal is audited. */
export const REVEALABLE_FIELDS = ['idNumber', 'phone'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];

export const GetPartyQuery = z
  .object({
    reveal: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const fields = value ? value.split(',').map((f) => f.trim()) : [];
        const unknown = fields.filter((f) => !(REVEALABLE_FIELDS as readonly string[]).includes(f));
        if (unknown.length > 0) {
          ctx.addIssue({ code: 'custom', message: `reveal takes a comma list of: ${REVEALABLE_FIELDS.join(', ')}` });
          return z.NEVER;
        }
        return [...new Set(fields)] as RevealableField[];
      })
      .openapi({ type: 'string', example: 'idNumber' }),
  })
  .strict();

export const ListPartiesQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
    kind: z.enum(PARTY_KINDS).optional(),
    /** Part of a name, case-insensitive. */
    q: z.string().trim().min(1).max(100).optional(),
    villageCode: areaCode.optional(),
  })
  .strict();

export const PartyIdParams = z.object({ id: z.string().uuid('party ids are UUIDs') }).strict();
export const RiskFlagIdParams = z
  .object({ id: z.string().uuid('party ids are UUIDs'), flagId: z.string().uuid('risk flag ids are UUIDs') })
  .strict();

/** Key-person categories (重点人员管理) that change how a dispute is routed (docs/domain.md: straight to the police). */
export const RISK_CATEGORIES = [
  'violence-risk', // 民转刑风险: a dispute that may turn into a crime
  'group-dispute', // 群体性纠纷: many people on one side
  'key-person', // 重点人员: on the town's key-person list
  'repeat-petitioner', // 重复信访/越级访: repeated or level-skipping petitions
  'extreme-act-threat', // 扬言极端行为: threatened self-harm or an extreme act
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

const Reason = z
  .string()
  .trim()
  .min(5, 'give a reason of at least 5 characters')
  .max(500, 'use at most 500 characters');

export const SetRiskFlagRequest = z
  .object({ category: z.enum(RISK_CATEGORIES), reason: Reason })
  .strict()
  .openapi('SetRiskFlagRequest');
export type SetRiskFlagRequest = z.infer<typeof SetRiskFlagRequest>;

export const ClearRiskFlagRequest = z.object({ reason: Reason }).strict().openapi('ClearRiskFlagRequest');
export type ClearRiskFlagRequest = z.infer<typeof ClearRiskFlagRequest>;

/**
 * Body of `POST /api/v1/parties/:id/involved-agencies`: an agency of the party's town, as agency-service knows it
 * (`GET /api/v1/agencies` there lists the ones the caller may name).
 */
export const AddInvolvedAgencyRequest = z
  .object({ agencyId: z.string().uuid('agency ids are UUIDs: take one from agency-service’s GET /api/v1/agencies') })
  .strict()
  .openapi('AddInvolvedAgencyRequest');

/**
 * A coordinator's decision on a possible duplicate: `grant` involves the registering agency with the town's existing
 * record of the same person or organisation; `dismiss` leaves the two records apart.
 */
export const DUPLICATE_DECISIONS = ['grant', 'dismiss'] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];
/** What became of a reviewed possible duplicate. */
export const DUPLICATE_RESOLUTIONS = ['granted', 'dismissed'] as const;
export type DuplicateResolution = (typeof DUPLICATE_RESOLUTIONS)[number];

/** Body of `POST /api/v1/parties/:id/duplicate-review` (coordinators): the decision and why, both kept and audited. */
export const ReviewPossibleDuplicateRequest = z
  .object({ decision: z.enum(DUPLICATE_DECISIONS), reason: Reason })
  .strict()
  .openapi('ReviewPossibleDuplicateRequest');
export type ReviewPossibleDuplicateRequest = z.infer<typeof ReviewPossibleDuplicateRequest>;

/** Query of `GET /api/v1/parties/possible-duplicates`: the town's possible duplicates awaiting review, oldest first. */
export const ListPossibleDuplicatesQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
  })
  .strict();

/**
 * A possible duplicate, as the town's coordinator reviews it: an agency registered an ID number or credit code whose
 * existing record in the town it could not see, and got a record of its own (`partyId`) instead of that one
 * (`existingPartyId`). Ids only: the coordinator reads both parties to compare them.
 */
export const PossibleDuplicateView = z
  .object({
    partyId: z.string().uuid(),
    existingPartyId: z.string().uuid(),
    townCode: z.string(),
    /** The agency that registered `partyId`, and that `grant` involves with `existingPartyId`. */
    agencyId: z.string(),
    registeredBy: z.string(),
    registeredAt: z.string().datetime(),
    resolution: z.enum(DUPLICATE_RESOLUTIONS).nullable(),
    resolvedBy: z.string().nullable(),
    resolvedAt: z.string().datetime().nullable(),
    reason: z.string().nullable(),
  })
  .openapi('PossibleDuplicate');
export type PossibleDuplicateView = z.infer<typeof PossibleDuplicateView>;

/** A risk flag and its history: cleared flags are kept, with who cleared them and why. */
export const RiskFlagView = z
  .object({
    id: z.string().uuid(),
    partyId: z.string().uuid(),
    category: z.enum(RISK_CATEGORIES),
    reason: z.string(),
    setBy: z.string(),
    setByAgencyId: z.string(),
    setAt: z.string().datetime(),
    active: z.boolean(),
    clearedBy: z.string().nullable(),
    clearedAt: z.string().datetime().nullable(),
    clearReason: z.string().nullable(),
  })
  .openapi('RiskFlag');
export type RiskFlagView = z.infer<typeof RiskFlagView>;

/**
 * A party as party-service returns it. `idNumber` and `phone` are masked (`110105********002X`, `138****8000`)
 * unless the caller asked for and was allowed a reveal; `revealed` names the fields shown in full.
 */
export const PartyView = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(PARTY_KINDS),
    name: z.string(),
    gender: z.enum(GENDERS).nullable(),
    idNumber: z.string().nullable(),
    creditCode: z.string().nullable(),
    phone: z.string().nullable(),
    contactName: z.string().nullable(),
    address: z.object({
      townCode: z.string(),
      villageCode: z.string().nullable(),
      gridCode: z.string().nullable(),
      detail: z.string().nullable(),
    }),
    townCode: z.string(),
    registeringAgencyId: z.string(),
    involvedAgencyIds: z.array(z.string()),
    activeRiskCategories: z.array(z.enum(RISK_CATEGORIES)),
    revealed: z.array(z.enum(REVEALABLE_FIELDS)),
    version: z.number().int(),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .openapi('Party');
export type PartyView = z.infer<typeof PartyView>;
