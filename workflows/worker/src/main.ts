/**
 * The dispute worker process: runs the dispute workflows and their activities. SIGINT/SIGTERM drain it
 * gracefully (the SDK's default shutdown signals); anything in flight is retried by Temporal elsewhere.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadWorkerConfig } from './config';
import { startWorkerHealth } from './health';
import { createDisputeWorker, reportRefusalsPeriodically } from './run-worker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const level = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'DEBUG' : 'INFO';
  Runtime.install({ logger: new DefaultLogger(level) });
  const { worker, connection, refusals } = await createDisputeWorker(config);
  console.log(`dispute worker polling ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE})`);
  const stopReporting = reportRefusalsPeriodically(refusals, (message) => Runtime.instance().logger.warn(message));
  const health =
    config.HEALTH_PORT === undefined
      ? undefined
      : await startWorkerHealth({
          port: config.HEALTH_PORT,
          host: config.HOST,
          isPolling: () => worker.getState() === 'RUNNING',
        });
  try {
    await worker.run();
  } finally {
    stopReporting();
    health?.close();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
