import { CASE_OUTCOMES, DISPUTE_PHASES, HUMAN_ACTION_KINDS } from '../dispute/definitions';
import { DISPUTE_TYPES, LADDER_LEVELS, SOURCE_CHANNELS } from '../dispute/vocabulary';
import { z } from '../zod';
import { Instant } from './schema-helpers';

/** Town, village and grid codes: short identifiers, never free text. */
const areaCode = z.string().regex(/^[a-z0-9-]{2,40}$/, 'use lowercase letters, digits and hyphens (2–40)');

/** How a party takes part in a case. */
export const CASE_PARTY_ROLES = ['applicant', 'respondent', 'other'] as const;
export const CasePartyRole = z.enum(CASE_PARTY_ROLES).openapi('CasePartyRole');

/** A party of the case: an id from party-service (never a name or number here) and its role. */
export const CaseParty = z
  .object({ partyId: z.string().uuid('use the party id party-service returned'), role: CasePartyRole })
  .strict()
  .openapi('CaseParty');
export type CaseParty = z.infer<typeof CaseParty>;

/** Intake's risk assessment. Any of the three flags routes a case straight to the police (docs/domain.md). */
export const RiskAssessment = z
  .object({
    /** Risk that the dispute turns violent (民转刑). */
    violenceRisk: z.boolean(),
    /** Many people on one side (群体性纠纷). */
    groupDispute: z.boolean(),
    /** A party is a key person (重点人员). */
    keyPerson: z.boolean(),
    notes: z.string().trim().max(2000).optional(),
  })
  .strict()
  .openapi('RiskAssessment');
export type RiskAssessment = z.infer<typeof RiskAssessment>;

/** Yuan as a decimal string, so no amount is ever rounded through a float. */
export const YuanAmount = z
  .string()
  .regex(/^(0|[1-9]\d{0,11})(\.\d{1,2})?$/, 'give yuan as a decimal string with at most two decimals, e.g. "12000.50"')
  .openapi({ example: '235000.00' });

/** Body of `POST /api/v1/cases`: a dispute reported by intake. */
export const OpenCaseRequest = z
  .object({
    disputeType: z.enum(DISPUTE_TYPES).openapi({ example: 'land-forest' }),
    source: z.enum(SOURCE_CHANNELS).openapi({ example: 'grid-report' }),
    summary: z.string().trim().min(5, 'describe the dispute in at least 5 characters').max(4000),
    townCode: areaCode.openapi({ example: 'qingshui' }),
    villageCode: areaCode.optional().openapi({ example: 'shangba' }),
    amountInDispute: YuanAmount.optional(),
    parties: z
      .array(CaseParty)
      .max(50)
      .refine((parties) => new Set(parties.map((p) => p.partyId)).size === parties.length, 'list each party once')
      .optional(),
    riskAssessment: RiskAssessment.optional(),
  })
  .strict()
  .openapi('OpenCaseRequest');
export type OpenCaseRequest = z.infer<typeof OpenCaseRequest>;

/** opening: stored, workflow start not yet confirmed; open; merged into another case; closed. */
export const CaseStatus = z.enum(['opening', 'open', 'merged', 'closed']).openapi('CaseStatus');
export type CaseStatus = z.infer<typeof CaseStatus>;

/** A human action the case's workflow waits for, in brief (the task with the same `actionId` has the details). */
export const OpenActionSummary = z
  .object({
    actionId: z.string(),
    kind: z.enum(HUMAN_ACTION_KINDS),
    agencyId: z.string(),
    assigneeStaffId: z.string().nullable(),
    dueAt: Instant.nullable(),
  })
  .openapi('OpenActionSummary');
export type OpenActionSummary = z.infer<typeof OpenActionSummary>;

/**
 * Where a case's workflow view came from. `recorded`: case-service's own tables, as the workflow last reported them
 * through its activities (no call to Temporal; it trails the workflow by at most the activity that writes it).
 * `live`: Temporal's describe and the workflow's state query, answered by the worker at the moment of the read.
 */
