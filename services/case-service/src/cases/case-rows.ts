/**
 * A case's columns and the record they map to, both ways, and those of its possible duplicates: shared by the
 * repository, its read model, the plain-SQL reads (case-reads.ts, whose columns are named as Prisma's select names
 * them) and the reports repository, which opens cases too.
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
import type { Prisma } from '../generated/prisma/client';
import type { CaseRecord, NewCase } from './case.model';
import type { DuplicateSuggestionRecord } from './duplicate-suggestions';

/** Columns of a case as the service reads them (shared with the reports repository, which opens cases too). */
export const caseSelect = {
  id: true,
  disputeType: true,
  source: true,
  summary: true,
  townCode: true,
  villageCode: true,
  status: true,
  reportedBy: true,
  intakeAgencyId: true,
  agencyIds: true,
  amountInDispute: true,
  riskViolence: true,
  riskGroup: true,
  riskKeyPerson: true,
  riskNotes: true,
  mergedIntoId: true,
  version: true,
  workflowId: true,
  openedAt: true,
  progressSeq: true,
  currentLevel: true,
  currentAgencyId: true,
  phase: true,
  outcome: true,
  awaitedAction: true,
  nextDeadline: true,
  parties: { select: { partyId: true, role: true }, orderBy: [{ addedAt: 'asc' }, { partyId: 'asc' }] },
} satisfies Prisma.CaseSelect;

export type CaseRow = Prisma.CaseGetPayload<{ select: typeof caseSelect }>;

/**
 * A case's columns as the service reads them, from plain SQL (case-reads.ts) or from Prisma's select (`caseSelect`):
 * the amount is text there and a Decimal here.
 */
export interface CaseFields {
  id: string;
  disputeType: string;
  source: string;
  summary: string;
  townCode: string;
  villageCode: string | null;
  status: string;
  reportedBy: string | null;
  intakeAgencyId: string | null;
  agencyIds: string[];
  amountInDispute: string | { toFixed(digits: number): string } | null;
  riskViolence: boolean;
  riskGroup: boolean;
  riskKeyPerson: boolean;
  riskNotes: string | null;
  mergedIntoId: string | null;
  version: number;
  workflowId: string;
  openedAt: Date;
  progressSeq: number;
  currentLevel: string | null;
  currentAgencyId: string | null;
  phase: string | null;
  outcome: string | null;
  awaitedAction: string | null;
  nextDeadline: Date | null;
  parties: { partyId: string; role: string }[];
}

export function toRecord(row: CaseFields): CaseRecord {
  return {
    // The text columns only ever hold values validated by the contracts on the way in.
    id: row.id,
    disputeType: row.disputeType as DisputeType,
    source: row.source as SourceChannel,
    summary: row.summary,
    townCode: row.townCode,
    villageCode: row.villageCode,
    status: row.status as CaseStatus,
    reportedBy: row.reportedBy,
    intakeAgencyId: row.intakeAgencyId,
    agencyIds: row.agencyIds,
    amountInDispute:
      row.amountInDispute === null || typeof row.amountInDispute === 'string'
        ? row.amountInDispute
        : row.amountInDispute.toFixed(2),
    riskAssessment: {
      violenceRisk: row.riskViolence,
      groupDispute: row.riskGroup,
      keyPerson: row.riskKeyPerson,
      ...(row.riskNotes === null ? {} : { notes: row.riskNotes }),
    },
    parties: row.parties.map((p) => ({ partyId: p.partyId, role: p.role as CaseParty['role'] })),
    mergedIntoId: row.mergedIntoId,
    version: row.version,
    workflowId: row.workflowId,
    openedAt: row.openedAt,
    progress: {
      seq: row.progressSeq,
      level: row.currentLevel as LadderLevel | null,
      agencyId: row.currentAgencyId,
      phase: row.phase as DisputePhase | null,
      outcome: row.outcome as CaseOutcome | null,
      awaitedAction: row.awaitedAction as HumanActionKind | null,
      nextDeadline: row.nextDeadline,
    },
  };
}

/** The risk assessment as the case's columns. */
export function riskColumns(risk: RiskAssessment) {
  return {
    riskViolence: risk.violenceRisk,
    riskGroup: risk.groupDispute,
    riskKeyPerson: risk.keyPerson,
    riskNotes: risk.notes ?? null,
  };
}

/** The columns of a new case (shared with the reports repository, which opens cases too). */
export function newCaseData(data: NewCase) {
  const { riskAssessment, parties, ...columns } = data;
  return {
    ...columns,
    ...riskColumns(riskAssessment),
    status: 'opening',
    parties: {
      create: parties.map((p) => ({ partyId: p.partyId, role: p.role, addedBy: data.reportedBy ?? 'system' })),
    },
  };
}

/** Columns of a possible duplicate (shared with the reports repository, which stores them with the case it opens). */
export const suggestionSelect = {
  id: true,
  caseId: true,
  candidateCaseId: true,
  townCode: true,
  reportId: true,
  rule: true,
  evidence: true,
  status: true,
  suggestedAt: true,
  decidedAt: true,
  decidedBy: true,
  decidedByAgencyId: true,
  reason: true,
} satisfies Prisma.DuplicateSuggestionSelect;

type SuggestionRow = Prisma.DuplicateSuggestionGetPayload<{ select: typeof suggestionSelect }>;

/** A stored suggestion (shared with the reports repository, which stores them with the case a report opens). */
export function toSuggestionRecord(row: SuggestionRow): DuplicateSuggestionRecord {
  // The columns hold only what the repositories wrote: a rule, a status and evidence of the contracts' vocabulary.
  return row as unknown as DuplicateSuggestionRecord;
}
