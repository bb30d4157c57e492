/** Saved views as stored, and who reads them. */

/** The lists whose filters people save: the administrators' stuck scan, and the task queue. */
export const SAVED_VIEW_SCOPES = ['stuck', 'tasks'] as const;
export type SavedViewScope = (typeof SAVED_VIEW_SCOPES)[number];

/** A saved view as stored; `filters` is re-validated by the service whenever it is used. */
export interface SavedViewRecord {
  id: string;
  name: string;
  ownerStaffId: string;
  /** The owner's town when they saved it (task views); null on the stuck views. */
  townCode: string | null;
  filters: unknown;
  shareRoles: string[];
  shareAgencyIds: string[];
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  version: number;
}

/** What a view's contents are made of when it is saved or replaced. */
export interface SavedViewFields {
  name: string;
  filters: Record<string, unknown>;
  shareRoles: string[];
  shareAgencyIds: string[];
}

/** Who reads: a view is theirs, or shared with them (see `isSharedWith`). */
export interface Viewer {
  staffId: string;
  roles: readonly string[];
  agencyId: string;
  townCode: string;
}