export const WorkflowViewSource = z.enum(['recorded', 'live']).openapi('WorkflowViewSource', {
  description:
    'recorded: from the case row and its open tasks, as the workflow last reported them (no Temporal call); ' +
    'live: from Temporal (describe and the workflow’s state query) at the moment of the read',
});
export type WorkflowViewSource = z.infer<typeof WorkflowViewSource>;

/**
 * Where a case's workflow stands. Read from case-service's records unless the caller asks for the live state
 * (`source` says which). The state fields are null (and `openActions` empty) while nothing is known: before the
 * workflow's first report, or, live, while the workflow is unreachable or not started; `status` says which.
 */
export const CaseWorkflowView = z
  .object({
    workflowId: z.string(),
    source: WorkflowViewSource,
    status: z
      .enum([
        'RUNNING',
        'COMPLETED',
        'FAILED',
        'CANCELLED',
        'TERMINATED',
        'CONTINUED_AS_NEW',
        'TIMED_OUT',
        'PAUSED',
        'UNKNOWN',
        'NOT_STARTED',
      ])
      .openapi({
        description:
          'live: the execution status Temporal reports. recorded: from the case status — opening: NOT_STARTED; ' +
          'open: RUNNING; merged or closed: COMPLETED once the workflow reported its outcome (TERMINATED when an ' +
          'administrator ended it), RUNNING while a merged case’s workflow has not closed yet',
      }),
    level: z.enum(LADDER_LEVELS).nullable(),
    phase: z.enum(DISPUTE_PHASES).nullable(),
    /** The agency responsible at this level. */
    agencyId: z.string().nullable(),
    responsibleStaffId: z
      .string()
      .nullable()
      .openapi({
        description:
          'The mediator responsible at this level. recorded: whoever holds the level’s latest mediate task (the ' +
          'workflow names them on acceptance and on reassignment); null before the level’s transfer is accepted',
      }),
    /** The earliest deadline the workflow is watching (a running clock or an open action's due date). */
    nextDeadline: Instant.nullable(),
    openActions: z.array(OpenActionSummary).openapi({
      description:
        'recorded: the case’s open tasks, with whoever holds each one now (a claim included); live: the ' +
        'workflow’s open actions, with the assignee the workflow named',
    }),
  })
  .openapi('CaseWorkflowView');
export type CaseWorkflowView = z.infer<typeof CaseWorkflowView>;

/**
 * Where the case stands as the workflow last reported it to case-service (no workflow query needed, so lists show
 * it too). All null until the workflow's first report.
 */
export const CaseProgressView = z
  .object({
    level: z.enum(LADDER_LEVELS).nullable(),
    agencyId: z.string().nullable(),
    phase: z.enum(DISPUTE_PHASES).nullable(),
    outcome: z.enum(CASE_OUTCOMES).nullable(),
    /** The kind of human action the workflow waits for next. */
    awaitedAction: z.enum(HUMAN_ACTION_KINDS).nullable(),
    nextDeadline: Instant.nullable(),
  })
  .openapi('CaseProgress');
export type CaseProgressView = z.infer<typeof CaseProgressView>;

/** Where a possible duplicate stands: waiting for a mediator or coordinator, merged, or kept apart. */
export const DUPLICATE_SUGGESTION_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export const DuplicateSuggestionStatus = z.enum(DUPLICATE_SUGGESTION_STATUSES).openapi('DuplicateSuggestionStatus');
export type DuplicateSuggestionStatus = z.infer<typeof DuplicateSuggestionStatus>;

/**
 * Why a report's case may be a duplicate of another: codes, ids and numbers only, never a name or the reports' text.
 * The same place and dispute type within the window, without the shared party that would have linked the report.
 */
