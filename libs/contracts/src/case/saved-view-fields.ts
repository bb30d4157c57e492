/**
 * What every kind of saved view (the stuck scan's, the task lists') has besides its filters: who else it is shared
 * with, and how its readers see it. Each kind says what its sharing means; the fields are the same.
 */
import { STAFF_ROLES } from '../identity';
import { z } from '../zod';
import { Instant } from './schema-helpers';

/** The sharing a create or replace request names: roles, agencies (ids), or neither (the owner's alone). */
export const viewSharingFields = {
  shareRoles: z.array(z.enum(STAFF_ROLES)).max(STAFF_ROLES.length).default([]),
  shareAgencyIds: z.array(z.string().min(1).max(128)).max(50).default([]),
};

/** A saved view as its readers see it, with `filters` of its kind. */
export function savedViewFields<Filters extends z.ZodTypeAny>(filters: Filters) {
  return {
    id: z.string(),
    name: z.string(),
    filters,
    shareRoles: z.array(z.enum(STAFF_ROLES)),
    shareAgencyIds: z.array(z.string()),
    ownerStaffId: z.string(),
    /** Whether the caller may change or delete it: its owner, or an administrator it is shared with. */
    editable: z.boolean(),
    createdAt: Instant,
    updatedAt: Instant,
    updatedBy: z.string(),
  };
}
