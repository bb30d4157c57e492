/** What the repository stores and returns, apart from it so the events can use these types without importing it. */
import type { DuplicateResolution, PartyKind, RiskCategory } from '@gongzhi/contracts';
import type { Sealed } from '../crypto/party-crypto';

/** A party row as the service works with it: personal data still sealed. */
export interface PartyRecord {
  id: string;
  kind: PartyKind;
  name: string;
  gender: 'male' | 'female' | null;
  idNumber: Sealed | null;
  idNumberBlindIndex: string | null;
  creditCode: string | null;
  /** A person's phone, or an organisation's contact phone. */
  phone: Sealed | null;
  contactName: string | null;
  address: { townCode: string; villageCode: string | null; gridCode: string | null; detail: string | null };
  townCode: string;
  registeringAgencyId: string;
  involvedAgencyIds: string[];
  createdBy: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  activeRiskCategories: RiskCategory[];
  /**
   * The town's primary record of the same identity, when this one was registered by an agency that may not see it
   * (a possible duplicate for the coordinator to review). Internal: never part of what the registering agency sees.
   */
  possibleDuplicateOf: string | null;
  /** The coordinator's review of a possible duplicate, once made. */
  duplicateReview: DuplicateReview | null;
}

export interface DuplicateReview {
  resolution: DuplicateResolution;
  resolvedBy: string;
  resolvedAt: Date;
  reason: string;
}

export type NewPartyRecord = Omit<
  PartyRecord,
  'version' | 'createdAt' | 'updatedAt' | 'activeRiskCategories' | 'duplicateReview'
>;

/**
 * Either this call created the party, or it clashed: a record with its id exists, or (a race) another request made the
 * town's primary record of the same ID number / credit code first.
 */
export type InsertOutcome = { kind: 'created'; record: PartyRecord } | { kind: 'clash' };

/** How a party is identified: a person by the blind index of their ID number, an organisation by its credit code. */
export type PartyIdentity = { blindIndex: string } | { creditCode: string };

export interface PartyChanges {
  name?: string;
  gender?: 'male' | 'female' | null;
  phone?: Sealed | null;
  contactName?: string | null;
  address?: PartyRecord['address'];
}

/** Who may be listed: everything (administrators), or a town and/or the parties an agency is involved with. */
export interface ListScope {
  all: boolean;
  townCode?: string;
  agencyId: string;
}

export interface ListFilter {
  limit: number;
  after?: { createdAt: Date; id: string };
  kind?: PartyKind;
  nameContains?: string;
  villageCode?: string;
}

export interface DuplicatePage {
  limit: number;
  after?: { createdAt: Date; id: string };
}