export const DuplicateEvidence = z
  .object({
    /** `grid`: the same grid cell; `village`: the same village, the new report naming no grid cell. */
    place: z.enum(['grid', 'village']),
    placeCode: z.string().openapi({ example: 'shangba-02' }),
    disputeType: z.enum(DISPUTE_TYPES),
    /** The candidate case's report that matched. */
    candidateReportId: z.string().uuid(),
    /** Whole minutes between that report and the new one. */
    minutesApart: z.number().int().min(0),
    /** The same-place rule's window, in days. */
    windowDays: z.number().int().positive(),
    /**
     * Parties of the new report (reporter or others) already parties of the candidate case (party-service ids). Empty
     * on a grid cell (a shared party there links the report instead); on a village-only match it may name some.
     */
    sharedPartyIds: z.array(z.string().uuid()),
  })
  .openapi('DuplicateEvidence');
export type DuplicateEvidence = z.infer<typeof DuplicateEvidence>;

/**
 * A possible duplicate (一地多报 on weak evidence): the report opened its own case (`caseId`), which may be the dispute
 * of `candidateCaseId`. Confirming merges `caseId` into `candidateCaseId`; dismissing keeps them apart. Both show on
 * both cases' timelines.
 */
export const DuplicateSuggestion = z
  .object({
    id: z.string().uuid(),
    /** The case the report opened: the one a confirmation merges. */
    caseId: z.string().uuid(),
    /** The earlier case it may duplicate: the one a confirmation merges into. */
    candidateCaseId: z.string().uuid(),
    /** The report that opened `caseId`. */
    reportId: z.string().uuid(),
    rule: z.literal('same-place'),
    evidence: DuplicateEvidence,
    status: DuplicateSuggestionStatus,
    suggestedAt: z.string().datetime(),
    /** Who confirmed or dismissed it, for which agency, when and why; null while open. */
    decidedAt: z.string().datetime().nullable(),
    decidedBy: z.string().nullable(),
    decidedByAgencyId: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .openapi('DuplicateSuggestion');
export type DuplicateSuggestion = z.infer<typeof DuplicateSuggestion>;

/** A case as case-service returns it. */
export const CaseView = z
  .object({
    id: z.string().uuid(),
    disputeType: z.enum(DISPUTE_TYPES),
    source: z.enum(SOURCE_CHANNELS),
    summary: z.string(),
    townCode: z.string(),
    villageCode: z.string().nullable(),
    status: CaseStatus,
    openedAt: z.string().datetime(),
    amountInDispute: YuanAmount.nullable(),
    riskAssessment: RiskAssessment,
    parties: z.array(CaseParty),
    /** The case this one was merged into, if a coordinator merged it. */
    mergedIntoId: z.string().uuid().nullable(),
    progress: CaseProgressView,
    workflow: CaseWorkflowView,
    /**
     * Possible duplicates this case is part of, on either side (it carries the suggestion, or is its candidate), oldest
     * first, decided ones included.
     */
    duplicateSuggestions: z.array(DuplicateSuggestion),
  })
  .openapi('Case');
export type CaseView = z.infer<typeof CaseView>;

export const CaseIdParams = z.object({ id: z.string().uuid('case ids are UUIDs') }).strict();

/**
 * Query of `GET /api/v1/cases/{id}`: `live=true` reads the workflow's state from Temporal instead of the recorded view
 * (administrators only; see the route). Strict, like the lists: a misspelt parameter is a 400, not a silent
 * recorded read.
 */
export const CaseReadQuery = z
  .object({
    live: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .openapi({
        description:
          'true: the workflow view comes from Temporal at this moment (`workflow.source` live) rather than from ' +
          'the case’s records; administrators only',
      }),
  })
  .strict();
export type CaseReadQuery = z.infer<typeof CaseReadQuery>;

/**
 * A case in a list: its facts and recorded progress, without the workflow view or the possible duplicates (read one
 * case for those).
 */
export const CaseSummary = CaseView.omit({ workflow: true, duplicateSuggestions: true }).openapi('CaseSummary');
export type CaseSummary = z.infer<typeof CaseSummary>;

const CASE_STATUSES = CaseStatus.options;

/**
 * `status` of `GET /api/v1/cases`: one status or a comma list (`status=open,opening`), the convention of the API's
 * other multi-valued parameters (party-service's `reveal`). Given twice (`status=open&status=closed`) it is a 400:
 * one spelling, so a cursor's filters have one meaning.
 */
const CaseStatusList = z
  .string({ error: 'give status once, as a comma list (status=open,closed)' })
  .max(100)
  .transform((value, ctx) => {
    const statuses = value.split(',').map((s) => s.trim());
    const unknown = statuses.filter((s) => !(CASE_STATUSES as readonly string[]).includes(s));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `status takes a comma list of: ${CASE_STATUSES.join(', ')}` });
      return z.NEVER;
    }
    // Sorted and without repeats: `open,closed` and `closed,open,open` are one filter (and one cursor).
    return [...new Set(statuses as CaseStatus[])].sort();
  })
  .openapi({ type: 'string', example: 'opening,open', description: `comma list of: ${CASE_STATUSES.join(', ')}` });

