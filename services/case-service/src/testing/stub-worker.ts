/**
 * A worker for stub workflows on the shared Temporal test server, on a task queue of its own so no other test's
 * worker ever sees its runs: connects, bundles the stubs quietly, runs them, and on `stop` terminates every workflow
 * the test started and closes what it opened.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { testStack } from '@gongzhi/testing';

export interface StubWorker {
  client: Client;
  taskQueue: string;
  /** Remembers a workflow id so `stop` terminates it. */
  track(workflowId: string): void;
  stop(): Promise<void>;
}

// Webpack's progress chatter is noise in test output; warnings and errors still show.
const ignore = (): void => undefined;
const quietBundler = {
  trace: ignore,
  debug: ignore,
  info: ignore,
  warn: console.warn,
  error: console.error,
  log: ignore,
};

export async function startStubWorker(options: {
  workflowsPath: string;
  taskQueuePrefix: string;
  activities?: object;
}): Promise<StubWorker> {
  const { temporalAddress } = testStack();
  const namespace = process.env['GONGZHI_TEST_TEMPORAL_NAMESPACE'] ?? 'default';
  const taskQueue = `${options.taskQueuePrefix}-${randomUUID()}`;
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, namespace });
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: options.workflowsPath, logger: quietBundler });
  const workerConnection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection: workerConnection,
    namespace,
    taskQueue,
    workflowBundle,
    ...(options.activities ? { activities: options.activities } : {}),
  });
  const running = worker.run();
  const started: string[] = [];
  return {
    client,
    taskQueue,
    track: (workflowId) => started.push(workflowId),
    async stop() {
      // Nothing of this test may be left running on the shared server.
      await Promise.all(
        started.map((id) =>
          client.workflow
            .getHandle(id)
            .terminate('test finished')
            .catch(() => undefined),
        ),
      );
      worker.shutdown();
      await running;
      await workerConnection.close();
      await connection.close();
    },
  };
}
