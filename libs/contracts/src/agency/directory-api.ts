/**
 * The HTTP contract of agency-service's town directory (who is who in a town, by name, for every signed-in staff
 * member of it), its villages, and the working-day count between two instants.
 */
import { AGENCY_KINDS, STAFF_ROLES } from '../identity';
import { CALENDAR_BASES } from './agency-api';
import { instant } from '../primitives';
import { z } from '../zod';

/** Town, village and grid codes: short identifiers, never free text. */
const areaCode = z.string().regex(/^[a-z0-9-]{2,40}$/, 'use lowercase letters, digits and hyphens (2–40)');

/**
 * The most rows of each kind one directory answer carries. A town has a few villages, tens of agencies and a few
 * hundred staff accounts; past these the answer says `truncated` for that list instead of growing without bound.
 */
export const DIRECTORY_LIMITS = { villages: 200, agencies: 200, staff: 2000 } as const;

// ---------------------------------------------------------------------------------------------------------------
// Villages

const villageName = z.string().trim().min(2).max(60).openapi({ example: '上坝村' });
const gridCodes = z
  .array(areaCode)
  .max(100)
  .refine((codes) => new Set(codes).size === codes.length, 'list each grid once')
  .openapi({ example: ['shangba-01', 'shangba-02'] });

/** Body of `POST /api/v1/villages`: a village of a town, with the grids (网格) it is divided into. */
export const CreateVillageRequest = z
  .object({
    townCode: areaCode.openapi({ example: 'qingshui' }),
    /** The code cases and parties carry as `villageCode`; unique in its town and never changed. */
    code: areaCode.openapi({ example: 'shangba' }),
    name: villageName,
    gridCodes: gridCodes.optional(),
  })
  .strict()
  .openapi('CreateVillageRequest');
export type CreateVillageRequest = z.infer<typeof CreateVillageRequest>;

/** Body of `PATCH /api/v1/villages/:id`: a new name and/or grid list (the town and code never change). */
export const UpdateVillageRequest = z
  .object({ name: villageName.optional(), gridCodes: gridCodes.optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'name at least one field to change' })
  .openapi('UpdateVillageRequest');
export type UpdateVillageRequest = z.infer<typeof UpdateVillageRequest>;

/** A village as `POST`/`PATCH /api/v1/villages` answer it. */
export const VillageView = z
  .object({
    id: z.string().uuid(),
    townCode: z.string(),
    code: z.string(),
    name: z.string(),
    gridCodes: z.array(z.string()),
    version: z.number().int(),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .openapi('Village');
export type VillageView = z.infer<typeof VillageView>;

/**
 * Path of `GET /api/v1/towns/:town/villages/:code`: a village by the code cases and reports carry, so another service
 * (case-service at intake) can ask whether a town has it without knowing agency-service's ids.
 */
export const TownVillageParams = z.object({ town: areaCode, code: areaCode }).strict();
export type TownVillageParams = z.infer<typeof TownVillageParams>;

// ---------------------------------------------------------------------------------------------------------------
// Town directory

/** `GET /api/v1/directory`: administrators must name the town; everyone else reads their own (the default). */
export const DirectoryQuery = z
  .object({
    townCode: areaCode
      .optional()
      .openapi({ description: 'Required for administrators; others may leave it out (their own town)' }),
  })
  .strict();

export const DirectoryVillage = z
  .object({
    /** For `GET`/`PATCH /api/v1/villages/:id` (renaming). */
    id: z.string().uuid(),
    code: z.string().openapi({ example: 'shangba' }),
    name: z.string().openapi({ example: '上坝村' }),
    /** Omitted when the village has no grids on record. */
    grids: z.array(z.string()).optional(),
  })
  .openapi('DirectoryVillage');

export const DirectoryAgency = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(AGENCY_KINDS),
    name: z.string().openapi({ example: '上坝村人民调解委员会' }),
    areaCodes: z.array(z.string()),
  })
  .openapi('DirectoryAgency');

/** A staff member by name and role: never a username, phone or anything of the password. */
export const DirectoryStaff = z
  .object({
    id: z.string().uuid(),
    displayName: z.string().openapi({ example: '调解员 上坝' }),
    agencyId: z.string().uuid(),
    roles: z.array(z.enum(STAFF_ROLES)),
    /** Disabled accounts stay listed, so names in a case's history still resolve. */
    active: z.boolean(),
  })
  .openapi('DirectoryStaff');

/** Which lists stopped at their DIRECTORY_LIMITS entry; the rest of that list is not in the answer. */
export const DirectoryTruncation = z
  .object({ villages: z.boolean(), agencies: z.boolean(), staff: z.boolean() })
  .openapi('DirectoryTruncation');

export const TownDirectory = z
  .object({
    townCode: z.string().openapi({ example: 'qingshui' }),
    /** Absent when the town has no name on record (or the caller may not read it). */
    townName: z.string().optional().openapi({ example: '清水镇' }),
    /** By code. */
    villages: z.array(DirectoryVillage).max(DIRECTORY_LIMITS.villages),
    /** By kind code, then name. */
    agencies: z.array(DirectoryAgency).max(DIRECTORY_LIMITS.agencies),
    /** By agency, then display name. */
    staff: z.array(DirectoryStaff).max(DIRECTORY_LIMITS.staff),
    /** A list that hit its limit (villages 200, agencies 200, staff 2000) is cut there and flagged true. */
    truncated: DirectoryTruncation,
  })
  .openapi('TownDirectory');
export type TownDirectory = z.infer<typeof TownDirectory>;

// ---------------------------------------------------------------------------------------------------------------
// Working days between two instants

export const WorkingDaysBetweenQuery = z
  .object({
    from: instant('use an ISO 8601 instant, e.g. 2026-09-30T09:00:00+08:00'),
    to: instant('use an ISO 8601 instant, e.g. 2026-10-12T17:00:00+08:00'),
  })
  .strict();

export const WorkingDaysBetweenResponse = z
  .object({
    from: z.string().datetime(),
    to: z.string().datetime(),
    /** Asia/Shanghai dates of `from` and `to`: only the dates count, never the time of day. */
    fromDate: z.string().openapi({ example: '2026-09-30' }),
    toDate: z.string().openapi({ example: '2026-10-12' }),
    /**
     * Working days strictly after `fromDate` up to and including `toDate`; negative (the same count, from `toDate`
     * to `fromDate`) when `to` is on an earlier date; 0 on the same date.
     */
    workingDays: z.number().int().openapi({ example: 4 }),
    timeZone: z.literal('Asia/Shanghai'),
    basis: z.enum(CALENDAR_BASES),
    basisNote: z.string().optional(),
  })
  .openapi('WorkingDaysBetween');
export type WorkingDaysBetweenResponse = z.infer<typeof WorkingDaysBetweenResponse>;