/**
 * Filters of `GET /api/v1/cases` (with `limit` and `cursor`). They combine with AND and only ever narrow the cases
 * the caller may list; none widens it.
 */
export const CaseListFilters = z
  .object({
    status: CaseStatusList.optional(),
    /** The ladder level the case stands at (its `progress.level`). */
    level: z.enum(LADDER_LEVELS).optional(),
    villageCode: areaCode.optional(),
    disputeType: z.enum(DISPUTE_TYPES).optional(),
    /** Cases this party takes part in. */
    partyId: z.string().uuid('party ids are UUIDs').optional(),
    /** Cases with a report of this event reference (a police incident number, a 12345 ticket). */
    eventRef: z.string().trim().min(3).max(64).optional(),
    /** Opened at or after this instant. */
    openedFrom: Instant.optional(),
    /** Opened before this instant (the range is half-open: [openedFrom, openedTo)). */
    openedTo: Instant.optional(),
    /** Cases this agency is or was involved in (the agency working it now included). */
    agencyId: z.string().trim().min(1).max(100).optional(),
    /** Text in the summary: a case-insensitive substring, `%` and `_` taken literally. */
    q: z.string().trim().min(2, 'search for at least 2 characters').max(100).optional(),
  })
  .strict();
export type CaseListFilters = z.infer<typeof CaseListFilters>;

/** Refinement of a query with the case list filters: `openedFrom` must come before `openedTo`. */
export function checkOpenedRange(query: Pick<CaseListFilters, 'openedFrom' | 'openedTo'>, ctx: z.RefinementCtx): void {
  if (query.openedFrom !== undefined && query.openedTo !== undefined) {
    if (Date.parse(query.openedFrom) >= Date.parse(query.openedTo)) {
      ctx.addIssue({ code: 'custom', path: ['openedTo'], message: 'openedTo must be later than openedFrom' });
    }
  }
}

/** Another party a report names besides its reporter (who becomes the applicant): an id and its role. */
export const ReportedParty = z
  .object({
    partyId: z.string().uuid('use the party id party-service returned'),
    role: z.enum(['respondent', 'other']),
  })
  .strict()
  .openapi('ReportedParty');
export type ReportedParty = z.infer<typeof ReportedParty>;

/** Body of `POST /api/v1/reports`: one intake report, which joins an open case or opens a new one. */
export const FileReportRequest = z
  .object({
    disputeType: z.enum(DISPUTE_TYPES),
    source: z.enum(SOURCE_CHANNELS),
    summary: z.string().trim().min(5, 'describe the dispute in at least 5 characters').max(4000),
    townCode: areaCode,
    villageCode: areaCode.optional(),
    gridCode: areaCode.optional(),
    /** party-service id of the person reporting, if known: lets repeated reports by one person join one case. */
    reporterPartyId: z.string().uuid().optional(),
    /** A reference shared by reports of one event (police incident number, 12345 ticket). */
    eventRef: z.string().trim().min(3).max(64).optional(),
    /** The other people or organisations in the dispute (party-service ids); the reporter is the applicant. */
    otherParties: z
      .array(ReportedParty)
      .max(20)
      .refine((parties) => new Set(parties.map((p) => p.partyId)).size === parties.length, 'list each party once')
      .optional(),
    amountInDispute: YuanAmount.optional(),
    /** Intake's risk signs: on a report that opens a case, any of them routes it straight to the police. */
    riskAssessment: RiskAssessment.optional(),
  })
  .strict()
  .superRefine((report, ctx) => {
    report.otherParties?.forEach((party, index) => {
      if (party.partyId === report.reporterPartyId) {
        ctx.addIssue({
          code: 'custom',
          path: ['otherParties', index, 'partyId'],
          message: 'the reporter is already the applicant: list only the other parties',
        });
      }
    });
  })
  .openapi('FileReportRequest');
