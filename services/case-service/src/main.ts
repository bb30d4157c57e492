/** case-service process: owns the disputes' data and starts one workflow per case. */
import { postgresPoolConfig } from '@gongzhi/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { createTokenVerifier, readVerifierKeys } from '@gongzhi/auth';
import {
  createPrismaAuditTrail,
  readAuditChainKey,
  createPrismaIdempotencyStore,
  startServiceProcess,
  databaseReadiness,
  prismaRateLimitCounter,
} from '@gongzhi/http';
import { createKafkaClient, startConsumerInBackground, startConfiguredRelay } from '@gongzhi/outbox';
import { createAdminRepository } from './admin/stuck-scan/stuck-scan.repository';
import { createSavedViewsRepository } from './admin/saved-views/saved-views.repository';
import { cachedWorkingDayCalendar, createHttpWorkingDayCalendar } from './admin/working-day-calendar';
import { createRepairRepository } from './admin/repairs/repair.repository';
import { createRepairWorkflows, createWorkflowInspector, createCaseWorkflows } from '@gongzhi/dispute-client';
import { createHealthSweep } from './admin/workflow-health/workflow-health-sweep';
import { createWorkflowHealthRepository } from './admin/workflow-health/workflow-health.repository';
import { createCaseService } from './case-service';
import { createCasesRepository } from './cases/cases.repository';
import { sqlRowsOfPool } from './cases/case-reads';
import { createReportsRepository } from './reports/reports.repository';
import { createTasksRepository } from './tasks/tasks.repository';
import { loadCaseServiceConfig } from './config';
import { createConfiguredDocumentStore } from './documents/configured-document-store';
import { createHttpStaffDirectory, withKnownVillages } from './staff/staff-directory';
import { createHttpPartyDirectory } from './parties/party-directory';
import { createDocumentsRepository } from './documents/documents.repository';
import { createCaseEvents } from './events/case-events';
import { createPartyRiskConsumer } from './party-risk/party-risk-consumer';
import { createPartyRiskWorkflows } from './party-risk/party-risk-workflows';
import { createStaffChangesConsumer, staffChangesGroupOf } from './staff-changes/staff-changes-consumer';
import { PrismaClient } from './generated/prisma/client';

