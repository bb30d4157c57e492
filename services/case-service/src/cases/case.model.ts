/**
 * The record types of cases, as the repository reads and writes them: imported by the repository, its read model,
 * the service and the other features alike, so none of them imports another in a circle.
 */
import type {
  CaseOutcome,
  CaseParty,
  CaseStatus,
  DisputePhase,
  DisputeType,
  HumanActionKind,
  LadderLevel,
  RiskAssessment,
  SourceChannel,
} from '@gongzhi/contracts';
import type { StoredResponse } from '../kernel/idempotent-create';

/** A case row as the service works with it. */
export interface CaseRecord {
  id: string;
  disputeType: DisputeType;
  source: SourceChannel;
  summary: string;
  townCode: string;
  villageCode: string | null;
  status: CaseStatus;
  reportedBy: string | null;
  intakeAgencyId: string | null;
  agencyIds: string[];
  /** Yuan, as a decimal string. */
  amountInDispute: string | null;
  riskAssessment: RiskAssessment;
  parties: CaseParty[];
  mergedIntoId: string | null;
  version: number;
  workflowId: string;
  openedAt: Date;
  progress: CaseProgress;
}

/** Where the workflow last reported the case to stand; all null (sequence 0) until its first report. */
export interface CaseProgress {
  seq: number;
  level: LadderLevel | null;
  agencyId: string | null;
  phase: DisputePhase | null;
  outcome: CaseOutcome | null;
  awaitedAction: HumanActionKind | null;
  nextDeadline: Date | null;
}

/** A case before the workflow's first report. */
export const NO_PROGRESS: CaseProgress = {
  seq: 0,
  level: null,
  agencyId: null,
  phase: null,
  outcome: null,
  awaitedAction: null,
  nextDeadline: null,
};

/** What a progress report did: applied, or ignored as older than what the case holds. */
export interface ProgressOutcome {
  applied: boolean;
  /** The sequence number the case holds afterwards. */
  progressSeq: number;
}

/** What recording a workflow event did; `other-case` means the key belongs to another case's event. */
export type WorkflowEventOutcome = 'created' | 'exists' | 'other-case' | 'case-not-found';

/** Which cases a list may return: everything, a town, or the cases involving one agency. */
export type CaseListScope = { kind: 'all' } | { kind: 'town'; townCode: string } | { kind: 'agency'; agencyId: string };

/** Sort position of the last case on a page: newest first, id breaks ties. */
export interface CaseListPosition {
  openedAt: string;
  id: string;
}

/** What intake supplies; status, version and timestamps are the repository's to set. */
export type NewCase = Omit<CaseRecord, 'status' | 'openedAt' | 'mergedIntoId' | 'version' | 'progress'>;

/** The facts a split-off case takes from the reports it is made of, never from the case they leave. */
export type SplitFacts = 'disputeType' | 'source' | 'summary' | 'villageCode';
/** A split-off case before its facts: the repository reads them from the reports it moves, in the same transaction. */
export type SplitOffCase = Omit<NewCase, SplitFacts>;

/**
 * The report fields a split-off case's facts come from (a report record has them; kept structural, so the case model
 * does not import the reports feature, which imports it).
 */
export type SplitReportFacts = Pick<NewCase, SplitFacts> & { id: string; receivedAt: Date };

/** Fields a PATCH may change. */
export interface CaseChanges {
  summary?: string;
  villageCode?: string | null;
  amountInDispute?: string | null;
  riskAssessment?: RiskAssessment;
  parties?: CaseParty[];
}

/** A case a staff member watches: since when, and the level they worked. */
export interface WatchedCaseRecord {
  record: CaseRecord;
  since: Date;
  level: LadderLevel | null;
}

/** Sort position of the last watched case on a page: most recent first, case id breaks ties. */
export interface WatchedPosition {
  since: string;
  caseId: string;
}

/**
 * A transfer the workflow asked an agency to accept, from its `transfer-requested` timeline event: where the case
 * comes from and why, and the acceptance deadline. Codes and ids only (the workflow never writes personal data).
 */
export interface TransferRequest {
  caseId: string;
  at: Date;
  level: string | null;
  toAgencyId: string | null;
  fromAgencyId: string | null;
  reason: string | null;
  acceptBy: string | null;
  penaltyTrack: boolean;
}

/**
 * A receiving agency's refusal of a transfer, from the workflow's `transfer-rejected` timeline event: the event's agency
 * (the refusing one), the level and the reason code. Codes and ids only, like the request.
 */
export interface TransferRejection {
  caseId: string;
  at: Date;
  agencyId: string | null;
  level: string | null;
  reason: string | null;
}

/** The transfers of some cases and their refusals, each oldest first (by time, then by recording order). */
export interface TransferHistory {
  requests: TransferRequest[];
  rejections: TransferRejection[];
}

/** Outcome of an idempotent insert: either this request created the case, or an earlier one with the same key did. */
export type CreateOutcome =
  | { kind: 'created'; record: CaseRecord }
  | { kind: 'replayed'; caseId: string; requestHash: string; response?: StoredResponse };

/** Why a merge or split could not be done; the service turns each into a problem the coordinator can act on. */
export type RestructureRefusal = 'not-found' | 'not-active' | 'same-case' | 'reports-not-in-case' | 'would-empty-case';
