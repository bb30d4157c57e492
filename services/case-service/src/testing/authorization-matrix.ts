/**
 * case-service's authorization matrix, run twice: on the in-memory wiring (unit tier) and on real PostgreSQL
 * (integration tier). Every route × every role × own/foreign object, generated from the route table: a new route
 * without an entry here fails the build. "Own" is a case reported by the caller's agency (for a coordinator: any case of the town);
 * "foreign" a case of another village's agency. Invisible cases answer 404 like missing ones, and leak nothing.
 * Besides the staff roles, every route lists the dispute worker's `workflow-engine` role: it may call the
 * `/internal/v1` routes and nothing else; staff may call those routes never.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import request from 'supertest';
import type { Express } from 'express';
import { makeDisputeWorkflowId, type Principal, type StaffRole } from '@gongzhi/contracts';
import {
  type AuthorizationMatrix,
  type DefaultMatrixRole,
  type MatrixRow,
  matrixRows,
  type ObjectOwnership,
  timelineEvent,
} from '@gongzhi/testing';
import type { WORKFLOW_ENGINE_ROLE } from '../kernel/principals';
import { tasksRoutes } from '../tasks/tasks.controller';
import { taskViewsRoutes } from '../task-views/task-views.controller';
import type { TaskViewsService } from '../task-views/task-views.service';
import type { InMemoryStaffDirectory } from '../staff/staff-directory.fakes';
import type { InMemoryPartyDirectory } from '../parties/party-directory.fakes';
import type { TasksRepository } from '../tasks/tasks.repository';
import type { TasksService } from '../tasks/tasks.service';
import { workflowApiRoutes } from '../workflow-api/workflow-api.controller';
import type { WorkflowApiService } from '../workflow-api/workflow-api.service';
import type { DocumentStore } from '../documents/document-store';
import type { DocumentsRepository } from '../documents/documents.repository';
import { documentKey } from '../documents/document-store';
import { documentsRoutes } from '../documents/documents.controller';
import { documentGenerationRoutes } from '../documents/document-generation.controller';
import type { DocumentGenerationService } from '../documents/document-generation.service';
import type { DocumentsService } from '../documents/documents.service';
import { reportsRoutes } from '../reports/reports.controller';
import type { ReportsService } from '../reports/reports.service';
import { casesRoutes } from '../cases/cases.controller';
import type { CasesService } from '../cases/cases.service';
import { overdueTransfersRoutes } from '../overdue-transfers/overdue-transfers.controller';
import type { OverdueTransfersService } from '../overdue-transfers/overdue-transfers.service';
import type { AdminService } from '../admin/stuck-scan/stuck-scan.service';
import { townStuckRoutes } from '../admin/stuck-scan/town-stuck.controller';

const report = {
  disputeType: 'neighbour',
  source: 'walk-in',
  summary: 'A leaning wall between courtyards.',
  townCode: 'qingshui',
};

const seesOwn = { own: 200, foreign: 404 } as const;
const seesTown = { own: 200, foreign: 200 } as const;
const creates = { none: 201 } as const;
const lists = { none: 200 } as const;
const anonymousObject = { own: 401, foreign: 401 } as const;
const notCoordinator = { own: 403, foreign: 403 } as const;
/** Adding documents follows editing: grid workers read a case's documents but do not add them. */
const addsOwn = (status: number) => ({ own: status, foreign: 404 });
const addsTown = (status: number) => ({ own: status, foreign: status });
const readOnlyGridWorker = { own: 403, foreign: 404 } as const;
/** The workflow engine on a staff route: refused whatever the object (it sees every case, so no 404 to hide behind). */
const staffOnly = { own: 403, foreign: 403 } as const;
const staffOnlyList = { none: 403 } as const;
/** Staff on a workflow-facing route. */
const engineOnly = { own: 403, foreign: 403 } as const;
/** A route of the dispute worker's (`/internal/v1`): every staff role refused, the engine answered with `status`. */
const workflowEngineRoute = (status: number) => ({
  anonymous: anonymousObject,
  'grid-worker': engineOnly,
  mediator: engineOnly,
  liaison: engineOnly,
  coordinator: engineOnly,
  administrator: engineOnly,
  'workflow-engine': { own: status, foreign: status },
});
/** Holding a task: the task's agency (own) with its role; anyone else who sees the case is refused. */
const holds = { own: 200, foreign: 404 } as const;
const seesButDoesNotHold = { own: 403, foreign: 404 } as const;

/** Every route also lists the dispute worker's role. */
type CaseServiceRole = DefaultMatrixRole | typeof WORKFLOW_ENGINE_ROLE;
export type CaseServiceMatrixRow = MatrixRow<CaseServiceRole>;

const pdf = Buffer.from('%PDF-1.7 matrix test agreement');
const pdfSha = createHash('sha256').update(pdf).digest('hex');
const documentMetadata = {
  title: 'Mediation agreement',
  kind: 'mediation-agreement',
  contentType: 'application/pdf',
  sizeBytes: pdf.length,
  sha256: pdfSha,
};