export type FileReportRequest = z.infer<typeof FileReportRequest>;

export const ReportView = z
  .object({
    id: z.string().uuid(),
    caseId: z.string().uuid(),
    disputeType: z.enum(DISPUTE_TYPES),
    source: z.enum(SOURCE_CHANNELS),
    summary: z.string(),
    townCode: z.string(),
    villageCode: z.string().nullable(),
    gridCode: z.string().nullable(),
    reporterPartyId: z.string().nullable(),
    eventRef: z.string().nullable(),
    /**
     * What the report brought besides its reporter: the other parties, the amount and the risk signs (null when it
     * brought none). A report that opened its case gave them to the case; a linked report keeps them here only, for a
     * mediator to take into the case or not.
     */
    otherParties: z.array(ReportedParty),
    amountInDispute: YuanAmount.nullable(),
    riskAssessment: RiskAssessment.nullable(),
    /** Null when this report opened its case; otherwise the rule that linked it (docs/reference/cases-and-tasks.md, duplicate reports). */
    matchedBy: z.enum(['same-event', 'same-reporter', 'same-place']).nullable(),
    reportedBy: z.string(),
    agencyId: z.string(),
    receivedAt: z.string().datetime(),
  })
  .openapi('Report');
export type ReportView = z.infer<typeof ReportView>;

/** What filing a report did: opened a case, or linked the report to an open one. */
export const FileReportResponse = z
  .object({ outcome: z.enum(['opened', 'linked']), report: ReportView, case: CaseSummary })
  .openapi('FileReportResponse');
export type FileReportResponse = z.infer<typeof FileReportResponse>;

