/** What the repository stores and returns, apart from it so the events can use these types without importing it. */
import type { RiskCategory } from '@gongzhi/contracts';

export interface RiskFlagRecord {
  id: string;
  partyId: string;
  category: RiskCategory;
  reason: string;
  setBy: string;
  setByAgencyId: string;
  setAt: Date;
  clearedBy: string | null;
  clearedAt: Date | null;
  clearReason: string | null;
}

export type NewRiskFlag = Omit<RiskFlagRecord, 'setAt' | 'clearedBy' | 'clearedAt' | 'clearReason'>;

export type SetOutcome =
  { kind: 'created'; record: RiskFlagRecord } | { kind: 'already-active'; record: RiskFlagRecord };
