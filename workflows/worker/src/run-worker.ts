import { existsSync } from 'node:fs';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DISPUTE_TASK_QUEUE } from '@gongzhi/contracts';
import type { WorkerConfig } from './config';

export class MissingWorkflowBundleError extends Error {
  constructor(bundlePath: string) {
    super(
      `No workflow bundle at ${bundlePath}. Build it with \`npx nx run dispute-workflows:bundle\` ` +
        '(npm start and npm test do this for you). The worker never bundles at start-up, so production runs the tested bundle.',
    );
    this.name = 'MissingWorkflowBundleError';
  }
}

/** Connects to Temporal and creates the dispute worker from the prebuilt bundle. */
export async function createDisputeWorker(
  config: WorkerConfig,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  if (!existsSync(config.WORKFLOW_BUNDLE_PATH)) throw new MissingWorkflowBundleError(config.WORKFLOW_BUNDLE_PATH);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: DISPUTE_TASK_QUEUE,
      workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH },
      activities: {},
    });
    return { worker, connection };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