/** Body of `PATCH /api/v1/cases/:id` (send the ETag you read in If-Match): only the fields to change. */
export const UpdateCaseRequest = z
  .object({
    summary: z.string().trim().min(5).max(4000).optional(),
    villageCode: areaCode.nullable().optional(),
    amountInDispute: YuanAmount.nullable().optional(),
    riskAssessment: RiskAssessment.optional(),
    parties: z
      .array(CaseParty)
      .max(50)
      .refine((parties) => new Set(parties.map((p) => p.partyId)).size === parties.length, 'list each party once')
      .optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateCaseRequest');
export type UpdateCaseRequest = z.infer<typeof UpdateCaseRequest>;

/** One entry of a case's timeline. Details carry ids and codes only, never personal data. */
export const TimelineEvent = z
  .object({
    type: z.string(),
    actor: z.string(),
    agencyId: z.string().nullable(),
    at: z.string().datetime(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
  })
  .openapi('TimelineEvent');
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** Body of `POST /api/v1/cases/:id/merge`: a coordinator folds this case into another one. */
export const MergeCaseRequest = z
  .object({
    intoCaseId: z.string().uuid(),
    reason: z.string().trim().min(5, 'say why the cases are one dispute').max(1000),
  })
  .strict()
  .openapi('MergeCaseRequest');
export type MergeCaseRequest = z.infer<typeof MergeCaseRequest>;

/** Body of `POST /api/v1/cases/:id/split`: a coordinator moves reports that are another dispute to a new case. */
export const SplitCaseRequest = z
  .object({
    reportIds: z.array(z.string().uuid()).min(1).max(100),
    reason: z.string().trim().min(5, 'say why the reports are another dispute').max(1000),
  })
  .strict()
  .openapi('SplitCaseRequest');
export type SplitCaseRequest = z.infer<typeof SplitCaseRequest>;

export const DuplicateSuggestionIdParams = z.object({ id: z.string().uuid('suggestion ids are UUIDs') }).strict();

/**
 * Body of `POST /api/v1/duplicate-suggestions/:id/confirm` and `…/dismiss`: why the two cases are one dispute (the
 * confirmation merges them, as `POST /cases/:id/merge` does) or two.
 */
export const DecideDuplicateRequest = z
  .object({ reason: z.string().trim().min(5, 'say why the cases are, or are not, one dispute').max(1000) })
  .strict()
  .openapi('DecideDuplicateRequest');
export type DecideDuplicateRequest = z.infer<typeof DecideDuplicateRequest>;

/**
 * Filters of `GET /api/v1/duplicate-suggestions` (with `limit` and `cursor`): `open` by default, the suggestions still
 * waiting whose two cases are both still being worked.
 */
export const DuplicateSuggestionFilters = z
  .object({
    status: DuplicateSuggestionStatus.optional().openapi({
      description: 'open (the default): waiting, both cases still being worked; confirmed or dismissed: decided',
    }),
  })
  .strict();
export type DuplicateSuggestionFilters = z.infer<typeof DuplicateSuggestionFilters>;

/** Kinds of case document: 调解协议书, 调解笔录, evidence, 司法确认书, court filings, anything else. */
export const DOCUMENT_KINDS = [
  'mediation-agreement',
  'session-record',
  'evidence',
  'judicial-confirmation',
  /** 司法确认申请书: the parties' joint application to the court (the court's ruling is `judicial-confirmation`). */
  'confirmation-application',
  'court-filing',
  'other',
] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS).openapi('DocumentKind');
export type DocumentKind = z.infer<typeof DocumentKind>;

/** Largest document case-service accepts: 20 MiB (a scanned agreement of a few dozen pages). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** pending: metadata registered, bytes not yet received; stored: bytes received and matching hash and size. */
export const DocumentStatus = z.enum(['pending', 'stored']).openapi('DocumentStatus');
export type DocumentStatus = z.infer<typeof DocumentStatus>;

const mediaType = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'give a media type without parameters, e.g. "application/pdf"')
  // JSON bodies are the API's own language: a JSON document would be read as a request, not as bytes.
  .refine((type) => !/^application\/(.+\+)?json$/.test(type), 'send JSON documents as application/octet-stream');

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'give the SHA-256 of the bytes as 64 lowercase hex digits');

/** Body of `POST /api/v1/cases/{id}/documents`: a document's metadata; its bytes follow with PUT …/content. */
export const CreateDocumentRequest = z
  .object({
    /** May name people: shown to readers of the case, never logged. */
    title: z.string().trim().min(1, 'give the document a title').max(200),
    kind: DocumentKind,
    contentType: mediaType.openapi({ example: 'application/pdf' }),
    sizeBytes: z
      .number()
      .int()
      .min(1, 'an empty document cannot be stored')
      .max(MAX_DOCUMENT_BYTES, 'documents may be at most 20 MiB: split or compress larger scans'),
    sha256: sha256Hex,
  })
  .strict()
  .openapi('CreateDocumentRequest');
export type CreateDocumentRequest = z.infer<typeof CreateDocumentRequest>;

/** A case document's metadata as case-service returns it. */
export const DocumentView = z
  .object({
    id: z.string().uuid(),
    caseId: z.string().uuid(),
    title: z.string(),
    kind: DocumentKind,
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.string(),
    agencyId: z.string(),
    uploadedAt: z.string().datetime(),
    status: DocumentStatus,
  })
  .openapi('CaseDocument');
export type DocumentView = z.infer<typeof DocumentView>;

export const DocumentIdParams = z
  .object({ id: z.string().uuid('case ids are UUIDs'), documentId: z.string().uuid('document ids are UUIDs') })
  .strict();
