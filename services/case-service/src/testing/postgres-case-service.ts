import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { postgresPoolConfig } from '@gongzhi/config';
import type { Principal } from '@gongzhi/contracts';
import {
  createServiceTokenSource,
  createTokenIssuer,
  createTokenVerifier,
  generateSigningKeyPair,
} from '@gongzhi/auth';
import { createPrismaAuditTrail, createLogger, createPrismaIdempotencyStore } from '@gongzhi/http';
import { createAdminRepository } from '../admin/stuck-scan/stuck-scan.repository';
import { createSavedViewsRepository } from '../admin/saved-views/saved-views.repository';
import type { StuckThresholds } from '../admin/stuck-scan/stuck-thresholds';
import type { WorkingDayCalendar } from '../admin/working-day-calendar';
import { createRepairRepository } from '../admin/repairs/repair.repository';
import { type RepairWorkflows, type WorkflowInspector } from '@gongzhi/dispute-client';
import { createHealthSweep } from '../admin/workflow-health/workflow-health-sweep';
import { createWorkflowHealthRepository } from '../admin/workflow-health/workflow-health.repository';
import { createCaseService } from '../case-service';
import { createFakeCaseWorkflows } from '../cases/cases.fakes';
import { createCasesRepository } from '../cases/cases.repository';
import { sqlRowsOfPool } from '../cases/case-reads';
import { createLocalDiskDocumentStore, type DocumentStore } from '../documents/document-store';
import type { CaseEvents } from '../events/case-events';
import { createDocumentsRepository } from '../documents/documents.repository';
import { PrismaClient } from '../generated/prisma/client';
import type { PartyDirectory } from '../parties/party-directory';
import { createInMemoryPartyDirectory } from '../parties/party-directory.fakes';
import { createReportsRepository } from '../reports/reports.repository';
import type { StaffDirectory } from '../staff/staff-directory';
import { createInMemoryStaffDirectory } from '../staff/staff-directory.fakes';
import { createTasksRepository } from '../tasks/tasks.repository';
import { TEST_AUDIT_CHAIN_KEY } from '@gongzhi/testing';

/** A stand-in for agency-service's calendar where every day is a working day (suites whose subject is not it). */
const everyDayWorks: WorkingDayCalendar = {
  addWorkingDays: async (from, days) => new Date(from.getTime() + days * 86_400_000),
};

/**
 * case-service on its real repositories, audit trail and document store (the disk, unless `options` plugs in another),
 * against the given database: what integration tests run when the subject is the service's data rules rather than its
 * workflows (Temporal, agency-service's
 * staff directory and party-service's parties are faked here, unless `options` plugs in the real agency-service — its
 * directory, and the public key that verifies the tokens it signs — or the real party-service's directory). The admin
 * routes exist only when `options.inspector` gives them a view of Temporal (and `options.calendar` agency-service's
 * working days: without one, every day is a working day), and `options.authPrivateKeyPem` signs the test's tokens with
 * the key a real agency-service verifies.
 */
export async function createPostgresCaseService(
  databaseUrl: string,
  documentsDir: string,
  options: {
    staff?: StaffDirectory;
    /** The real party-service's directory; an in-memory one (`partyDirectory`) otherwise. */
    parties?: PartyDirectory;
    authPublicKeyPem?: string;
    authPrivateKeyPem?: string;
    inspector?: WorkflowInspector;
    calendar?: WorkingDayCalendar;
    thresholds?: StuckThresholds;
    repairWorkflows?: RepairWorkflows;
    /** What the writes publish (a test's own topic); the default topic otherwise. */
    events?: CaseEvents;
    /** Where document bytes go (an S3 store on the test SeaweedFS); the disk under `documentsDir` otherwise. */
    documentStore?: DocumentStore;
  } = {},
) {
  // As main builds it: Prisma and the plain-SQL case reads on one pool.
  const pool = new Pool(postgresPoolConfig(databaseUrl));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  const keys = generateSigningKeyPair();
  const issuer = await createTokenIssuer({
    privateKeyPem: options.authPrivateKeyPem ?? keys.privateKeyPem,
    ttlSeconds: 600,
  });
  // The dispute worker signs its own workflow-engine tokens with a key pair of its own.
  const workerKeys = generateSigningKeyPair();
  const worker = await createServiceTokenSource({ privateKeyPem: workerKeys.privateKeyPem, ttlSeconds: 600 });
  const documents = createDocumentsRepository(prisma);
  const documentStore = options.documentStore ?? createLocalDiskDocumentStore(documentsDir);
  const tasks = createTasksRepository(prisma);
  const workflows = createFakeCaseWorkflows();
  // agency-service is faked here like Temporal; staff-directory.int-spec.ts checks the real one answers the same.
  const staffDirectory = createInMemoryStaffDirectory();
  // party-service likewise; case-parties.int-spec.ts checks the real one answers the same.
  const partyDirectory = createInMemoryPartyDirectory();
  const health = createWorkflowHealthRepository(prisma);
  const service = createCaseService({
    logger: createLogger('case-service', 'silent'),
    repository: createCasesRepository(prisma, options.events, sqlRowsOfPool(pool)),
    reports: createReportsRepository(prisma, options.events),
    documents,
    tasks,
    staff: options.staff ?? staffDirectory,
    parties: options.parties ?? partyDirectory,
    documentStore,
    workflows,
    ...(options.inspector
      ? {
          admin: {
            repository: createAdminRepository(prisma),
            inspector: options.inspector,
            health,
            calendar: options.calendar ?? everyDayWorks,
            ...(options.thresholds ? { thresholds: options.thresholds } : {}),
            views: createSavedViewsRepository(prisma),
            ...(options.repairWorkflows
              ? {
                  repairs: {
                    repository: createRepairRepository(prisma, options.events),
                    workflows: options.repairWorkflows,
                  },
                }
              : {}),
          },
        }
      : {}),
    audit: createPrismaAuditTrail(prisma, { chainKey: TEST_AUDIT_CHAIN_KEY }),
    idempotencyStore: createPrismaIdempotencyStore(prisma.idempotencyRecord),
    verifier: await createTokenVerifier({
      publicKeyPem: options.authPublicKeyPem ?? keys.publicKeyPem,
      workflowEnginePublicKeyPem: workerKeys.publicKeyPem,
    }),
    rateLimits: { perIp: 100_000, perUser: 100_000 },
  });
  const bearer = async (principal: Principal) => `Bearer ${(await issuer.issue(principal)).token}`;
  /** The dispute worker's Authorization header (role workflow-engine). */
  const engineBearer = async () => `Bearer ${await worker.token()}`;
  /** The health sweep as main runs it, one pass at a time when a test asks (no rate budget: tests do not wait). */
  const healthSweep = options.inspector
    ? createHealthSweep({
        repository: health,
        inspector: options.inspector,
        logger: createLogger('case-service', 'silent'),
        describesPerSecond: Number.POSITIVE_INFINITY,
      })
    : undefined;
  return {
    ...service,
    healthSweep,
    bearer,
    engineBearer,
    documents,
    tasks,
    staffDirectory,
    partyDirectory,
    documentStore,
    workflows,
    prisma,
  };
}
