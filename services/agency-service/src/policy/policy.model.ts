/** What the repository stores and returns, apart from it so the events can use these types without importing it. */
import type { PolicyDocument } from '@gongzhi/contracts';

/** One immutable version of a town's policy. */
export interface PolicyRecord {
  townCode: string;
  version: number;
  document: PolicyDocument;
  createdBy: string;
  createdAt: Date;
}
