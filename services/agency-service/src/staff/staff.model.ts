/** What the repository stores and returns, apart from it so the events can use these types without importing it. */
import type { StaffRole } from '@gongzhi/contracts';

/** A staff account as the service sees it. The password hash never leaves this layer. */
export interface StaffRecord {
  id: string;
  username: string;
  displayName: string;
  agencyId: string;
  /** The town of the staff member's agency. */
  townCode: string;
  roles: StaffRole[];
  active: boolean;
  version: number;
  createdAt: Date;
}

export interface NewStaff {
  id: string;
  username: string;
  displayName: string;
  agencyId: string;
  roles: StaffRole[];
  /** Plain text on the way in; the repository stores only its bcrypt hash. */
  password: string;
}

export interface StaffListQuery {
  townCode?: string;
  agencyId?: string;
  /** Accounts holding this role (among others). */
  role?: StaffRole;
  active?: boolean;
  /** Part of the display name or the username, case-insensitive, taken literally (`%` is a percent sign). */
  text?: string;
  afterId?: string;
  limit: number;
}

/** What a change of an account may set; only the fields that really change are given. */
export type StaffPatch = Partial<Pick<StaffRecord, 'displayName' | 'roles' | 'active'>>;

export interface StaffChange {
  patch: StaffPatch;
  /** The staff id of who changes it (for the event). */
  changedBy: string;
  at: Date;
}

/**
 * The account after the change; 'stale' when it moved on from the version expected, 'last-administrator' when the
 * change would leave no active administrator (nothing is written then), undefined when there is no such account.
 */
export type StaffUpdateResult = StaffRecord | 'stale' | 'last-administrator' | undefined;
