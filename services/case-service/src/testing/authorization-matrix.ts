/**
 * case-service's authorization matrix, run twice: on the in-memory wiring (unit tier) and on real PostgreSQL
 * (integration tier). Every route × every role × own/foreign object, generated from the route table: a new route
 * without an entry here fails the build. "Own" is a case reported by the caller's agency (for a coordinator: any case of the town);
 * "foreign" a case of another village's agency. Invisible cases answer 404 like missing ones, and leak nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';
import type { Principal, StaffRole } from '@gongzhi/contracts';
import { type AuthorizationMatrix, type MatrixRow, matrixRows, type ObjectOwnership } from '@gongzhi/testing';
import type { DocumentStore } from '../documents/document-store';
import type { DocumentsRepository } from '../documents/documents.repository';
import { documentKey } from '../documents/document-store';
import { documentsRoutes } from '../documents/documents.controller';
import type { DocumentsService } from '../documents/documents.service';
import { reportsRoutes } from '../reports/reports.controller';
import type { ReportsService } from '../reports/reports.service';
import { casesRoutes } from '../cases/cases.controller';
import type { CasesService } from '../cases/cases.service';

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

const pdf = Buffer.from('%PDF-1.7 matrix test agreement');
const pdfSha = createHash('sha256').update(pdf).digest('hex');
const documentMetadata = {
  title: 'Mediation agreement',
  kind: 'mediation-agreement',
  contentType: 'application/pdf',
  sizeBytes: pdf.length,
  sha256: pdfSha,
};

const matrix: AuthorizationMatrix = {
  openCase: {
    anonymous: { none: 401 },
    'grid-worker': creates,
    mediator: creates,
    liaison: creates,
    coordinator: creates,
    administrator: creates,
  },
  fileReport: {
    anonymous: { none: 401 },
    'grid-worker': creates,
    mediator: creates,
    liaison: creates,
    coordinator: creates,
    administrator: creates,
  },
  listCases: {
    anonymous: { none: 401 },
    'grid-worker': lists,
    mediator: lists,
    liaison: lists,
    coordinator: lists,
    administrator: lists,
  },
  getCase: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
  },
  getCaseTimeline: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
  },
  listCaseReports: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
  },
  // Grid workers report and follow; they do not edit.
  updateCase: {
    anonymous: anonymousObject,
    'grid-worker': { own: 403, foreign: 404 },
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
  },
  createCaseDocument: {
    anonymous: anonymousObject,
    'grid-worker': readOnlyGridWorker,
    mediator: addsOwn(201),
    liaison: addsOwn(201),
    coordinator: addsTown(201),
    administrator: addsTown(201),
  },
  listCaseDocuments: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
  },
  uploadDocumentContent: {
    anonymous: anonymousObject,
    'grid-worker': readOnlyGridWorker,
    mediator: addsOwn(200),
    liaison: addsOwn(200),
    coordinator: addsTown(200),
    administrator: addsTown(200),
  },
  getDocumentContent: {
    anonymous: anonymousObject,
    'grid-worker': seesOwn,
    mediator: seesOwn,
    liaison: seesOwn,
    coordinator: seesTown,
    administrator: seesTown,
  },
  // Merging and splitting is the coordinator's call; others are told so without learning whether the case exists.
  mergeCase: {
    anonymous: anonymousObject,
    'grid-worker': notCoordinator,
    mediator: notCoordinator,
    liaison: notCoordinator,
    coordinator: seesTown,
    administrator: seesTown,
  },
  splitCase: {
    anonymous: anonymousObject,
    'grid-worker': notCoordinator,
    mediator: notCoordinator,
    liaison: notCoordinator,
    coordinator: { own: 201, foreign: 201 },
    administrator: { own: 201, foreign: 201 },
  },
};

function caller(role: StaffRole): Principal {
  return { staffId: `staff-${role}`, agencyId: 'agency-shangba', townCode: 'qingshui', roles: [role] };
}
const ownReporter: Principal = {
  staffId: 'grid-own',
  agencyId: 'agency-shangba',
  townCode: 'qingshui',
  roles: ['grid-worker'],
};
const foreignReporter: Principal = {
  staffId: 'grid-x',
  agencyId: 'agency-xiaba',
  townCode: 'qingshui',
  roles: ['grid-worker'],
};

// The real route table (building it does no I/O), so a route added to a controller shows up here at once.
export const caseServiceMatrixRows: MatrixRow[] = matrixRows(
  [
    ...casesRoutes({} as CasesService).routes,
    ...reportsRoutes({} as ReportsService).routes,
    ...documentsRoutes({} as DocumentsService).routes,
  ],
  matrix,
);

/** What a matrix row needs from a wiring, fake or real. */
export interface MatrixHarness {
  app: Express;
  bearer(principal: Principal): Promise<string>;
  documents: DocumentsRepository;
  documentStore: DocumentStore;
}

/**
 * Runs one row on fresh objects (its own cases and documents), so rows never depend on each other's changes, and
 * checks the status and that a refused request leaks nothing of the case.
 */
export async function runMatrixRow(harness: MatrixHarness, row: MatrixRow): Promise<void> {
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
  const auth = role === 'anonymous' ? {} : { Authorization: await fake.bearer(caller(role)) };
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
      agencyId: 'agency-shangba',
    });
    if (stored) {
      await fake.documentStore.put(documentKey(target, id), pdf);
      await fake.documents.markStored(target, id, { staffId: 'med-x', agencyId: 'agency-shangba' });
    }
    return id;
  };
  const pendingDocument = await seedDocument(false);
  const storedDocument = await seedDocument(true);

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
  }[operationId];
  if (!send) throw new Error(`no request for ${operationId}`);
  const res = await send();
  expect(res.status).toBe(expected);
  if (res.status === 404 || res.status === 403) expect(JSON.stringify(res.body)).not.toContain('leaning wall');
}
