/**
 * A journey's own stack on Temporal's time-skipping test server (the one `deploy/local` provisions, never a download):
 * the services, the dispute worker and a console, as global setup starts them, but on ports of their own beside the
 * shared browser stack. The journey moves the workflows' clocks with `env.sleep`, so a timer days away (the acceptance
 * deadline that opens a 督办 task) fires at once; case-service and the console keep the machine's clock.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from '@gongzhi/testing/time-skipping';
import { type ConsoleStack, startConsoleStack } from './console-stack';

/**
 * Apart from the shared browser stack's 24031–24034 and its console, and from every e2e suite's ports; not the
 * console's port + 1 either, which is the test profile's party-service port.
 */
export const TIME_SKIPPING_PORTS = { party: 24081, case: 24082, agency: 24083, statistics: 24084 } as const;
export const TIME_SKIPPING_CONSOLE_PORT = 24080;

export interface TimeSkippingStack {
  /** The test server: `env.sleep(ms)` moves every workflow's clock on by `ms` and fires the timers due meanwhile. */
  env: TestWorkflowEnvironment;
  stack: ConsoleStack;
  stop(): Promise<void>;
}

export async function startTimeSkippingStack(): Promise<TimeSkippingStack> {
  // The search attributes the workflows upsert are registered on the new server before any worker polls it.
  const env = await createTimeSkippingEnv();
  let stack: ConsoleStack;
  try {
    stack = await startConsoleStack({
      servicePorts: TIME_SKIPPING_PORTS,
      consolePort: TIME_SKIPPING_CONSOLE_PORT,
      temporalAddress: env.address,
    });
  } catch (error) {
    await env.teardown().catch(() => undefined);
    throw error;
  }
  return {
    env,
    stack,
    async stop() {
      // The stack (and its workflows, which it ends) before the server they run on.
      try {
        await stack.stop();
      } finally {
        await env.teardown();
      }
    },
  };
}
