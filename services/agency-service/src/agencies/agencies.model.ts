/** What the repository stores and returns, apart from it so the events can use these types without importing it. */
import type { AgencyKind, ReceptionWindow } from '@gongzhi/contracts';

/** An agency as the service works with it. */
export interface AgencyRecord {
  id: string;
  kind: AgencyKind;
  name: string;
  townCode: string;
  areaCodes: string[];
  contactPhone: string | null;
  receptionHours: ReceptionWindow[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type NewAgency = Omit<AgencyRecord, 'version' | 'createdAt' | 'updatedAt'>;
export type AgencyPatch = Partial<
  Pick<AgencyRecord, 'kind' | 'name' | 'areaCodes' | 'contactPhone' | 'receptionHours'>
>;

export interface AgencyListQuery {
  townCode?: string;
  kind?: AgencyKind;
  /** Restricts the list to these agencies (the caller's visibility); undefined means no restriction. */
  onlyIds?: string[];
  afterId?: string;
  /** Rows wanted; the repository returns up to `limit + 1` so the caller knows whether more follow. */
  limit: number;
}