const matrix: AuthorizationMatrix<CaseServiceRole> = {
  openCase: {
    anonymous: { none: 401 },
    'grid-worker': creates,
    mediator: creates,
    liaison: creates,
    coordinator: creates,
    administrator: creates,
    'workflow-engine': staffOnlyList,
  },
  fileReport: {
    anonymous: { none: 401 },
    'grid-worker': creates,
    mediator: creates,
    liaison: creates,
    coordinator: creates,
    administrator: creates,
    'workflow-engine': staffOnlyList,
  },
  listCases: {
    anonymous: { none: 401 },
    'grid-worker': lists,
    mediator: lists,
    liaison: lists,
    coordinator: lists,
    administrator: lists,
    'workflow-engine': staffOnlyList,
  },
  getCase: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  getCaseTimeline: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  listCaseReports: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  // Grid workers report and follow; they do not edit.
  updateCase: {
    anonymous: anonymousObject,
    'grid-worker': { own: 403, foreign: 404 },
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  createCaseDocument: {
    anonymous: anonymousObject,
    'grid-worker': readOnlyGridWorker,
    mediator: addsOwn(201),
    liaison: addsOwn(201),
    coordinator: addsTown(201),
    administrator: addsTown(201),
    'workflow-engine': staffOnly,
  },
  listCaseDocuments: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  uploadDocumentContent: {
    anonymous: anonymousObject,
    'grid-worker': readOnlyGridWorker,
    mediator: addsOwn(200),
    liaison: addsOwn(200),
    coordinator: addsTown(200),
    administrator: addsTown(200),
    'workflow-engine': staffOnly,
  },
  // Writing a document follows adding one. The matrix's cases have no agreement recorded, so whoever passes the gate
  // is told so (409) before any party is read or any PDF written: the row checks the gate alone.
  generateCaseDocument: {
    anonymous: anonymousObject,
    'grid-worker': readOnlyGridWorker,
    mediator: addsOwn(409),
    liaison: addsOwn(409),
    coordinator: addsTown(409),
    administrator: addsTown(409),
    'workflow-engine': staffOnly,
  },
  getDocumentContent: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  // Merging and splitting is the coordinator's call; others are told so without learning whether the case exists.
  mergeCase: {
    anonymous: anonymousObject,
    'grid-worker': notCoordinator,
    mediator: notCoordinator,
    liaison: notCoordinator,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  splitCase: {
    anonymous: anonymousObject,
    'grid-worker': notCoordinator,
    mediator: notCoordinator,
    liaison: notCoordinator,
    coordinator: { own: 201, foreign: 201 },
    administrator: { own: 201, foreign: 201 },
    'workflow-engine': staffOnly,
  },
  // Possible duplicates: listed for coordinators; decided by whoever may correct both cases (a grid worker may not).
  listDuplicateSuggestions: {
    anonymous: { none: 401 },
    'grid-worker': { none: 403 },
    mediator: { none: 403 },
    liaison: { none: 403 },
    coordinator: lists,
    administrator: lists,
    'workflow-engine': staffOnlyList,
  },
  confirmDuplicateSuggestion: {
    anonymous: anonymousObject,
    'grid-worker': readOnlyGridWorker,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  dismissDuplicateSuggestion: {
    anonymous: anonymousObject,
    'grid-worker': readOnlyGridWorker,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  // A queue is scoped, never refused: a mediator of agency A lists A's tasks and never B's (checked below).
  listTasks: {
    anonymous: { none: 401 },
    'grid-worker': lists,
    mediator: lists,
    liaison: lists,
    coordinator: lists,
    administrator: lists,
    'workflow-engine': staffOnlyList,
  },
  getTask: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  listCaseTasks: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  // The row's task is a `mediate` task of the case's agency for mediators: only they hold it.
  completeTask: {
    anonymous: anonymousObject,
    'grid-worker': seesButDoesNotHold,
    mediator: holds,
    liaison: seesButDoesNotHold,
    coordinator: notCoordinator,
    administrator: notCoordinator,
    'workflow-engine': staffOnly,
  },
  // Anyone who sees the case may send an action (the workflow decides); administrators never act on cases.
  actOnCase: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: notCoordinator,
    'workflow-engine': staffOnly,
  },
  // Claiming takes a task of your agency with its role: only the mediators of the task's agency may.
  claimTask: {
    anonymous: anonymousObject,
    'grid-worker': seesButDoesNotHold,
    mediator: holds,
    liaison: seesButDoesNotHold,
    coordinator: notCoordinator,
    administrator: notCoordinator,
    'workflow-engine': staffOnly,
  },
  // The row's task is held by the caller's mediator colleague (own: `staff-mediator` itself) or by a Xiaba mediator:
  // its holder and supervisors (the agency's liaison, the town's coordinators, administrators) release it.
  unclaimTask: {
    anonymous: anonymousObject,
    'grid-worker': seesButDoesNotHold,
    mediator: holds,
    liaison: holds,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  // Assigning and reassigning is for supervisors: the liaison of the task's agency, coordinators, administrators.
  assignTask: {
    anonymous: anonymousObject,
    'grid-worker': seesButDoesNotHold,
    mediator: seesButDoesNotHold,
    liaison: holds,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  reassignTask: {
    anonymous: anonymousObject,
    'grid-worker': seesButDoesNotHold,
    mediator: seesButDoesNotHold,
    liaison: holds,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  // Anyone who sees a task may read its notes and add one; administrators read but do not write in a dispute.
  addTaskNote: {
    anonymous: anonymousObject,
    'grid-worker': addsOwn(201),
    mediator: addsOwn(201),
    liaison: addsOwn(201),
    coordinator: addsTown(201),
    administrator: notCoordinator,
    'workflow-engine': staffOnly,
  },
  listTaskNotes: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
    'workflow-engine': staffOnly,
  },
  // Counts, the inbox and the watched cases are scoped to the caller, never refused (the scope is checked below).
  countTasks: {
    anonymous: { none: 401 },
    'grid-worker': lists,
    mediator: lists,
    liaison: lists,
    coordinator: lists,
    administrator: lists,
    'workflow-engine': staffOnlyList,
  },
  listInbox: {
    anonymous: { none: 401 },
    'grid-worker': lists,
    mediator: lists,
    liaison: lists,
    coordinator: lists,
    administrator: lists,
    'workflow-engine': staffOnlyList,
  },
  // The 督办 list: the coordinators' (their town's) and the administrators'; nobody else urges (the scope is checked
  // below).
  listOverdueTransfers: {
    anonymous: { none: 401 },
    'grid-worker': { none: 403 },
    mediator: { none: 403 },
    liaison: { none: 403 },
    coordinator: lists,
    administrator: lists,
    'workflow-engine': staffOnlyList,
  },
  // Saved task views: anyone on the staff saves and lists their own. The row's view is a colleague's, shared with the
  // caller's agency (own), or a Xiaba grid worker's kept private (foreign): read where seen, changed only by its owner
  // or an administrator it is shared with.
  listTaskViews: {
    anonymous: { none: 401 },
    'grid-worker': lists,
    mediator: lists,
    liaison: lists,
    coordinator: lists,
    administrator: lists,
    'workflow-engine': staffOnlyList,
  },
  createTaskView: {
    anonymous: { none: 401 },
    'grid-worker': creates,
    mediator: creates,
    liaison: creates,
    coordinator: creates,
    administrator: creates,
    'workflow-engine': staffOnlyList,
  },
  getTaskView: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesOwn,
    administrator: seesOwn,
    'workflow-engine': staffOnly,
  },
  replaceTaskView: {
    anonymous: anonymousObject,
    'grid-worker': seesButDoesNotHold,
    mediator: seesButDoesNotHold,
    liaison: seesButDoesNotHold,
    coordinator: seesButDoesNotHold,
    administrator: seesOwn,
    'workflow-engine': staffOnly,
  },
  deleteTaskView: {
    anonymous: anonymousObject,
    'grid-worker': seesButDoesNotHold,
    mediator: seesButDoesNotHold,
    liaison: seesButDoesNotHold,
    coordinator: seesButDoesNotHold,
    administrator: seesOwn,
    'workflow-engine': staffOnly,
  },
  listWatchedCases: {
    anonymous: { none: 401 },
    'grid-worker': lists,
    mediator: lists,
    liaison: lists,
    coordinator: lists,
    administrator: lists,
    'workflow-engine': staffOnlyList,
  },
  openWorkflowTask: workflowEngineRoute(201),
  closeWorkflowTask: workflowEngineRoute(200),
  remindWorkflowTask: workflowEngineRoute(200),
  recordWorkflowTimelineEvent: workflowEngineRoute(201),
  updateWorkflowCaseProgress: workflowEngineRoute(200),
  commitWorkflowTransition: workflowEngineRoute(200),
};

/**
 * Requests that reach a route the right way with the wrong content (security review, issue 12): task-bound actions
 * sent to the case with a task's action id, people and agencies named that agency-service does not vouch for. Every
 * role and ownership runs like a route row; the name before the colon is the route.
 */
const scenarios: AuthorizationMatrix<CaseServiceRole> = {
  // The target's mediate task is held by a mediator colleague of its agency; the caller names it on the case route.
  // The task's rules apply as on /tasks/:id/complete: its holder's to do (409), others may not hold it (403).
  'actOnCase:heldTask': {
    anonymous: anonymousObject,
    'grid-worker': seesButDoesNotHold,
    mediator: { own: 409, foreign: 404 },
    liaison: seesButDoesNotHold,
    coordinator: notCoordinator,
    administrator: notCoordinator,
    'workflow-engine': staffOnly,
  },
  // Accepting the target's transfer on the case route, naming a mediator of another agency (the police) responsible:
  // its holders (the committee's mediators and liaisons) are refused, 422 assignee-not-eligible.
  'actOnCase:acceptNamingOtherAgencyMediator': {
    anonymous: anonymousObject,
    'grid-worker': seesButDoesNotHold,
    mediator: { own: 422, foreign: 404 },
    liaison: { own: 422, foreign: 404 },
    coordinator: notCoordinator,
    administrator: notCoordinator,
    'workflow-engine': staffOnly,
  },
  // The same on the task route, naming an id nobody has.
  'completeTask:acceptNamingNobody': {
    anonymous: anonymousObject,
    'grid-worker': seesButDoesNotHold,
    mediator: { own: 422, foreign: 404 },
    liaison: { own: 422, foreign: 404 },
    coordinator: notCoordinator,
    administrator: notCoordinator,
    'workflow-engine': staffOnly,
  },
  // Joint mediation with another town's police station: the town's coordinators are refused (422 agency-not-in-town),
  // everyone else may not add agencies at all (403).
  'actOnCase:jointAgencyOfAnotherTown': {
    anonymous: anonymousObject,
    'grid-worker': { own: 403, foreign: 404 },
    mediator: { own: 403, foreign: 404 },
    liaison: { own: 403, foreign: 404 },
    coordinator: { own: 422, foreign: 422 },
    administrator: notCoordinator,
    'workflow-engine': staffOnly,
  },
  // Re-routing the target's bounced transfer (its handle-rejection task, for the agency's mediators, liaisons and
  // coordinators) to a made-up agency: refused to those who hold the task (422), by the task's rules to the others.
  'actOnCase:rerouteToMadeUpAgency': {
    anonymous: anonymousObject,
    'grid-worker': seesButDoesNotHold,
    mediator: { own: 422, foreign: 404 },
    liaison: { own: 422, foreign: 404 },
    coordinator: { own: 422, foreign: 403 },
    administrator: notCoordinator,
    'workflow-engine': staffOnly,
  },
};

function caller(role: StaffRole): Principal {
  return {
    staffId: `staff-${role}`,
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    townCode: 'qingshui',
    roles: [role],
  };
}
const ownReporter: Principal = {
  staffId: 'grid-own',
  agencyId: '0a9e0000-0000-4000-8000-000000000006',
  townCode: 'qingshui',
  roles: ['grid-worker'],
};
const foreignReporter: Principal = {
  staffId: 'grid-x',
  agencyId: '0a9e0000-0000-4000-8000-000000000007',
  townCode: 'qingshui',
  roles: ['grid-worker'],
};

// The real route table (building it does no I/O), so a route added to a controller shows up here at once.
const routeTable = [
  ...casesRoutes({} as CasesService).routes,
  ...reportsRoutes({} as ReportsService).routes,
  ...documentsRoutes({} as DocumentsService).routes,
  ...documentGenerationRoutes({} as DocumentGenerationService).routes,
  ...tasksRoutes({} as TasksService, {} as TaskViewsService).routes,
  ...taskViewsRoutes({} as TaskViewsService).routes,
  ...workflowApiRoutes({} as WorkflowApiService).routes,
  ...overdueTransfersRoutes({} as OverdueTransfersService).routes,
];

/** The scenarios as rows; each must name a route before its colon. */
function scenarioRows(): CaseServiceMatrixRow[] {
  const names = Object.keys(scenarios);
  const stray = names.filter((name) => !routeTable.some((route) => route.operationId === name.split(':')[0]));
  if (stray.length > 0) throw new Error(`authorization scenarios of no route: ${stray.join(', ')}`);
  return matrixRows(
    names.map((operationId) => ({ operationId, method: 'post', path: operationId })),
    scenarios,
  );
}

export const caseServiceMatrixRows: CaseServiceMatrixRow[] = [...matrixRows(routeTable, matrix), ...scenarioRows()];

/** What a matrix row needs from a wiring, fake or real. */
export interface MatrixHarness {
  app: Express;
  bearer(principal: Principal): Promise<string>;
  /** The dispute worker's Authorization header. */
  engineBearer(): Promise<string>;
  documents: DocumentsRepository;
  documentStore: DocumentStore;
  tasks: TasksRepository;
  staffDirectory: InMemoryStaffDirectory;
  partyDirectory: InMemoryPartyDirectory;
}

/** Who may hold each kind of task the rows open, as the workflow sets them. */
const TASK_ROLES = {
  mediate: ['mediator'],
  'accept-transfer': ['liaison', 'mediator'],
  'handle-rejection': ['mediator', 'liaison', 'coordinator'],
} as const satisfies Record<string, readonly StaffRole[]>;

/** A `mediate` task of the case's agency, as the workflow opens one (or, with `kind`, another task of that agency). */
function mediateTask(
  caseId: string,
  agencyId: string,
  kind: 'mediate' | 'accept-transfer' | 'handle-rejection' = 'mediate',
) {
  return {
    id: randomUUID(),
    caseId,
    townCode: 'qingshui',
    workflowId: makeDisputeWorkflowId(caseId),
    action: {
      actionId: `1-${kind}-${randomUUID()}`,
      kind,
      level: 'L1' as const,
      agencyId,
      roles: [...TASK_ROLES[kind]],
      assigneeStaffId: null,
      openedAt: new Date().toISOString(),
      dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      rule: '人民调解法 / 30 days',
      reason: null,
    },
  };
}

/**
 * Runs one row on fresh objects (its own cases and documents), so rows never depend on each other's changes, and
 * checks the status and that a refused request leaks nothing of the case.
 */
export async function runMatrixRow(harness: MatrixHarness, row: CaseServiceMatrixRow): Promise<void> {
  const { operationId, role, ownership, expected } = row;
  const fake = harness;
  const open = async (principal: Principal) =>
    (
      await request(fake.app)
        .post('/api/v1/cases')
        .set('Authorization', await fake.bearer(principal))
        .send(report)
    ).body.id as string;
  const ids: Record<Exclude<ObjectOwnership, 'none'>, string> = {
    own: await open(ownReporter),
    foreign: await open(foreignReporter),
  };
  const anotherOwn = await open(ownReporter);
  const target = ownership === 'none' ? '' : ids[ownership];
  const auth =
    role === 'anonymous'
      ? {}
      : { Authorization: role === 'workflow-engine' ? await fake.engineBearer() : await fake.bearer(caller(role)) };
  const app = request(fake.app);
  // A pending document (for the upload) and a stored one (for the download) on the target case.
  const seedDocument = async (stored: boolean) => {
    const id = randomUUID();
    if (!target) return id;
    await fake.documents.create({
      ...documentMetadata,
      kind: 'mediation-agreement',
      id,
      caseId: target,
      uploadedBy: 'med-x',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
    });
    if (stored) {
      await fake.documentStore.put(documentKey(target, id), Readable.from([pdf]), { sha256: pdfSha, size: pdf.length });
      await fake.documents.markStored(target, id, {
        staffId: 'med-x',
        agencyId: '0a9e0000-0000-4000-8000-000000000006',
      });
    }
    return id;
  };
  const pendingDocument = await seedDocument(false);
  const storedDocument = await seedDocument(true);
  // A task on each case, held by that case's agency: the own one by the caller's agency, the foreign one by Xiaba's.
  const ownTask = await fake.tasks.open(mediateTask(ids.own, ownReporter.agencyId));
  const foreignTask = await fake.tasks.open(mediateTask(ids.foreign, foreignReporter.agencyId));
  const targetTask = ownership === 'foreign' ? foreignTask.task : ownTask.task;
  const internal = `/internal/v1/cases/${target}`;
  // Colleagues agency-service knows: mediators of each agency, to be handed tasks.
  const colleague = (agencyId: string) => fake.staffDirectory.add({ id: randomUUID(), agencyId }).id;
  const taskAgency = ownership === 'foreign' ? foreignReporter.agencyId : ownReporter.agencyId;
  /** Puts the target task in someone's hands first (own: the matrix's own mediator; foreign: a Xiaba mediator). */
  const holdTarget = async (holder: string) => {
    expect((await fake.tasks.claim(targetTask.id, holder, new Date())).changed).toBe(true);
  };

  /**
   * A possible duplicate between two cases of the target's agency (own: Shangba's; foreign: Xiaba's): two reports of
   * one village, type and grid cell (a cell of this row alone), no party in common.
   */
  const suggestionOfTarget = async () => {
    const reporter = ownership === 'foreign' ? foreignReporter : ownReporter;
    const place = {
      ...report,
      villageCode: ownership === 'foreign' ? 'xiaba' : 'shangba',
      gridCode: `m-${randomUUID().slice(0, 8)}`,
    };
    const file = async () =>
      (
        await request(fake.app)
          .post('/api/v1/reports')
          .set('Authorization', await fake.bearer(reporter))
          .send(place)
      ).body as { outcome: string; case: { id: string } };
    await file();
    const second = await file();
    const seen = await request(fake.app)
      .get(`/api/v1/cases/${second.case.id}`)
      .set('Authorization', await fake.bearer(reporter));
    const [suggestion] = seen.body.duplicateSuggestions as { id: string }[];
    if (second.outcome !== 'opened' || !suggestion) throw new Error('matrix fixture: no possible duplicate');
    return suggestion.id;
  };
  const decideSuggestion = async (decision: 'confirm' | 'dismiss') =>
    app
      .post(`/api/v1/duplicate-suggestions/${await suggestionOfTarget()}/${decision}`)
      .set(auth)
      .set('Idempotency-Key', `matrix-${randomUUID()}`)
      .send({ reason: 'Checked with both families.' });

  /**
   * A saved task view: own, a colleague's shared with the caller's agency; foreign, a Xiaba grid worker's, private.
   */
  const taskViewOfTarget = async () => {
    const shared = ownership !== 'foreign';
    const view = await fake.tasks.savedViews.create({
      id: randomUUID(),
      name: `view ${randomUUID().slice(0, 8)}`,
      ownerStaffId: shared ? `colleague-${randomUUID()}` : foreignReporter.staffId,
      townCode: 'qingshui',
      filters: { overdue: true },
      shareRoles: [],
      shareAgencyIds: shared ? [ownReporter.agencyId] : [],
      at: new Date(),
    });
    return view.id;
  };

  /** An action sent to the target case with POST /cases/:id/actions. */
  const actOnTarget = (body: object) =>
    app.post(`/api/v1/cases/${target}/actions`).set(auth).set('Idempotency-Key', `matrix-${randomUUID()}`).send(body);
  /** A fresh task of that kind on the target case, for its agency, nobody holding it. */
  const targetTaskOf = async (kind: 'accept-transfer' | 'handle-rejection') =>
    (await fake.tasks.open(mediateTask(target, taskAgency, kind))).task;

  const send = {
    openCase: () => app.post('/api/v1/cases').set(auth).send(report),
    fileReport: () => app.post('/api/v1/reports').set(auth).send(report),
    listCases: () => app.get('/api/v1/cases').set(auth),
    getCase: () => app.get(`/api/v1/cases/${target}`).set(auth),
    getCaseTimeline: () => app.get(`/api/v1/cases/${target}/timeline`).set(auth),
    listCaseReports: () => app.get(`/api/v1/cases/${target}/reports`).set(auth),
    updateCase: () =>
      app
        .patch(`/api/v1/cases/${target}`)
        .set(auth)
        .set('If-Match', '*')
        .send({ summary: 'Corrected by the matrix test.' }),
    createCaseDocument: () => app.post(`/api/v1/cases/${target}/documents`).set(auth).send(documentMetadata),
    listCaseDocuments: () => app.get(`/api/v1/cases/${target}/documents`).set(auth),
    uploadDocumentContent: () =>
      app
        .put(`/api/v1/cases/${target}/documents/${pendingDocument}/content`)
        .set(auth)
        .set('Content-Type', 'application/pdf')
        .send(pdf),
    getDocumentContent: () => app.get(`/api/v1/cases/${target}/documents/${storedDocument}/content`).set(auth),
    generateCaseDocument: () =>
      app
        .post(`/api/v1/cases/${target}/documents/generated`)
        .set(auth)
        .set('Idempotency-Key', `matrix-${randomUUID()}`)
        .send({
          kind: 'mediation-agreement',
          terms: ['The wall is rebuilt on the boundary.'],
          performance: { manner: 'Each family pays half.', deadline: 'Within 30 days.' },
        }),
    mergeCase: () =>
      app
        .post(`/api/v1/cases/${target}/merge`)
        .set(auth)
        .send({ intoCaseId: anotherOwn, reason: 'Same wall, same families.' }),
    splitCase: async () => {
      // A case with two reports of one event, so one of them can be split off without emptying the case.
      const reporter = ownership === 'foreign' ? foreignReporter : ownReporter;
      const eventRef = `matrix-${randomUUID()}`;
      const file = async () =>
        (
          await request(fake.app)
            .post('/api/v1/reports')
            .set('Authorization', await fake.bearer(reporter))
            .send({ ...report, eventRef })
        ).body as { case: { id: string }; report: { id: string } };
      const first = await file();
      const second = await file();
      return app
        .post(`/api/v1/cases/${first.case.id}/split`)
        .set(auth)
        .send({ reportIds: [second.report.id], reason: 'A second, unrelated quarrel.' });
    },
    listDuplicateSuggestions: () => app.get('/api/v1/duplicate-suggestions').set(auth),
    confirmDuplicateSuggestion: () => decideSuggestion('confirm'),
    dismissDuplicateSuggestion: () => decideSuggestion('dismiss'),
    listTasks: () => app.get('/api/v1/tasks').set(auth),
    getTask: () => app.get(`/api/v1/tasks/${targetTask.id}`).set(auth),
    listCaseTasks: () => app.get(`/api/v1/cases/${target}/tasks`).set(auth),
    completeTask: () =>
      app
        .post(`/api/v1/tasks/${targetTask.id}/complete`)
        .set(auth)
        .set('Idempotency-Key', `matrix-${randomUUID()}`)
        .send({ action: { kind: 'record-session', heldAt: new Date().toISOString() } }),
    claimTask: () =>
      app.post(`/api/v1/tasks/${targetTask.id}/claim`).set(auth).set('Idempotency-Key', `matrix-${randomUUID()}`),
    unclaimTask: async () => {
      await holdTarget(ownership === 'foreign' ? colleague(foreignReporter.agencyId) : caller('mediator').staffId);
      return app.post(`/api/v1/tasks/${targetTask.id}/unclaim`).set(auth);
    },
    assignTask: () =>
      app
        .post(`/api/v1/tasks/${targetTask.id}/assign`)
        .set(auth)
        .send({ staffId: colleague(taskAgency) }),
    reassignTask: async () => {
      await holdTarget(colleague(taskAgency));
      return app
        .post(`/api/v1/tasks/${targetTask.id}/reassign`)
        .set(auth)
        .set('Idempotency-Key', `matrix-${randomUUID()}`)
        .send({ staffId: colleague(taskAgency) });
    },
    addTaskNote: () =>
      app
        .post(`/api/v1/tasks/${targetTask.id}/notes`)
        .set(auth)
        .send({ text: 'Called the respondent; a session on Friday.' }),
    listTaskNotes: () => app.get(`/api/v1/tasks/${targetTask.id}/notes`).set(auth),
    countTasks: () => app.get('/api/v1/tasks/counts').set(auth),
    listInbox: async () => {
      // A transfer waiting at each village committee: the caller's agency's and Xiaba's.
      await fake.tasks.open(mediateTask(ids.own, ownReporter.agencyId, 'accept-transfer'));
      await fake.tasks.open(mediateTask(ids.foreign, foreignReporter.agencyId, 'accept-transfer'));
      return app.get('/api/v1/inbox?limit=100').set(auth);
    },
    listOverdueTransfers: async () => {
      // A transfer to each village committee, a day past its acceptance deadline.
      await openOverdueTransfer(fake, ids.own, ownReporter.agencyId);
      await openOverdueTransfer(fake, ids.foreign, foreignReporter.agencyId);
      return app.get('/api/v1/overdue-transfers?limit=100').set(auth);
    },
    listWatchedCases: () => app.get('/api/v1/watching').set(auth),
    listTaskViews: () => app.get('/api/v1/task-views').set(auth),
    createTaskView: () =>
      app
        .post('/api/v1/task-views')
        .set(auth)
        .send({ name: `逾期 ${randomUUID().slice(0, 8)}`, filters: { overdue: true }, shareRoles: ['liaison'] }),
    getTaskView: async () => app.get(`/api/v1/task-views/${await taskViewOfTarget()}`).set(auth),
    replaceTaskView: async () =>
      app
        .put(`/api/v1/task-views/${await taskViewOfTarget()}`)
        .set(auth)
        .send({ name: `改 ${randomUUID().slice(0, 8)}`, filters: { sort: 'priority' } }),
    deleteTaskView: async () => app.delete(`/api/v1/task-views/${await taskViewOfTarget()}`).set(auth),
    actOnCase: () =>
      app
        .post(`/api/v1/cases/${target}/actions`)
        .set(auth)
        .set('Idempotency-Key', `matrix-${randomUUID()}`)
        .send({ action: { kind: 'withdraw' } }),
    'actOnCase:heldTask': async () => {
      await holdTarget(colleague(taskAgency));
      return actOnTarget({
        actionId: targetTask.actionId,
        action: { kind: 'record-session', heldAt: new Date().toISOString() },
      });
    },
    'actOnCase:acceptNamingOtherAgencyMediator': async () =>
      actOnTarget({
        actionId: (await targetTaskOf('accept-transfer')).actionId,
        action: { kind: 'accept-transfer', responsibleStaffId: colleague('0a9e0000-0000-4000-8000-000000000005') },
      }),
    'completeTask:acceptNamingNobody': async () =>
      app
        .post(`/api/v1/tasks/${(await targetTaskOf('accept-transfer')).id}/complete`)
        .set(auth)
        .set('Idempotency-Key', `matrix-${randomUUID()}`)
        .send({ action: { kind: 'accept-transfer', responsibleStaffId: randomUUID() } }),
    'actOnCase:jointAgencyOfAnotherTown': () =>
      actOnTarget({ action: { kind: 'add-joint-agencies', agencyIds: ['0a9e0000-0000-4000-8000-000000000003'] } }),
    'actOnCase:rerouteToMadeUpAgency': async () =>
      actOnTarget({
        actionId: (await targetTaskOf('handle-rejection')).actionId,
        action: { kind: 'reroute', toLevel: 'L1', agencyId: randomUUID() },
      }),
    openWorkflowTask: () => {
      const { action, workflowId } = mediateTask(target, '0a9e0000-0000-4000-8000-000000000005');
      return app.put(`${internal}/tasks/${action.actionId}`).set(auth).send({ workflowId, action });
    },
    closeWorkflowTask: () =>
      app
        .post(`${internal}/tasks/${targetTask.actionId}/close`)
        .set(auth)
        .send({ outcome: 'cancelled', closedBy: null, closedAt: new Date().toISOString() }),
    remindWorkflowTask: () =>
      app
        .post(`${internal}/tasks/${targetTask.actionId}/remind`)
        .set(auth)
        .send({ remindedAt: new Date().toISOString() }),
    recordWorkflowTimelineEvent: () =>
      app
        .put(`${internal}/timeline/${target}:wf:1`)
        .set(auth)
        .send(timelineEvent({ type: 'route-planned', agencyId: null, at: new Date().toISOString() })),
    updateWorkflowCaseProgress: () =>
      app.put(`${internal}/progress`).set(auth).send({
        progressSeq: 1,
        level: 'L1',
        phase: 'transfer',
        agencyId: '0a9e0000-0000-4000-8000-000000000006',
        involvedAgencyIds: [],
        outcome: null,
        awaitedAction: 'accept-transfer',
        nextDeadline: null,
      }),
    commitWorkflowTransition: () => {
      const { action, workflowId } = mediateTask(target, '0a9e0000-0000-4000-8000-000000000005');
      return app
        .put(`${internal}/transitions/${target}:tr:1`)
        .set(auth)
        .send({
          workflowId,
          writes: [
            {
              kind: 'close-task',
              actionId: targetTask.actionId,
              outcome: 'cancelled',
              closedBy: null,
              closedAt: action.openedAt,
            },
            { kind: 'open-task', action },
          ],
        });
    },
  }[operationId];
  if (!send) throw new Error(`no request for ${operationId}`);
  const res = await send();
  expect(res.status).toBe(expected);
  // A queue never shows another agency's tasks to staff outside the coordinator's and administrator's view.
  if (operationId === 'listTasks' && res.status === 200 && role !== 'coordinator' && role !== 'administrator') {
    const agencies = (res.body.items as { agencyId: string }[]).map((task) => task.agencyId);
    expect(agencies).toContain(ownReporter.agencyId);
    expect(agencies).not.toContain(foreignReporter.agencyId);
  }
  if (operationId === 'listTasks' && res.status === 200) await checkViews(app, auth.Authorization ?? '', role);
  // A liaison's (a mediator's) inbox is their agency's; a grid worker has none; coordinators see the town's.
  if (operationId === 'listInbox' && res.status === 200) {
    const agencies = (res.body.items as { task: { agencyId: string } }[]).map((item) => item.task.agencyId);
    if (role === 'grid-worker') expect(agencies).toEqual([]);
    if (role === 'mediator' || role === 'liaison') {
      expect(agencies).toContain(ownReporter.agencyId);
      expect(agencies).not.toContain(foreignReporter.agencyId);
    }
    if (role === 'coordinator' || role === 'administrator') {
      expect(agencies).toEqual(expect.arrayContaining([ownReporter.agencyId, foreignReporter.agencyId]));
    }
  }
  // The coordinators urge every agency of their town: both transfers are listed.
  if (operationId === 'listOverdueTransfers' && res.status === 200) {
    const cases = (res.body.items as { caseId: string }[]).map((item) => item.caseId);
    expect(cases).toEqual(expect.arrayContaining([ids.own, ids.foreign]));
  }
  if (res.status === 404 || res.status === 403) expect(JSON.stringify(res.body)).not.toContain('leaning wall');
}

/** An accept-transfer task of the case's agency, opened as the workflow does, a day past its deadline. */
async function openOverdueTransfer(harness: Pick<MatrixHarness, 'tasks'>, caseId: string, agencyId: string) {
  const task = mediateTask(caseId, agencyId, 'accept-transfer');
  const dueAt = new Date(Date.now() - 86_400_000).toISOString();
  return (await harness.tasks.open({ ...task, action: { ...task.action, dueAt } })).task;
}

/** Which views each role has: team for liaisons and above, all for coordinators and administrators. */
const VIEW_STATUS: Record<string, Partial<Record<CaseServiceRole, number>>> = {
  available: {},
  mine: {},
  watching: {},
  team: { 'grid-worker': 403, mediator: 403 },
  all: { 'grid-worker': 403, mediator: 403, liaison: 403 },
};

/**
 * Every view of the queue for the row's role: refused where the role lacks it, and never showing another agency's
 * task to staff below the coordinators (a liaison of agency A never sees agency B's tasks).
 */
async function checkViews(app: ReturnType<typeof request>, authorization: string, role: CaseServiceRole) {
  for (const [view, refused] of Object.entries(VIEW_STATUS)) {
    const res = await app.get(`/api/v1/tasks?view=${view}&limit=100`).set('Authorization', authorization);
    expect({ view, status: res.status }).toEqual({ view, status: refused[role] ?? 200 });
    if (res.status !== 200 || role === 'coordinator' || role === 'administrator') continue;
    const agencies = (res.body.items as { agencyId: string }[]).map((task) => task.agencyId);
    expect(agencies).not.toContain(foreignReporter.agencyId);
  }
}

// -----------------------------------------------------------------------------------------------------------------
// Naming a party in a case: every route that takes party ids asks party-service, as the caller, whether the party
// exists and is theirs to see (party-service's rule: administrators all, coordinators their town, everyone else the
// parties their agency is involved with). A made-up id, another agency's party or another town's is refused with a
// 422 naming the field; a grid worker, who may not correct a case, is refused that first (403).

/** Whose party a request names, seen from a caller of the Shangba committee in Qingshui. */
export type PartyOwnership = 'own-agency' | 'other-agency' | 'other-town' | 'made-up';
type PartyRoute = 'openCase' | 'fileReport' | 'updateCase';
type PartyExpectations = Record<PartyOwnership, number>;

export interface CasePartyRow {
  operationId: PartyRoute;
  role: StaffRole;
  party: PartyOwnership;
  expected: number;
}

const namesOwn = (status: number): PartyExpectations => ({
  'own-agency': status,
  'other-agency': 422,
  'other-town': 422,
  'made-up': 422,
});
const namesTown = (status: number): PartyExpectations => ({ ...namesOwn(status), 'other-agency': status });
const namesAny = (status: number): PartyExpectations => ({ ...namesTown(status), 'other-town': status });

const partyMatrix: Record<PartyRoute, Record<StaffRole, PartyExpectations>> = {
  openCase: {
    'grid-worker': namesOwn(201),
    mediator: namesOwn(201),
    liaison: namesOwn(201),
    coordinator: namesTown(201),
    administrator: namesAny(201),
  },
  fileReport: {
    'grid-worker': namesOwn(201),
    mediator: namesOwn(201),
    liaison: namesOwn(201),
    coordinator: namesTown(201),
    administrator: namesAny(201),
  },
  updateCase: {
    'grid-worker': { 'own-agency': 403, 'other-agency': 403, 'other-town': 403, 'made-up': 403 },
    mediator: namesOwn(200),
    liaison: namesOwn(200),
    coordinator: namesTown(200),
    administrator: namesAny(200),
  },
};

export const casePartyRows: CasePartyRow[] = Object.entries(partyMatrix).flatMap(([operationId, byRole]) =>
  Object.entries(byRole).flatMap(([role, byParty]) =>
    Object.entries(byParty).map(([party, expected]) => ({
      operationId: operationId as PartyRoute,
      role: role as StaffRole,
      party: party as PartyOwnership,
      expected,
    })),
  ),
);

/** Runs one party row on fresh parties (and, for a correction, a fresh case of the caller's agency). */
export async function runCasePartyRow(harness: MatrixHarness, row: CasePartyRow): Promise<void> {
  const { operationId, role, party, expected } = row;
  const partyId = randomUUID();
  if (party === 'own-agency') harness.partyDirectory.add({ id: partyId, involvedAgencyIds: [ownReporter.agencyId] });
  if (party === 'other-agency') {
    harness.partyDirectory.add({ id: partyId, involvedAgencyIds: [foreignReporter.agencyId] });
  }
  if (party === 'other-town') {
    harness.partyDirectory.add({ id: partyId, townCode: 'hekou', involvedAgencyIds: ['agency-hekou'] });
  }
  const auth = { Authorization: await harness.bearer(caller(role)) };
  const app = request(harness.app);
  let res: request.Response;
  let field = 'parties.0.partyId';
  if (operationId === 'openCase') {
    res = await app
      .post('/api/v1/cases')
      .set(auth)
      .send({ ...report, parties: [{ partyId, role: 'respondent' }] });
  } else if (operationId === 'fileReport') {
    field = 'reporterPartyId';
    res = await app
      .post('/api/v1/reports')
      .set(auth)
      .send({ ...report, reporterPartyId: partyId });
  } else {
    const caseId = (
      await request(harness.app)
        .post('/api/v1/cases')
        .set('Authorization', await harness.bearer(ownReporter))
        .send(report)
    ).body.id as string;
    res = await app
      .patch(`/api/v1/cases/${caseId}`)
      .set(auth)
      .set('If-Match', '*')
      .send({ parties: [{ partyId, role: 'respondent' }] });
  }
  expect(res.status).toBe(expected);
  if (expected === 422) {
    expect(res.body.type).toBe('urn:gongzhi:problem:unknown-party');
    expect(res.body.errors).toEqual([{ path: field, message: expect.any(String) }]);
  }
}

// -----------------------------------------------------------------------------------------------------------------
// The coordinators' view of their own town's stuck cases (GET /api/v1/stuck) exists only where the administrators'
// scan is configured (it needs a view of Temporal), which the wirings the matrix above runs on are not: these rows run
// in admin/stuck-scan/town-stuck.int-spec.ts. Ownership is the town the query names: `none` names none, `own` the caller's,
// `foreign` another town (Hekou). Coordinators may not look past their town; administrators name any.

const townStuckMatrix: AuthorizationMatrix<CaseServiceRole> = {
  listTownStuckCases: {
    anonymous: { none: 401, own: 401, foreign: 401 },
    'grid-worker': { none: 403, own: 403, foreign: 403 },
    mediator: { none: 403, own: 403, foreign: 403 },
    liaison: { none: 403, own: 403, foreign: 403 },
    coordinator: { none: 200, own: 200, foreign: 403 },
    administrator: { none: 200, own: 200, foreign: 200 },
    'workflow-engine': { none: 403, own: 403, foreign: 403 },
  },
};

export const townStuckMatrixRows: CaseServiceMatrixRow[] = matrixRows(
  townStuckRoutes({} as AdminService).routes,
  townStuckMatrix,
);

/** The other town of the town-stuck rows, and a case there (reported by its own staff). */
const otherTown: Principal = {
  staffId: 'grid-hekou',
  agencyId: 'agency-hekou',
  townCode: 'hekou',
  roles: ['grid-worker'],
};

/**
 * Runs one town-stuck row: a transfer a day past its deadline in each town, then the scan as the row's caller. An
 * answer lists only the town asked for (the caller's own unless an administrator named another).
 */
export async function runTownStuckRow(
  harness: Pick<MatrixHarness, 'app' | 'bearer' | 'engineBearer' | 'tasks'>,
  row: CaseServiceMatrixRow,
): Promise<void> {
  const { role, ownership, expected } = row;
  const open = async (principal: Principal) =>
    (
      await request(harness.app)
        .post('/api/v1/cases')
        .set('Authorization', await harness.bearer(principal))
        .send({ ...report, townCode: principal.townCode })
    ).body.id as string;
  const own = await open(ownReporter);
  const foreign = await open(otherTown);
  await openOverdueTransfer(harness, own, '0a9e0000-0000-4000-8000-000000000005');
  const task = mediateTask(foreign, 'agency-hekou-police', 'accept-transfer');
  const dueAt = new Date(Date.now() - 86_400_000).toISOString();
  await harness.tasks.open({ ...task, townCode: 'hekou', action: { ...task.action, dueAt } });
  const town = { none: undefined, own: 'qingshui', foreign: 'hekou' }[ownership];
  const auth =
    role === 'anonymous'
      ? {}
      : {
          Authorization: role === 'workflow-engine' ? await harness.engineBearer() : await harness.bearer(caller(role)),
        };
  const res = await request(harness.app)
    .get(`/api/v1/stuck?kind=overdue-acceptance&limit=500${town ? `&town=${town}` : ''}`)
    .set(auth);
  expect(res.status).toBe(expected);
  if (res.status !== 200) return;
  const items = res.body.items as { caseId: string | null; townCode: string | null }[];
  const asked = town ?? 'qingshui';
  expect(items.every((item) => item.townCode === asked)).toBe(true);
  expect(items.map((item) => item.caseId)).toContain(asked === 'hekou' ? foreign : own);
}
