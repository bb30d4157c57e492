import type { Express } from 'express';
import type { Logger } from 'pino';
import { authenticate, limitByAddress, limitByUser, routePolicy, type TokenVerifier } from '@gongzhi/auth';
import {
  type AuditTrail,
  createHttpApp,
  infrastructureErrorMapper,
  type ReadinessCheck,
  idempotency,
  type IdempotencyStore,
  type RouteEntry,
  type RateLimitCounter,
  counterOf,
} from '@gongzhi/http';
import { adminRoutes } from './admin/admin.controller';
import type { AdminRepository } from './admin/stuck-scan/stuck-scan.repository';
import { createAdminService } from './admin/stuck-scan/stuck-scan.service';
import type { WorkflowHealthRepository } from './admin/workflow-health/workflow-health.repository';
import type { SavedViewsRepository } from './admin/saved-views/saved-views.repository';
import { createSavedViewsService } from './admin/saved-views/saved-views.service';
import type { StuckThresholds } from './admin/stuck-scan/stuck-thresholds';
import type { WorkingDayCalendar } from './admin/working-day-calendar';
import { repairRoutes } from './admin/repairs/repair.controller';
import { townStuckRoutes } from './admin/stuck-scan/town-stuck.controller';
import type { RepairRepository } from './admin/repairs/repair.repository';
import { createRepairService, type RepairService } from './admin/repairs/repair.service';
import { type RepairWorkflows, type WorkflowInspector, type CaseWorkflows } from '@gongzhi/dispute-client';
import { casesRoutes } from './cases/cases.controller';
import type { CasesRepository } from './cases/cases.repository';
import { overdueTransfersRoutes } from './overdue-transfers/overdue-transfers.controller';
import { createOverdueTransfersService } from './overdue-transfers/overdue-transfers.service';
import { reportsRoutes } from './reports/reports.controller';
import type { ReportsRepository } from './reports/reports.repository';
import { createReportsService } from './reports/reports.service';
import { type CasesService, createCasesService } from './cases/cases.service';
import type { DocumentStore } from './documents/document-store';
import { documentsRoutes, isDocumentUpload } from './documents/documents.controller';
import type { DocumentsRepository } from './documents/documents.repository';
import { createDocumentsService } from './documents/documents.service';
import { documentGenerationRoutes } from './documents/document-generation.controller';
import { createDocumentGenerationService } from './documents/document-generation.service';
import { createPdfRenderer } from './documents/pdf-renderer';
import { loadDocumentFontFile } from './config';
import type { PartyDirectory } from './parties/party-directory';
import type { StaffDirectory } from './staff/staff-directory';
import { tasksRoutes } from './tasks/tasks.controller';
import { taskViewsRoutes } from './task-views/task-views.controller';
import { createTaskViewsService } from './task-views/task-views.service';
import type { TasksRepository } from './tasks/tasks.repository';
import { createTasksService } from './tasks/tasks.service';
import { workflowApiRoutes } from './workflow-api/workflow-api.controller';
import { createWorkflowApiService } from './workflow-api/workflow-api.service';

export interface CaseServiceDeps {
  logger: Logger;
  repository: CasesRepository;
  reports: ReportsRepository;
  documents: DocumentsRepository;
  /** The human actions the workflows wait for. */
  tasks: TasksRepository;
  /** agency-service's staff accounts, asked over HTTP who may be handed a task (and its villages, at intake). */
  staff: StaffDirectory;
  /** party-service's parties, asked over HTTP (as the caller) whether a party id may be named in a case. */
  parties: PartyDirectory;
  /** Where document bytes live: a directory in development, an object store in production. */
  documentStore: DocumentStore;
  /** The font generated documents embed (config CASE_DOCUMENT_FONT_FILE); read from the environment when left out. */
  documentFontFile?: string;
  workflows: CaseWorkflows;
  /**
   * The administrators' stuck-case scan: its reads of the database and of Temporal, agency-service's working-day
   * calendar, the thresholds per action kind, and the saved views (no admin routes without it).
   */
  admin?: {
    repository: AdminRepository;
    inspector: WorkflowInspector;
    /** The health sweep's findings (the sweep itself runs beside the service: main starts it). */
    health: Pick<WorkflowHealthRepository, 'troubled' | 'status'>;
    calendar: WorkingDayCalendar;
    thresholds?: StuckThresholds;
    views: SavedViewsRepository;
    /** The repair log and the Temporal operations repairs use (no repair routes without them). */
    repairs?: { repository: RepairRepository; workflows: RepairWorkflows };
  };
  audit: AuditTrail;
  /**
   * Remembers responses of the coordinator actions (merge, split), duplicate decisions and workflow actions for
   * Idempotency-Key replays.
   */
  idempotencyStore: IdempotencyStore;
  verifier: TokenVerifier;
  readiness?: Record<string, ReadinessCheck>;
  /** Reported by /health/ready without making the service not ready (the document store). */
  degradedWithout?: Record<string, ReadinessCheck>;
  /** Requests per minute per client IP and per signed-in user. */
  rateLimits?: { perIp: number; perUser: number };
  /** Where the rate limits count: the service's database, so every replica counts alike; left out, this process. */
  rateLimitCounter?: RateLimitCounter;
  /** Proxies whose X-Forwarded-For names the client (Express `trust proxy`); none by default. */
  trustedProxies?: readonly string[];
}

export interface CaseService {
  app: Express;
  cases: CasesService;
  /** The administrators' repairs, when configured: main resumes interrupted batches, tests wait for them. */
  repairs?: RepairService;
  /** Every route of the service, for route-table driven tests. */
  routes: readonly RouteEntry[];
}