startServiceProcess('case-service', loadCaseServiceConfig, async ({ config, logger }) => {
  const auditChainKey = readAuditChainKey(config.AUDIT_CHAIN_KEY_FILE);
  // One pool for Prisma and for the plain-SQL case reads (cases/case-reads.ts): one set of connections to size, closed
  // with Prisma.
  const pool = new Pool(postgresPoolConfig(config.DATABASE_URL));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  // Connection.lazy: the service starts (and reports not-ready) even while Temporal is still coming up.
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const inspector = createWorkflowInspector(client);
  const health = createWorkflowHealthRepository(prisma);
  const documentStore = createConfiguredDocumentStore(config, logger);
  logger.info(documentStore.description, 'document store');
  const events = createCaseEvents(config.KAFKA_TOPIC_CASE_EVENTS, {
    onSkipped: (skipped) => logger.warn(skipped, 'a workflow event broke its event contract: recorded, not published'),
  });

  const { app, cases, repairs } = createCaseService({
    logger,
    trustedProxies: config.TRUSTED_PROXIES,
    repository: createCasesRepository(prisma, events, sqlRowsOfPool(pool)),
    reports: createReportsRepository(prisma, events),
    documents: createDocumentsRepository(prisma),
    tasks: createTasksRepository(prisma),
    staff: withKnownVillages(
      createHttpStaffDirectory({
        baseUrl: config.AGENCY_SERVICE_URL,
        timeoutMs: config.AGENCY_SERVICE_TIMEOUT_MS,
      }),
    ),
    parties: createHttpPartyDirectory({
      baseUrl: config.PARTY_SERVICE_URL,
      timeoutMs: config.PARTY_SERVICE_TIMEOUT_MS,
    }),
    documentStore: documentStore.store,
    documentFontFile: config.CASE_DOCUMENT_FONT_FILE,
    workflows: createCaseWorkflows(client, config.TEMPORAL_TASK_QUEUE),
    admin: {
      repository: createAdminRepository(prisma),
      inspector,
      health,
      calendar: cachedWorkingDayCalendar(
        createHttpWorkingDayCalendar({
          baseUrl: config.AGENCY_SERVICE_URL,
          timeoutMs: config.AGENCY_SERVICE_TIMEOUT_MS,
        }),
        { ttlMs: config.ADMIN_CALENDAR_CACHE_MS },
      ),
      thresholds: config.ADMIN_STUCK_AFTER,
      views: createSavedViewsRepository(prisma),
      repairs: { repository: createRepairRepository(prisma, events), workflows: createRepairWorkflows(client) },
    },
    audit: createPrismaAuditTrail(prisma, { chainKey: auditChainKey }),
    idempotencyStore: createPrismaIdempotencyStore(prisma.idempotencyRecord),
    verifier: await createTokenVerifier(readVerifierKeys(config)),
    // Counted in the service's database: every replica behind the balancer counts the same windows.
    rateLimitCounter: prismaRateLimitCounter(prisma),
    rateLimits: { perIp: config.RATE_LIMIT_PER_IP_PER_MINUTE, perUser: config.RATE_LIMIT_PER_USER_PER_MINUTE },
    readiness: {
      ...databaseReadiness(prisma),
      temporal: async () => {
        await connection.healthService.check({});
      },
    },
    // Reported, but a store outage fails uploads and downloads only: it must not take every replica out of service.
    degradedWithout: { documents: () => documentStore.ready() },
  });

  // Repair batches a stop interrupted carry on: their remaining repairs are pending in the log.
  repairs?.resumeBatches().catch((error: unknown) => logger.warn({ err: error }, 'resuming repair batches failed'));

  const sweep = setInterval(() => {
    cases
      .resumeOpeningCases()
      .catch((error: unknown) => logger.warn({ err: error }, 'resume sweep failed; will retry'));
    // A batch a database outage left running is taken up again (its items hold leases: none runs twice).
    repairs?.resumeBatches().catch((error: unknown) => logger.warn({ err: error }, 'resuming repair batches failed'));
  }, config.RESUME_SWEEP_INTERVAL_MS);

  // Finds the workflows whose activity or workflow task keeps failing, so the stuck scan need not describe them all.
  const healthSweep = createHealthSweep({
    repository: health,
    inspector,
    logger,
    describesPerSecond: config.HEALTH_SWEEP_DESCRIBES_PER_SECOND,
    pauseMs: config.HEALTH_SWEEP_PAUSE_MS,
  });
  healthSweep.start();

  const relay = startConfiguredRelay('case-service', config, logger);

  // Risk flags set on parties in party-service reach the workflows of their open cases; the tasks of people deactivated
  // (or left without the roles) in agency-service go back to their queues.
  let partyRisk: { stop(): Promise<void> } | undefined;
  let staffChanges: { stop(): Promise<void> } | undefined;
  if (config.CASE_CONSUMER === 'on') {
    const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'case-service', logger });
    const topics = [config.KAFKA_TOPIC_PARTY_EVENTS];
    partyRisk = startConsumerInBackground({
      what: 'party events consumer (risk flags)',
      kafka,
      consumer: createPartyRiskConsumer({
        prisma,
        kafka,
        groupId: config.CASE_CONSUMER_GROUP,
        topics,
        deadLetterTopic: config.CASE_DLQ_TOPIC,
        workflows: createPartyRiskWorkflows(client),
        logger,
      }),
      topics,
      deadLetterTopic: config.CASE_DLQ_TOPIC,
      groupId: config.CASE_CONSUMER_GROUP,
      logger,
    });
    // A group of its own: members of one group that subscribe to different topics are not assigned them reliably.
    const staffTopics = [config.KAFKA_TOPIC_AGENCY_EVENTS];
    const staffGroup = staffChangesGroupOf(config.CASE_CONSUMER_GROUP);
    staffChanges = startConsumerInBackground({
      what: 'agency events consumer (staff changes)',
      kafka,
      consumer: createStaffChangesConsumer({
        prisma,
        kafka,
        groupId: staffGroup,
        topics: staffTopics,
        deadLetterTopic: config.CASE_DLQ_TOPIC,
        auditChainKey,
        logger,
      }),
      topics: staffTopics,
      deadLetterTopic: config.CASE_DLQ_TOPIC,
      groupId: staffGroup,
      logger,
    });
  }

  return {
    app,
    onShutdown: [
      async () => clearInterval(sweep),
      // Before Temporal and the database close: a flag being told (tasks being released) finishes, or is left
      // uncommitted for the restart.
      async () => {
        await Promise.all([partyRisk?.stop(), staffChanges?.stop()]);
      },
      () => healthSweep.stop(),
      async () => repairs?.idle(),
      // After the repairs: a repair finishing during shutdown writes its event, which this relay may still send.
      async () => relay?.stop(),
      () => connection.close(),
      async () => documentStore.close(),
      () => prisma.$disconnect(),
    ],
  };
});
