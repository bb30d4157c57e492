import { existsSync } from 'node:fs';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createServiceTokenSource, readPem } from '@gongzhi/auth';
import type { DisputeActivities } from '@gongzhi/contracts';
import { createDisputeActivities } from './activities';
import { createAgencyApi } from './clients/agency-api';
import { createCaseApi } from './clients/case-api';
import type { WorkerConfig } from './config';
import { createRefusalCounter, createServiceClient, type RefusalCounter } from './http/service-client';

export class MissingWorkflowBundleError extends Error {
  constructor(bundlePath: string) {
    super(
      `No workflow bundle at ${bundlePath}. Build it with \`npx nx run dispute-workflows:bundle\` ` +
        '(npm start and npm test do this for you). The worker never bundles at start-up, so production runs the tested bundle.',
    );
    this.name = 'MissingWorkflowBundleError';
  }
}

function readPrivateKey(file: string): string {
  try {
    return readPem(file);
  } catch {
    throw new Error(
      `WORKER_PRIVATE_KEY_FILE (${file}) cannot be read: point it at the dispute worker's own PKCS#8 PEM private key.`,
    );
  }
}

/** The activities, wired to the services with the worker's own service identity. */
export async function createWorkerActivities(
  config: WorkerConfig,
  refusals: RefusalCounter = createRefusalCounter(),
): Promise<DisputeActivities> {
  const tokens = await createServiceTokenSource({
    privateKeyPem: readPrivateKey(config.WORKER_PRIVATE_KEY_FILE),
    ttlSeconds: config.SERVICE_TOKEN_TTL_SECONDS,
  });
  const client = (service: string, baseUrl: string) =>
    createServiceClient({ service, baseUrl, tokens, timeoutMs: config.SERVICE_REQUEST_TIMEOUT_MS, refusals });
  return createDisputeActivities({
    caseApi: createCaseApi(client('case-service', config.CASE_SERVICE_URL)),
    agencyApi: createAgencyApi(client('agency-service', config.AGENCY_SERVICE_URL)),
  });
}

/**
 * Logs the services' "not now" answers (429, 503 with Retry-After) every `everyMs` when there were new ones: the worker
 * is exempt from the services' limits, so any line here is worth a look. Returns the stop function.
 */
export function reportRefusalsPeriodically(
  refusals: RefusalCounter,
  log: (message: string) => void,
  everyMs = 60_000,
): () => void {
  let reported = 0;
  const timer = setInterval(() => {
    const total = refusals.total();
    if (total === reported) return;
    const byService = Object.entries(refusals.snapshot())
      .map(([key, count]) => `${key}: ${count}`)
      .join(', ');
    log(
      `services refused the worker ${total - reported} time(s) in the last ${everyMs / 1000} s (since start: ${byService})`,
    );
    reported = total;
  }, everyMs);
  // The report never keeps a draining worker alive.
  timer.unref();
  return () => clearInterval(timer);
}

/** Connects to Temporal and creates the dispute worker from the prebuilt bundle. */
export async function createDisputeWorker(
  config: WorkerConfig,
): Promise<{ worker: Worker; connection: NativeConnection; refusals: RefusalCounter }> {
  if (!existsSync(config.WORKFLOW_BUNDLE_PATH)) throw new MissingWorkflowBundleError(config.WORKFLOW_BUNDLE_PATH);
  const refusals = createRefusalCounter();
  // Before connecting: a missing key fails the start at once, not the first activity.
  const activities = await createWorkerActivities(config, refusals);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH },
      activities,
    });
    return { worker, connection, refusals };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
