import { DISPUTE_TYPES, SOURCE_CHANNELS } from '../dispute/vocabulary';
import { z } from '../zod';

/** Town, village and grid codes: short identifiers, never free text. */
const areaCode = z.string().regex(/^[a-z0-9-]{2,40}$/, 'use lowercase letters, digits and hyphens (2–40)');

/** Body of `POST /api/v1/cases`: a dispute reported by intake. */
export const OpenCaseRequest = z
  .object({
    disputeType: z.enum(DISPUTE_TYPES).openapi({ example: 'land-forest' }),
    source: z.enum(SOURCE_CHANNELS).openapi({ example: 'grid-report' }),
    summary: z.string().trim().min(5, 'describe the dispute in at least 5 characters').max(4000),
    townCode: areaCode.openapi({ example: 'qingshui' }),
    villageCode: areaCode.optional().openapi({ example: 'shangba' }),
  })
  .strict()
  .openapi('OpenCaseRequest');
export type OpenCaseRequest = z.infer<typeof OpenCaseRequest>;

export const CaseStatus = z.enum(['opening', 'open', 'closed']).openapi('CaseStatus');
export type CaseStatus = z.infer<typeof CaseStatus>;

/** The workflow's view of a case, as read through its query. `null` while the workflow is unreachable. */
export const CaseWorkflowView = z
  .object({
    workflowId: z.string(),
    status: z.enum([
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
    ]),
    level: z.string().nullable(),
    stage: z.string().nullable(),
    deadline: z.string().nullable(),
  })
  .openapi('CaseWorkflowView');
export type CaseWorkflowView = z.infer<typeof CaseWorkflowView>;

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
    workflow: CaseWorkflowView,
  })
  .openapi('Case');
export type CaseView = z.infer<typeof CaseView>;

export const CaseIdParams = z.object({ id: z.string().uuid('case ids are UUIDs') }).strict();

/** A case in a list: its facts without the live workflow view (read one case for that). */
export const CaseSummary = CaseView.omit({ workflow: true }).openapi('CaseSummary');
export type CaseSummary = z.infer<typeof CaseSummary>;

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
  })
  .strict()
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
    /** Null when this report opened its case; otherwise the rule that linked it (see the README). */
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
