/**
 * The worker of the Temporal baselines, in its own process like the dispute worker, on its own task queue of the
 * bench stack's Temporal server. TEMPORAL_ADDRESS and BENCH_TASK_QUEUE come from the bench.
 */
import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { baselineActivities } from './activities';

async function main(): Promise<void> {
  const connection = await NativeConnection.connect({ address: process.env['TEMPORAL_ADDRESS'] ?? '' });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: process.env['BENCH_TASK_QUEUE'] ?? 'gongzhi-bench-baseline',
    workflowsPath: path.join(__dirname, 'workflows.ts'),
    activities: baselineActivities,
  });
  process.on('SIGTERM', () => worker.shutdown());
  console.log('baseline worker polling');
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