/** The one wiring function of case-service: real and fake dependencies plug in here. */
export function createCaseService(deps: CaseServiceDeps): CaseService {
  const cases = createCasesService({
    repository: deps.repository,
    workflows: deps.workflows,
    parties: deps.parties,
    villages: deps.staff,
    audit: deps.audit,
    logger: deps.logger,
  });
  const reports = createReportsService({
    reports: deps.reports,
    cases: deps.repository,
    casesService: cases,
    villages: deps.staff,
    logger: deps.logger,
  });
  const documents = createDocumentsService({
    documents: deps.documents,
    store: deps.documentStore,
    casesService: cases,
    logger: deps.logger,
  });
  const tasks = createTasksService({
    tasks: deps.tasks,
    cases: deps.repository,
    casesService: cases,
    workflows: deps.workflows,
    staff: deps.staff,
    logger: deps.logger,
  });
  // The task queue's saved views: anyone's, kept beside the tasks (the stuck scan's table, scope `tasks`).
  const taskViews = createTaskViewsService({
    repository: deps.tasks.savedViews,
    audit: deps.audit,
    logger: deps.logger,
  });
  const workflowApi = createWorkflowApiService({
    tasks: deps.tasks,
    cases: deps.repository,
    audit: deps.audit,
    logger: deps.logger,
  });
  const savedViews = deps.admin
    ? createSavedViewsService({ repository: deps.admin.views, audit: deps.audit, logger: deps.logger })
    : undefined;
  const admin = deps.admin
    ? createAdminService({
        repository: deps.admin.repository,
        inspector: deps.admin.inspector,
        health: deps.admin.health,
        calendar: deps.admin.calendar,
        ...(deps.admin.thresholds ? { thresholds: deps.admin.thresholds } : {}),
        ...(savedViews ? { views: savedViews } : {}),
        audit: deps.audit,
        logger: deps.logger,
      })
    : undefined;
  const repairs =
    deps.admin?.repairs && admin
      ? createRepairService({
          repository: deps.admin.repairs.repository,
          cases: deps.admin.repository,
          workflows: deps.admin.repairs.workflows,
          inspector: deps.admin.inspector,
          staff: deps.staff,
          admin,
          audit: deps.audit,
          logger: deps.logger,
        })
      : undefined;
  const routeSets = [
    casesRoutes(cases),
    reportsRoutes(reports),
    documentsRoutes(documents),
    documentGenerationRoutes(
      createDocumentGenerationService({
        documents: deps.documents,
        store: deps.documentStore,
        casesService: cases,
        timeline: (caseId) => deps.repository.timeline(caseId),
        parties: deps.parties,
        renderer: createPdfRenderer({ fontFile: deps.documentFontFile ?? loadDocumentFontFile() }),
        logger: deps.logger,
      }),
    ),
    tasksRoutes(tasks, taskViews),
    taskViewsRoutes(taskViews),
    workflowApiRoutes(workflowApi),
    ...(admin && savedViews ? [adminRoutes(admin, savedViews)] : []),
    ...(repairs ? [repairRoutes(repairs)] : []),
    overdueTransfersRoutes(
      createOverdueTransfersService({
        tasks: deps.tasks,
        cases: deps.repository,
        casesService: cases,
        // The administrators' calendar and view of Temporal, where configured: working days late, next urging.
        ...(deps.admin ? { calendar: deps.admin.calendar, inspector: deps.admin.inspector } : {}),
        logger: deps.logger,
      }),
    ),
    ...(admin ? [townStuckRoutes(admin)] : []),
  ];
  const limits = deps.rateLimits ?? { perIp: 600, perUser: 300 };
  const rememberActions = idempotency(deps.idempotencyStore, (req) => req.principal?.staffId ?? 'anonymous');
  const app = createHttpApp({
    logger: deps.logger,
    openapi: { title: 'Gongzhi case-service', version: '0.1.0', description: 'Dispute cases and their workflows' },
    routes: routeSets,
    // Each route declares who may call it and how a retry is answered: staff learn nothing about the workflow-facing
    // routes (refused before their input is validated); opening cases, filing reports, registering documents and
    // repairs claim their Idempotency-Key in the transaction that writes them, while the coordinator, task, view and
    // workflow actions have nothing to claim it with, so the shared middleware remembers their answers (a retried
    // workflow action also reuses the same Update id, which Temporal applies once).
    policy: routePolicy({ replay: rememberActions }),
    ...(deps.trustedProxies ? { trustedProxies: deps.trustedProxies } : {}),
    refusals: { trail: deps.audit, actorOf: (req) => req.principal?.staffId },
    before: [
      // The workflow engine (a verified worker token) is exempt from both limits: it acts for every case of every
      // town, and its load is bounded by the worker's concurrency instead.
      ...limitByAddress(deps.verifier, { limit: limits.perIp, ...counterOf(deps) }),
      authenticate(deps.verifier),
      limitByUser({ limit: limits.perUser, label: 'for one user', ...counterOf(deps) }),
    ],
    readiness: deps.readiness ?? {},
    degradedWithout: deps.degradedWithout ?? {},
    // Document content is the one body that is not JSON: its route reads it, after its guard lets the caller through.
    acceptsRawBody: isDocumentUpload,
    mapError: infrastructureErrorMapper({ database: 'The case database', temporal: true }),
  });
  return { app, cases, ...(repairs ? { repairs } : {}), routes: routeSets.flatMap((set) => set.routes) };
}
