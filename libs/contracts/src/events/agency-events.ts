/**
 * What agency-service publishes on its topic (default `agency.events`): agencies keyed by agency id, policy versions
 * keyed by `policy-<town>`, staff accounts keyed by staff id. Agencies are organisations; their names and switchboard
 * numbers stay in agency-service all the same (consumers that show them ask the API), so events carry no free text.
 * A staff account's name and username never leave it either: its events carry ids, codes and the roles.
 */
import { LADDER_LEVELS } from '../dispute/vocabulary';
import { AGENCY_KINDS, STAFF_ROLES } from '../identity';
import { z } from '../zod';
import { EntityRef } from './envelope';

const id = z.string().uuid();
const areaCode = z.string().regex(/^[a-z0-9-]{2,40}$/);

/** The fields of an agency whose change is published, by name only. */
export const AGENCY_FIELDS = ['kind', 'name', 'areaCodes', 'contactPhone', 'receptionHours'] as const;

/** An agency joined a town's directory. */
export const AgencyRegisteredData = z
  .object({ agencyId: id, townCode: areaCode, kind: z.enum(AGENCY_KINDS), areaCodes: z.array(areaCode).max(200) })
  .strict()
  .openapi('AgencyRegisteredData');

/** An agency changed: its kind and areas as they are now, and which fields changed. */
export const AgencyUpdatedData = z
  .object({
    agencyId: id,
    townCode: areaCode,
    kind: z.enum(AGENCY_KINDS),
    areaCodes: z.array(areaCode).max(200),
    version: z.number().int().min(1),
    changedFields: z.array(z.enum(AGENCY_FIELDS)).min(1).max(AGENCY_FIELDS.length),
  })
  .strict()
  .openapi('AgencyUpdatedData');

/** A coordinator stored a new version of the town's escalation policy; running cases keep the version they started on. */
export const PolicyChangedData = z
  .object({
    townCode: areaCode,
    version: z.number().int().min(1),
    previousVersion: z.number().int().min(0),
    changedBy: EntityRef,
    /** The ladder as it is now (the rules' wording stays in agency-service). */
    ladder: z
      .array(
        z
          .object({
            level: z.enum(LADDER_LEVELS),
            agencyKind: z.enum(AGENCY_KINDS),
            mediationDays: z.number().int().min(1),
            unit: z.enum(['working-days', 'calendar-days']),
          })
          .strict(),
      )
      .max(LADDER_LEVELS.length),
  })
  .strict()
  .openapi('PolicyChangedData');

/** The fields of a staff account whose change is published, by name only (never the values of the name). */
export const STAFF_FIELDS = ['displayName', 'roles', 'active'] as const;

/**
 * A coordinator or an administrator changed a staff account: its agency, town, roles and whether it is active as they
 * are now, and which fields changed. A deactivated account (`active` false, `changedFields` naming `active`) can no
 * longer sign in and gets no new tasks; consumers holding work for it (case-service's task queue) release or flag it.
 */
export const StaffChangedData = z
  .object({
    staffId: id,
    agencyId: id,
    townCode: areaCode,
    roles: z.array(z.enum(STAFF_ROLES)).min(1).max(STAFF_ROLES.length),
    active: z.boolean(),
    version: z.number().int().min(1),
    changedFields: z.array(z.enum(STAFF_FIELDS)).min(1).max(STAFF_FIELDS.length),
    /** The staff id of who made the change. */
    changedBy: EntityRef,
  })
  .strict()
  .openapi('StaffChangedData');
